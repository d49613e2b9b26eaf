// Test models for the serve suites: reference specs built with fresh weights, and a table model with
// preprocessing.json (a numeric, a categorical and an image column) saved as a real bundle.
import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec, referenceSpec, saveBundle } from '@mimo/core';
import { TablePreprocessor } from '@mimo/data';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { ServedModel } from '../model/served-model';
import { tableRecordDecoder } from '../model/table-record-decoder';

/** A reference spec as a ServedModel (untrained weights, seeded). */
export function referenceModel(name: string, version = '1'): ServedModel {
  const spec = parseModelSpec(referenceSpec(name));
  const model = buildModel(spec);
  return { name, version, bundle: { model, spec, card: { name, createdAt: 'test', tfjsVersion: tf.version.tfjs } } };
}

export async function tempDir(prefix = 'mimo-serve-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A grey PNG as base64. */
export async function pngBase64(width: number, height: number, grey: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toBuffer();
  return png.toString('base64');
}

/** Saves a bundle whose preprocessing.json is a TablePreprocessor's (age numeric, ward categorical, scan image 8×8 grey). */
export async function saveTableBundle(dir: string, version = '1'): Promise<{ dir: string; preprocessor: TablePreprocessor }> {
  const imagesDir = await tempDir('mimo-serve-images-');
  const files: string[] = [];
  for (const [i, grey] of [20, 120, 220].entries()) {
    const file = path.join(imagesDir, `${i}.png`);
    await fs.writeFile(file, Buffer.from(await pngBase64(8, 8, grey), 'base64'));
    files.push(file);
  }
  const raw = [
    { age: 30, ward: 'A', scan: files[0], died: 'no' },
    { age: 70, ward: 'B', scan: files[1], died: 'died' },
    { age: 55, ward: 'A', scan: files[2], died: 'no' },
  ];
  const preprocessor = TablePreprocessor.create({
    columns: {
      age: { type: 'numeric', input: 'age' },
      ward: { type: 'categorical', input: 'ward' },
      scan: { type: 'image', input: 'scan', channels: 1 },
      died: { type: 'label', task: 'binary', positive: 'died' },
    },
  });
  await preprocessor.fit(preprocessor.parseRecords(raw, { labels: true }));
  const inputs = preprocessor.inputSpecs();
  const spec = parseModelSpec({
    name: 'ward_outcome',
    inputs: {
      age: { ...inputs.age, encoder: { type: 'dense', units: [4] } },
      ward: { ...inputs.ward, encoder: { type: 'embedding', embeddingDim: 2 } },
      scan: { ...inputs.scan, encoder: { type: 'cnn', filters: [2] } },
    },
    heads: preprocessor.headShapes(),
    seed: 3,
  });
  const model = buildModel(spec);
  await saveBundle(dir, { model, spec, preprocessing: preprocessor.toJSON(), card: { version, classes: preprocessor.headClasses(), thresholds: { died: 0.58 } } });
  model.dispose();
  await fs.rm(imagesDir, { recursive: true, force: true });
  return { dir, preprocessor };
}

/** The table bundle's ServedModel, decoded the default way (its saved TablePreprocessor). */
export function withTableDecoder(served: ServedModel): ServedModel {
  return { ...served, decodeRecords: tableRecordDecoder(served.bundle.preprocessing) };
}

/** POSTs JSON (or raw bytes) and returns status + parsed JSON body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}

/** GETs JSON, typed by the caller. */
export async function getJson<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

/** Waits (bounded: at most ~5 s) until `ready()` holds; no timing is asserted. */
export async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
