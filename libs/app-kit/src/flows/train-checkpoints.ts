import * as tf from '@tensorflow/tfjs';
import { CallbackConfigInput, findCheckpoint, loadBundle } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';

/** Where `train` keeps its resumable checkpoints: beside the bundle folder, removed once the bundle is saved. */
export function checkpointDirFor(bundleDir: string): string {
  return `${path.resolve(bundleDir)}.checkpoints`;
}

/**
 * The checkpoint callback of a train run, and whether the run must put back its best weights from disk at the end:
 * when its early stopping restores best weights (from memory, which a resumed run lost), `best/` tracks the same
 * monitor; otherwise only `last/` is written.
 */
export function checkpointCallback(callbacks: readonly CallbackConfigInput[], dir: string): { callback: CallbackConfigInput; restoresBest: boolean } {
  const stopping = callbacks.find((c) => c.type === 'early-stopping' && c.restoreBestWeights);
  if (stopping?.type !== 'early-stopping') return { callback: { type: 'model-checkpoint', dir, saveBest: false }, restoresBest: false };
  const { monitor, mode, minDelta } = stopping;
  return { callback: { type: 'model-checkpoint', dir, monitor, mode, minDelta }, restoresBest: true };
}

/**
 * The checkpoint a `--resume`d run continues from (the last completed epoch of a run that was killed); undefined,
 * with a note, when there is none. Without `--resume`, the checkpoints of an unfinished run are not thrown away
 * silently: refused unless `overwrite` (then removed, so nothing of that run mixes into the new one, unless
 * `readOnly`: the ranks of a data-parallel run other than rank 0, which writes).
 */
export async function resumePoint(
  checkpoints: string,
  options: { resume?: boolean; overwrite?: boolean; readOnly?: boolean },
  log: (line: string) => void,
): Promise<string | undefined> {
  const last = await findCheckpoint(path.join(checkpoints, 'last'));
  if (options.resume) {
    log(last ? `--resume: continuing from ${last}` : `--resume: no checkpoint in ${checkpoints}: training from the start`);
    return last;
  }
  if (last && !options.overwrite) {
    throw new Error(`a run into the same folder was interrupted; its checkpoint is in ${checkpoints}: pass --resume to continue it, or --overwrite to start over`);
  }
  if (!options.readOnly) await removeCheckpoints(checkpoints);
  return undefined;
}

/**
 * Puts back the weights of the best epoch from the `best` checkpoint, as EarlyStopping's `restoreBestWeights`
 * does from memory: so a run resumed after a crash, whose memory lost them, ends with the weights an
 * uninterrupted run ends with.
 */
export async function restoreBestCheckpoint(model: tf.LayersModel, checkpoints: string): Promise<void> {
  const best = await findCheckpoint(path.join(checkpoints, 'best'));
  if (!best) return;
  const { model: saved } = await loadBundle(best);
  try {
    model.setWeights(saved.getWeights());
  } finally {
    saved.dispose();
  }
}

export async function removeCheckpoints(checkpoints: string): Promise<void> {
  await fs.rm(checkpoints, { recursive: true, force: true });
}
