import { timeSplit } from './time-split';

describe('timeSplit', () => {
  it('puts rows before trainEnd in train, until valEnd in val, the rest in test', () => {
    const times = ['2014-12-31', '2015-08-01', '2014-01-02', '2015-09-30', '2015-10-01'].map((d) => Date.parse(d));
    expect(timeSplit(times, { trainEnd: '2015-08-01', valEnd: '2015-10-01' })).toEqual({ train: [0, 2], val: [1, 3], test: [4] });
  });

  it('rejects bad boundaries', () => {
    expect(() => timeSplit([], { trainEnd: 'soon', valEnd: 0 })).toThrow('timeSplit: expected trainEnd as epoch ms or an ISO 8601 date, received "soon"');
    expect(() => timeSplit([], { trainEnd: 2, valEnd: 1 })).toThrow('timeSplit: expected trainEnd ≤ valEnd, received 2 > 1');
  });
});
