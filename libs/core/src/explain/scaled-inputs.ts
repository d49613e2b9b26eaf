import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../spec/model-spec';
import { leafLayersOf, withLayerOutputs } from './leaf-layers';

/**
 * One example seen as the points that integrated gradients and ablation visit. Every baseline is zero (see
 * BASELINE_BY_KIND), so each point scales each input by a coefficient: 0 is the baseline, 1 the example.
 * Inputs are scaled themselves, or through the outputs of the layers `leafLayersOf` names (embeddings, masking).
 */
export class ScaledInputs {
  /** The tensors that are scaled: inputs by name, or a leaf layer's output; each `[1, …]`. */
  readonly leaves: { input: string; layer?: tf.layers.Layer; value: tf.Tensor }[] = [];

  constructor(
    private readonly model: tf.LayersModel,
    spec: ModelSpec,
    private readonly example: Record<string, tf.Tensor>,
  ) {
    const leafLayers = leafLayersOf(model, spec);
    for (const name of Object.keys(spec.inputs)) {
      const value = example[name];
      if (!value || value.shape[0] !== 1) throw new Error(`explain: expected input '${name}' as one example [1, …], received ${value ? `[${value.shape.join(', ')}]` : 'none'}`);
      const layers = leafLayers.get(name);
      if (!layers) this.leaves.push({ input: name, value });
      else for (const layer of layers) this.leaves.push({ input: name, layer, value: tf.tidy(() => layer.apply(value) as tf.Tensor) });
    }
  }

  /** Each leaf scaled by `coefficients[input]` per row: `[rows, …]`. */
  scaledLeaves(coefficients: Record<string, number[]>): tf.Tensor[] {
    return this.leaves.map(({ input, value }) => {
      const rows = coefficients[input];
      return tf.tensor1d(rows).reshape([rows.length, ...value.shape.slice(1).map(() => 1)]).mul(value);
    });
  }

  /** The model's outputs (in `outputNames` order) for `rows` points whose leaves are `scaled`. */
  outputs(scaled: readonly tf.Tensor[], rows: number): tf.Tensor[] {
    const floats = new Map<string, tf.Tensor>();
    const replacements = new Map<tf.layers.Layer, tf.Tensor>();
    this.leaves.forEach((leaf, i) => (leaf.layer ? replacements.set(leaf.layer, scaled[i]) : floats.set(leaf.input, scaled[i])));
    const feeds = this.model.inputNames.map((name) => floats.get(name) ?? tf.tile(this.example[name], [rows, ...this.example[name].shape.slice(1).map(() => 1)]));
    const out = withLayerOutputs(replacements, () => this.model.apply(feeds, { training: false })) as tf.Tensor | tf.Tensor[];
    return Array.isArray(out) ? out : [out];
  }

  /** Leaf `i`'s attribution per input element: embedding dimensions are summed, so a token or category gets one. */
  perElement(i: number, attribution: tf.Tensor): tf.Tensor {
    return this.leaves[i].layer?.getClassName() === 'Embedding' ? attribution.sum(-1) : attribution;
  }
}
