import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readNewsFile } from './read-news-file';
import { readPricesFile, SINGLE_SERIES } from './read-prices-file';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-finance-files-'));
const file = (name: string, text: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};
const HEADER = 'date,open,high,low,close,volume';

describe('readPricesFile', () => {
  it('reads rows per ticker (a file without a ticker column is one series) and uses adjclose for returns when present', async () => {
    const single = await readPricesFile(file('one.csv', `${HEADER},adjclose\n2020-01-02,10,11,9,10.5,100,5.25\n2020-01-03,10.5,11,10,11,120,5.5\n`));
    expect([...single.keys()]).toEqual([SINGLE_SERIES]);
    expect(single.get(SINGLE_SERIES)?.[1]).toEqual({ day: '2020-01-03', open: 10.5, high: 11, low: 10, close: 11, adjClose: 5.5, volume: 120 });
    const jsonl = await readPricesFile(file('two.jsonl', ['AAA', 'bbb'].map((ticker) => JSON.stringify({ Date: '2020-01-02', Ticker: ticker, Open: 1, High: 1, Low: 1, Close: 1, Volume: 0 })).join('\n')));
    expect([...jsonl.keys()]).toEqual(['AAA', 'BBB']);
  });

  it('names file, line and column for a bad number, a missing column and a bad date', async () => {
    const bad = file('bad.csv', `${HEADER}\n2020-01-02,10,11,9,10.5,100\n2020-01-03,10.5,11,10,abc,120\n`);
    await expect(readPricesFile(bad)).rejects.toThrow(`${bad}:3: column "close": expected a positive number, received "abc"`);
    const missing = file('missing.csv', 'date,open,high,low,close\n2020-01-02,10,11,9,10.5\n');
    await expect(readPricesFile(missing)).rejects.toThrow(`${missing}:2: column "volume": missing (price rows need date, open, high, low, close, volume`);
    const date = file('date.csv', `${HEADER}\n02/01/2020,10,11,9,10.5,100\n`);
    await expect(readPricesFile(date)).rejects.toThrow(`${date}:2: column "date": expected a date YYYY-MM-DD, received "02/01/2020"`);
    const twice = file('twice.csv', `${HEADER},Close\n2020-01-02,10,11,9,10.5,100,99\n`);
    await expect(readPricesFile(twice)).rejects.toThrow(`${twice}:2: column "close": appears twice (names are matched without case); expected unique column names`);
  });

  it('refuses dates out of order or repeated within a ticker, naming the line', async () => {
    const unsorted = file('unsorted.csv', `date,ticker,open,high,low,close,volume\n2020-01-03,AAA,1,1,1,1,1\n2020-01-02,BBB,1,1,1,1,1\n2020-01-02,AAA,1,1,1,1,1\n`);
    await expect(readPricesFile(unsorted)).rejects.toThrow(`${unsorted}:4: column "date": dates out of order for ticker AAA: expected a date after 2020-01-03, received 2020-01-02`);
  });
});

describe('readNewsFile', () => {
  const tickers = new Set(['AAA', 'BBB']);

  it('reads dated texts with optional tickers from CSV and JSONL', async () => {
    const csv = await readNewsFile(file('news.csv', 'date,text,ticker\n2020-01-02,"Profit beats, shares rally",AAA\n2020-01-03T14:00:00Z,Markets calm,\n'), tickers);
    expect(csv).toEqual([{ day: '2020-01-02', text: 'Profit beats, shares rally', ticker: 'AAA' }, { day: '2020-01-03', text: 'Markets calm' }]);
  });

  it('names file, line and column for empty text, an unknown ticker and a bad date', async () => {
    const empty = file('empty.jsonl', '{"date":"2020-01-02","text":"ok"}\n{"date":"2020-01-03","text":"  "}\n');
    await expect(readNewsFile(empty, tickers)).rejects.toThrow(`${empty}:2: column "text": expected a non-empty text, received "  "`);
    const unknown = file('unknown.jsonl', '{"date":"2020-01-02","text":"ok","ticker":"ZZZ"}\n');
    await expect(readNewsFile(unknown, tickers)).rejects.toThrow(`${unknown}:1: column "ticker": expected a ticker of the prices file (AAA, BBB), received "ZZZ"`);
    const broken = file('broken.jsonl', '{"date":"2020-01-02","text":"ok"}\n{"date": \n');
    await expect(readNewsFile(broken, tickers)).rejects.toThrow(`${broken}:2: not valid JSON`);
  });
});
