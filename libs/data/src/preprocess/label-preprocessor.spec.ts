import { LabelColumnSchema } from '../tabular/table-schema';
import { LabelPreprocessor } from './label-preprocessor';

const label = (config: object) => new LabelPreprocessor('y', 'y', LabelColumnSchema.parse({ type: 'label', ...config }));

describe('LabelPreprocessor', () => {
  it('binary: [n, 1] 0/1 with the configured positive class', () => {
    const p = label({ task: 'binary', positive: 'M' });
    p.fit([{ y: 'M' }, { y: 'B' }]);
    expect(p.toJSON()).toEqual({ classes: ['B', 'M'] });
    expect(p.transform([{ y: 'B' }, { y: 'M' }]).arraySync()).toEqual([[0], [1]]);
    expect(p.headShape()).toEqual({ type: 'binary' });
  });

  it('multiclass: needs at least two classes (said in its words, not tfjs oneHot\'s)', () => {
    expect(() => label({ task: 'multiclass' }).fit([{ y: 'A' }, { y: 'A' }])).toThrow('column "y": expected at least 2 classes for a multiclass label, received 1: A');
  });

  it('binary: needs exactly two classes', () => {
    expect(() => label({ task: 'binary' }).fit([{ y: 'a' }, { y: 'b' }, { y: 'c' }])).toThrow('column "y": expected 2 classes for a binary label, received 3: a, b, c');
  });

  it('multiclass: one-hot over the sorted classes; an unseen class is an error', () => {
    const p = label({ task: 'multiclass' });
    p.fit([{ y: 'b' }, { y: 'a' }, { y: 'c' }]);
    const out = p.transform([{ y: 'c' }, { y: 'a' }]);
    expect(out.dtype).toBe('float32');
    expect(out.arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(p.headShape()).toEqual({ type: 'multiclass', classes: 3 });
    expect(() => p.transform([{ y: 'd' }])).toThrow('row 1: column "y": expected one of the classes a, b, c, received "d"');
  });

  it('regression: values as they are', () => {
    const p = label({ task: 'regression' });
    p.fit([{ y: 1.5 }]);
    expect(p.transform([{ y: 1.5 }, { y: -2 }]).arraySync()).toEqual([[1.5], [-2]]);
    expect(p.headShape()).toEqual({ type: 'regression' });
  });
});
