import { padSequences } from './pad-sequences';

describe('padSequences', () => {
  it('pads variable-length sequences with zero steps and gives their mask', () => {
    const { values, mask } = padSequences([[[1, 2], [3, 4]], [[5, 6]]]);
    expect(values.arraySync()).toEqual([[[1, 2], [3, 4]], [[5, 6], [0, 0]]]);
    expect(mask.arraySync()).toEqual([[1, 1], [1, 0]]);
  });

  it('pads in front and truncates either end to maxSteps', () => {
    const sequences = [[[1], [2], [3]], [[4]]];
    expect(padSequences(sequences, { maxSteps: 2, padding: 'pre' }).values.arraySync()).toEqual([[[1], [2]], [[0], [4]]]);
    expect(padSequences(sequences, { maxSteps: 2, truncation: 'pre' }).values.arraySync()).toEqual([[[2], [3]], [[4], [0]]]);
    expect(() => padSequences([[[1, 2]], [[1]]])).toThrow('padSequences: expected 2 features per step, received 1 (sequence 2, step 1)');
  });
});
