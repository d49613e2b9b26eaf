import { generateFrames } from './generate-scenes';
import { MANOEUVRES } from './planner';

describe('generateFrames', () => {
  it('gives the same frames for the same seed, byte for byte', () => {
    const a = generateFrames({ count: 5, seed: 7 });
    const b = generateFrames({ count: 5, seed: 7 });
    expect(a.map((f) => [f.id, Array.from(f.camera), f.ranges, f.label])).toEqual(b.map((f) => [f.id, Array.from(f.camera), f.ranges, f.label]));
    expect(generateFrames({ count: 5, seed: 8 })[0].camera).not.toEqual(a[0].camera);
  });

  it('labels every manoeuvre, none below 4 % of 1000 frames', () => {
    const frames = generateFrames({ count: 1000 });
    expect(frames[0]).toMatchObject({ id: 'scene_00000' });
    expect(frames[0].ranges).toHaveLength(24);
    for (const manoeuvre of MANOEUVRES) expect(frames.filter((f) => f.label === manoeuvre).length).toBeGreaterThan(40);
  });
});
