import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';

/** Fields of every callback that watches one logged value. */
export const MonitorFields = {
  monitor: z.string().default('val_loss').describe('Logged value to watch, e.g. val_loss or val_outcome_auc. Defaults to val_loss.'),
  mode: z
    .enum(['auto', 'min', 'max'])
    .default('auto')
    .describe('Whether lower (min) or higher (max) is better; auto picks max for accuracy, AUC, precision, recall, F1 and R², else min. Defaults to auto.'),
  minDelta: z.number().nonnegative().default(0).describe('Smallest change that counts as an improvement. Defaults to 0.'),
};

const HIGHER_IS_BETTER = /(accuracy|auc|precision|recall|f1|r2)$/;

/** Tracks the best value of one logged number; `improves` says whether a value beats it by more than minDelta. */
export class Monitor {
  readonly higherIsBetter: boolean;

  constructor(
    readonly name: string,
    mode: 'auto' | 'min' | 'max',
    private readonly minDelta: number,
    private readonly owner: string,
  ) {
    this.higherIsBetter = mode === 'max' || (mode === 'auto' && HIGHER_IS_BETTER.test(name));
  }

  /** The monitored value in `logs`; throws, naming what is logged, when it is not there. */
  read(logs: Logs): number {
    const value = logs[this.name];
    if (value === undefined) {
      throw new Error(`${this.owner} monitors '${this.name}', which the logs do not have (logged: ${Object.keys(logs).join(', ')})`);
    }
    return value;
  }

  improves(value: number, best: number | undefined): boolean {
    if (Number.isNaN(value)) return false;
    if (best === undefined) return true;
    return this.higherIsBetter ? value - this.minDelta > best : value + this.minDelta < best;
  }
}
