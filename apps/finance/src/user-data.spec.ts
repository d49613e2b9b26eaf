import { runCommand } from '@mimo/app-kit/testing';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { financeApp } from './index';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-finance-user-'));
const run = (command: string, args: string[]) => runCommand(financeApp.commands[command], args);

/**
 * Two tickers over 160 weekdays whose next-day move is set by the day's headline: a good headline (profit,
 * record gains) → +1 %, a bad one (losses, fraud) → −1 %. Only the news carries the signal.
 */
function writeNewsDrivenMarket(): { prices: string; news: string } {
  const priceLines = ['date,ticker,open,high,low,close,volume'];
  const newsLines: string[] = [];
  for (const [t, ticker] of ['AAA', 'BBB'].entries()) {
    let close = 100;
    let good = true;
    const day = new Date(Date.UTC(2021, 0, 4));
    for (let i = 0; i < 160; i++) {
      while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
      const iso = day.toISOString().slice(0, 10);
      if (i > 0) close *= good ? 1.01 : 0.99;
      priceLines.push(`${iso},${ticker},${close.toFixed(4)},${(close * 1.005).toFixed(4)},${(close * 0.995).toFixed(4)},${close.toFixed(4)},${1000 + ((i * 37 + t * 11) % 200)}`);
      good = (i * 7 + t * 3) % 5 < 2 !== (i % 3 === 0);
      const text = good ? 'Record profit and strong gains' : 'Heavy losses and fraud probe';
      newsLines.push(JSON.stringify({ date: iso, ticker, text }));
      day.setUTCDate(day.getUTCDate() + 1);
    }
  }
  const prices = path.join(dir, 'prices.csv');
  const news = path.join(dir, 'news.jsonl');
  writeFileSync(prices, `${priceLines.join('\n')}\n`);
  writeFileSync(news, `${newsLines.join('\n')}\n`);
  return { prices, news };
}

describe('mimo finance on a prices CSV + news JSONL', () => {
  const { prices, news } = writeNewsDrivenMarket();
  const bundle = path.join(dir, 'bundle');

  it('learns a direction signal that only the news carries (time split, no look-ahead)', async () => {
    const result = await run('train', ['--data', prices, '--news', news, '--out', bundle, '--epochs', '40', '--patience', '40', '--batch-size', '16', '--tiny']);
    expect(result.code).toBe(0);
    expect(result.err).not.toContain('no --news file');
    const card = JSON.parse(readFileSync(path.join(bundle, 'card.json'), 'utf8'));
    expect(card.data.name).toBe('prices file');
    expect(card.metrics.test.direction.accuracy).toBeGreaterThan(0.85);
    expect(JSON.parse(readFileSync(path.join(bundle, 'preprocessing.json'), 'utf8')).news).toBe(news);
  });

  it('evaluates with the news file saved in the bundle, and predicts a record with its news', async () => {
    const evaluation = JSON.parse((await run('evaluate', ['--model', bundle])).out);
    expect(evaluation.heads.direction.accuracy).toBeGreaterThan(0.85);
    // The window of AAA's last 6 days with their headlines from the file; the last day's headline varies.
    const rows = readFileSync(prices, 'utf8').trim().split('\n').filter((l) => l.includes(',AAA,')).slice(-6);
    const headlines = new Map(readFileSync(news, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((n) => n.ticker === 'AAA').map((n) => [n.date, n.text]));
    const window = rows.map((line) => {
      const [date, , open, high, low, close, volume] = line.split(',');
      return { date, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
    });
    const earlier = window.slice(0, -1).map((row) => ({ date: row.date, text: headlines.get(row.date) }));
    const last = window[window.length - 1].date;
    const input = path.join(dir, 'records.jsonl');
    const texts = ['Record profit and strong gains', 'Heavy losses and fraud probe'];
    writeFileSync(input, texts.map((text) => JSON.stringify({ prices: window, news: [...earlier, { date: last, text }] })).join('\n'));
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.code).toBe(0);
    const [good, bad] = result.out.trim().split('\n').map((line) => JSON.parse(line));
    expect([good.direction.class, bad.direction.class]).toEqual(['up', 'down']);
    expect(good.direction.probability).toBeGreaterThan(bad.direction.probability);
    expect(good.next_return).toBeGreaterThan(bad.next_return);
  });

  it('fails with file, line and column when the news names a ticker the prices file lacks', async () => {
    const unknown = path.join(dir, 'unknown-ticker.jsonl');
    writeFileSync(unknown, '{"date":"2021-01-04","ticker":"AAA","text":"Record profit"}\n{"date":"2021-01-05","ticker":"CCC","text":"Record profit"}\n');
    const result = await run('train', ['--data', prices, '--news', unknown, '--out', path.join(dir, 'never'), '--epochs', '1', '--tiny']);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining(`mimo finance train: ${unknown}:2: column "ticker": expected a ticker of the prices file (AAA, BBB), received "CCC"`) });
  });
});
