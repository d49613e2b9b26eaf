import * as tf from '@tensorflow/tfjs';
import { Bundle } from '../../bundle/bundle';
import { InputSpec, ModelSpec } from '../../spec/model-spec';
import { encoderLayerNames } from './encoder-layers';

export interface TransferOptions {
  /** Encoders to take: input name in the saved spec → input name in the new spec. Defaults to every input name both specs share. */
  encoders?: Record<string, string>;
  /** Also take the fusion layers, so that the whole saved feature extractor is reused. Defaults to false. */
  fusion?: boolean;
  /** Freeze the layers taken (`trainable = false`). Defaults to true. */
  freeze?: boolean;
}

/**
 * The saved spec's input `name` (kind, shape and encoder config), to place in a new spec so that its encoder can
 * take the saved weights: `inputs: { labs: pretrainedInput(saved.spec, 'labs'), … }`.
 */
export function pretrainedInput(saved: ModelSpec, name: string): InputSpec {
  const input = saved.inputs[name];
  if (!input) throw new Error(`the saved spec '${saved.name}' has no input '${name}' (inputs: ${Object.keys(saved.inputs).join(', ')})`);
  return JSON.parse(JSON.stringify(input)) as InputSpec;
}

/** Copies a layer's weights; false for a layer without weights (nothing to take). */
function copyLayer(target: tf.layers.Layer, source: tf.layers.Layer): boolean {
  const from = source.getWeights();
  const to = target.getWeights();
  if (from.length !== to.length || from.some((w, i) => w.shape.join() !== to[i].shape.join())) {
    throw new Error(`layer '${target.name}': the saved layer '${source.name}' has weights [${from.map((w) => `[${w.shape}]`)}], this one [${to.map((w) => `[${w.shape}]`)}]`);
  }
  target.setWeights(from);
  return to.length > 0;
}

/**
 * Copies pretrained layers from a saved bundle into a model built from a new spec, and freezes them: the
 * encoders of the inputs named in `options.encoders` (whose input spec must equal the saved one, see
 * `pretrainedInput`) and, with `fusion`, the fusion layers. Returns the names of the layers with weights taken
 * (in the new model), e.g. to unfreeze them for fine-tuning with `setTrainable`.
 */
export function transferWeights(model: tf.LayersModel, spec: ModelSpec, saved: Bundle, options: TransferOptions = {}): string[] {
  const pairs = options.encoders ?? Object.fromEntries(Object.keys(saved.spec.inputs).filter((n) => n in spec.inputs).map((n) => [n, n]));
  if (Object.keys(pairs).length === 0 && !options.fusion) throw new Error(`nothing to transfer: spec '${spec.name}' shares no input name with '${saved.spec.name}'; name them in options.encoders`);
  const taken: string[] = [];
  for (const [from, to] of Object.entries(pairs)) {
    const source = pretrainedInput(saved.spec, from);
    const target = spec.inputs[to];
    if (!target) throw new Error(`the new spec '${spec.name}' has no input '${to}' (inputs: ${Object.keys(spec.inputs).join(', ')})`);
    if (JSON.stringify(target) !== JSON.stringify(source)) {
      throw new Error(`input '${to}' must be the saved input '${from}' exactly (use pretrainedInput(saved.spec, '${from}')); expected ${JSON.stringify(source)}, received ${JSON.stringify(target)}`);
    }
    const sourceNames = encoderLayerNames(from, source);
    encoderLayerNames(to, target).forEach((name, i) => {
      if (copyLayer(model.getLayer(name), saved.model.getLayer(sourceNames[i]))) taken.push(name);
    });
  }
  if (options.fusion) {
    const encoderNames = new Set(Object.entries(spec.inputs).flatMap(([name, input]) => encoderLayerNames(name, input)));
    for (const layer of model.layers) {
      if (!layer.name.startsWith('fusion_') || encoderNames.has(layer.name)) continue;
      if (!saved.model.layers.some((l) => l.name === layer.name)) throw new Error(`fusion layer '${layer.name}' is not in the saved model '${saved.spec.name}'`);
      if (copyLayer(layer, saved.model.getLayer(layer.name))) taken.push(layer.name);
    }
  }
  if (options.freeze ?? true) setTrainable(model, taken, false);
  return taken;
}

const INFERENCE_WHEN_FROZEN = Symbol('mimo.inferenceWhenFrozen');

/**
 * A frozen BatchNormalization layer runs in inference mode, as in Keras: it normalises with its moving
 * statistics and never updates them (tfjs-layers would still use and average the batch's statistics while
 * training). The instance's `call` checks `trainable` each time, so unfreezing restores training mode.
 */
function inferenceWhenFrozen(layer: tf.layers.Layer): void {
  const patched = layer as tf.layers.Layer & { [INFERENCE_WHEN_FROZEN]?: true };
  if (layer.getClassName() !== 'BatchNormalization' || patched[INFERENCE_WHEN_FROZEN]) return;
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, layer.trainable ? kwargs : { ...kwargs, training: false });
  patched[INFERENCE_WHEN_FROZEN] = true;
}

/**
 * Freezes or unfreezes layers by name (a frozen batch norm runs in inference mode). After a change, train with a
 * new Trainer (its optimizer state is per variable); for fine-tuning give it a lower learning rate.
 */
export function setTrainable(model: tf.LayersModel, layerNames: string[], trainable: boolean): void {
  for (const name of layerNames) {
    const layer = model.getLayer(name);
    inferenceWhenFrozen(layer);
    layer.trainable = trainable;
  }
}
