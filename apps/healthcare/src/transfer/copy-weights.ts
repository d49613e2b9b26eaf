import * as tf from '@tensorflow/tfjs';

const shapes = (weights: tf.Tensor[]) => weights.map((w) => `[${w.shape}]`).join(' ');

/**
 * Copies every layer's weights of `source` into the layer of the same name in `target`, a model of the same
 * architecture (the same spec). By layer, not by `getWeights()` order: that order puts frozen layers last.
 */
export function copyModelWeights(target: tf.LayersModel, source: tf.LayersModel, sourceName: string): void {
  for (const layer of target.layers) {
    const to = layer.getWeights();
    if (to.length === 0) continue;
    const match = source.layers.find((l) => l.name === layer.name);
    if (!match) throw new Error(`${sourceName}: no layer '${layer.name}' to copy from (a model of another spec)`);
    const from = match.getWeights();
    if (shapes(from) !== shapes(to)) throw new Error(`${sourceName}: layer '${layer.name}' has weights ${shapes(from)}, this model's ${shapes(to)}`);
    layer.setWeights(from);
  }
}
