import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const ProgressDisplayConfigSchema = z
  .object({
    type: z.literal('progress').describe('Show epoch, batch, ETA and metrics while training.'),
    everyBatches: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('When stdout is not a terminal, also print a line every this many batches. Defaults to unset (one line per epoch).'),
  })
  .describe('Progress display: a live bar on a terminal, plain lines otherwise (logs, CI).');

export type ProgressDisplayConfig = z.infer<typeof ProgressDisplayConfigSchema>;

/** Where progress goes; `isTTY` picks the live bar. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function formatLogValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toFixed(4);
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatLogs(logs: Logs, separator: string): string {
  return Object.entries(logs)
    .map(([name, value]) => `${name}${separator}${formatLogValue(value)}`)
    .join(' ');
}

/**
 * Keras-style progress. On a terminal: one live line per epoch, `Epoch 2/10 3/8 [=====>·····] ETA 4s loss 0.6931`,
 * finished with the epoch's time and all its logs. Elsewhere: plain lines, `Epoch 2/10 8/8 1s loss=0.6931 …`.
 */
export class ProgressDisplay implements TrainerCallback {
  readonly rankZeroOnly = true;
  private epochStart = 0;
  private epoch = 0;
  private batchesSeen = 0;
  private readonly stream: ProgressStream;
  private readonly now: () => number;

  constructor(
    private readonly config: ProgressDisplayConfig = { type: 'progress' },
    io: { stream?: ProgressStream; now?: () => number } = {},
  ) {
    this.stream = io.stream ?? process.stdout;
    this.now = io.now ?? Date.now;
  }

  private header(ctx: TrainingContext): string {
    return `Epoch ${this.epoch + 1}/${ctx.epochs}`;
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.batchesSeen = 0;
    this.epochStart = this.now();
  }

  onBatchEnd(batch: number, logs: Logs, ctx: TrainingContext): void {
    const done = batch + 1;
    this.batchesSeen = done;
    const total = ctx.batchesPerEpoch;
    const elapsed = (this.now() - this.epochStart) / 1000;
    const eta = total ? ` ETA ${formatDuration((elapsed / done) * (total - done))}` : '';
    if (this.stream.isTTY) {
      const width = 20;
      const filled = total ? Math.min(width, Math.floor((done / total) * width)) : 0;
      const bar = total ? ` [${'='.repeat(Math.max(filled - 1, 0))}${filled > 0 ? '>' : ''}${'·'.repeat(width - filled)}]` : '';
      this.stream.write(`\r\x1b[K${this.header(ctx)} ${done}/${total ?? '?'}${bar}${eta} ${formatLogs(logs, ' ')}`);
    } else if (this.config.everyBatches && done % this.config.everyBatches === 0) {
      this.stream.write(`${this.header(ctx)} batch ${done}/${total ?? '?'}${eta} ${formatLogs(logs, '=')}\n`);
    }
  }

  onEpochEnd(_epoch: number, logs: Logs, ctx: TrainingContext): void {
    const seconds = formatDuration((this.now() - this.epochStart) / 1000);
    const batches = ctx.batchesPerEpoch ?? this.batchesSeen;
    const line = `${this.header(ctx)} ${batches}/${batches} ${seconds} ${formatLogs(logs, this.stream.isTTY ? ' ' : '=')}\n`;
    this.stream.write(this.stream.isTTY ? `\r\x1b[K${line}` : line);
  }
}
