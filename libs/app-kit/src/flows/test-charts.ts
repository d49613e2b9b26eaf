import * as tf from '@tensorflow/tfjs';
import { ModelSpec, TrainingData } from '@mimo/core';
import { confusionMatrix } from '../charts/confusion-matrix';
import { rocCurve, RocPoint } from '../charts/roc-curve';
import { headOutputs, headTargets } from './head-outputs';

/** What the web app draws of a head's test split: its confusion matrix and, for a binary head, its ROC curve. */
export interface HeadTestCharts {
  /** Counts `[actual][predicted]` (binary heads at their decision threshold). */
  confusion?: number[][];
  /** At most `MAX_ROC_POINTS` points from (0,0) to (1,1). */
  roc?: RocPoint[];
}

const MAX_ROC_POINTS = 101;

/** Every k-th point, keeping the first and the last, so a card stays small. */
function thin(points: RocPoint[]): RocPoint[] {
  if (points.length <= MAX_ROC_POINTS) return points;
  const step = (points.length - 1) / (MAX_ROC_POINTS - 1);
  return Array.from({ length: MAX_ROC_POINTS }, (_, i) => points[Math.round(i * step)]);
}

const argmax = (row: readonly number[]) => row.indexOf(Math.max(...row));

/** Confusion matrices and ROC curves of the classification heads on `test` (binary heads decide at `thresholds`). */
export function testCharts(model: tf.LayersModel, spec: ModelSpec, test: TrainingData, thresholds: Record<string, number>): Record<string, HeadTestCharts> {
  const scores = headOutputs(model, test);
  const labels = headTargets(test);
  const charts: Record<string, HeadTestCharts> = {};
  for (const [head, config] of Object.entries(spec.heads)) {
    if (config.type === 'binary') {
      const actual = labels[head].map((row) => (row[0] >= 0.5 ? 1 : 0));
      const score = scores[head].map((row) => row[0]);
      const threshold = thresholds[head] ?? 0.5;
      charts[head] = { confusion: confusionMatrix(actual, score.map((s) => (s >= threshold ? 1 : 0)), 2), roc: thin(rocCurve(actual, score)) };
    } else if (config.type === 'multiclass') {
      charts[head] = { confusion: confusionMatrix(labels[head].map(argmax), scores[head].map(argmax), config.classes) };
    }
  }
  return charts;
}
