import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { writeDirAtomically } from '../../bundle/atomic-dir';
import { Bundle, loadBundle, saveBundle } from '../../bundle/bundle';
import { bundleManifest, MANIFEST_FILE } from '../../bundle/bundle-manifest';
import { checkBundleTarget } from '../../bundle/bundle-target';
import { ModelSpec } from '../../spec/model-spec';
import { TrainingHistory } from '../callbacks/trainer-callback';
import { OptimizerState } from '../optimizers/training-optimizer';

/** Files a checkpoint adds to a bundle (the folder stays loadable with `loadBundle`). */
export const CHECKPOINT_FILES = { state: 'trainer-state.json', optimizer: 'optimizer-slots.bin' } as const;

/** Everything besides the weights that a resumed run needs to continue as if it had never stopped. */
export interface TrainerState {
  format: 'mimo-trainer-checkpoint';
  version: 1;
  /** Epochs finished; a resumed run starts at this epoch. */
  completedEpochs: number;
  /** Optimizer steps taken so far (dropout and augmentation seeds derive from it). */
  globalStep: number;
  /** The run's seed: with `completedEpochs` and `globalStep` it is the whole RNG state. */
  seed: number;
  history: TrainingHistory;
  /** Callback states by key (`<position>:<stateKey>`). */
  callbacks: Record<string, unknown>;
  optimizer: {
    name: string;
    iterations: number;
    learningRate: number;
    slotNames: string[];
    /** The trainable weights the slots belong to, in order. */
    variables: { name: string; shape: number[] }[];
  };
}

export interface Checkpoint {
  bundle: Bundle;
  state: TrainerState;
  optimizer: OptimizerState;
}

/**
 * Writes a checkpoint folder atomically: the model is saved as a bundle into a staging folder, then bundle
 * files, `trainer-state.json` and `optimizer-slots.bin` go through `writeDirAtomically` (temp folder, fsync,
 * rename), so a reader sees the previous checkpoint or the complete new one.
 */
export async function writeCheckpoint(
  dir: string,
  checkpoint: { model: tf.LayersModel; spec: ModelSpec; state: Omit<TrainerState, 'format' | 'version' | 'optimizer'>; optimizer: OptimizerState; variables: tf.Variable[] },
): Promise<void> {
  const target = path.resolve(dir);
  await checkBundleTarget(target);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const staging = await fs.mkdtemp(`${target}.staging-`);
  try {
    await saveBundle(path.join(staging, 'bundle'), { model: checkpoint.model, spec: checkpoint.spec, card: { completedEpochs: checkpoint.state.completedEpochs } });
    const files: Record<string, string | Uint8Array> = {};
    for (const name of await fs.readdir(path.join(staging, 'bundle'))) files[name] = await fs.readFile(path.join(staging, 'bundle', name));
    const { optimizer } = checkpoint;
    const state: TrainerState = {
      format: 'mimo-trainer-checkpoint',
      version: 1,
      ...checkpoint.state,
      optimizer: {
        name: optimizer.name,
        iterations: optimizer.iterations,
        learningRate: optimizer.learningRate,
        slotNames: optimizer.slotNames,
        variables: checkpoint.variables.map((v) => ({ name: v.name, shape: v.shape })),
      },
    };
    const slotValues = await Promise.all(optimizer.slots.flat().map((t) => t.data() as Promise<Float32Array>));
    files[CHECKPOINT_FILES.state] = JSON.stringify(state, null, 2);
    files[CHECKPOINT_FILES.optimizer] = concatBytes(slotValues);
    files[MANIFEST_FILE] = JSON.stringify(bundleManifest(files), null, 2);
    await writeDirAtomically(target, files);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

function concatBytes(arrays: Float32Array[]): Uint8Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return new Uint8Array(out.buffer);
}

/**
 * The folder holding the newest complete checkpoint at `dir`, or undefined. When a crash hit between
 * `writeDirAtomically`'s two renames, `dir` is missing and its previous version waits in `dir.old-*`: use that.
 */
export async function findCheckpoint(dir: string): Promise<string | undefined> {
  const target = path.resolve(dir);
  const complete = async (folder: string) =>
    fs
      .access(path.join(folder, CHECKPOINT_FILES.state))
      .then(() => true)
      .catch(() => false);
  if (await complete(target)) return target;
  const siblings = await fs.readdir(path.dirname(target)).catch(() => [] as string[]);
  const previous = siblings.filter((name) => name.startsWith(`${path.basename(target)}.old-`)).sort();
  for (const name of previous.reverse()) if (await complete(path.join(path.dirname(target), name))) return path.join(path.dirname(target), name);
  return undefined;
}

/** Reads a checkpoint written by `writeCheckpoint`; errors name the folder and what is wrong. */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const folder = await findCheckpoint(dir);
  if (!folder) throw new Error(`No checkpoint at ${path.resolve(dir)} (expected ${CHECKPOINT_FILES.state} in it)`);
  const state = JSON.parse(await fs.readFile(path.join(folder, CHECKPOINT_FILES.state), 'utf8')) as TrainerState;
  if (state.format !== 'mimo-trainer-checkpoint' || state.version !== 1) throw new Error(`${folder}: not a version 1 Mimo trainer checkpoint`);
  const bytes = await fs.readFile(path.join(folder, CHECKPOINT_FILES.optimizer));
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sizes = state.optimizer.variables.map((v) => v.shape.reduce((a, b) => a * b, 1));
  const expected = sizes.reduce((a, b) => a + b, 0) * state.optimizer.slotNames.length;
  if (values.length !== expected) throw new Error(`${path.join(folder, CHECKPOINT_FILES.optimizer)}: expected ${expected} values, found ${values.length}`);
  let offset = 0;
  const slots = state.optimizer.variables.map((v, i) =>
    state.optimizer.slotNames.map(() => {
      const t = tf.tensor(values.subarray(offset, offset + sizes[i]), v.shape, 'float32');
      offset += sizes[i];
      return t;
    }),
  );
  const bundle = await loadBundle(folder);
  const optimizer: OptimizerState = { name: state.optimizer.name, iterations: state.optimizer.iterations, learningRate: state.optimizer.learningRate, slotNames: state.optimizer.slotNames, slots };
  return { bundle, state, optimizer };
}
