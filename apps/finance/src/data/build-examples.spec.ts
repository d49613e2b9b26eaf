import { buildExamples, directionLabel, TickerSeries } from './build-examples';
import { dayNewsVector, newsByTradingDay, scoreText } from './news-sentiment';
import { PriceRow } from './price-rows';
import { splitByTime } from './split-plan';

/** `closes.length` weekdays from 2020-01-06 (a Monday) with those closes. */
function series(closes: number[]): TickerSeries {
  const rows: PriceRow[] = closes.map((close, i) => {
    const day = new Date(Date.UTC(2020, 0, 6 + Math.floor(i / 5) * 7 + (i % 5))).toISOString().slice(0, 10);
    return { day, open: close, high: close, low: close, close, adjClose: close, volume: 100 };
  });
  return { ticker: 'AAA', rows, news: rows.map((_, i) => dayNewsVector(i % 2 ? [i] : [])) };
}

describe('buildExamples', () => {
  const s = series([100, 101, 99, 100, 102, 103, 101, 104, 104.2, 100]);
  const examples = buildExamples(s, { lookback: 3, newsDays: 2, direction: 'sign' });

  it('makes windows that end before their target day, with the next-day return and the last day\'s return', () => {
    expect(examples).toHaveLength(s.rows.length - 1 - 3);
    for (const e of examples) expect(e.day < e.targetDay).toBe(true);
    const first = examples[0];
    expect([first.day, first.targetDay]).toEqual([s.rows[3].day, s.rows[4].day]);
    expect(first.nextReturn).toBeCloseTo(2, 10);
    expect(first.lastReturn).toBeCloseTo(100 * (100 / 99 - 1), 10);
    expect(first.window[2][0]).toBeCloseTo(100 * Math.log(100 / 99), 10);
    expect(first.news).toEqual([s.news[2], s.news[3]]);
  });

  it("labels with StockNet's thresholds and drops the days in between", () => {
    expect([directionLabel(0.56, 'stocknet'), directionLabel(-0.51, 'stocknet'), directionLabel(0.3, 'stocknet'), directionLabel(0.3, 'sign')]).toEqual([1, 0, null, 1]);
    const stocknet = buildExamples(s, { lookback: 3, newsDays: 2, direction: 'stocknet' });
    expect(stocknet.map((e) => e.targetDay)).not.toContain(s.rows[8].day); // 104 → 104.2 is +0.19 %
    expect(stocknet.length).toBe(examples.length - 1);
  });

  it('keeps only target days inside the period, and splits by target day', () => {
    const period = buildExamples(s, { lookback: 3, newsDays: 2, direction: 'sign', from: s.rows[6].day, to: s.rows[9].day });
    expect(period.map((e) => e.targetDay)).toEqual([s.rows[6].day, s.rows[7].day, s.rows[8].day]);
    const parts = splitByTime(examples, { trainEnd: s.rows[6].day, valEnd: s.rows[8].day });
    expect(parts.train.every((e) => e.targetDay < s.rows[6].day)).toBe(true);
    expect(parts.test.map((e) => e.targetDay)).toEqual([s.rows[8].day, s.rows[9].day]);
    expect(() => splitByTime(examples, { trainEnd: '2030-01-01', valEnd: '2030-02-01' })).toThrow('the val split (train < 2030-01-01 ≤ val < 2030-02-01 ≤ test, by target day) has no examples');
  });
});

describe('news by trading day', () => {
  it('collects weekend news into Monday and never lets later news into an earlier day', () => {
    const scores = new Map([
      ['2020-01-03', [1]], // Friday
      ['2020-01-04', [2]], // Saturday
      ['2020-01-05', [-3]], // Sunday
      ['2020-01-07', [4]], // Tuesday
    ]);
    const [friday, monday, tuesday] = newsByTradingDay(['2020-01-03', '2020-01-06', '2020-01-07'], scores);
    expect(friday).toEqual(dayNewsVector([1]));
    expect(monday).toEqual(dayNewsVector([2, -3]));
    expect(tuesday).toEqual(dayNewsVector([4]));
    expect(monday).toEqual([1, Math.log1p(2), -0.5, -3, 2, 0.5, 0.5]);
  });

  it('gives an empty vector (has_news 0) to a day without news, and scores text with the finance lexicon', () => {
    expect(dayNewsVector([])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(scoreText('Record profit')).toBe(4);
    expect(scoreText('Losses widen after fraud probe')).toBeLessThan(0);
  });
});
