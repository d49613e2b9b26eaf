import { withoutLocalPaths } from './model-version';

describe('withoutLocalPaths', () => {
  it('shortens absolute paths in a card to their file names, leaving everything else', () => {
    expect(withoutLocalPaths({ data: { path: '/home/ana/data/prices.csv', n: 3, name: 'S&P 500' }, notes: ['relative/x.csv', '/tmp/y'], seed: 1 })).toEqual({
      data: { path: 'prices.csv', n: 3, name: 'S&P 500' },
      notes: ['relative/x.csv', 'y'],
      seed: 1,
    });
  });
});
