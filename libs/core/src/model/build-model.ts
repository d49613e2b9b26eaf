import * as tf from '@tensorflow/tfjs';
import { EncodedInput, EncoderConfig, EncoderDefinition, encoders } from '../encoders';
import { FusionConfig, FusionDefinition, fusions } from '../fusion';
import { buildHead, HeadConfig, HeadDefinition, heads } from '../heads';
import { inputDtype, inputShape } from '../spec/input-kinds';
import { ModelSpec, ModelSpecInput, parseModelSpec } from '../spec/model-spec';
import { BuildContext } from './build-context';

export function encoderFor(config: EncoderConfig): EncoderDefinition<EncoderConfig> {
  return encoders[config.type] as EncoderDefinition<EncoderConfig>;
}

export function fusionFor(config: FusionConfig): FusionDefinition<FusionConfig> {
  return fusions[config.type] as FusionDefinition<FusionConfig>;
}

export function headFor(config: HeadConfig): HeadDefinition<HeadConfig> {
  return heads[config.type] as HeadDefinition<HeadConfig>;
}

/**
 * Turns a spec into a tfjs functional model: one `tf.input` per spec input (named after it), its encoder,
 * the fusion, and one output per head (named after it). `model.inputNames` / `outputNames` follow the spec's
 * key order.
 */
export function buildModel(raw: ModelSpecInput | ModelSpec): tf.LayersModel {
  return buildGraph(parseModelSpec(raw));
}

function buildGraph(spec: ModelSpec): tf.LayersModel {
  const root = new BuildContext('', spec.seed);
  const fusion = fusionFor(spec.fusion);
  const needsSequence = new Set(fusion.sequenceInputs(spec.fusion));
  const inputs: tf.SymbolicTensor[] = [];
  const encoded: Record<string, EncodedInput> = {};
  for (const [name, inputSpec] of Object.entries(spec.inputs)) {
    const input = tf.input({ name, shape: inputShape(inputSpec), dtype: inputDtype(inputSpec) });
    inputs.push(input);
    encoded[name] = encoderFor(inputSpec.encoder).build({
      input,
      inputSpec,
      config: inputSpec.encoder,
      ctx: root.child(name),
      needsSequence: needsSequence.has(name),
    });
  }
  const fused = fusion.build({ encoded, config: spec.fusion, ctx: root.child('fusion') });
  const outputs = Object.entries(spec.heads).map(([name, head]) => buildHead(name, fused, head, headFor(head), root.child(name)));
  return tf.model({ name: spec.name, inputs, outputs });
}
