import { loadBundle } from '@mimo/core';
import type { RecordField } from '@mimo/data';
import { answerFacts, headLabels } from '@mimo/serve';
import { AppPlugin } from '../plugin';
import { formatRecordFields, recordFieldsOf } from './record-fields';

/** What `mimo <app> spec --model DIR` says about a bundle: its inputs, its heads' answers, its record fields. */
export interface BundleDescription {
  name: string;
  inputs: Record<string, string>;
  heads: Record<string, { type: string; classes?: string[]; threshold?: number }>;
  recordFields: RecordField[];
}

/** Reads a bundle and describes what a record must hold and what each head answers. */
export async function describeBundle(plugin: AppPlugin, dir: string): Promise<BundleDescription> {
  const bundle = await loadBundle(dir);
  try {
    const labels = headLabels(bundle.spec.heads, bundle.card);
    return {
      name: bundle.spec.name,
      inputs: Object.fromEntries(Object.entries(bundle.spec.inputs).map(([name, input]) => [name, input.kind])),
      heads: Object.fromEntries(Object.entries(labels).map(([name, l]) => [name, { type: l.type, ...answerFacts(l) }])),
      recordFields: recordFieldsOf(plugin, bundle.preprocessing, Object.keys(bundle.spec.inputs)),
    };
  } finally {
    bundle.model.dispose();
  }
}

/** The description as text: record fields as a table, then each head's answer. */
export function formatBundleDescription(description: BundleDescription): string {
  const heads = Object.entries(description.heads).map(([name, h]) => {
    const classes = h.classes ? `: ${h.classes.join(', ')}` : '';
    const threshold = h.threshold === undefined ? '' : ` (positive at probability ≥ ${Number(h.threshold.toFixed(4))})`;
    return `  ${name}: ${h.type}${classes}${threshold}`;
  });
  return [`${description.name}: a record holds`, '', formatRecordFields(description.recordFields), '', 'and the model answers', ...heads].join('\n');
}
