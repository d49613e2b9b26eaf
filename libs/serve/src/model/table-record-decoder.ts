import * as tf from '@tensorflow/tfjs';
import { PREPROCESSING_FORMAT, TablePreprocessor } from '@mimo/data';
import { isRecord, withRecordFiles } from './record-files';
import { RecordDecoder } from './served-model';

/**
 * The raw-record decoder of a bundle whose preprocessing.json is a `TablePreprocessor`'s: records are parsed
 * and transformed with the saved state, exactly as `TablePreprocessor.fromJSON(…).parseRecords` → `transform`
 * does in a `predict` command. Image columns take base64 (never a path: no request value reaches the
 * filesystem; see `withRecordFiles`). Returns undefined when the bundle has no table preprocessing.
 */
export function tableRecordDecoder(preprocessing: unknown): RecordDecoder | undefined {
  if (!isRecord(preprocessing) || preprocessing.format !== PREPROCESSING_FORMAT) return undefined;
  const table = TablePreprocessor.fromJSON(preprocessing);
  const imageColumns = Object.entries(table.schema.columns)
    .filter(([, column]) => column.type === 'image')
    .map(([name]) => name);
  return (records) =>
    withRecordFiles(records, imageColumns, async (copies, dir) => {
      const rows = table.parseRecords(copies, { source: 'records', baseDir: dir });
      const { xs } = await table.transform(rows, { labels: false });
      return xs as Record<string, tf.Tensor>;
    });
}
