import * as tf from '@tensorflow/tfjs';
import { BUNDLE_FILES, loadBundle } from '@mimo/core';
import { PreprocessingJsonSchema } from '@mimo/data';
import { promises as fs } from 'fs';
import * as path from 'path';
import { TEXT_INPUT } from '../data/text-table';

/** The text vocabulary state of a bundle (its preprocessing.json), which a model reusing its encoder must read with. */
export async function readPretrainedText(dir: string): Promise<unknown> {
  const file = path.join(dir, BUNDLE_FILES.preprocessing);
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new Error(`--pretrained: ${file} does not exist; expected a bundle written by mimo nlp train`);
  });
  const saved = PreprocessingJsonSchema.parse(JSON.parse(text));
  if (!(TEXT_INPUT in saved.state.inputs)) throw new Error(`--pretrained: ${dir} has no '${TEXT_INPUT}' input to reuse`);
  return saved.state.inputs[TEXT_INPUT];
}

/**
 * Copies the text encoder's weights (every layer named `text_…`: embedding, recurrent or attention blocks)
 * from a pretrained bundle into `model`, layer by layer and shape by shape; the rest stays freshly initialised.
 * Returns the names of the copied layers; a model with none in common is an error.
 */
export async function loadPretrainedEncoder(dir: string, model: tf.LayersModel): Promise<string[]> {
  const pretrained = await loadBundle(dir);
  try {
    const copied: string[] = [];
    for (const source of pretrained.model.layers) {
      if (!source.name.startsWith(`${TEXT_INPUT}_`) || source.getWeights().length === 0) continue;
      const target = model.layers.find((layer) => layer.name === source.name);
      const weights = source.getWeights();
      const shapes = (ws: tf.Tensor[]) => ws.map((w) => w.shape.join('x')).join(',');
      if (!target || shapes(target.getWeights()) !== shapes(weights)) continue;
      target.setWeights(weights);
      copied.push(source.name);
    }
    if (copied.length === 0) throw new Error(`--pretrained: ${dir} has no text-encoder layer of the same name and shapes as this model's (was it trained with the same --encoder?)`);
    return copied;
  } finally {
    pretrained.model.dispose();
  }
}
