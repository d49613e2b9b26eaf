import * as path from 'path';
import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';
import { Monitor, MonitorFields } from './monitor';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const ModelCheckpointConfigSchema = z
  .object({
    type: z.literal('model-checkpoint').describe('Save resumable checkpoints while training.'),
    dir: z.string().min(1).describe('Folder that receives `last/` and `best/`.'),
    saveLast: z.boolean().default(true).describe('Write `last/` after every epoch (what a resumed run starts from). Defaults to true.'),
    saveBest: z.boolean().default(true).describe('Write `best/` whenever `monitor` improves. Defaults to true.'),
    ...MonitorFields,
  })
  .describe('ModelCheckpoint: each checkpoint is a bundle plus optimizer state, epoch and RNG state, written atomically (temp folder, then rename).');

export type ModelCheckpointConfig = z.infer<typeof ModelCheckpointConfigSchema>;

/** Writes `<dir>/last` every epoch and `<dir>/best` on improvement; runs after the other callbacks (order 100). */
export class ModelCheckpoint implements TrainerCallback {
  readonly rankZeroOnly = true;
  readonly order = 100;
  readonly stateKey = 'model-checkpoint';
  private readonly monitor: Monitor;
  private best: number | undefined;

  constructor(private readonly config: ModelCheckpointConfig) {
    this.monitor = new Monitor(config.monitor, config.mode, config.minDelta, 'ModelCheckpoint');
  }

  get lastDir(): string {
    return path.join(this.config.dir, 'last');
  }

  get bestDir(): string {
    return path.join(this.config.dir, 'best');
  }

  getState(): { best?: number } {
    return { best: this.best };
  }

  setState(state: unknown): void {
    this.best = (state as { best?: number }).best;
  }

  async onEpochEnd(_epoch: number, logs: Logs, ctx: TrainingContext): Promise<void> {
    if (this.config.saveBest) {
      const value = this.monitor.read(logs);
      if (this.monitor.improves(value, this.best)) {
        this.best = value;
        await ctx.saveCheckpoint(this.bestDir);
      }
    }
    if (this.config.saveLast) await ctx.saveCheckpoint(this.lastDir);
  }
}
