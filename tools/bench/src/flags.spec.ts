import { flagValue } from './flags';

describe('flagValue', () => {
  it('reads the value after --name, else the fallback', () => {
    const argv = ['--model', 'mlp', '--steps'];
    expect(flagValue(argv, 'model', 'cnn')).toBe('mlp');
    expect(flagValue(argv, 'steps', '200')).toBe('200'); // a flag without its value
    expect(flagValue(argv, 'backend', undefined)).toBeUndefined();
  });
});
