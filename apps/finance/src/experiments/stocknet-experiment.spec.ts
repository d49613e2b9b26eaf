import { describeDataset } from '@mimo/data/testing';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { financePlugin } from '../plugin';
import { formatStockNetExperiment, runStockNetExperiment, STOCKNET_VARIANTS } from './stocknet-experiment';

describeDataset('the StockNet experiment (tiny: three tickers, one seed)', 'stocknet', (dir) => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'mimo-stocknet-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('trains every variant through train with the same seed, scores each on the test period and pairs them', async () => {
    const result = await runStockNetExperiment(financePlugin, { data: dir, seeds: [4], out, tiny: true, log: () => undefined });
    expect(result.variants.map((v) => v.variant)).toEqual(Object.keys(STOCKNET_VARIANTS));
    expect(result.test).toBeGreaterThan(50);
    for (const v of result.variants) {
      expect(v.runs).toHaveLength(1);
      expect(v.runs[0].accuracy).toBeGreaterThan(0.2);
      expect(v.runs[0].accuracy).toBeLessThan(0.8);
      expect(Math.abs(v.runs[0].mcc)).toBeLessThanOrEqual(1);
      expect(existsSync(path.join(out, `${v.inputs.join('-')}-seed4`, 'model.json'))).toBe(true);
    }
    const han = result.paired.find((p) => p.variant === 'tweets (HAN)' && p.against === 'price-only')!;
    const tweets = result.variants.find((v) => v.variant === 'tweets (HAN)')!.runs[0];
    const prices = result.variants.find((v) => v.variant === 'price-only')!.runs[0];
    expect(han.accuracy[0]).toBeCloseTo(tweets.accuracy - prices.accuracy, 10);
    expect(formatStockNetExperiment(result)).toContain('| tweets (HAN) − price-only |');
  });
});
