import { api, ApiError, HeadAnswer, HeadExplanation, ModelMetadata, RecordField } from './api';
import { barChart, lineChart, rocChart } from './charts';
import { explanationView } from './explanation-view';
import { fmt, h, show } from './dom';
import { predictInBrowser } from './in-browser';
import { fieldOfError, recordForm } from './record-form';
import { benchRows } from './runs-page';

const shape = (dims: (number | null)[]) => `[${dims.map((d) => d ?? 'any').join(' × ')}]`;

function cardView(m: ModelMetadata): HTMLElement {
  const card = m.card;
  const n = card.data?.n ?? {};
  const metrics = card.metrics?.test ?? {};
  return h(
    'div',
    { className: 'grid' },
    h(
      'div',
      { className: 'card' },
      h('h3', {}, 'Inputs'),
      h('table', {}, h('tr', {}, h('th', {}, 'input'), h('th', {}, 'kind'), h('th', {}, 'shape')), Object.entries(m.inputs).map(([name, input]) => h('tr', {}, h('td', {}, name), h('td', {}, input.kind), h('td', {}, shape(input.shape))))),
      h('h3', {}, 'Heads'),
      h('table', {}, h('tr', {}, h('th', {}, 'head'), h('th', {}, 'type'), h('th', {}, 'classes')), Object.entries(m.heads).map(([name, head]) => h('tr', {}, h('td', {}, name), h('td', {}, head.type), h('td', {}, head.classes?.join(', ') ?? '—', head.threshold === undefined ? '' : ` (positive at ≥ ${fmt(head.threshold)})`)))),
    ),
    h(
      'div',
      { className: 'card' },
      h('h3', {}, 'Data and training'),
      h('table', {}, [
        h('tr', {}, h('th', {}, 'data set'), h('td', {}, card.data?.name ?? '—')),
        h('tr', {}, h('th', {}, 'splits'), h('td', {}, Object.entries(n).map(([split, count]) => `${split} ${count}`).join(' · ') || '—')),
        h('tr', {}, h('th', {}, 'backend'), h('td', {}, card.backend ?? '—')),
        h('tr', {}, h('th', {}, 'trained'), h('td', {}, card.createdAt ? new Date(card.createdAt).toLocaleString() : '—')),
        h('tr', {}, h('th', {}, 'fit'), h('td', {}, card.training ? `${fmt(card.training.seconds)} s, ${fmt(card.training.examplesPerSecond)} examples/s` : '—')),
      ]),
      h('h3', {}, 'Test metrics'),
      h('table', { className: 'metrics' }, Object.entries(metrics).map(([head, values]) => h('tr', {}, h('th', {}, head), h('td', {}, Object.entries(values).map(([k, v]) => `${k} ${fmt(v)}`).join(' · '))))),
    ),
  );
}

function matrixView(head: string, matrix: number[][], classes: string[]): HTMLElement {
  return h('div', { className: 'card' }, h('h3', {}, `${head}: confusion matrix (test)`), h('table', { className: 'matrix' }, h('tr', {}, h('th', {}, 'actual ↓ predicted →'), classes.map((c) => h('th', {}, c))), matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return h('tr', {}, h('th', {}, classes[i] ?? String(i)), row.map((count) => h('td', { style: `background:rgba(47,111,223,${((0.8 * count) / total).toFixed(3)})` }, String(count))));
  })));
}

function chartsView(m: ModelMetadata): HTMLElement[] {
  const history = m.card.history ?? {};
  const series = (keep: (key: string) => boolean) => Object.fromEntries(Object.entries(history).filter(([key]) => keep(key)));
  const charts: HTMLElement[] = [];
  const curves = (title: string, picked: Record<string, number[]>) => {
    if (Object.keys(picked).length > 0) charts.push(h('div', { className: 'card' }, lineChart(title, picked)));
  };
  // The losses, then each head's metrics (train and validation) on a chart of its own.
  curves('Learning curves: loss', series((key) => key.endsWith('loss')));
  for (const head of Object.keys(m.heads)) curves(`Learning curves: ${head}`, series((key) => !key.endsWith('loss') && key.replace(/^val_/, '').startsWith(`${head}_`)));
  for (const [head, c] of Object.entries(m.card.testCharts ?? {})) {
    const classes = m.heads[head]?.classes ?? c.confusion?.map((_, i) => String(i)) ?? [];
    if (c.confusion) charts.push(matrixView(head, c.confusion, classes));
    if (c.roc) charts.push(h('div', { className: 'card' }, rocChart(`${head}: ROC (test)`, c.roc)));
  }
  return charts;
}

/** A head's answer: the class and its probability, a probability chart over the classes, or the value(s). */
function answerView(head: string, answer: HeadAnswer, m: ModelMetadata): HTMLElement {
  if (typeof answer === 'number' || Array.isArray(answer)) return h('div', { className: 'card answer', 'data-head': head }, h('h3', {}, head), h('strong', {}, Array.isArray(answer) ? answer.map(fmt).join(', ') : fmt(answer)));
  const classes = m.heads[head]?.classes ?? [];
  const probabilities = answer.probabilities ?? (answer.probability === undefined ? {} : { [classes[0] ?? '0']: 1 - answer.probability, [classes[1] ?? '1']: answer.probability });
  const shown = answer.class ?? answer.classes?.join(', ') ?? '';
  return h(
    'div',
    { className: 'card answer', 'data-head': head },
    h('h3', {}, head),
    h('p', {}, h('strong', { className: 'predicted-class' }, shown || '(none)'), answer.probability === undefined ? '' : ` — P(${classes[1] ?? 'positive'}) = ${fmt(answer.probability)}`),
    barChart(`${head}: probability by class`, Object.keys(probabilities), Object.values(probabilities), { max: 1 }),
  );
}

/** The uploaded images by model input, when there is one image field and one image input to pair. */
function imagesByInput(fields: RecordField[], record: Record<string, unknown>, m: ModelMetadata): Record<string, string> {
  const imageFields = fields.filter((f) => f.kind === 'image');
  const imageInputs = Object.entries(m.inputs).filter(([, input]) => input.kind === 'image');
  if (imageFields.length !== 1 || imageInputs.length !== 1 || typeof record[imageFields[0].name] !== 'string') return {};
  return { [imageInputs[0][0]]: record[imageFields[0].name] as string };
}

/** The greatest absolute difference between the browser's and the server's answers (every number in them). */
function largestDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (a && b && typeof a === 'object' && typeof b === 'object') return Math.max(0, ...Object.keys(a).map((k) => largestDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])));
  return a === b ? 0 : Infinity;
}

function tryIt(m: ModelMetadata): HTMLElement {
  const fields = m.card.recordFields ?? [];
  if (!m.records || fields.length === 0) return h('p', { className: 'muted' }, 'This model takes tensors only (no record decoder or record fields): use the API.');
  const results = h('div', { className: 'results' });
  const serverButton = h('button', { type: 'submit', className: 'run-server' }, 'Run on the server');
  const browserButton = h('button', { type: 'button', className: 'secondary run-browser' }, 'Run in this browser');
  const form = recordForm(fields, [serverButton, browserButton]);
  let lastServer: Record<string, unknown> | undefined;
  const fail = (error: unknown) => {
    if (error instanceof ApiError) form.showError(fieldOfError(fields, error.field, error.message), error.message);
    else form.showError(undefined, (error as Error).message);
  };
  form.element.addEventListener('submit', async () => {
    const record = await form.read();
    if (!record) return;
    serverButton.disabled = true;
    show(results, h('p', { className: 'muted' }, 'Predicting and explaining…'));
    try {
      const { predictions } = await api<{ predictions: Record<string, HeadAnswer>[] }>(`/v1/models/${encodeURIComponent(m.name)}:predict`, { records: [record] });
      lastServer = predictions[0];
      show(results, h('h2', {}, 'Prediction'), h('div', { className: 'grid' }, Object.entries(predictions[0]).map(([head, answer]) => answerView(head, answer, m))), h('p', { className: 'muted' }, 'Explaining…'));
      const { explanations } = await api<{ explanations: Record<string, HeadExplanation>[] }>(`/v1/models/${encodeURIComponent(m.name)}:explain`, { records: [record] });
      results.lastElementChild?.remove();
      const images = imagesByInput(fields, record, m);
      results.append(h('h2', {}, 'Why'), ...Object.entries(explanations[0]).map(([head, e]) => explanationView(head, e, m, images)));
    } catch (error) {
      show(results);
      fail(error);
    } finally {
      serverButton.disabled = false;
    }
  });
  browserButton.addEventListener('click', async () => {
    const record = await form.read();
    if (!record) return;
    browserButton.disabled = true;
    const box = h('div', { className: 'card in-browser' }, h('p', { className: 'muted' }, 'Loading the model into this browser…'));
    results.prepend(box);
    try {
      const started = performance.now();
      const { answers } = await predictInBrowser(m.name, record, m.browserDecoder);
      const ms = performance.now() - started;
      const server = lastServer ?? (await api<{ predictions: Record<string, unknown>[] }>(`/v1/models/${encodeURIComponent(m.name)}:predict`, { records: [record] })).predictions[0];
      const difference = largestDifference(answers, server);
      show(box, h('h3', {}, 'In this browser (tfjs ', String((window as { tf?: { version?: { tfjs?: string } } }).tf?.version?.tfjs ?? ''), ')'), h('pre', { className: 'browser-answers' }, JSON.stringify(answers, null, 1)), h('p', { className: difference <= 1e-5 ? 'ok agreement' : 'bad agreement', 'data-difference': String(difference) }, `largest difference from the server: ${difference.toExponential(2)} ${difference <= 1e-5 ? '(within 1e-5)' : '(more than 1e-5)'} · ${fmt(ms)} ms`));
    } catch (error) {
      show(box, h('p', { className: 'bad browser-error' }, (error as Error).message));
    } finally {
      browserButton.disabled = false;
    }
  });
  return h('div', {}, h('div', { className: 'card' }, form.element), results);
}

/** A model's page: its card, charts, bench rows, and the try-it form with predictions and explanations. */
export async function modelPage(main: HTMLElement, name: string): Promise<void> {
  const m = await api<ModelMetadata>(`/v1/models/${encodeURIComponent(name)}/metadata`);
  const bench = m.card.app ? await benchRows(m.card.app) : undefined;
  show(
    main,
    h('h1', {}, m.name),
    h('p', { className: 'muted' }, `${m.card.app ? `${m.card.app} app · ` : ''}version ${m.version} · spec ${m.card.name ?? ''}`),
    h('h2', {}, 'Card'),
    cardView(m),
    h('h2', {}, 'Charts'),
    h('div', { className: 'grid' }, chartsView(m)),
    bench ? [h('h2', {}, `Bench: ${m.card.app}`), bench] : null,
    h('h2', {}, 'Try it'),
    tryIt(m),
  );
}
