import { runSceneExperiments } from './scene-experiments';

describe('runSceneExperiments (tiny)', () => {
  it('trains the four variants and the two modality-dropout runs, each tested with both, no camera and no LIDAR', async () => {
    const lines: string[] = [];
    const result = await runSceneExperiments({ scenes: 60, epochs: 1, log: (line) => lines.push(line) });
    expect(result.runs.map((r) => r.name)).toEqual(['camera', 'lidar', 'concat', 'gated', 'concat + modality dropout 0.3', 'gated + modality dropout 0.3']);
    expect(result.split.train + result.split.val + result.split.test).toBe(60);
    for (const run of result.runs) {
      expect(Object.keys(run.tests)).toEqual(['full', 'no_camera', 'no_lidar']);
      expect(run.tests.full.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(result.split.test);
      expect(run.history.val_manoeuvre_accuracy).toHaveLength(1);
    }
    expect(lines).toHaveLength(6);
  });
});
