import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle, saveBundle } from '../bundle/bundle';
import { buildModel } from '../model/build-model';
import { ModelSpecInput, parseModelSpec } from '../spec/model-spec';
import { randomInputs, randomTargets, TensorMap } from '../synthetic/random-examples';
import { Trainer } from '../training/trainer/trainer';
import { maxAbsDiff, ROUND_TRIP_TOLERANCE, weightsNotBitIdentical } from './round-trip';

export interface ModelCheckResult {
  name: string;
  inputs: string[];
  outputs: string[];
  params: number;
  /** Training loss of the first and last step. */
  lossFirst: number;
  lossLast: number;
  /** Largest |prediction before save − prediction after load| over every output (at most ROUND_TRIP_TOLERANCE). */
  maxDiff: number;
  /** Weights whose loaded bytes differ from the saved ones (none when the bundle round trip is exact). */
  weightsChanged: string[];
  ok: boolean;
  problems: string[];
  seconds: number;
}

export interface ModelCheckOptions {
  /** Training steps on random data. Defaults to 3. */
  steps?: number;
  /** Examples per step. Defaults to 8. */
  batchSize?: number;
}

function outputsAsList(output: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(output) ? output : [output];
}

async function predictValues(model: tf.LayersModel, inputs: TensorMap): Promise<Float32Array[]> {
  const outputs = outputsAsList(model.predict(model.inputNames.map((name) => inputs[name])) as tf.Tensor | tf.Tensor[]);
  const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(outputs);
  return values;
}

/**
 * Builds a spec, trains it a few steps on random data of the right shapes, saves it as a bundle, loads it
 * back, and compares the weights bit for bit and the predictions within ROUND_TRIP_TOLERANCE. Never throws: failures come back as `problems`.
 */
export async function checkModel(raw: ModelSpecInput, options: ModelCheckOptions = {}): Promise<ModelCheckResult> {
  const steps = options.steps ?? 3;
  const batchSize = options.batchSize ?? 8;
  const started = Date.now();
  const result: ModelCheckResult = {
    name: raw.name,
    inputs: Object.keys(raw.inputs ?? {}),
    outputs: Object.keys(raw.heads ?? {}),
    params: 0,
    lossFirst: NaN,
    lossLast: NaN,
    maxDiff: NaN,
    weightsChanged: [],
    ok: false,
    problems: [],
    seconds: 0,
  };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-check-'));
  let inputs: TensorMap = {};
  let targets: TensorMap = {};
  const models: tf.LayersModel[] = [];
  try {
    const spec = parseModelSpec(raw);
    const model = buildModel(spec);
    models.push(model);
    result.params = model.countParams();
    if (model.inputNames.join() !== result.inputs.join()) result.problems.push(`input names ${model.inputNames} ≠ spec ${result.inputs}`);
    if (model.outputNames.join() !== result.outputs.join()) result.problems.push(`output names ${model.outputNames} ≠ spec ${result.outputs}`);
    inputs = randomInputs(spec, steps * batchSize);
    targets = randomTargets(spec, steps * batchSize);
    const losses: number[] = [];
    // The trainer every app uses: one epoch of `steps` batches in order. Batch logs hold the running mean of the
    // epoch's loss; with equal batches, step k's own loss is (k+1)·mean_k − k·mean_(k−1).
    const trainer = new Trainer(model, spec, { epochs: 1, batchSize, shuffle: false });
    let previousMean = 0;
    try {
      await trainer.fit(
        { xs: inputs, ys: targets },
        {
          callbacks: [
            {
              onBatchEnd: (batch, logs) => {
                losses.push((batch + 1) * logs.loss - batch * previousMean);
                previousMean = logs.loss;
              },
            },
          ],
        },
      );
    } finally {
      trainer.dispose();
    }
    result.lossFirst = losses[0];
    result.lossLast = losses[losses.length - 1];
    if (!losses.every(Number.isFinite)) result.problems.push(`training loss is not finite: ${losses}`);
    const before = await predictValues(model, inputs);
    await saveBundle(path.join(dir, spec.name), { model, spec });
    const loaded = await loadBundle(path.join(dir, spec.name));
    models.push(loaded.model);
    result.weightsChanged = weightsNotBitIdentical(model, loaded.model);
    if (result.weightsChanged.length > 0) result.problems.push(`weights changed by save → load: ${result.weightsChanged.join(', ')}`);
    result.maxDiff = maxAbsDiff(before, await predictValues(loaded.model, inputs));
    if (!(result.maxDiff <= ROUND_TRIP_TOLERANCE)) result.problems.push(`predictions differ after save → load by up to ${result.maxDiff} (tolerance ${ROUND_TRIP_TOLERANCE})`);
  } catch (error) {
    result.problems.push((error as Error).message);
  } finally {
    tf.dispose([...Object.values(inputs), ...Object.values(targets)]);
    models.forEach((m) => m.dispose());
    await fs.rm(dir, { recursive: true, force: true });
  }
  result.ok = result.problems.length === 0;
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
