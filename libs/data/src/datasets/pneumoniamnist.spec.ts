import { describeDataset } from '../testing/dataset-suite';
import { imageArrayBatch, loadPneumoniaMnist } from './pneumoniamnist';

describeDataset('PneumoniaMNIST', 'pneumoniamnist', (dir) => {
  it('has the official splits 4708 / 524 / 624 of 28×28 uint8 images with their label balance', async () => {
    const mnist = await loadPneumoniaMnist({ dir });
    const facts = (['train', 'val', 'test'] as const).map((split) => {
      const { images, labels } = mnist[split];
      const positives = Array.from(labels.data).reduce((a, v) => a + v, 0);
      return [split, images.dtype, images.shape, labels.shape[0] - positives, positives];
    });
    expect(facts).toEqual([
      ['train', 'uint8', [4708, 28, 28], 1214, 3494],
      ['val', 'uint8', [524, 28, 28], 135, 389],
      ['test', 'uint8', [624, 28, 28], 234, 390],
    ]);
  });

  it('gives { xs: { xray: [n, 28, 28, 1] in [0, 1] }, ys: { pneumonia: [n, 1] } }', async () => {
    const { xs, ys } = imageArrayBatch((await loadPneumoniaMnist({ dir })).val);
    expect(xs.xray.shape).toEqual([524, 28, 28, 1]);
    expect([xs.xray.min().dataSync()[0] >= 0, xs.xray.max().dataSync()[0] <= 1]).toEqual([true, true]);
    expect(ys.pneumonia.shape).toEqual([524, 1]);
    expect(ys.pneumonia.sum().dataSync()[0]).toBe(389);
  });
});
