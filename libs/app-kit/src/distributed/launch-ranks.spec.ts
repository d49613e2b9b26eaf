import { threadsPerRank } from './launch-ranks';
import { withoutLaunchFlag } from './training-ranks';

describe('launching local ranks', () => {
  it('runs each rank with the same command line, less --nproc-per-node', () => {
    expect(withoutLaunchFlag(['bin/mimo.js', 'nlp', 'train', '--nproc-per-node', '2', '--epochs', '3'])).toEqual(['bin/mimo.js', 'nlp', 'train', '--epochs', '3']);
    expect(withoutLaunchFlag(['train', '--nproc-per-node=4', '--tiny'])).toEqual(['train', '--tiny']);
  });

  it('gives each rank MIMO_THREADS cores when set, else an equal share of the machine (at least one)', () => {
    expect(threadsPerRank(2, { MIMO_THREADS: '3' })).toBe('3');
    expect(threadsPerRank(1000, {})).toBe('1');
  });
});
