import { didYouMean } from './did-you-mean';
import { FlagError, parseFlags } from './parse-flags';

describe('didYouMean', () => {
  it('suggests the nearest known word for a typo or a prefix, nothing for an unrelated word', () => {
    expect(didYouMean('epoch', ['epochs', 'seed', 'out'], (f) => `--${f}`)).toBe(' Did you mean --epochs?');
    expect(didYouMean('trian', ['train', 'evaluate', 'predict'])).toBe(' Did you mean "train"?');
    expect(didYouMean('gate', ['concat', 'gated'])).toBe(' Did you mean "gated"?');
    expect(didYouMean('banana', ['train', 'evaluate'])).toBe('');
  });

  it('is part of the flag errors, and ints can be bounded', () => {
    const rules = { epochs: { type: 'int' }, port: { type: 'int', min: 0, max: 65535 }, fusion: { type: 'string', choices: ['concat', 'gated'] } } as const;
    expect(() => parseFlags(['--epoch', '3'], rules)).toThrow(new FlagError('Unknown flag --epoch. Did you mean --epochs? Flags: --epochs, --port, --fusion'));
    expect(() => parseFlags(['--fusion', 'gate'], rules)).toThrow('--fusion expects one of: concat, gated. Received: "gate". Did you mean "gated"?');
    expect(() => parseFlags(['--port', '99999'], rules)).toThrow('--port expects an integer from 0 to 65535. Received: "99999"');
  });
});
