import { RecordField } from '@mimo/data';
import { restorePreprocessing } from './finance-preprocessing';

/** A finance bundle's record fields: the price rows of one window (and the day before it), optional news and, when it reads them, tweets. */
export function financeRecordFields(preprocessing: unknown): RecordField[] {
  const pre = restorePreprocessing(preprocessing);
  const { lookback } = pre.state;
  const sawNews = pre.news.state.std.some((s) => s > 0);
  return [
    {
      name: 'prices',
      kind: 'price rows',
      required: true,
      example: [{ date: '2024-01-02', open: 100, high: 101.5, low: 99.2, close: 101, volume: 1200000 }],
      note: `at least ${lookback + 1} daily rows {date, open, high, low, close, volume}, oldest first (the ${lookback}-day window and the day before it)`,
    },
    {
      name: 'news',
      kind: 'news items',
      required: false,
      example: sawNews ? [{ date: '2024-01-02', text: 'Shares rise after strong results' }] : [],
      note: sawNews ? "{date, text} items of the window's days (none after its last day)" : 'this bundle was trained without news: leave it out',
    },
    ...(pre.tweets
      ? [
          {
            name: 'tweets',
            kind: 'tweet texts by day',
            required: false,
            example: [['$aapl beats estimates, shares up after hours'], []],
            note: `at most ${pre.state.newsDays} lists of tweet texts, one per day, oldest first, the last for the window's last day (the model reads each day's last ${pre.tweets.state.texts} tweets, ${pre.tweets.state.words} tokens each)`,
          },
        ]
      : []),
  ];
}
