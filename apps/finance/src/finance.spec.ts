import { runCommand } from '@mimo/app-kit/testing';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { defaultPricesFile } from './data/resolve-data';
import { financeApp } from './index';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-finance-'));
const run = (command: string, args: string[]) => runCommand(financeApp.commands[command], args);

/** The default file's last rows as `predict` records take them. */
function lastPriceRows(count: number): Record<string, string>[] {
  const lines = readFileSync(defaultPricesFile(), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  return lines.slice(-count).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
}

describe('mimo finance: train → evaluate → predict → report on the tiny S&P 500 data', () => {
  const bundle = path.join(dir, 'sp500');

  it('trains the LSTM model, says it has no news, and saves a bundle with its card', async () => {
    const result = await run('train', ['--out', bundle, '--epochs', '1', '--tiny']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('no --news file: the news input is an empty vector (has_news = 0) on every day');
    const card = JSON.parse(readFileSync(path.join(bundle, 'card.json'), 'utf8'));
    expect(card).toMatchObject({ app: 'finance', inputs: ['prices', 'news'], heads: { next_return: 'regression', direction: 'binary' }, data: { name: 'S&P 500', tiny: true } });
    expect(card.data.real.join(' ')).toMatch(/no news/);
    const spec = JSON.parse(readFileSync(path.join(bundle, 'spec.json'), 'utf8'));
    expect(spec.inputs.prices.encoder).toMatchObject({ type: 'time-series', layer: 'lstm' });
    expect([spec.heads.next_return.lossWeight, spec.heads.direction.lossWeight]).toEqual([1, 0.5]);
  });

  it('evaluates the bundle on its own test split with the saved preprocessing', async () => {
    const result = await run('evaluate', ['--model', bundle]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    const card = JSON.parse(readFileSync(path.join(bundle, 'card.json'), 'utf8'));
    expect(report).toMatchObject({ dataset: 'S&P 500', n: card.data.n.test });
    expect(report.heads.next_return.rmse).toBeCloseTo(card.metrics.test.next_return.rmse, 4);
    // The naive baselines on the same days, the kit's and the app's, and a plain verdict per head.
    expect(Object.keys(report.baselines.next_return).sort()).toEqual(['training mean', "yesterday's return", 'zero return']);
    expect(Object.keys(report.baselines.direction).sort()).toEqual(['majority class (training shares)', "yesterday's direction"]);
    expect(report.baselines.direction['majority class (training shares)'].auc).toBeCloseTo(0.5, 6);
    for (const head of ['next_return', 'direction']) expect(result.err).toContain(`  ${head}: ${report.verdicts[head]}`);
    expect(report.verdicts.next_return).toMatch(/^(no skill: rmse [\d.]+ is no better than the baseline "[^"]+"|skill: rmse [\d.]+ beats every naive baseline)/);
  });

  it('predicts a JSONL record holding a window of price rows', async () => {
    const input = path.join(dir, 'window.jsonl');
    writeFileSync(input, `${JSON.stringify({ prices: lastPriceRows(8) })}\n`);
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.err).toBe('');
    const prediction = JSON.parse(result.out);
    expect(Number.isFinite(prediction.next_return)).toBe(true);
    expect(prediction.direction).toEqual({ class: expect.stringMatching(/^(up|down)$/), probability: expect.any(Number) });
    expect(prediction.direction.probability).toBeGreaterThanOrEqual(0);
    expect(prediction.direction.probability).toBeLessThanOrEqual(1);
  });

  it('refuses news in a record when the bundle never saw news', async () => {
    const input = path.join(dir, 'with-news.jsonl');
    const prices = lastPriceRows(8);
    writeFileSync(input, `${JSON.stringify({ prices, news: [{ date: prices[7].date, text: 'profits beat forecasts' }] })}\n`);
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${input}:1: column "news": this bundle was trained without news`);
  });

  it('trains the Conv1D encoder with --encoder conv1d and rejects an unknown encoder', async () => {
    const conv = path.join(dir, 'sp500-conv');
    expect((await run('train', ['--out', conv, '--epochs', '1', '--tiny', '--encoder', 'conv1d'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(conv, 'spec.json'), 'utf8')).inputs.prices.encoder.layer).toBe('conv1d');
    const bad = await run('train', ['--tiny', '--encoder', 'transformer']);
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('--encoder: expected one of lstm, conv1d, received "transformer"') });
  });

  it('writes docs/finance.md with the baselines and SVG + PNG charts', async () => {
    const docs = path.join(dir, 'docs');
    const result = await run('report', ['--out', docs, '--runs', dir]);
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(docs, 'finance.md'), 'utf8');
    expect(page).toContain('### S&P 500 (tiny)');
    expect(page).toMatch(/\| sp500 \| lstm \| prices \+ news \| 1\/1 \|/);
    expect(page).toMatch(/\| sp500-conv \| conv1d \|/);
    expect(page).toContain("| baseline: yesterday's return |");
    expect(page).toContain('| baseline: zero return / majority class |');
    for (const chart of ['sp500-learning', 'roc-s-p-500-tiny', 'returns-s-p-500-tiny']) {
      expect(existsSync(path.join(docs, 'finance', `${chart}.svg`))).toBe(true);
      expect(existsSync(path.join(docs, 'finance', `${chart}.png`))).toBe(true);
    }
  });
});
