import { PreparedData } from '@mimo/app-kit';
import { Bundle, InputSpec, loadBundle, pretrainedInput } from '@mimo/core';
import { existsSync } from 'fs';
import * as path from 'path';

/**
 * Loads the bundle whose image encoder is to be reused (a PneumoniaMNIST model, trained with
 * `train --data pneumoniamnist`). Fails, naming the folder, when there is no bundle or it has no image input `xray`.
 */
export async function loadPretrainedXray(dir: string): Promise<Bundle> {
  if (!existsSync(path.join(dir, 'model.json'))) {
    throw new Error(`--source ${dir}: no bundle there; pretrain one first: npx mimo healthcare train --data pneumoniamnist --out ${dir}`);
  }
  const bundle = await loadBundle(dir);
  const xray = bundle.spec.inputs.xray;
  if (xray?.kind !== 'image') {
    bundle.model.dispose();
    throw new Error(`--source ${dir}: expected a bundle with an image input 'xray' (a PneumoniaMNIST model), received inputs: ${Object.keys(bundle.spec.inputs).join(', ')}`);
  }
  return bundle;
}

const imageSize = (input: { height: number; width: number; channels: number }) => `${input.height}×${input.width}×${input.channels}`;

/** The pretrained `xray` input (its encoder included), after checking that the data's images have its shape. */
export function pretrainedXrayInput(source: Bundle, sourceDir: string, data: PreparedData): InputSpec {
  const xray = source.spec.inputs.xray as Extract<InputSpec, { kind: 'image' }>;
  const own = data.inputs.xray;
  if (own?.kind !== 'image') throw new Error(`the data (${data.card.name}) have no image input 'xray' to take the pretrained encoder of ${sourceDir}`);
  if (imageSize(own) !== imageSize(xray)) throw new Error(`--source ${sourceDir}: its xray encoder takes ${imageSize(xray)} images, the data (${data.card.name}) have ${imageSize(own)}`);
  return pretrainedInput(source.spec, 'xray');
}
