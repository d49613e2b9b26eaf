import { flagList, flagValue } from './flags';

describe('flagValue', () => {
  it('reads the value after --name, else the fallback', () => {
    const argv = ['--model', 'mlp', '--steps'];
    expect(flagValue(argv, 'model', 'cnn')).toBe('mlp');
    expect(flagValue(argv, 'steps', '200')).toBe('200'); // a flag without its value
    expect(flagValue(argv, 'backend', undefined)).toBeUndefined();
  });
});

describe('flagList', () => {
  const all = ['mlp', 'lstm', 'gru'] as const;

  it('reads the names after --name: all of them when the flag is missing, none for none', () => {
    expect(flagList(['--loops', 'lstm,mlp'], 'loops', all)).toEqual(['lstm', 'mlp']);
    expect(flagList([], 'loops', all)).toEqual(['mlp', 'lstm', 'gru']);
    expect(flagList(['--loops', 'none'], 'loops', all)).toEqual([]);
  });

  it('names the ones it does not know', () => {
    expect(() => flagList(['--loops', 'mlp,loop:lstm,gruu'], 'loops', all)).toThrow('--loops takes names from mlp, lstm, gru, or none. Received: loop:lstm, gruu');
  });
});
