import { TablePreprocessor } from '../preprocess/table-preprocessor';
import { describeDataset } from '../testing/dataset-suite';
import { loadUciSentiment, UCI_SENTIMENT_SITES } from './uci-sentiment';

describeDataset('UCI sentiment sentences', 'uci-sentiment-sentences', (dir) => {
  it('has 1000 sentences per site, 500 positive and 500 negative each', async () => {
    const dataset = await loadUciSentiment({ dir });
    expect(dataset.data).toHaveLength(3000);
    for (const site of UCI_SENTIMENT_SITES) {
      const rows = dataset.data.filter((row) => row.site === site);
      expect([site, rows.length, rows.filter((row) => row.label === '1').length]).toEqual([site, 1000, 500]);
    }
  });

  it('becomes token ids [n, 40] and AFINN features [n, 4] that separate the classes', async () => {
    const dataset = await loadUciSentiment({ dir, sites: ['yelp'] });
    const preprocessor = await TablePreprocessor.create(dataset.schema).fit(dataset.data);
    const { xs, ys } = await preprocessor.transform(dataset.data);
    expect(xs.text.shape).toEqual([1000, 40]);
    expect(xs.lexicon.shape).toEqual([1000, 4]);
    const sums = xs.lexicon.arraySync() as number[][];
    const labels = ys.sentiment.dataSync();
    const meanSum = (label: number) => sums.filter((_, i) => labels[i] === label).reduce((a, s) => a + s[0], 0) / 500;
    expect(meanSum(1)).toBeGreaterThan(meanSum(0) + 1);
  });
});
