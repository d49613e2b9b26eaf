import { FlagError, parseFlags, requireFlag } from './parse-flags';

const rules = {
  data: { type: 'string' },
  epochs: { type: 'int' },
  seed: { type: 'int', min: 0 },
  inputs: { type: 'list' },
  fusion: { type: 'string', choices: ['concat', 'gated'] },
  tiny: { type: 'boolean' },
  'batch-size': { type: 'int' },
} as const;

describe('parseFlags', () => {
  it('reads values, = forms, lists, booleans and camelCases names', () => {
    expect(parseFlags(['--data', 'a.csv', '--epochs=3', '--seed', '0', '--inputs', 'labs, xray', '--tiny', '--batch-size', '8'], rules)).toEqual({
      data: 'a.csv',
      epochs: 3,
      seed: 0,
      inputs: ['labs', 'xray'],
      tiny: true,
      batchSize: 8,
    });
  });

  it.each([
    [['--nope'], 'Unknown flag --nope. Flags: --data, --epochs'],
    [['--epochs', '0'], '--epochs expects an integer ≥ 1. Received: "0"'],
    [['--epochs', 'x'], '--epochs expects an integer ≥ 1. Received: "x"'],
    [['--data'], '--data expects a value'],
    [['--data', '--tiny'], '--data expects a value'],
    [['--fusion', 'sum'], '--fusion expects one of: concat, gated. Received: "sum"'],
    [['stray'], 'Unexpected argument "stray"'],
    [['--epochs', '1', '--epochs', '2'], '--epochs is given twice'],
    [['--tiny=yes'], '--tiny takes no value'],
  ])('rejects %j', (args, message) => {
    expect(() => parseFlags(args, rules)).toThrow(FlagError);
    expect(() => parseFlags(args, rules)).toThrow(message);
  });

  it('requires flags by name', () => {
    expect(() => requireFlag(undefined, 'model')).toThrow('--model is required');
    expect(requireFlag('x', 'model')).toBe('x');
  });
});
