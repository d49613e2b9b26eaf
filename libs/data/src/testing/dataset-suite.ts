import { existsSync } from 'fs';
import * as path from 'path';
import { datasetsDir } from '../datasets/datasets-dir';

/**
 * Runs `body` when the real data set folder exists. When it is absent the suite says so loudly — a warning
 * naming the path and a test reported as skipped — instead of passing silently. (CI always has the folder.)
 */
export function describeDataset(title: string, folder: string, body: (dir: string) => void): void {
  const dir = path.join(datasetsDir(), folder);
  if (existsSync(dir)) {
    describe(title, () => body(dir));
    return;
  }
  describe(title, () => {
    console.warn(`DATA SET MISSING: ${dir} does not exist, so the ${title} tests are SKIPPED. Set MIMO_DATASETS to the shared datasets folder.`);
    it.skip(`needs ${dir} (set MIMO_DATASETS)`, () => undefined);
  });
}
