import { CategoricalColumnSchema } from '../tabular/table-schema';
import { CategoricalPreprocessor, UNKNOWN_ID } from './categorical-preprocessor';

const column = (config: object = {}) => CategoricalColumnSchema.parse({ type: 'categorical', ...config });
const train = [
  { colour: 'red', size: 'S' },
  { colour: 'blue', size: 'M' },
  { colour: 'red', size: 'M' },
  { colour: 'green', size: null },
];

describe('CategoricalPreprocessor', () => {
  it('gives ids by falling frequency in one id space shared by the columns, 0 for unknown', () => {
    const p = new CategoricalPreprocessor('cats', [['colour', column()], ['size', column({ missing: 'indicator' })]]);
    p.fit(train);
    // colour: red 1, blue 2, green 3; size: M 4, S 5, missing 6
    const out = p.transform([{ colour: 'red', size: 'S' }, { colour: 'purple', size: null }, { colour: 'green', size: 'XL' }]);
    expect(out.dtype).toBe('int32');
    expect(out.arraySync()).toEqual([[1, 5], [UNKNOWN_ID, 6], [3, UNKNOWN_ID]]);
    expect(p.inputSpec()).toEqual({ kind: 'categorical', vocabSize: 7, length: 2 });
    out.dispose();
  });

  it("is an error, listing the known categories, where the unknown policy is 'error'", () => {
    const p = new CategoricalPreprocessor('colour', [['colour', column({ unknown: 'error' })]]);
    p.fit(train);
    expect(() => p.transform([{ colour: 'red' }, { colour: 'purple' }])).toThrow(
      'row 2: column "colour": expected a category seen in training ("red", "blue", "green"), received "purple"',
    );
  });

  it('imputes the mode, sends rare categories to the unknown bucket, and rejects a missing value by default', () => {
    const p = new CategoricalPreprocessor('size', [['size', column({ missing: 'mode' })]]);
    p.fit(train);
    expect(p.transform([{ size: null }]).arraySync()).toEqual([[1]]);
    const rare = new CategoricalPreprocessor('colour', [['colour', column({ minCount: 2 })]]);
    rare.fit(train);
    expect(rare.transform([{ colour: 'red' }, { colour: 'blue' }]).arraySync()).toEqual([[1], [UNKNOWN_ID]]);
    expect(rare.inputSpec().vocabSize).toBe(2);
    expect(() => rare.transform([{ colour: null }])).toThrow('row 1: column "colour": expected a category, received a missing value');
  });

  it('round-trips its state through JSON', () => {
    const p = new CategoricalPreprocessor('cats', [['colour', column()]]);
    p.fit(train);
    const restored = new CategoricalPreprocessor('cats', [['colour', column()]]).restore(JSON.parse(JSON.stringify(p.toJSON())));
    expect(restored.transform(train).arraySync()).toEqual(p.transform(train).arraySync());
  });
});
