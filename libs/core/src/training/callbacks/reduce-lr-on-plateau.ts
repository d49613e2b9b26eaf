import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';
import { Monitor, MonitorFields } from './monitor';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const ReduceLROnPlateauConfigSchema = z
  .object({
    type: z.literal('reduce-lr-on-plateau').describe('Lower the learning rate when a monitored value stops improving.'),
    ...MonitorFields,
    factor: z.number().gt(0).lt(1).default(0.1).describe('New rate = rate · factor. Defaults to 0.1.'),
    patience: z.number().int().nonnegative().default(10).describe('Epochs without improvement before lowering. Defaults to 10.'),
    cooldown: z.number().int().nonnegative().default(0).describe('Epochs to wait after a reduction before counting again. Defaults to 0.'),
    minLearningRate: z.number().nonnegative().default(0).describe('The rate never goes below this (Keras `min_lr`). Defaults to 0.'),
  })
  .describe('ReduceLROnPlateau (Keras semantics).');

export type ReduceLROnPlateauConfig = z.infer<typeof ReduceLROnPlateauConfigSchema>;

interface PlateauState {
  best?: number;
  wait: number;
  cooldown: number;
}

/** Multiplies the optimizer's learning rate by `factor` after `patience` epochs without improvement. */
export class ReduceLROnPlateau implements TrainerCallback {
  readonly stateKey = 'reduce-lr-on-plateau';
  private readonly monitor: Monitor;
  private state: PlateauState = { wait: 0, cooldown: 0 };

  constructor(private readonly config: ReduceLROnPlateauConfig) {
    this.monitor = new Monitor(config.monitor, config.mode, config.minDelta, 'ReduceLROnPlateau');
  }

  getState(): PlateauState {
    return { ...this.state };
  }

  setState(state: unknown): void {
    this.state = { ...(state as PlateauState) };
  }

  onEpochEnd(_epoch: number, logs: Logs, ctx: TrainingContext): void {
    const value = this.monitor.read(logs);
    if (this.state.cooldown > 0) {
      this.state.cooldown -= 1;
      this.state.wait = 0;
    }
    if (this.monitor.improves(value, this.state.best)) {
      this.state.best = value;
      this.state.wait = 0;
    } else if (this.state.cooldown === 0) {
      this.state.wait += 1;
      if (this.state.wait >= this.config.patience && ctx.learningRate > this.config.minLearningRate) {
        ctx.learningRate = Math.max(ctx.learningRate * this.config.factor, this.config.minLearningRate);
        this.state.cooldown = this.config.cooldown;
        this.state.wait = 0;
      }
    }
  }
}
