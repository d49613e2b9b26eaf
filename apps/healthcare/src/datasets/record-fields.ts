import { RecordField, TablePreprocessor } from '@mimo/data';
import { XRAY_PREPROCESSING } from './prepare-pneumoniamnist';

/** A healthcare bundle's record fields: an image-only (PneumoniaMNIST) bundle's `image`, else its table's columns. */
export function healthcareRecordFields(preprocessing: unknown): RecordField[] {
  if ((preprocessing as { format?: string } | undefined)?.format !== XRAY_PREPROCESSING.format) return TablePreprocessor.fromJSON(preprocessing).recordFields();
  const { width, height } = XRAY_PREPROCESSING;
  return [{ name: 'image', kind: 'image', required: true, example: 'images/xray.png', note: `a chest X-ray, read as ${width}×${height} grey (stretched); a path for predict (relative to the input file), base64 over HTTP` }];
}
