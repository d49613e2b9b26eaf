import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { OptimizerFields } from './optimizer-fields';
import { TrainingOptimizer } from './training-optimizer';

export const SgdConfigSchema = z
  .object({
    type: z.literal('sgd').describe('Stochastic gradient descent, optionally with (Nesterov) momentum.'),
    learningRate: OptimizerFields.learningRate.default(0.01).describe('Learning rate. Defaults to 0.01.'),
    momentum: z.number().min(0).lt(1).default(0).describe('Momentum; 0 for plain SGD. Defaults to 0.'),
    nesterov: z.boolean().default(false).describe('Use Nesterov momentum (needs momentum > 0). Defaults to false.'),
    ...OptimizerFields.clipping,
  })
  .describe('SGD, with Keras 3 update rules.');

export type SgdConfig = z.infer<typeof SgdConfigSchema>;

/** Plain: `w ← w − lr·g`. Momentum: `u ← μu − lr·g`, `w ← w + u` (Nesterov: `w ← w + μu − lr·g`). */
export class Sgd extends TrainingOptimizer {
  readonly name = 'sgd';
  protected readonly slotNames: readonly string[];

  constructor(private readonly config: SgdConfig) {
    super(config.learningRate);
    if (config.nesterov && config.momentum === 0) throw new Error('sgd: nesterov needs momentum > 0. Received: momentum=0');
    this.slotNames = config.momentum > 0 ? ['momentum'] : [];
  }

  protected update(variable: tf.Variable, gradient: tf.Tensor, slots: tf.Variable[], _step: tf.Scalar): void {
    const step = tf.mul(gradient, this.learningRate);
    if (this.config.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const [velocity] = slots;
    const newVelocity = tf.sub(tf.mul(velocity, this.config.momentum), step);
    velocity.assign(newVelocity);
    variable.assign(this.config.nesterov ? tf.sub(tf.add(variable, tf.mul(newVelocity, this.config.momentum)), step) : tf.add(variable, newVelocity));
  }
}
