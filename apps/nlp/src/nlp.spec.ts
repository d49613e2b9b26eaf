import { runCommand } from '@mimo/app-kit/testing';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { nlpApp } from './index';

const dir = mkdtempSync(path.join(tmpdir(), 'mimo-nlp-'));
const run = (command: string, args: string[]) => runCommand(nlpApp.commands[command], args);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const POSITIVE = ['great', 'lovely', 'excellent', 'superb', 'happy'];
const NEGATIVE = ['awful', 'broken', 'terrible', 'poor', 'sad'];
const FILLER = ['the', 'phone', 'film', 'food', 'was', 'really', 'quite', 'and'];
const TOPICS = ['phone', 'film', 'food'];

/** Reviews whose label is in their words (a signal a model must find), with a numeric and a categorical context column. */
function reviews(n: number, offset = 0) {
  return Array.from({ length: n }, (_, i) => {
    const k = i + offset;
    const positive = k % 2 === 0;
    const words = [FILLER[k % FILLER.length], (positive ? POSITIVE : NEGATIVE)[k % 5], FILLER[(k * 3) % FILLER.length], TOPICS[k % 3]];
    return { review: words.join(' '), age: 20 + (k % 50), country: ['fr', 'de', 'us'][k % 3], rating: positive ? 'pos' : 'neg', topic: TOPICS[k % 3] };
  });
}

function writeCsv(file: string, rows: Record<string, unknown>[]) {
  writeFileSync(file, [Object.keys(rows[0]).join(','), ...rows.map((r) => Object.values(r).join(','))].join('\n') + '\n');
  return file;
}

const columns = ['--text-column', 'review', '--label-column', 'rating,topic', '--context-columns', 'age,country'];

describe('mimo nlp on the default SpamAssassin corpus (--tiny)', () => {
  const bundle = path.join(dir, 'spam');

  it('trains text + header context → spam, with the bag-of-words baseline on the same split', async () => {
    const result = await run('train', ['--tiny', '--epochs', '1', '--out', bundle]);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const card = readJson(path.join(bundle, 'card.json'));
    expect(card).toMatchObject({ app: 'nlp', inputs: ['text', 'context', 'context_cat'], heads: { spam: 'binary' }, encoder: 'lstm', data: { name: 'SpamAssassin', tiny: true } });
    const baseline = readJson(path.join(bundle, 'baseline.json'));
    expect(baseline.n.test).toBe(card.data.n.test);
    // Spam words are a strong signal even in 210 training e-mails.
    expect(baseline.metrics.spam.auc).toBeGreaterThan(0.8);
    expect(JSON.parse(result.out).baseline.spam).toHaveProperty('f1');
  });

  it('evaluates the bundle on its own test split', async () => {
    const result = await run('evaluate', ['--model', bundle]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ dataset: 'SpamAssassin', heads: { spam: { accuracy: expect.any(Number), auc: expect.any(Number), f1: expect.any(Number) } } });
  });

  it('predicts raw messages, context fields optional', async () => {
    const input = path.join(dir, 'mail.jsonl');
    writeFileSync(input, '{"text": "FREE money click now", "hour": 3, "links": 4, "html": 1, "sender_tld": "biz"}\n{"text": "the patch is attached"}\n');
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.spam).toEqual({ class: expect.stringMatching(/^(ham|spam)$/), probability: expect.any(Number) });
  });
});

describe('mimo nlp on your own CSV / JSONL', () => {
  const csv = writeCsv(path.join(dir, 'reviews.csv'), reviews(120));
  const bundle = path.join(dir, 'reviews');

  it('infers the column types and trains two heads', async () => {
    const result = await run('train', ['--data', csv, ...columns, '--tiny', '--epochs', '2', '--batch-size', '16', '--out', bundle]);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(readJson(path.join(bundle, 'card.json'))).toMatchObject({ inputs: ['text', 'context', 'context_cat'], heads: { rating: 'binary', topic: 'multiclass' } });
    const schema = readJson(path.join(bundle, 'preprocessing.json')).schema.columns;
    expect(schema).toMatchObject({ review: { type: 'text' }, age: { type: 'numeric' }, country: { type: 'categorical' }, rating: { type: 'label', task: 'binary' }, topic: { type: 'label', task: 'multiclass' } });
    // The label is in the words: the baseline must find it.
    expect(readJson(path.join(bundle, 'baseline.json')).metrics.rating.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('evaluates and predicts CSV records', async () => {
    expect((await run('evaluate', ['--model', bundle])).code).toBe(0);
    const input = writeCsv(path.join(dir, 'new.csv'), reviews(2, 500).map(({ review, age, country }) => ({ review, age, country })));
    const result = await run('predict', ['--model', bundle, '--input', input]);
    expect(result.code).toBe(0);
    const first = JSON.parse(result.out.split('\n')[0]);
    expect(Object.keys(first.topic.probabilities).sort()).toEqual(['film', 'food', 'phone']);
    expect(first.rating).toEqual({ class: expect.stringMatching(/^(neg|pos)$/), probability: expect.any(Number) });
  });

  it.each(['bigru', 'transformer'])('trains text only with --encoder %s', async (encoder) => {
    const out = path.join(dir, `reviews-${encoder}`);
    const result = await run('train', ['--data', csv, ...columns, '--inputs', 'text', '--encoder', encoder, '--tiny', '--epochs', '1', '--out', out]);
    expect(result.code).toBe(0);
    expect(readJson(path.join(out, 'card.json'))).toMatchObject({ encoder, inputs: ['text'] });
  });

  it('reuses a pretrained text encoder and its vocabulary on another file (JSONL)', async () => {
    const jsonl = path.join(dir, 'more.jsonl');
    writeFileSync(jsonl, reviews(90, 1000).map((r) => JSON.stringify(r)).join('\n'));
    const out = path.join(dir, 'transfer');
    const result = await run('train', ['--data', jsonl, ...columns, '--pretrained', bundle, '--tiny', '--epochs', '1', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/transfer: text encoder layers text_embedding, text_lstm initialised from/);
    const vocabulary = (b: string) => readJson(path.join(b, 'preprocessing.json')).state.inputs.text.tokens;
    expect(vocabulary(out)).toEqual(vocabulary(bundle));
    expect(readJson(path.join(out, 'nlp-run.json'))).toMatchObject({ pretrained: bundle, transferred: ['text_embedding', 'text_lstm'] });
  });

  it('writes docs/nlp.md with tables and SVG + PNG charts from the bundles', async () => {
    const docs = path.join(dir, 'docs');
    const result = await run('report', ['--out', docs, '--runs', dir]);
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(docs, 'nlp.md'), 'utf8');
    expect(page).toMatch(/\| spam \| SpamAssassin \(tiny\) \| lstm \| text \+ context \+ context_cat \| spam \|/);
    expect(page).toMatch(/\| reviews-transformer \| reviews\.csv \(tiny\) \| transformer \| text only \|/);
    expect(page).toMatch(/\| transfer \| more\.jsonl \| lstm \(from reviews\) \|/);
    for (const chart of ['spam-learning', 'roc-spamassassin-tiny', 'reviews-topic-confusion']) {
      expect(existsSync(path.join(docs, 'nlp', `${chart}.svg`))).toBe(true);
      expect(existsSync(path.join(docs, 'nlp', `${chart}.png`))).toBe(true);
    }
  });
});

describe('bad input fails clearly', () => {
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };
  const header = 'review,age,country,rating,topic\n';
  const good = reviews(20).map((r) => Object.values(r).join(',')).join('\n');

  it.each([
    ['an unknown column', file('unknown.csv', `${header}${good}\n`), ['--text-column', 'review', '--label-column', 'rating', '--context-columns', 'agee'], /unknown\.csv: --context-columns: no column "agee"; the file has the columns: review, age, country, rating, topic/],
    ['an empty text', file('empty.csv', `${header}${good}\n,30,fr,pos,film\n`), columns, /empty\.csv:22: column "review": expected a text, received a missing value/],
    ['a row with too few cells', file('short.csv', `${header}great film,30,fr\n${good}\n`), columns, /short\.csv:2: expected 5 columns \(review, age, country, rating, topic\), received 3/],
    ['a line that is not JSON', file('bad.jsonl', '{"review": "great", "rating": "pos"}\n{"review": \n'), ['--text-column', 'review', '--label-column', 'rating'], /bad\.jsonl:2: not valid JSON/],
    ['a label with one value', file('one.csv', 'review,rating\ngreat,pos\nfine,pos\n'), ['--text-column', 'review', '--label-column', 'rating'], /one\.csv: column "rating": expected at least two different labels, received only "pos"/],
  ])('%s', async (_, data, flags, message) => {
    const result = await run('train', ['--data', data, ...flags, '--tiny', '--epochs', '1', '--out', path.join(dir, 'never')]);
    expect(result.err).toMatch(message);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('names a bad value of a column the schema file types', async () => {
    const schema = file('schema.json', JSON.stringify({ columns: { review: { type: 'text' }, age: { type: 'numeric', input: 'context' }, rating: { type: 'label', task: 'binary' } } }));
    const data = file('typed.csv', `${header}${good}\ngood film,old,fr,pos,film\n`);
    const result = await run('train', ['--data', data, '--schema', schema, '--tiny', '--epochs', '1']);
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(/typed\.csv:22: column "age": expected a finite number, received "old"/) });
  });

  it('refuses a schema file that types a column twice (JSON would keep the later one silently)', async () => {
    const schema = file('twice.json', '{"columns": {"review": {"type": "text"}, "age": {"type": "numeric", "input": "context"}, "age": {"type": "text"}, "rating": {"type": "label", "task": "binary"}}}');
    const result = await run('train', ['--data', file('t.csv', `${header}${good}`), '--schema', schema, '--tiny', '--epochs', '1']);
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(/twice\.json: expected each key once, received "age" twice in \$\.columns/) });
  });

  it.each([
    [['--data', 'x.csv', '--text-column', 'review'], /--text-column and --label-column are both required/],
    [['--text-column', 'review', '--label-column', 'rating'], /give it with --data FILE/],
    [['--encoder', 'cnn'], /--encoder: expected one of lstm, bigru, transformer, received "cnn"/],
  ])('exits 2 on flags %j', async (flags, message) => {
    const result = await run('train', flags);
    expect(result).toMatchObject({ code: 2, err: expect.stringMatching(message) });
  });
});
