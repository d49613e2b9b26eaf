import * as tf from '@tensorflow/tfjs';
import { ModelCard, ModelSpec, parseModelSpec, registerLayersToLoad } from '@mimo/core';
import { PREPROCESSING_FORMAT, TablePreprocessor } from '@mimo/data';
import { HeadPrediction, headLabels, labelPrediction } from '@mimo/serve';
import { BrowserDecoder } from './app-decoder';
import { IMAGE_KEY_PREFIX, imageBytes } from './image-store';

/** A bundle as `GET /v1/models/{name}/artifacts` sends it: the saved files, weights in base64. */
export interface BundleArtifacts {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: string;
  spec: unknown;
  preprocessing?: unknown;
  card: ModelCard;
}

/** A bundle loaded in the browser. */
export interface BrowserBundle {
  model: tf.LayersModel;
  spec: ModelSpec;
  card: ModelCard;
  preprocessing?: unknown;
  /** Its app's own record decoder, when that app's decoder script was loaded (`registerDecoder`). */
  decoder?: BrowserDecoder;
  /** Else its TablePreprocessor, when the preprocessing is one. */
  table?: TablePreprocessor;
}

const decoders = new Map<string, BrowserDecoder>();

/** Makes an app's record decoder the one for that app's bundles (its decoder.js calls this). */
export function registerDecoder(decoder: BrowserDecoder): void {
  decoders.set(decoder.app, decoder);
}

function base64Bytes(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('expected base64 (image or weight bytes), received something else');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Loads a bundle from its artifacts (an object, or the URL of one with `init` for the fetch: a bearer token…). */
export async function loadBrowserBundle(source: string | BundleArtifacts, init?: RequestInit): Promise<BrowserBundle> {
  let artifacts: BundleArtifacts;
  if (typeof source === 'string') {
    const response = await fetch(source, init);
    if (!response.ok) throw new Error(`GET ${source}: ${response.status} ${await response.text()}`);
    artifacts = (await response.json()) as BundleArtifacts;
  } else artifacts = source;
  registerLayersToLoad(artifacts.modelTopology);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: base64Bytes(artifacts.weightData).buffer as ArrayBuffer }));
  const pre = artifacts.preprocessing as { format?: unknown } | undefined;
  const table = pre?.format === PREPROCESSING_FORMAT ? TablePreprocessor.fromJSON(pre) : undefined;
  const decoder = typeof artifacts.card.app === 'string' ? decoders.get(artifacts.card.app) : undefined;
  return { model, spec: parseModelSpec(artifacts.spec), card: artifacts.card, preprocessing: artifacts.preprocessing, decoder, table };
}

/** Records with their file fields' base64 swapped for image keys (the bytes registered under them). */
function withImageKeys(records: Record<string, unknown>[], fields: string[]): { keyed: Record<string, unknown>[]; keys: string[] } {
  const keys: string[] = [];
  const keyed = records.map((record, i) => {
    const copy = { ...record };
    for (const name of fields) {
      if (typeof copy[name] !== 'string' || copy[name] === '') continue;
      const key = `${IMAGE_KEY_PREFIX}${i}:${name}`;
      imageBytes.set(key, base64Bytes(copy[name] as string));
      keys.push(key);
      copy[name] = key;
    }
    return copy;
  });
  return { keyed, keys };
}

/**
 * Raw records → one tensor per model input, as the server decodes them: with the bundle's app decoder, else its
 * TablePreprocessor. File fields (images) hold base64, as over HTTP.
 */
export async function decodeRecords(bundle: BrowserBundle, records: Record<string, unknown>[]): Promise<Record<string, tf.Tensor>> {
  const { decoder, table } = bundle;
  if (!decoder && !table) {
    const app = typeof bundle.card.app === 'string' ? `the ${bundle.card.app} app's decoder (its decoder.js)` : 'a record decoder';
    throw new Error(`${bundle.spec.name} needs ${app} to decode records in the browser; load it before the bundle`);
  }
  const files = decoder ? decoder.recordFiles : Object.entries(table!.schema.columns).filter(([, column]) => column.type === 'image').map(([name]) => name);
  const { keyed, keys } = withImageKeys(records, files);
  try {
    if (decoder) return await decoder.decode(keyed, { preprocessing: bundle.preprocessing, spec: bundle.spec });
    const { xs } = await table!.transform(table!.parseRecords(keyed, { source: 'records', baseDir: '' }), { labels: false });
    return xs as Record<string, tf.Tensor>;
  } finally {
    for (const key of keys) imageBytes.delete(key);
  }
}

/** Predicts raw records in the browser: per record and head, the raw outputs and the answer in the head's terms. */
export async function predictRecords(bundle: BrowserBundle, records: Record<string, unknown>[]): Promise<{ outputs: Record<string, number[]>; answers: Record<string, HeadPrediction> }[]> {
  const xs = await decodeRecords(bundle, records);
  try {
    const heads = bundle.model.outputNames.map((name) => name.split('/')[0]);
    const labels = headLabels(bundle.spec.heads, bundle.card);
    const rows = tf.tidy(() => {
      const out = bundle.model.predict(bundle.model.inputNames.map((name) => xs[name]));
      return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync() as number[][]);
    });
    return records.map((_, i) => ({
      outputs: Object.fromEntries(heads.map((head, h) => [head, rows[h][i]])),
      answers: Object.fromEntries(heads.map((head, h) => [head, labelPrediction(rows[h][i], labels[head])])),
    }));
  } finally {
    tf.dispose(Object.values(xs));
  }
}
