import * as tf from '@tensorflow/tfjs';
import { buildModel, parseModelSpec, randomInputs, referenceSpec, saveBundle } from '@mimo/core';
import * as path from 'path';

/** The reference models of the four apps (their real bundles come with the apps). */
export const APP_REFERENCE_MODELS = ['healthcare_labs_image', 'nlp_text_user', 'finance_prices_sentiment', 'autonomous_camera_lidar'];

/** Saves each reference model (fresh seeded weights) as `<dir>/<name>/1/`. */
export async function saveReferenceBundles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const spec = parseModelSpec(referenceSpec(name));
    const model = buildModel(spec);
    await saveBundle(path.join(dir, name, '1'), { model, spec });
    model.dispose();
  }
}

/** A `:predict` body with `count` random instances of the model's input shapes (row format). */
export function predictBody(name: string, count = 1, seed = 1): string {
  const spec = parseModelSpec(referenceSpec(name));
  const inputs = randomInputs(spec, count, seed);
  const columns = Object.fromEntries(Object.entries(inputs).map(([input, tensor]) => [input, tensor.arraySync() as unknown[]]));
  tf.dispose(Object.values(inputs));
  const instances = Array.from({ length: count }, (_, i) => Object.fromEntries(Object.entries(columns).map(([input, rows]) => [input, rows[i]])));
  return JSON.stringify({ instances });
}
