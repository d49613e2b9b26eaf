import * as tf from '@tensorflow/tfjs';
import { HeadConfig } from '../heads';
import { ModelSpec } from '../spec/model-spec';
import { BASELINE_BY_KIND } from './input-baselines';
import { ScaledInputs } from './scaled-inputs';

export interface ExplainOptions {
  /** Points on the integrated-gradients path to start with (midpoint rule). Defaults to 64. */
  steps?: number;
  /** Most points before giving up on completeness; the steps double until it holds. Defaults to 512. */
  maxSteps?: number;
  /** Completeness tolerance: attributions must sum to output − baseline output within this share. Defaults to 0.01. */
  tolerance?: number;
  /** The output unit to explain per head; defaults to the predicted class (binary: the probability; regression: unit 0). */
  units?: Record<string, number>;
}

/** One input's part in a head's answer. */
export interface InputAttribution {
  /** The sum of its attributions: how much of (output − baseline output) this input accounts for. */
  total: number;
  /** One per feature / id / pixel channel, row-major in `shape` (the input's shape without the batch). */
  values: number[];
  shape: number[];
  /** What the input was compared with. */
  baseline: string;
}

/** Why one head gave its answer for one example. */
export interface HeadExplanation {
  /** The output unit explained (a class index, or 0). */
  unit: number;
  output: number;
  /** The output with every input at its baseline. */
  baselineOutput: number;
  /** Integrated gradients per input. */
  attributions: Record<string, InputAttribution>;
  /** Sum of all attributions against output − baselineOutput; `holds` when within the tolerance. */
  completeness: { sum: number; delta: number; error: number; steps: number; holds: boolean };
  /** The output with each input alone replaced by its baseline (modality ablation). */
  ablation: Record<string, number>;
}

function defaultUnit(head: HeadConfig, values: number[]): number {
  return head.type === 'multiclass' || head.type === 'multilabel' ? values.indexOf(Math.max(...values)) : 0;
}

/**
 * Integrated gradients of output `unit` of output `o` along the straight path from the baselines: one value per leaf
 * element. The midpoint rule (points at (k + ½) / steps) never evaluates the ends: at the baseline a ReLU network's
 * pre-activations are often exactly 0, where the gradient jumps, and the trapezoid rule's end points lost a
 * 1 / (2 · steps) share of the sum to it.
 */
function integratedGradients(scaled: ScaledInputs, inputs: string[], o: number, unit: number, steps: number): tf.Tensor[] {
  return tf.tidy(() => {
    const alphas = Array.from({ length: steps }, (_, k) => (k + 0.5) / steps);
    const path = scaled.scaledLeaves(Object.fromEntries(inputs.map((name) => [name, alphas])));
    const target = (...leaves: tf.Tensor[]) => scaled.outputs(leaves, steps)[o].slice([0, unit], [-1, 1]).sum() as tf.Scalar;
    const grads = tf.grads(target)(path);
    return grads.map((grad, i) => scaled.perElement(i, scaled.leaves[i].value.mul(grad.mean(0, true))).squeeze([0]));
  });
}

/** Each input's integrated gradients for output `unit` of output `o`, summed over the leaves it feeds. */
function attributeInputs(scaled: ScaledInputs, spec: ModelSpec, o: number, unit: number, steps: number): Record<string, InputAttribution> {
  const inputs = Object.keys(spec.inputs);
  const perLeaf = integratedGradients(scaled, inputs, o, unit, steps);
  try {
    return Object.fromEntries(
      inputs.map((name) => {
        const summed = tf.tidy(() => perLeaf.filter((_, i) => scaled.leaves[i].input === name).reduce((a, b) => a.add(b)));
        const values = Array.from(summed.dataSync());
        summed.dispose();
        return [name, { total: values.reduce((a, b) => a + b, 0), values, shape: summed.shape, baseline: BASELINE_BY_KIND[spec.inputs[name].kind] }];
      }),
    );
  } finally {
    tf.dispose(perLeaf);
  }
}

/**
 * Explains one example (`[1, …]` per input) of a model built from `spec`: per head, integrated gradients for each
 * input against its kind's baseline (Sundararajan et al. 2017), with completeness checked (the steps double
 * until the attributions sum to output − baseline output within `tolerance`), and a modality ablation.
 * Tensors are the caller's; everything made here is disposed.
 */
export function explainExample(model: tf.LayersModel, spec: ModelSpec, example: Record<string, tf.Tensor>, options: ExplainOptions = {}): Record<string, HeadExplanation> {
  const tolerance = options.tolerance ?? 0.01;
  const maxSteps = options.maxSteps ?? 512;
  const inputs = Object.keys(spec.inputs);
  const heads = model.outputNames.map((name) => name.split('/')[0]);
  const scaled = new ScaledInputs(model, spec, example);
  try {
    // Rows: the example, all baselines, then each input alone at its baseline.
    const coefficients = Object.fromEntries(inputs.map((name) => [name, [1, 0, ...inputs.map((other) => (other === name ? 0 : 1))]]));
    const points = tf.tidy(() => scaled.outputs(scaled.scaledLeaves(coefficients), inputs.length + 2).map((t) => t.arraySync() as number[][]));
    return Object.fromEntries(
      heads.map((head, o) => {
        const rows = points[o];
        const unit = options.units?.[head] ?? defaultUnit(spec.heads[head], rows[0]);
        const output = rows[0][unit];
        const baselineOutput = rows[1][unit];
        const delta = output - baselineOutput;
        for (let steps = options.steps ?? 64; ; steps *= 2) {
          const attributions = attributeInputs(scaled, spec, o, unit, steps);
          const sum = Object.values(attributions).reduce((total, a) => total + a.total, 0);
          const error = Math.abs(sum - delta);
          const holds = error <= tolerance * Math.max(Math.abs(delta), 1e-3);
          if (holds || steps * 2 > maxSteps) {
            const ablation = Object.fromEntries(inputs.map((name, i) => [name, rows[i + 2][unit]]));
            return [head, { unit, output, baselineOutput, attributions, completeness: { sum, delta, error, steps, holds }, ablation }];
          }
        }
      }),
    );
  } finally {
    tf.dispose(scaled.leaves.filter((leaf) => leaf.layer).map((leaf) => leaf.value));
  }
}
