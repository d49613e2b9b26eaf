import { ModelSpec } from '@mimo/core';
import type { RecordField } from '@mimo/data';
import { DataCard } from '../plugin';
import { HeadMetricValues } from '../metrics/nest-metrics';
import type { HeadTestCharts } from './test-charts';

/** The `card.json` fields the kit writes (beside core's name, createdAt, tfjsVersion, backend). */
export interface AppModelCard {
  app: string;
  data: DataCard & { path?: string; n: { train: number; val: number; test: number }; tiny: boolean };
  inputs: string[];
  heads: Record<string, string>;
  seed: number;
  backend: string;
  fusion: string;
  epochs: { requested: number; completed: number };
  metrics: { test: Record<string, HeadMetricValues>; val?: Record<string, HeadMetricValues> };
  /** Trainer history (`loss`, `val_loss`, `<head>_<metric>` per epoch) for learning curves. */
  history: Record<string, number[]>;
  /** Class names per classification head (core's `ModelCard.classes`); decision thresholds per binary head. */
  classes?: Record<string, string[]>;
  thresholds?: Record<string, number>;
  /** Confusion matrices and ROC curves of the test split per classification head, for the web app. */
  testCharts?: Record<string, HeadTestCharts>;
  /** The fields of a record to predict on (`mimo <app> spec --model DIR` prints them). */
  recordFields?: RecordField[];
  /** The fit's wall time and examples per second (train examples × epochs completed / seconds). */
  training?: { seconds: number; examplesPerSecond: number };
  [field: string]: unknown;
}

/** Reads the kit's fields back from a loaded bundle's card, checking the ones the flows need. */
export function readAppCard(card: Record<string, unknown>, dir: string): AppModelCard {
  const data = card.data as AppModelCard['data'] | undefined;
  if (!data || typeof card.seed !== 'number' || typeof card.app !== 'string') {
    throw new Error(`${dir}/card.json: not a bundle made by 'mimo <app> train' (expected app, data and seed fields)`);
  }
  return card as AppModelCard;
}

export function headTypes(spec: ModelSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.heads).map(([h, c]) => [h, c.type]));
}
