import { existsSync } from 'fs';
import * as path from 'path';
import { datasetsDir } from '@mimo/data';
import { autonomousPlugin } from '../plugin/autonomous-plugin';
import { runRobotExperiment } from './robot-experiment';

const file = path.join(datasetsDir(), 'wall-following-robot', 'sensor_readings_24.data');
const present = existsSync(file);
if (!present) console.warn(`DATA SET MISSING: ${file} does not exist, so the robot experiment test is SKIPPED. Set MIMO_DATASETS.`);

describe('runRobotExperiment', () => {
  (present ? it : it.skip)('trains on the wall-following robot through the app\'s train (a LIDAR-only manifest) and a plain MLP beside it', async () => {
    const result = await runRobotExperiment(autonomousPlugin, { seeds: [1], baselineEpochs: 1, log: () => undefined });
    expect(result.rows).toBe(5456);
    expect(result.split).toEqual({ train: 4364, val: 547, test: 545 });
    const [run] = result.train.runs;
    expect(run.confusion.classes).toEqual(['Move-Forward', 'Sharp-Right-Turn', 'Slight-Left-Turn', 'Slight-Right-Turn']);
    expect(run.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(result.split.test);
    // The ranges' piecewise-linear encoding learns this split well within train's default epochs.
    expect(run.accuracy).toBeGreaterThan(0.9);
    expect(result.train.mean).toBe(run.accuracy);
    expect(result.baseline.tests.full.confusion.classes).toEqual(run.confusion.classes);
    expect(result.references).toEqual({ mlp: 0.94, treeEnsembles: 0.99 });
  }, 120_000);
});
