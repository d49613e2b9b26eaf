import { csvHeader, DataError, NOT_UTF8, readTable, Row, TableSchemaInput } from '@mimo/data';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { ManifestColumns, manifestColumns, manifestSchema } from './manifest-schema';

export interface Manifest extends ManifestColumns {
  file: string;
  rows: Row[];
  schema: TableSchemaInput;
}

/**
 * Reads a healthcare manifest CSV (patient id, lab columns, image path relative to the CSV, outcome,
 * optional severity / icu). Bad rows fail with file, line and column (the data library's reader); image
 * files that do not exist fail together, each with its line.
 */
export async function readManifest(file: string): Promise<Manifest> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read the manifest (${error.code ?? error.message})`);
  });
  if (text.includes('\u0000')) throw new DataError({ file }, NOT_UTF8);
  if (text.trim() === '') throw new DataError({ file }, 'expected a header line (an id, lab columns, image, outcome), received an empty file');
  const header = csvHeader(file, text.split(/\r?\n/, 1)[0].split(',').map((name) => name.replace(/^\s*"|"\s*$/g, '')));
  const columns = manifestColumns(header, file);
  const schema = manifestSchema(columns);
  const table = await readTable(file, schema);
  const missing = table.data
    .map((row, i) => ({ line: i + 2, image: path.resolve(path.dirname(file), String(row.image)) }))
    .filter(({ image }) => !existsSync(image));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map(({ line, image }) => `line ${line}: ${image}`).join('; ');
    throw new Error(`${file}: ${missing.length} image file(s) not found: ${shown}${missing.length > 5 ? '; …' : ''}`);
  }
  return { ...columns, file, rows: table.data, schema };
}
