import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { EncoderDefinition } from './encoded-input';
import { unitsListSchema } from '../blocks/units-list';
import { buildRecurrent, recurrentGatesField, recurrentResetAfterField } from './recurrent';

export const TimeSeriesEncoderConfigSchema = z
  .object({
    type: z.literal('time-series').describe('LSTM, GRU or Conv1D over a time series.'),
    layer: z.enum(['lstm', 'gru', 'conv1d']).default('lstm').describe('Sequence layer. Defaults to lstm.'),
    units: unitsListSchema(64, 'Recurrent units or Conv1D filters of each layer'),
    gates: recurrentGatesField(),
    resetAfter: recurrentResetAfterField(),
    kernelSize: z.number().int().positive().default(3).describe('Conv1D kernel size (conv1d only). Defaults to 3.'),
    bidirectional: z.boolean().default(false).describe('Bidirectional recurrent layer (lstm / gru only). Defaults to false.'),
    masking: z
      .boolean()
      .default(false)
      .describe('Masking(0): all-zero time steps are padding and skipped (lstm / gru only). Defaults to false.'),
  })
  .describe('Time-series encoder: `[batch, steps, features] float32 → [batch, units] float32`, units of the last layer.');

export type TimeSeriesEncoderConfig = z.infer<typeof TimeSeriesEncoderConfigSchema>;

export const timeSeriesEncoder: EncoderDefinition<TimeSeriesEncoderConfig> = {
  accepts: ['sequence'],
  build: ({ input, config, ctx, needsSequence }) => {
    if (config.layer === 'conv1d') {
      let sequence = input;
      config.units.forEach((filters, i) => {
        const name = ctx.name(i === config.units.length - 1 ? 'conv1d' : `conv1d_${i + 1}`);
        sequence = tf.layers.conv1d({ filters, kernelSize: config.kernelSize, padding: 'same', activation: 'relu', kernelInitializer: ctx.kernelInitializer(), name }).apply(sequence) as tf.SymbolicTensor;
      });
      const features = tf.layers.globalAveragePooling1d({ name: ctx.name('gap') }).apply(sequence) as tf.SymbolicTensor;
      return { features, sequence };
    }
    const x = config.masking ? (tf.layers.masking({ maskValue: 0, name: ctx.name('masking') }).apply(input) as tf.SymbolicTensor) : input;
    return buildRecurrent(x, { cell: config.layer, gates: config.gates, resetAfter: config.resetAfter, units: config.units, bidirectional: config.bidirectional, needsSequence }, ctx);
  },
};
