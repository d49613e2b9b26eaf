import { loadBundle, ModelSpec } from '@mimo/core';
import { AppPlugin } from '../plugin';
import { AppModelCard, readAppCard } from './model-card';
import { headOutputs, headTargets } from './head-outputs';
import { disposeData, pickData } from './pick-inputs';

/** A bundle's predictions on one of its own splits, per head: `labels[head][i]` and `scores[head][i]` (one row per example). */
export interface TestPredictions {
  dir: string;
  spec: ModelSpec;
  card: AppModelCard;
  labels: Record<string, number[][]>;
  scores: Record<string, number[][]>;
}

/**
 * Loads a bundle, re-prepares its data (card's path and seed, saved preprocessing) and predicts the test
 * split (what reports draw ROC curves and confusion matrices from), or the validation split (what a decision
 * threshold is chosen on).
 */
export async function testPredictions(plugin: AppPlugin, dir: string, split: 'test' | 'val' = 'test'): Promise<TestPredictions> {
  const bundle = await loadBundle(dir);
  try {
    const card = readAppCard(bundle.card, dir);
    const data = await plugin.prepare({ data: card.data.path, seed: card.seed, preprocessing: bundle.preprocessing, tiny: card.data.tiny, inputs: card.inputs });
    try {
      const chosen = split === 'val' ? data.val : data.test;
      if (!chosen) throw new Error(`${dir}: its data (${card.data.name}) have no validation split`);
      const test = pickData(chosen, bundle.spec);
      return { dir, spec: bundle.spec, card, labels: headTargets(test), scores: headOutputs(bundle.model, test) };
    } finally {
      disposeData(data.train, data.val, data.test);
    }
  } finally {
    bundle.model.dispose();
  }
}
