import * as tf from '@tensorflow/tfjs';
import { ImageAugmentationConfigSchema } from '../../augmentation';
import { buildModel } from '../../model/build-model';
import { parseModelSpec } from '../../spec/model-spec';
import { randomInputs, randomTargets } from '../../synthetic/random-examples';
import { augmentImageInputs } from './augment-batch';
import { Trainer } from './trainer';

const spec = parseModelSpec({
  name: 'images',
  inputs: {
    img: { kind: 'image', height: 6, width: 6, channels: 1, encoder: { type: 'cnn', filters: [2], pooling: false } },
    meta: { kind: 'numeric', size: 2, encoder: { type: 'dense', units: [2] } },
  },
  heads: { y: { type: 'regression' } },
  seed: 3,
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('image augmentation in training', () => {
  it('augments image inputs of training batches only, seeded by run seed and step', () => {
    const batch = { xs: randomInputs(spec, 4), ys: randomTargets(spec, 4) };
    const config = ImageAugmentationConfigSchema.parse({ rotationRange: 40, horizontalFlip: true });
    const a = augmentImageInputs(spec, batch, config, 1, 5);
    const again = augmentImageInputs(spec, batch, config, 1, 5);
    const next = augmentImageInputs(spec, batch, config, 1, 6);
    expect(values(a.batch.xs.img)).toEqual(values(again.batch.xs.img));
    expect(values(a.batch.xs.img)).not.toEqual(values(next.batch.xs.img));
    expect(values(a.batch.xs.img)).not.toEqual(values(batch.xs.img));
    expect(a.batch.xs.meta).toBe(batch.xs.meta); // other inputs pass through untouched
    expect(a.created).toEqual([a.batch.xs.img]);
    tf.dispose([...a.created, ...again.created, ...next.created, ...Object.values(batch.xs), ...Object.values(batch.ys)]);
  });

  it('trains on augmented images but validates on the originals', async () => {
    const data = { xs: randomInputs(spec, 16), ys: randomTargets(spec, 16) };
    const validationData = { xs: randomInputs(spec, 8, 7), ys: randomTargets(spec, 8, 8) };
    const kernelAfter = async (augmentation?: object) => {
      const model = buildModel(spec);
      const trainer = new Trainer(model, spec, { epochs: 2, batchSize: 8, augmentation });
      const kernel = values(model.getLayer('img_conv_1').getWeights()[0]);
      const history = await trainer.fit(data, { validationData });
      const changed = values(model.getLayer('img_conv_1').getWeights()[0]).some((v, i) => v !== kernel[i]);
      const validation = await trainer.evaluate(validationData);
      const black = tf.zerosLike(validationData.xs.img);
      const onBlack = await trainer.evaluate({ ...validationData, xs: { ...validationData.xs, img: black } });
      black.dispose();
      trainer.dispose();
      model.dispose();
      return { changed, lastValLoss: history.history.val_loss[1], validation, onBlack };
    };
    // Brightness × 0 turns every training image black: the convolution kernels get no gradient …
    const dark = await kernelAfter({ brightnessRange: [0, 0] });
    expect(dark.changed).toBe(false);
    expect((await kernelAfter()).changed).toBe(true);
    // … while validation saw the real images: its loss is what evaluating the real images gives.
    expect(dark.lastValLoss).toBe(dark.validation.loss);
    expect(dark.lastValLoss).not.toBe(dark.onBlack.loss);
    tf.dispose([...Object.values(data.xs), ...Object.values(data.ys), ...Object.values(validationData.xs), ...Object.values(validationData.ys)]);
  });
});
