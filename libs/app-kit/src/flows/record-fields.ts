import { RecordField, TablePreprocessor } from '@mimo/data';
import { AppPlugin } from '../plugin';

/** The fields of the records a bundle predicts on: the plugin's `recordFields`, else its TablePreprocessor's columns. */
export function recordFieldsOf(plugin: AppPlugin, preprocessing: unknown, inputs: readonly string[]): RecordField[] {
  if (plugin.recordFields) return plugin.recordFields(preprocessing, inputs);
  if (preprocessing === undefined) throw new Error('the bundle has no preprocessing.json, so its record fields are unknown');
  return TablePreprocessor.fromJSON(preprocessing).recordFields();
}

/** The fields as a plain-text table, one line each: name, kind, required or optional, an example, a note. */
export function formatRecordFields(fields: readonly RecordField[]): string {
  const rows = fields.map((f) => [f.name, f.kind, f.required ? 'required' : 'optional', JSON.stringify(f.example), f.note ?? '']);
  const widths = [0, 1, 2, 3].map((c) => Math.max(['field', 'kind', '', 'example'][c].length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]) : cell)).join('  ').trimEnd();
  return [line(['field', 'kind', '', 'example', 'note']), ...rows.map(line)].join('\n');
}
