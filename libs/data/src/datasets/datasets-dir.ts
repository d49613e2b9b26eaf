import { existsSync } from 'fs';
import * as path from 'path';
import { DataError } from '../errors/data-error';

/** The repository root: this file is libs/data/src/datasets/. */
const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Where the real data sets live: `$MIMO_DATASETS`, else `<repo>/../shared/datasets`. */
export function datasetsDir(): string {
  return process.env.MIMO_DATASETS ? path.resolve(process.env.MIMO_DATASETS) : path.resolve(REPO_ROOT, '../shared/datasets');
}

/** A data set's folder (`dir` when given, else under `datasetsDir()`); an error says where it looked. */
export function datasetPath(name: string, dir?: string): string {
  const folder = dir ?? path.join(datasetsDir(), name);
  if (!existsSync(folder)) {
    throw new DataError({ file: folder }, `expected the ${name} data set folder, received nothing (set MIMO_DATASETS to the folder that holds ${name}/, or pass its dir)`);
  }
  return folder;
}
