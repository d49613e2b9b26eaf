import { existsSync } from 'fs';
import * as path from 'path';
import { datasetsDir } from '@mimo/data';
import { runRobotExperiment } from './robot-experiment';

const file = path.join(datasetsDir(), 'wall-following-robot', 'sensor_readings_24.data');
const present = existsSync(file);
if (!present) console.warn(`DATA SET MISSING: ${file} does not exist, so the robot experiment test is SKIPPED. Set MIMO_DATASETS.`);

describe('runRobotExperiment', () => {
  (present ? it : it.skip)('trains the LIDAR branch on the wall-following robot for one epoch', async () => {
    const result = await runRobotExperiment({ epochs: 1 });
    expect(result.rows).toBe(5456);
    expect(result.run.tests.full.confusion.classes).toEqual(['Move-Forward', 'Sharp-Right-Turn', 'Slight-Left-Turn', 'Slight-Right-Turn']);
    expect(result.run.tests.full.accuracy).toBeGreaterThan(0.5);
    expect(result.references).toEqual({ mlp: 0.94, treeEnsembles: 0.99 });
  });
});
