import * as path from 'path';
import { z } from 'zod';
import { TensorBoardWriter } from '../../tensorboard';
import { Logs } from '../metrics/head-metrics';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const TensorBoardConfigSchema = z
  .object({
    type: z.literal('tensorboard').describe('Write TensorBoard event files (no tfjs-node needed).'),
    logDir: z.string().min(1).describe('Folder for the run; training goes to `train/`, validation to `validation/`.'),
    histogramFreq: z.number().int().nonnegative().default(1).describe('Epochs between weight histograms; 0 for none. Defaults to 1.'),
  })
  .describe('TensorBoard: per-epoch scalars (loss and every metric of every head, learning rate) and weight histograms, as Keras lays them out.');

export type TensorBoardConfig = z.infer<typeof TensorBoardConfigSchema>;

/**
 * Keras's layout: `<logDir>/train` gets `epoch_loss`, `epoch_<head>_loss`, `epoch_<head>_<metric>`,
 * `epoch_learning_rate` and one histogram per weight (tagged with the weight's name); `<logDir>/validation` gets
 * the `val_` values under the same tags, so TensorBoard draws train and validation on one chart. Step = epoch.
 */
export class TensorBoardLogger implements TrainerCallback {
  readonly rankZeroOnly = true;
  private train: TensorBoardWriter | undefined;
  private validation: TensorBoardWriter | undefined;

  constructor(private readonly config: TensorBoardConfig) {}

  async onTrainBegin(): Promise<void> {
    this.train = await TensorBoardWriter.create(path.join(this.config.logDir, 'train'));
  }

  async onEpochEnd(epoch: number, logs: Logs, ctx: TrainingContext): Promise<void> {
    const train = this.train;
    if (!train) return;
    for (const [name, value] of Object.entries(logs)) {
      if (name.startsWith('val_')) {
        this.validation ??= await TensorBoardWriter.create(path.join(this.config.logDir, 'validation'));
        this.validation.scalar(`epoch_${name.slice(4)}`, value, epoch);
      } else {
        train.scalar(`epoch_${name}`, value, epoch);
      }
    }
    if (this.config.histogramFreq > 0 && epoch % this.config.histogramFreq === 0) {
      for (const weight of ctx.model.weights) train.histogram(weight.originalName, await weight.read().data(), epoch);
    }
    await Promise.all([train.flush(), this.validation?.flush()]);
  }

  async onTrainEnd(): Promise<void> {
    await Promise.all([this.train?.close(), this.validation?.close()]);
    this.train = undefined;
    this.validation = undefined;
  }
}
