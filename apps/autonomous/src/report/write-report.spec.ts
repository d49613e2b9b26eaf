import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExperimentResults } from '../experiments/run-experiments';
import { VariantRun } from '../experiments/train-variant';
import { MANOEUVRES } from '../scene/planner';
import { slug } from './report-charts';
import { writeReport } from './write-report';

const confusion = { classes: [...MANOEUVRES], counts: MANOEUVRES.map((_, r) => MANOEUVRES.map((__, c) => (r === c ? 5 : 1))) };
const run = (name: string, accuracy: number): VariantRun => ({
  name,
  history: { loss: [1, 0.5], val_loss: [1.1, 0.7], manoeuvre_accuracy: [0.5, 0.7], val_manoeuvre_accuracy: [0.4, 0.6] },
  tests: { full: { accuracy, confusion }, no_camera: { accuracy: accuracy - 0.2, confusion }, no_lidar: { accuracy: accuracy - 0.1, confusion } },
  parameters: 1234,
  seconds: 3,
});
const results: ExperimentResults = {
  measuredAt: '2026-11-27T03:00:00.000Z',
  backend: 'torch',
  settings: { scenes: 100, epochs: 2, robotEpochs: 2, seed: 1 },
  scenes: {
    scenes: 100,
    classCounts: Object.fromEntries(MANOEUVRES.map((m) => [m, 10])),
    split: { train: 80, val: 10, test: 10 },
    runs: [
      { ...run('camera', 0.5), variant: 'camera', modalityDropout: 0 },
      { ...run('concat + modality dropout 0.3', 0.8), variant: 'concat', modalityDropout: 0.3 },
    ],
  },
  robotSkipped: 'no data set',
};

describe('writeReport', () => {
  it('writes docs/autonomous.md with the measured tables and regenerates every chart as SVG and PNG', async () => {
    const docs = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-report-'));
    try {
      const source = path.join(docs, 'results.json');
      await fs.writeFile(source, JSON.stringify(results));
      const file = await writeReport({ docs, results: source });
      const md = await fs.readFile(file, 'utf8');
      expect(md).toContain('backend `torch`');
      expect(md).toContain('| camera | 1234 | 2 (cap) | 50.0 % |');
      expect(md).toContain('| concat + modality dropout 0.3 | 80.0 % | 60.0 % | 70.0 % |');
      expect(md).toContain('Not run: no data set');
      const charts = ['scenes-val-accuracy', 'scenes-val-loss', 'confusion-camera', `confusion-${slug('concat + modality dropout 0.3')}`];
      for (const chart of charts) {
        expect(md).toContain(`](autonomous/${chart}.svg)`);
        const png = await fs.readFile(path.join(docs, 'autonomous', `${chart}.png`));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(await fs.readFile(path.join(docs, 'autonomous', `${chart}.svg`), 'utf8')).toMatch(/^<svg|^<\?xml/);
      }
      expect(md).toContain('](autonomous/sample-frames.png)');
      await expect(writeReport({ docs, results: path.join(docs, 'none.json') })).rejects.toThrow('run `mimo autonomous experiments` first');
    } finally {
      await fs.rm(docs, { recursive: true, force: true });
    }
  });
});
