import * as tf from '@tensorflow/tfjs';
import { modelArtifacts } from '../bundle/bundle';
import { maxAbsDiff, weightsNotBitIdentical } from '../check/round-trip';
import { registerMimoLayers } from '../model/layer-registry';

/** One input of the layer under test: its shape without the batch, and (for ids) int32 values below `maxValue`. */
export interface LayerTestInput {
  shape: number[];
  dtype?: 'float32' | 'int32';
  /** int32 inputs draw ids in [0, maxValue); 0 is padding where the layer masks. Defaults to 10. */
  maxValue?: number;
}

/** What `runLayerTest` builds and what it expects (the arguments of Keras' `run_layer_test`). */
export interface LayerTestCase {
  /** A new layer; called again by nothing: the copy comes from its config, as deserialisation makes it. */
  create: () => tf.layers.Layer;
  inputs: LayerTestInput[];
  /** Output shape without the batch dimension; one per output for a layer with several. */
  expectedOutputShape: (number | null)[] | (number | null)[][];
  expectedOutputDtype?: tf.DataType;
  expectedTrainableWeights: number;
  expectedNonTrainableWeights?: number;
  batch?: number;
}

export interface LayerTestReport {
  /** `getConfig()` of a layer rebuilt by `fromConfig(getConfig())` equals the original's. */
  configRoundTrips: boolean;
  /** Symbolic output shapes, batch first (null); one per output. */
  outputShapes: (number | null)[][];
  outputDtypes: tf.DataType[];
  trainableWeights: number;
  nonTrainableWeights: number;
  /** Trainable weights one SGD step on a random target left unchanged (should be none). */
  unchangedWeights: string[];
  /** Tensors a predict left behind besides its outputs, counted outside tf.tidy (should be 0). */
  leakedTensors: number;
  /** Native tensors the torch backend holds after that predict beyond its outputs; undefined on other backends. */
  leakedNativeTensors: number | undefined;
  /** Weights whose bytes differ after a save → load through tfjs's serialization (should be none). */
  weightsChanged: string[];
  /** Largest prediction difference after save → load. */
  roundTripDiff: number;
}

const toList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

function randomInput(input: LayerTestInput, batch: number, seed: number): tf.Tensor {
  const shape = [batch, ...input.shape];
  if (input.dtype === 'int32') return tf.randomUniform(shape, 0, input.maxValue ?? 10, 'int32', seed);
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

function nativeTensorCount(): number | undefined {
  return (tf.memory() as { numTorchTensors?: number }).numTorchTensors;
}

// tfjs puts an empty `customObjects` into some nested configs (initializers) and not into others: not part of a
// layer's config, so the comparison leaves it out.
const configJson = (config: tf.serialization.ConfigDict) => JSON.stringify(config, (key, value: unknown) => (key === 'customObjects' ? undefined : value));

function configRoundTrips(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig();
  const cls = layer.constructor as tf.serialization.SerializableConstructor<tf.layers.Layer>;
  const copy = cls.fromConfig(cls, config);
  return configJson(copy.getConfig()) === configJson(config);
}

/** Runs one SGD step towards a random target; returns the trainable weights it left unchanged. */
function unchangedAfterStep(model: tf.LayersModel, layer: tf.layers.Layer, xs: tf.Tensor[]): string[] {
  if (layer.trainableWeights.length === 0) return [];
  const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const before = variables.map((v) => v.dataSync().slice());
  const targets = toList(model.predict(xs) as tf.Tensor | tf.Tensor[]).map((y, i) => {
    const target = tf.randomNormal(y.shape, 0, 1, 'float32', 100 + i);
    y.dispose();
    return target;
  });
  const optimizer = tf.train.sgd(0.1);
  optimizer.minimize(
    () => {
      const outputs = toList(model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]);
      return tf.addN(outputs.map((y, i) => tf.losses.meanSquaredError(targets[i], y))) as tf.Scalar;
    },
    false,
    variables,
  );
  optimizer.dispose();
  tf.dispose(targets);
  return layer.trainableWeights.filter((w, i) => w.read().dataSync().every((v, j) => v === before[i][j])).map((w) => w.name);
}

/**
 * Keras' `run_layer_test` for a tfjs layer: its config round trip (`fromConfig(getConfig())`), the symbolic output
 * shape (null batch) and dtype, its weight counts, one training step that changes every trainable weight, no
 * tensor leaked by a predict (counted outside tf.tidy; on the torch backend the native tensors too), and a save →
 * load through tfjs's serialization with bit-identical weights. Every custom layer of Mimo passes it; a library
 * user can run it on their own (`expectLayerBehaves`).
 */
export async function runLayerTest(test: LayerTestCase): Promise<LayerTestReport> {
  registerMimoLayers();
  const batch = test.batch ?? 3;
  const layer = test.create();
  const symbolic = test.inputs.map((input) => tf.input({ shape: input.shape, dtype: input.dtype ?? 'float32' }));
  const outputs = toList(layer.apply(symbolic.length === 1 ? symbolic[0] : symbolic) as tf.SymbolicTensor | tf.SymbolicTensor[]);
  const model = tf.model({ inputs: symbolic, outputs });
  const xs = test.inputs.map((input, i) => randomInput(input, batch, 11 + i));
  try {
    const unchangedWeights = unchangedAfterStep(model, layer, xs);

    tf.dispose(model.predict(xs) as tf.Tensor | tf.Tensor[]); // warm-up: lazily created state is not a leak
    const tensorsBefore = tf.memory().numTensors;
    const nativeBefore = nativeTensorCount();
    const expected = toList(model.predict(xs) as tf.Tensor | tf.Tensor[]);
    const leakedTensors = tf.memory().numTensors - tensorsBefore - expected.length;
    const nativeAfter = nativeTensorCount();
    const leakedNativeTensors = nativeBefore === undefined || nativeAfter === undefined ? undefined : nativeAfter - nativeBefore - expected.length;

    const loaded = await tf.loadLayersModel(tf.io.fromMemory(await modelArtifacts(model)));
    const actual = toList(loaded.predict(xs) as tf.Tensor | tf.Tensor[]);
    const report: LayerTestReport = {
      configRoundTrips: configRoundTrips(layer),
      outputShapes: outputs.map((o) => o.shape),
      outputDtypes: outputs.map((o) => o.dtype),
      trainableWeights: layer.trainableWeights.length,
      nonTrainableWeights: layer.nonTrainableWeights.length,
      unchangedWeights,
      leakedTensors,
      leakedNativeTensors,
      weightsChanged: weightsNotBitIdentical(model, loaded),
      roundTripDiff: maxAbsDiff(
        expected.map((t) => t.dataSync()),
        actual.map((t) => t.dataSync()),
      ),
    };
    tf.dispose([...expected, ...actual]);
    loaded.dispose();
    return report;
  } finally {
    tf.dispose(xs);
    model.dispose();
  }
}
