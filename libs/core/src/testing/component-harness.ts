import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle, saveBundle } from '../bundle/bundle';
import { maxAbsDiff, weightsNotBitIdentical } from '../check/round-trip';
import { buildModel, headFor } from '../model/build-model';
import { ModelSpec, ModelSpecInput, parseModelSpec } from '../spec/model-spec';
import { randomInputs, randomTargets } from '../synthetic/random-examples';
import { Trainer } from '../training/trainer/trainer';

export interface ComponentReport {
  spec: ModelSpec;
  /** Symbolic output shapes, batch first (null). */
  outputShapes: (number | null)[][];
  trainableWeights: number;
  /** Names of trainable weights that one Trainer step left unchanged. */
  unchangedWeights: string[];
  /** Weights whose bytes differ after save → load (should be none). */
  weightsChanged: string[];
  /** Largest prediction difference after save → load (at most ROUND_TRIP_TOLERANCE). */
  roundTripDiff: number;
  /** Tensors a predict left behind besides its outputs (should be 0). */
  leakedTensors: number;
  /** Spec JSON round trip gives the same spec. */
  specRoundTrips: boolean;
  expectedOutputShapes: (number | null)[][];
}

function predictAll(model: tf.LayersModel, inputs: tf.Tensor[]): tf.Tensor[] {
  const out = model.predict(inputs) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

/**
 * Runs one model spec through the checks every encoder, fusion and head must pass (the Keras
 * `run_layer_test` idea): symbolic shapes with a null batch, one step of the `Trainer` (the path users train
 * on: per-head losses, Mimo's optimizer) that changes every trainable weight, save → load with bit-identical
 * weights and the same predictions, no tensor leak, config JSON round trip.
 */
export async function runComponentChecks(raw: ModelSpecInput, batch = 6): Promise<ComponentReport> {
  const spec = parseModelSpec(raw);
  const model = buildModel(spec);
  const inputMap = randomInputs(spec, batch, 11);
  const targetMap = randomTargets(spec, batch, 12);
  const inputs = model.inputNames.map((n) => inputMap[n]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-harness-'));
  try {
    const before = model.trainableWeights.map((w) => w.read().clone());
    await new Trainer(model, spec, { epochs: 1, batchSize: batch, shuffle: false }).fit({ xs: inputMap, ys: targetMap });
    const unchangedWeights = model.trainableWeights
      .filter((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w.read(), before[i]))).dataSync()[0]) === 0)
      .map((w) => w.originalName);
    tf.dispose(before);

    predictAll(model, inputs).forEach((t) => t.dispose()); // warm-up: lazily created state is not a leak
    // Counted outside tf.tidy, which would dispose a leak before it could be seen.
    const tensorsBefore = tf.memory().numTensors;
    const expected = predictAll(model, inputs);
    const leakedTensors = tf.memory().numTensors - tensorsBefore - expected.length;

    await saveBundle(path.join(dir, 'bundle'), { model, spec });
    const loaded = await loadBundle(path.join(dir, 'bundle'));
    const actual = predictAll(loaded.model, inputs);
    const weightsChanged = weightsNotBitIdentical(model, loaded.model);
    const roundTripDiff = maxAbsDiff(
      expected.map((t) => t.dataSync()),
      actual.map((t) => t.dataSync()),
    );
    tf.dispose([...expected, ...actual]);
    loaded.model.dispose();

    return {
      spec,
      outputShapes: model.outputs.map((o) => o.shape),
      expectedOutputShapes: Object.values(spec.heads).map((h) => [null, headFor(h).outputUnits(h)]),
      trainableWeights: model.trainableWeights.length,
      unchangedWeights,
      weightsChanged,
      roundTripDiff,
      leakedTensors,
      specRoundTrips: JSON.stringify(parseModelSpec(JSON.parse(JSON.stringify(spec)))) === JSON.stringify(spec),
    };
  } finally {
    tf.dispose([...Object.values(inputMap), ...Object.values(targetMap)]);
    model.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
