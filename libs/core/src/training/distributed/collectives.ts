import * as tf from '@tensorflow/tfjs';
import { DataParallelGroup } from './data-parallel-group';

/** Rank 0's weights (trainable or not) into every replica, so that all ranks start from the same model. */
export async function broadcastWeights(group: DataParallelGroup, model: tf.LayersModel): Promise<void> {
  const own = model.weights.map((w) => w.read());
  const root = await group.broadcast(own, 0);
  try {
    model.weights.forEach((w, i) => w.write(root[i]));
  } finally {
    tf.dispose(root);
  }
}

/**
 * Checks that every rank stands where rank 0 does (a resumed run: each rank read its checkpoint); throws,
 * naming both positions, on a rank that does not, since its steps would no longer pair with the others'.
 */
export async function checkSameProgress(group: DataParallelGroup, epochs: number, steps: number): Promise<void> {
  const own = tf.tensor1d([epochs, steps], 'float32');
  const [root] = await group.broadcast([own], 0).finally(() => own.dispose());
  const [rootEpochs, rootSteps] = Array.from((await root.data()) as Float32Array);
  root.dispose();
  if (rootEpochs !== epochs || rootSteps !== steps) {
    throw new Error(
      `rank ${group.rank} starts at epoch ${epochs + 1} (step ${steps}) but rank 0 at epoch ${rootEpochs + 1} (step ${rootSteps}): ` +
        'every rank of a resumed run needs the same checkpoint (on shared storage, or copied to each machine)',
    );
  }
}

/**
 * The mean of every rank's gradients (null stays null: it is null on every rank), and which ranks reported a
 * failure of their step. The flags travel in the same allreduce, so every rank learns of any failure at the
 * same step and they all stop together.
 */
export async function averageGradients(
  group: DataParallelGroup,
  gradients: (tf.Tensor | null)[],
  failed: boolean,
): Promise<{ gradients: (tf.Tensor | null)[]; failedRanks: number[] }> {
  const flags = tf.tensor1d(Array.from({ length: group.worldSize }, (_, rank) => (failed && rank === group.rank ? 1 : 0)), 'float32');
  const present = gradients.filter((g): g is tf.Tensor => g !== null);
  const [meanFlags, ...means] = await group.allreduceMean([flags, ...present]).finally(() => flags.dispose());
  const shares = (await meanFlags.data()) as Float32Array;
  meanFlags.dispose();
  let next = 0;
  return {
    gradients: gradients.map((g) => (g === null ? null : means[next++])),
    failedRanks: Array.from(shares, (share, rank) => (share > 0 ? rank : -1)).filter((rank) => rank >= 0),
  };
}

/**
 * The weighted mean over ranks of each named value: `Σ weight · value / Σ weight`. Every rank gets the same
 * numbers, so callbacks that decide on them (early stopping, reduce-LR-on-plateau) decide the same everywhere.
 */
export async function averageLogs(group: DataParallelGroup, logs: Record<string, number>, weight: number): Promise<Record<string, number>> {
  const names = Object.keys(logs).sort();
  const packed = tf.tensor1d([weight, ...names.map((name) => weight * logs[name])], 'float32');
  const [mean] = await group.allreduceMean([packed]).finally(() => packed.dispose());
  const values = (await mean.data()) as Float32Array;
  mean.dispose();
  return Object.fromEntries(names.map((name, i) => [name, values[i + 1] / values[0]]));
}
