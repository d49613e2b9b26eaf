import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, AdamUpdateAttrs, adamUpdateInputs } from '@mimo/kernels';
import { z } from 'zod';
import { OptimizerFields } from './optimizer-fields';
import { TrainingOptimizer, VariableUpdate } from './training-optimizer';
import { activeBackendRuns } from '../../backend-kernels';

export const AdamConfigSchema = z
  .object({
    type: z.literal('adam').describe('Adam: adaptive moments.'),
    learningRate: OptimizerFields.learningRate.default(0.001).describe('Learning rate. Defaults to 0.001.'),
    beta1: z.number().gt(0).lt(1).default(0.9).describe('Decay of the first-moment estimate. Defaults to 0.9.'),
    beta2: z.number().gt(0).lt(1).default(0.999).describe('Decay of the second-moment estimate. Defaults to 0.999.'),
    epsilon: z.number().positive().default(1e-7).describe('Added to the denominator for stability. Defaults to 1e-7.'),
    ...OptimizerFields.clipping,
  })
  .describe('Adam, with Keras 3 update rules.');

export type AdamConfig = z.infer<typeof AdamConfigSchema>;


/** `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `w ← w − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)`. */
export class Adam extends TrainingOptimizer {
  readonly name = 'adam';
  protected readonly slotNames = ['m', 'v'] as const;

  constructor(private readonly config: AdamConfig) {
    super(config.learningRate);
  }

  protected override updateAll(updates: readonly VariableUpdate[], step: tf.Scalar): void {
    // A backend may run every variable's update as one kernel (@mimo/backend-torch does); elsewhere the stock ops run.
    if (updates.length === 0 || !activeBackendRuns(ADAM_UPDATE_KERNEL)) return super.updateAll(updates, step);
    const inputs = adamUpdateInputs(updates.map(({ variable, gradient, slots: [m, v] }) => ({ variable, gradient, m, v })), step);
    const updated = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, { ...this.attrs() }) as tf.Tensor[];
    if (updated.length === 0) return; // written in place (the kernel's contract)
    updates.forEach(({ variable, slots: [m, v] }, i) => {
      variable.assign(updated[3 * i]);
      m.assign(updated[3 * i + 1]);
      v.assign(updated[3 * i + 2]);
    });
  }

  protected update(variable: tf.Variable, gradient: tf.Tensor, [m, v]: tf.Variable[], iteration: tf.Scalar): void {
    const [newVariable, newM, newV] = stockAdamUpdate(variable, gradient, m, v, this.attrs(), iteration.dataSync()[0]);
    variable.assign(newVariable);
    m.assign(newM);
    v.assign(newV);
  }

  private attrs(): AdamUpdateAttrs {
    const { beta1, beta2, epsilon } = this.config;
    return { beta1, beta2, epsilon, learningRate: this.learningRate };
  }
}

/** Update number `step` with tfjs ops: the new variable, m and v. */
function stockAdamUpdate(variable: tf.Tensor, gradient: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamUpdateAttrs, step: number): tf.Tensor[] {
  const alpha = (a.learningRate * Math.sqrt(1 - a.beta2 ** step)) / (1 - a.beta1 ** step);
  const newM = tf.add(tf.mul(m, a.beta1), tf.mul(gradient, 1 - a.beta1));
  const newV = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(gradient), 1 - a.beta2));
  return [tf.sub(variable, tf.div(tf.mul(newM, alpha), tf.add(tf.sqrt(newV), a.epsilon))), newM, newV];
}
