/** Training cannot go on: names where it stopped (epochs and batches counted from 1, as the progress display shows them). */
export class TrainingError extends Error {
  constructor(
    message: string,
    /** Epoch index (from 0). */
    readonly epoch: number,
    /** Batch index within the epoch (from 0). */
    readonly batch: number,
    /** The head whose loss went bad, when one did. */
    readonly head?: string,
  ) {
    super(message);
    this.name = 'TrainingError';
  }
}

/** The error for a NaN / infinite loss, before the step is applied. */
export function nonFiniteLossError(
  where: { epoch: number; epochs: number; batch: number; batches?: number },
  loss: number,
  headLosses: Record<string, number>,
): TrainingError {
  const head = Object.keys(headLosses).find((name) => !Number.isFinite(headLosses[name]));
  const batches = where.batches === undefined ? '' : `/${where.batches}`;
  const culprit = head === undefined ? '' : ` (head '${head}': ${headLosses[head]})`;
  return new TrainingError(
    `Training stopped: the loss is ${loss} at epoch ${where.epoch + 1}/${where.epochs}, batch ${where.batch + 1}${batches}${culprit}. ` +
      'The model keeps the weights from before this batch.',
    where.epoch,
    where.batch,
    head,
  );
}
