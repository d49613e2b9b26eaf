import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { CrossValidationResult } from '../cv/cross-validate';
import { ThresholdRecord, THRESHOLD_FILE } from '../threshold/threshold-command';
import { TransferRecord } from '../transfer/run-transfer';
import { AppBundleEntry } from '@mimo/app-kit';

/** What the report shows beside the bundles: `<runs>/cv/*.json`, `<runs>/transfer/transfer.json` and each bundle's threshold.json. */
export interface Experiments {
  cv: CrossValidationResult[];
  transfer?: TransferRecord;
  thresholds: Record<string, ThresholdRecord>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await fs.readFile(file, 'utf8')) as T;

export async function readExperiments(runsDir: string, runs: readonly AppBundleEntry[]): Promise<Experiments> {
  const cvDir = path.join(runsDir, 'cv');
  const cvFiles = existsSync(cvDir) ? (await fs.readdir(cvDir)).filter((f) => f.endsWith('.json')).sort() : [];
  const transferFile = path.join(runsDir, 'transfer', 'transfer.json');
  const thresholds: Record<string, ThresholdRecord> = {};
  for (const run of runs) {
    const file = path.join(run.dir, THRESHOLD_FILE);
    if (existsSync(file)) thresholds[run.name] = await readJson<ThresholdRecord>(file);
  }
  return {
    cv: await Promise.all(cvFiles.map((f) => readJson<CrossValidationResult>(path.join(cvDir, f)))),
    transfer: existsSync(transferFile) ? await readJson<TransferRecord>(transferFile) : undefined,
    thresholds,
  };
}
