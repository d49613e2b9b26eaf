import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { OptimizerFields } from './optimizer-fields';
import { TrainingOptimizer } from './training-optimizer';

export const RmspropConfigSchema = z
  .object({
    type: z.literal('rmsprop').describe('RMSprop: divide by a running RMS of the gradients.'),
    learningRate: OptimizerFields.learningRate.default(0.001).describe('Learning rate. Defaults to 0.001.'),
    rho: z.number().gt(0).lt(1).default(0.9).describe('Decay of the running mean of squared gradients. Defaults to 0.9.'),
    momentum: z.number().min(0).lt(1).default(0).describe('Momentum on the updates; 0 for none. Defaults to 0.'),
    epsilon: z.number().positive().default(1e-7).describe('Added inside the square root for stability. Defaults to 1e-7.'),
    centered: z.boolean().default(false).describe('Divide by the centred variance (subtract the mean gradient squared). Defaults to false.'),
    ...OptimizerFields.clipping,
  })
  .describe('RMSprop, with Keras 3 update rules.');

export type RmspropConfig = z.infer<typeof RmspropConfigSchema>;

/** `s ← ρs + (1−ρ)g²`, step `lr·g/√(s − ḡ² + ε)` (ḡ only when centred), through momentum when set. */
export class Rmsprop extends TrainingOptimizer {
  readonly name = 'rmsprop';
  protected readonly slotNames: readonly string[];

  constructor(private readonly config: RmspropConfig) {
    super(config.learningRate);
    this.slotNames = ['ms', ...(config.centered ? ['mg'] : []), ...(config.momentum > 0 ? ['momentum'] : [])];
  }

  protected update(variable: tf.Variable, gradient: tf.Tensor, slots: tf.Variable[], _step: tf.Scalar): void {
    const { rho, epsilon, centered, momentum } = this.config;
    const [ms] = slots;
    const newMs = tf.add(tf.mul(ms, rho), tf.mul(tf.square(gradient), 1 - rho));
    ms.assign(newMs);
    let denominator = tf.add(newMs, epsilon);
    if (centered) {
      const mg = slots[1];
      const newMg = tf.add(tf.mul(mg, rho), tf.mul(gradient, 1 - rho));
      mg.assign(newMg);
      denominator = tf.sub(denominator, tf.square(newMg));
    }
    const increment = tf.div(tf.mul(gradient, this.learningRate), tf.sqrt(denominator));
    if (momentum > 0) {
      const velocity = slots[slots.length - 1];
      const newVelocity = tf.add(tf.mul(velocity, momentum), increment);
      velocity.assign(newVelocity);
      variable.assign(tf.sub(variable, newVelocity));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }
}
