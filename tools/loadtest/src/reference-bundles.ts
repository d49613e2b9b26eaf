import * as tf from '@tensorflow/tfjs';
import { BUNDLE_FILES, buildModel, ModelSpec, parseModelSpec, randomInputs, referenceSpec, saveBundle } from '@mimo/core';
import { findBundles, MODEL_NAME_PATTERN } from '@mimo/serve';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The reference models of the four apps, for a load test without trained bundles. */
export const APP_REFERENCE_MODELS = ['healthcare_labs_image', 'nlp_text_user', 'finance_prices_sentiment', 'autonomous_camera_lidar'];

/** Saves each reference model (fresh seeded weights) as `<dir>/<name>/1/`; returns their specs by name. */
export async function saveReferenceBundles(dir: string, names: readonly string[]): Promise<Record<string, ModelSpec>> {
  const specs: Record<string, ModelSpec> = {};
  for (const name of names) {
    const spec = parseModelSpec(referenceSpec(name));
    const model = buildModel(spec);
    await saveBundle(path.join(dir, name, '1'), { model, spec });
    model.dispose();
    specs[name] = spec;
  }
  return specs;
}

/** The specs of the bundles a models folder serves (e.g. trained app bundles), by model name. */
export async function servedSpecs(dir: string): Promise<Record<string, ModelSpec>> {
  const specs: Record<string, ModelSpec> = {};
  for (const location of await findBundles(dir, MODEL_NAME_PATTERN)) {
    specs[location.name] = parseModelSpec(JSON.parse(await fs.readFile(path.join(location.dir, BUNDLE_FILES.spec), 'utf8')));
  }
  if (Object.keys(specs).length === 0) throw new Error(`${dir}: no bundles (expected <dir>/<name>/ or <dir>/<name>/<version>/ folders with ${BUNDLE_FILES.model})`);
  return specs;
}

/** A `:predict` body with `count` random instances of the model's input shapes (row format). */
export function predictBody(spec: ModelSpec, count = 1, seed = 1): string {
  const inputs = randomInputs(spec, count, seed);
  const columns = Object.fromEntries(Object.entries(inputs).map(([input, tensor]) => [input, tensor.arraySync() as unknown[]]));
  tf.dispose(Object.values(inputs));
  const instances = Array.from({ length: count }, (_, i) => Object.fromEntries(Object.entries(columns).map(([input, rows]) => [input, rows[i]])));
  return JSON.stringify({ instances });
}
