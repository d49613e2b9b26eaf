import { AppPlugin, testPredictions, TestPredictions } from '@mimo/app-kit';

export interface SplitScores {
  labels: number[];
  scores: number[];
}

/**
 * A bundle's main-head (`outcome`, else its first head) labels and scores on its own val and test splits (its
 * data re-prepared with the card's path and seed and the saved preprocessing).
 */
export async function valAndTestScores(plugin: AppPlugin, dir: string): Promise<{ head: string; val: SplitScores; test: SplitScores }> {
  const val = await testPredictions(plugin, dir, 'val');
  const test = await testPredictions(plugin, dir, 'test');
  const heads = test.card.heads;
  const head = 'outcome' in heads ? 'outcome' : Object.keys(heads)[0];
  if (heads[head] !== 'binary') throw new Error(`${dir}: the head '${head}' is ${heads[head]}; a decision threshold needs a binary head`);
  const column = (p: TestPredictions): SplitScores => ({ labels: p.labels[head].map((row) => row[0]), scores: p.scores[head].map((row) => row[0]) });
  return { head, val: column(val), test: column(test) };
}
