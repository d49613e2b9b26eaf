import { takeNewsFlag } from './train-command';

describe('finance train flags', () => {
  it('takes --news out of the arguments and leaves the kit its own', () => {
    expect(takeNewsFlag(['--tiny', '--encoder=conv1d', '--news', 'n.jsonl', '--epochs', '2'])).toEqual({ news: 'n.jsonl', rest: ['--tiny', '--encoder=conv1d', '--epochs', '2'] });
    expect(takeNewsFlag(['--news=x.csv'])).toEqual({ news: 'x.csv', rest: [] });
    expect(takeNewsFlag([])).toEqual({ news: undefined, rest: [] });
  });

  it('says what is wrong with a missing value', () => {
    expect(takeNewsFlag(['--news'])).toBe('--news expects a value');
    expect(takeNewsFlag(['--news', '--tiny'])).toBe('--news expects a value');
  });
});
