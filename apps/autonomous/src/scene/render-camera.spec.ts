import { SeededRandom } from '@mimo/core';
import { renderCamera } from './render-camera';
import { Scene } from './scene';

const straight: Scene = { offset: 0, curvature: 0, halfWidth: 3, obstacles: [], lighting: 1 };
const mean = (pixels: Uint8Array): number => pixels.reduce((s, v) => s + v, 0) / pixels.length;
const orange = (pixels: Uint8Array): number => {
  let count = 0;
  for (let i = 0; i < pixels.length; i += 3) if (pixels[i] > 180 && pixels[i + 1] < 120 && pixels[i + 2] < 80) count++;
  return count;
};

describe('renderCamera', () => {
  it('draws a [32, 32, 3] uint8 image, fixed by the random stream', () => {
    const a = renderCamera(straight, new SeededRandom(1));
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a).toHaveLength(32 * 32 * 3);
    expect(renderCamera(straight, new SeededRandom(1))).toEqual(a);
    expect(renderCamera(straight, new SeededRandom(2))).not.toEqual(a);
  });

  it('has sky on top and road near the bottom centre', () => {
    const p = renderCamera(straight, new SeededRandom(1), { noise: 0 });
    expect(Array.from(p.slice(0, 3))).toEqual([120, 170, 230]);
    const bottomCentre = (31 * 32 + 10) * 3;
    expect(Array.from(p.slice(bottomCentre, bottomCentre + 3))).toEqual([90, 90, 95]);
  });

  it('shows obstacles as orange boxes, bigger when nearer', () => {
    const far = renderCamera({ ...straight, obstacles: [{ x: 0, y: 12, radius: 0.6, height: 1.2 }] }, new SeededRandom(1), { noise: 0 });
    const near = renderCamera({ ...straight, obstacles: [{ x: 0, y: 4, radius: 0.6, height: 1.2 }] }, new SeededRandom(1), { noise: 0 });
    expect(orange(renderCamera(straight, new SeededRandom(1), { noise: 0 }))).toBe(0);
    expect(orange(far)).toBeGreaterThan(0);
    expect(orange(near)).toBeGreaterThan(orange(far));
  });

  it('darkens with low lighting', () => {
    expect(mean(renderCamera({ ...straight, lighting: 0.5 }, new SeededRandom(1)))).toBeLessThan(0.6 * mean(renderCamera(straight, new SeededRandom(1))));
  });
});
