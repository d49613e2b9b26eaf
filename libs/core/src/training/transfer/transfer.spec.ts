import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Bundle, loadBundle, saveBundle } from '../../bundle/bundle';
import { buildModel } from '../../model/build-model';
import { ModelSpec, parseModelSpec } from '../../spec/model-spec';
import { randomInputs, randomTargets } from '../../synthetic/random-examples';
import { Trainer } from '../trainer/trainer';
import { encoderLayerNames } from './encoder-layers';
import { pretrainedInput, setTrainable, transferWeights } from './transfer-weights';

const source = parseModelSpec({
  name: 'source',
  inputs: {
    labs: { kind: 'numeric', size: 4, encoder: { type: 'dense', units: [6, 5] } },
    other: { kind: 'numeric', size: 2, encoder: { type: 'dense', units: [3] } },
  },
  fusion: { type: 'concat', units: [5] },
  heads: { y: { type: 'binary' } },
  seed: 1,
});

const layerValues = (model: tf.LayersModel, names: string[]) => names.map((n) => model.getLayer(n).getWeights().map((w) => Array.from(w.dataSync())));

async function train(model: tf.LayersModel, spec: ModelSpec, learningRate: number): Promise<void> {
  const data = { xs: randomInputs(spec, 16, 4), ys: randomTargets(spec, 16, 5) };
  const trainer = new Trainer(model, spec, { epochs: 2, batchSize: 8, optimizer: { type: 'adam', learningRate } });
  await trainer.fit(data);
  trainer.dispose();
  tf.dispose([...Object.values(data.xs), ...Object.values(data.ys)]);
}

let dir: string;
let saved: Bundle;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-transfer-'));
  const model = buildModel(source);
  await train(model, source, 0.01);
  await saveBundle(path.join(dir, 'source'), { model, spec: source });
  model.dispose();
  saved = await loadBundle(path.join(dir, 'source'));
});
afterAll(async () => {
  saved.model.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('transfer learning', () => {
  it('takes a saved encoder into a new spec frozen, then fine-tunes it unfrozen at a lower rate', async () => {
    const spec = parseModelSpec({
      name: 'target',
      inputs: { vitals: pretrainedInput(saved.spec, 'labs'), notes: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } } },
      heads: { risk: { type: 'regression' } },
      seed: 2,
    });
    const model = buildModel(spec);
    const taken = transferWeights(model, spec, saved, { encoders: { labs: 'vitals' } });
    expect(taken).toEqual(['vitals_dense_1', 'vitals_dense_2']);
    expect(layerValues(model, taken)).toEqual(layerValues(saved.model, encoderLayerNames('labs', saved.spec.inputs.labs)));
    expect(taken.map((n) => model.getLayer(n).trainable)).toEqual([false, false]);

    const frozen = layerValues(model, taken);
    const notes = layerValues(model, ['notes_dense_1']);
    await train(model, spec, 0.01);
    expect(layerValues(model, taken)).toEqual(frozen); // a frozen feature extractor
    expect(layerValues(model, ['notes_dense_1'])).not.toEqual(notes);

    setTrainable(model, taken, true);
    await train(model, spec, 1e-4); // fine-tune: a new Trainer, a lower rate
    expect(layerValues(model, taken)).not.toEqual(frozen);
    model.dispose();
  });

  it('runs a frozen batch norm in inference mode (moving statistics kept and used), and a thawed one in training mode', async () => {
    const spec = parseModelSpec({
      name: 'cnn_bn',
      inputs: { image: { kind: 'image', height: 8, width: 8, channels: 1, encoder: { type: 'cnn', filters: [4], convBatchNorm: true } } },
      heads: { y: { type: 'binary' } },
      seed: 3,
    });
    const model = buildModel(spec);
    const bn = model.getLayer('image_conv_bn_1');
    const stats = () => bn.getWeights().map((w) => Array.from(w.dataSync()));
    const before = stats();
    setTrainable(model, ['image_conv_bn_1'], false);
    await train(model, spec, 0.01);
    expect(stats()).toEqual(before); // gamma, beta and the moving mean / variance
    const x = randomInputs(spec, 4, 9).image;
    const [inTraining, inInference] = [true, false].map((training) => (model.apply(x, { training }) as tf.Tensor).arraySync());
    expect(inTraining).toEqual(inInference);
    setTrainable(model, ['image_conv_bn_1'], true);
    await train(model, spec, 0.01);
    expect(stats()[2]).not.toEqual(before[2]); // the moving mean follows the batches again
    tf.dispose(x);
    model.dispose();
  });

  it('takes the whole feature extractor (every encoder and the fusion) under new heads', () => {
    const spec = parseModelSpec({ ...saved.spec, name: 'new_heads', heads: { score: { type: 'regression', outputs: 2 } } });
    const model = buildModel(spec);
    const taken = transferWeights(model, spec, saved, { fusion: true });
    expect(taken).toEqual(['labs_dense_1', 'labs_dense_2', 'other_dense_1', 'fusion_dense_1']);
    expect(layerValues(model, taken)).toEqual(layerValues(saved.model, taken));
    expect(model.trainableWeights.map((w) => w.originalName)).toEqual(['score/kernel', 'score/bias']);
    model.dispose();
  });

  it('says what is wrong when the new input is not the saved one', () => {
    const spec = parseModelSpec({ name: 'wrong', inputs: { labs: { kind: 'numeric', size: 4, encoder: { type: 'dense', units: [8] } } }, heads: { y: { type: 'binary' } } });
    const model = buildModel(spec);
    expect(() => transferWeights(model, spec, saved)).toThrow(/^input 'labs' must be the saved input 'labs' exactly \(use pretrainedInput\(saved.spec, 'labs'\)\); expected \{.*"units":\[6,5\]/);
    expect(() => pretrainedInput(saved.spec, 'xray')).toThrow("the saved spec 'source' has no input 'xray' (inputs: labs, other)");
    model.dispose();
  });
});
