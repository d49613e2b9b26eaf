import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { buildDenseStack, DenseStackFields } from '../blocks/dense-stack';
import { EncoderDefinition } from './encoded-input';

export const CnnEncoderConfigSchema = z
  .object({
    type: z.literal('cnn').describe('Stack of Conv2D blocks over an image.'),
    filters: z.array(z.number().int().positive()).min(1).default([32]).describe('Filters of each Conv2D block, in order. Defaults to [32].'),
    kernelSize: z.number().int().positive().default(3).describe('Square kernel size of every Conv2D. Defaults to 3.'),
    padding: z.enum(['same', 'valid']).default('same').describe('Conv2D padding. Defaults to same.'),
    pooling: z.boolean().default(true).describe('2×2 max pooling after each block. Defaults to true.'),
    output: z
      .enum(['flatten', 'global-average'])
      .default('flatten')
      .describe('How the last feature map becomes a vector. Defaults to flatten.'),
    ...DenseStackFields,
    units: DenseStackFields.units.default([]).describe('Dense layers after the feature vector. Defaults to [] (none).'),
    convBatchNorm: z.boolean().default(false).describe('Batch normalisation between each Conv2D and its ReLU. Defaults to false.'),
  })
  .describe('CNN encoder: `[batch, h, w, c] float32 → [batch, d] float32`; patches `[batch, h′·w′, filters]` for attention.');

export type CnnEncoderConfig = z.infer<typeof CnnEncoderConfigSchema>;

export const cnnEncoder: EncoderDefinition<CnnEncoderConfig> = {
  accepts: ['image'],
  build: ({ input, config, ctx }) => {
    let map = input;
    config.filters.forEach((filters, i) => {
      map = tf.layers
        .conv2d({
          filters,
          kernelSize: config.kernelSize,
          padding: config.padding,
          // With batch norm the ReLU comes after it (and the norm's offset makes a conv bias redundant).
          activation: config.convBatchNorm ? 'linear' : 'relu',
          useBias: !config.convBatchNorm,
          kernelInitializer: ctx.kernelInitializer(),
          name: ctx.name(`conv_${i + 1}`),
        })
        .apply(map) as tf.SymbolicTensor;
      if (config.convBatchNorm) {
        map = tf.layers.batchNormalization({ name: ctx.name(`conv_bn_${i + 1}`) }).apply(map) as tf.SymbolicTensor;
        map = tf.layers.reLU({ name: ctx.name(`conv_relu_${i + 1}`) }).apply(map) as tf.SymbolicTensor;
      }
      if (config.pooling) map = tf.layers.maxPooling2d({ poolSize: 2, name: ctx.name(`pool_${i + 1}`) }).apply(map) as tf.SymbolicTensor;
    });
    const [, height, width, channels] = map.shape as number[];
    if (height < 1 || width < 1) throw new Error(`cnn encoder '${ctx.name('')}': the image is too small for ${config.filters.length} blocks`);
    const vector =
      config.output === 'flatten'
        ? tf.layers.flatten({ name: ctx.name('flatten') }).apply(map)
        : tf.layers.globalAveragePooling2d({ name: ctx.name('gap') }).apply(map);
    // Each spatial position of the last map is one "patch" that another modality can attend over.
    const patches = tf.layers.reshape({ targetShape: [height * width, channels], name: ctx.name('patches') }).apply(map) as tf.SymbolicTensor;
    return { features: buildDenseStack(vector as tf.SymbolicTensor, config, ctx), sequence: patches };
  },
};
