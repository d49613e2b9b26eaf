import * as tf from '@tensorflow/tfjs';

/**
 * The ranks of a data-parallel run, as the trainer needs them: every rank holds a replica of the model and
 * trains on its own shard of each epoch. A backend implements the collectives (`@mimo/backend-torch`:
 * torch.distributed's c10d with Gloo); each returns new tensors and leaves its inputs alone, and fails, never
 * hangs, when a rank has gone or the group's timeout passes.
 */
export interface DataParallelGroup {
  /** This process's rank, 0 … worldSize − 1; rank 0 writes the run's files. */
  readonly rank: number;
  readonly worldSize: number;
  /** The mean over ranks of each tensor (float32; the same shapes on every rank), as new tensors. */
  allreduceMean(tensors: tf.Tensor[]): Promise<tf.Tensor[]>;
  /** Rank `root`'s values of each tensor, on every rank, as new tensors. */
  broadcast(tensors: tf.Tensor[], root: number): Promise<tf.Tensor[]>;
}
