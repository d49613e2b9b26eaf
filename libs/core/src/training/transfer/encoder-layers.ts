import * as tf from '@tensorflow/tfjs';
import { encoderFor } from '../../model/build-model';
import { BuildContext } from '../../model/build-context';
import { inputDtype, inputShape } from '../../spec/input-kinds';
import { InputSpec } from '../../spec/model-spec';

/**
 * Names of the layers that `buildModel` creates for the encoder of input `name` (in build order): the encoder
 * is built once on its own, with the same name prefix, and its layers are listed. Layer names depend only on the
 * input name and its encoder config, so the same list holds in every model built from such a spec.
 */
export function encoderLayerNames(name: string, input: InputSpec): string[] {
  const x = tf.input({ shape: inputShape(input), dtype: inputDtype(input) });
  const encoded = encoderFor(input.encoder).build({ input: x, inputSpec: input, config: input.encoder, ctx: new BuildContext('', undefined).child(name), needsSequence: false });
  const probe = tf.model({ inputs: x, outputs: encoded.features });
  const names = probe.layers.filter((layer) => layer.getClassName() !== 'InputLayer').map((layer) => layer.name);
  probe.dispose();
  return names;
}
