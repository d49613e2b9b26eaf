// fast-check over the finance record decoder (what `predict` and the server feed it): any record is tensors or a
// DataError naming the record and field, never another error. MIMO_FUZZ_RUNS sets the budget (docs/reliability.md).
import * as tf from '@tensorflow/tfjs';
import { DataError } from '@mimo/data';
import fc from 'fast-check';
import { decodeFinanceRecords } from './decode-finance-records';
import { loadFinanceDataset } from './prepare-finance';

const RUNS = Number(process.env.MIMO_FUZZ_RUNS ?? 60);

describe('fuzz: the finance record decoder', () => {
  it('turns any record into tensors or a DataError', async () => {
    const { preprocessing } = await loadFinanceDataset({ seed: 1, tiny: true });
    const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10'];
    const value = fc.oneof(fc.double(), fc.jsonValue(), fc.constantFrom(1e308, -1, 0, '10', 'x', '', null));
    const priceRow = fc.record({ date: fc.oneof(fc.constantFrom(...days), fc.string()), open: value, high: value, low: value, close: value, volume: value }, { requiredKeys: [] });
    const record = fc.oneof(
      fc.record({ prices: fc.oneof(fc.array(priceRow, { maxLength: 9 }), fc.jsonValue()), news: fc.oneof(fc.jsonValue(), fc.array(fc.record({ date: fc.constantFrom(...days), text: fc.string() }))) }, { requiredKeys: [] }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 3 }), async (records) => {
        try {
          tf.dispose(Object.values(await decodeFinanceRecords(records as Record<string, unknown>[], { preprocessing: preprocessing.state })));
        } catch (error) {
          if (!(error instanceof DataError)) throw new Error(`not a DataError: ${(error as Error).stack ?? String(error)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
