import { TablePreprocessor } from '../preprocess/table-preprocessor';
import { selectRows } from '../splits/split-fractions';
import { stratifiedSplit } from '../splits/stratified-split';
import { describeDataset } from '../testing/dataset-suite';
import { loadWdbc, WDBC_FEATURES } from './wdbc';

describeDataset('WDBC', 'wdbc', (dir) => {
  it('has 569 rows, 212 malignant and 357 benign, and 30 features (README, wdbc.names)', async () => {
    const wdbc = await loadWdbc({ dir });
    expect(wdbc.data).toHaveLength(569);
    expect(wdbc.skipped).toBe(0);
    expect(wdbc.data.filter((row) => row.diagnosis === 'M')).toHaveLength(212);
    expect(wdbc.data.filter((row) => row.diagnosis === 'B')).toHaveLength(357);
    expect(WDBC_FEATURES).toHaveLength(30);
  });

  it('becomes features [n, 30] and diagnosis [n, 1], with statistics of the training split only', async () => {
    const wdbc = await loadWdbc({ dir });
    const split = stratifiedSplit(wdbc.data.map((row) => String(row.diagnosis)), { seed: 1 });
    const train = selectRows(wdbc.data, split.train);
    const preprocessor = await TablePreprocessor.create(wdbc.schema).fit(train);
    expect(preprocessor.inputSpecs()).toEqual({ features: { kind: 'numeric', size: 30 } });
    expect(preprocessor.headShapes()).toEqual({ diagnosis: { type: 'binary' } });
    const { xs, ys } = await preprocessor.transform(train);
    expect(xs.features.shape).toEqual([455, 30]);
    const means = xs.features.mean(0).dataSync();
    for (const m of means) expect(Math.abs(m)).toBeLessThan(1e-4);
    expect(ys.diagnosis.sum().dataSync()[0]).toBe(170); // 80 % of 212 malignant
  });
});
