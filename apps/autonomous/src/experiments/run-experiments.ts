import { promises as fs } from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { describeBackend, initBackend } from '@mimo/backend';
import type { AppPlugin } from '@mimo/app-kit';
import { RobotExperimentResult, runRobotExperiment } from './robot-experiment';
import { runSceneExperiments, SceneExperimentResult } from './scene-experiments';

/** Everything `report` turns into docs/autonomous.md: measured, with the backend and the settings that made it. */
export interface ExperimentResults {
  measuredAt: string;
  backend: string;
  settings: { scenes: number; epochs: number; robotEpochs: number; seed: number };
  scenes: SceneExperimentResult;
  robot?: RobotExperimentResult;
  /** Why the robot run is missing (no data set), if it is. */
  robotSkipped?: string;
}

export const RESULTS_FILE = 'docs/autonomous/results.json';
/** The seeds of the robot's `train` runs. */
export const ROBOT_SEEDS = [1, 2, 3];

export interface RunExperimentsOptions {
  /** The app's plugin: the robot runs go through its `train`. */
  plugin: AppPlugin;
  scenes: number;
  epochs: number;
  robotEpochs: number;
  seed: number;
  out: string;
  backend?: string;
  log(line: string): void;
}

/** Runs the scene ablation / robustness study and the robot run, and writes the results JSON. */
export async function runExperiments(options: RunExperimentsOptions): Promise<ExperimentResults> {
  // The mimo CLI has already picked the backend (and stripped --backend); pick again only when asked to.
  if (options.backend) options.log(describeBackend(await initBackend({ backend: options.backend })));
  await tf.ready();
  let robot: RobotExperimentResult | undefined;
  let robotSkipped: string | undefined;
  try {
    robot = await runRobotExperiment(options.plugin, { seeds: ROBOT_SEEDS, baselineEpochs: options.robotEpochs, log: options.log });
    options.log(`robot: train test accuracy ${robot.train.mean.toFixed(4)} ± ${robot.train.std.toFixed(4)} over seeds ${ROBOT_SEEDS.join(', ')}; plain MLP ${robot.baseline.tests.full.accuracy.toFixed(4)}`);
  } catch (error) {
    robotSkipped = (error as Error).message;
    options.log(`robot: skipped (${robotSkipped})`);
  }
  const scenes = await runSceneExperiments({ scenes: options.scenes, epochs: options.epochs, seed: options.seed, log: options.log });
  const results: ExperimentResults = {
    measuredAt: new Date().toISOString(),
    backend: tf.getBackend(),
    settings: { scenes: options.scenes, epochs: options.epochs, robotEpochs: options.robotEpochs, seed: options.seed },
    scenes,
    robot,
    robotSkipped,
  };
  await fs.mkdir(path.dirname(options.out), { recursive: true });
  await fs.writeFile(options.out, `${JSON.stringify(results, null, 1)}\n`);
  options.log(`wrote ${options.out}`);
  return results;
}
