import * as tf from '@tensorflow/tfjs';
import { ModelSpec } from '../spec/model-spec';
import { inputDtype } from '../spec/input-kinds';

/**
 * Where an input's attributions are measured when it cannot be the input tensor itself: id inputs (categories,
 * tokens) have no gradient, so at the Embedding layers their ids go into; a masked series at its Masking layer, so
 * that the mask stays the example's own all along the path (a zero series would be masked out whole). The input
 * still goes in as it is, so masks are computed from it as usual; `withLayerOutputs` swaps the layers' outputs.
 */
export function leafLayersOf(model: tf.LayersModel, spec: ModelSpec): Map<string, tf.layers.Layer[]> {
  const found = new Map<string, tf.layers.Layer[]>();
  for (const [name, input] of Object.entries(spec.inputs)) {
    const inputLayer = model.inputLayers.find((layer) => layer.name === name);
    const consumers = inputLayer?.outboundNodes.map((node) => node.outboundLayer) ?? [];
    // Other readers (mask layers) see the input unchanged; a path around the leaves would show as a completeness failure.
    const leafClass = inputDtype(input) === 'int32' ? 'Embedding' : 'Masking';
    const leaves = consumers.filter((layer) => layer.getClassName() === leafClass);
    if (leafClass === 'Embedding' && leaves.length === 0) {
      throw new Error(`cannot explain input '${name}': its ids go into no Embedding layer (${consumers.map((l) => `${l.name} (${l.getClassName()})`).join(', ') || 'no layer'})`);
    }
    if (leaves.length > 0) found.set(name, leaves);
  }
  return found;
}

type CallFn = tf.layers.Layer['call'];

/** Runs `body` with each layer of `replacements` answering its replacement tensor instead of computing its output. */
export function withLayerOutputs<T>(replacements: Map<tf.layers.Layer, tf.Tensor>, body: () => T): T {
  for (const [layer, output] of replacements) layer.call = () => output;
  try {
    return body();
  } finally {
    // Deleting the own property uncovers the class's method again.
    for (const layer of replacements.keys()) delete (layer as { call?: CallFn }).call;
  }
}
