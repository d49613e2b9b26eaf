import { AppPlugin, TrainOptions } from '../plugin';

/** One model setting a benchmark compares: train options over the profile's, or an ensemble of the concat model. */
export interface BenchVariant {
  /** Short name used in tables, files and `--only` (`concat`, `only-labs`, `bagging`, `encoder-bigru`, …). */
  name: string;
  /** One line for the report. */
  description: string;
  /** Train options this variant sets (inputs, fusion, encoder, or an app's own). */
  options?: Partial<TrainOptions>;
  /** Trains a bagging or stacking ensemble of the fused concat model instead of one model. */
  ensemble?: 'bagging' | 'stacking';
}

/** The variant paired comparisons are made against. */
export const BASELINE_VARIANT = 'concat';

/**
 * The variants of an app: each input alone (when there are several), fused concat, fused attention, bagging and
 * stacking of the concat model, each non-default encoder, then the plugin's own `benchVariants`.
 */
export function benchVariantsOf(plugin: AppPlugin, inputNames: readonly string[]): BenchVariant[] {
  const single = inputNames.length > 1 ? inputNames.map((input) => ({ name: `only-${input}`, description: `${input} alone`, options: { inputs: [input] } })) : [];
  const [defaultEncoder, ...otherEncoders] = plugin.encoders ?? [];
  const encoderNote = defaultEncoder ? ` (${defaultEncoder} encoder)` : '';
  return [
    ...single,
    { name: BASELINE_VARIANT, description: `every input, concatenated${encoderNote}`, options: { fusion: 'concat' } },
    { name: 'gated', description: `every input, gated fusion (a learnt per-example weighting of the inputs)${encoderNote}`, options: { fusion: 'gated' } },
    { name: 'bagging', description: 'bagging ensemble of the concat model (bootstrap samples, averaged)', options: { fusion: 'concat' }, ensemble: 'bagging' },
    { name: 'stacking', description: 'stacking ensemble of the concat model (out-of-fold meta-model)', options: { fusion: 'concat' }, ensemble: 'stacking' },
    ...otherEncoders.map((encoder) => ({ name: `encoder-${encoder}`, description: `concat with the ${encoder} encoder`, options: { fusion: 'concat' as const, encoder } })),
    ...(plugin.benchVariants ?? []),
  ];
}

/** `--only` entries select apps (`nlp`), variants (`concat`) or one app's variant (`nlp/concat`). */
export function selectedBy(only: readonly string[] | undefined, app: string, variant: string): boolean {
  return !only?.length || only.some((entry) => entry === app || entry === variant || entry === `${app}/${variant}`);
}

/** Whether `--only` leaves any variant of `app`: it names the app (alone or as `app/variant`) or a variant of any app. */
export function appSelectedBy(only: readonly string[] | undefined, app: string, apps: readonly string[]): boolean {
  return !only?.length || only.some((entry) => entry.split('/')[0] === app || (!entry.includes('/') && !apps.includes(entry)));
}
