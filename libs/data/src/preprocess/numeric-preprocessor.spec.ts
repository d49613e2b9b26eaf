import { NumericColumnSchema } from '../tabular/table-schema';
import { NumericPreprocessor } from './numeric-preprocessor';

const column = (config: object) => NumericColumnSchema.parse({ type: 'numeric', ...config });
const train = [{ a: 1, b: 10 }, { a: 3, b: null }, { a: 5, b: 30 }];

describe('NumericPreprocessor', () => {
  it('standardises and min-max scales with training statistics only', () => {
    const p = new NumericPreprocessor('x', [['a', column({})], ['b', column({ scaling: 'minmax', missing: 'mean' })]]);
    p.fit(train);
    expect(p.toJSON()).toEqual({ columns: [{ mean: 3, std: Math.sqrt(8 / 3), min: 1, max: 5 }, { mean: 20, std: 10, min: 10, max: 30 }] });
    const out = p.transform([{ a: 3, b: 20 }, { a: 7, b: 50 }]);
    expect(out.shape).toEqual([2, 2]);
    expect(out.dtype).toBe('float32');
    const values = Array.from(out.dataSync());
    expect(values[0]).toBeCloseTo(0);
    expect(values[1]).toBeCloseTo(0.5);
    expect(values[2]).toBeCloseTo(4 / Math.sqrt(8 / 3), 5);
    expect(values[3]).toBeCloseTo(2); // beyond the training range: not clipped
    out.dispose();
    expect(p.inputSpec()).toEqual({ kind: 'numeric', size: 2 });
  });

  it('imputes the training mean, and flags it with an indicator feature', () => {
    const p = new NumericPreprocessor('x', [['b', column({ scaling: 'none', missing: 'indicator' })]]);
    p.fit(train);
    const out = p.transform([{ b: null }, { b: 12 }]);
    expect(Array.from(out.dataSync())).toEqual([20, 1, 12, 0]);
    expect(p.inputSpec()).toEqual({ kind: 'numeric', size: 2 });
    out.dispose();
  });

  it('says which row and column is missing where the policy is error, and when a value is text', () => {
    const p = new NumericPreprocessor('x', [['a', column({})]]);
    p.fit(train);
    expect(() => p.transform([{ a: 1 }, { a: null }])).toThrow('row 2: column "a": expected a finite number, received a missing value');
    expect(() => p.transform([{ a: 'seven' }])).toThrow('row 1: column "a": expected a finite number, received "seven"');
  });

  it('fails before fitting, and restores a saved state exactly', () => {
    const fresh = new NumericPreprocessor('labs', [['a', column({})]]);
    expect(() => fresh.transform(train)).toThrow('NumericPreprocessor of "labs" is not fitted: call fit(trainRows) or restore(savedState) first');
    const fitted = new NumericPreprocessor('labs', [['a', column({})]]);
    fitted.fit(train);
    fresh.restore(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(Array.from(fresh.transform(train).dataSync())).toEqual(Array.from(fitted.transform(train).dataSync()));
    expect(() => fresh.restore({ columns: [{ mean: 'x' }] })).toThrow('Invalid preprocessing state of "labs":');
  });

  it('keeps a constant column finite', () => {
    const p = new NumericPreprocessor('x', [['a', column({})], ['c', column({ scaling: 'minmax' })]]);
    p.fit([{ a: 2, c: 4 }, { a: 2, c: 4 }]);
    expect(Array.from(p.transform([{ a: 2, c: 4 }]).dataSync())).toEqual([0, 0]);
  });
});
