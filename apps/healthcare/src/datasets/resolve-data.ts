import { datasetsDir } from '@mimo/data';
import { existsSync, statSync } from 'fs';
import * as path from 'path';

/** Which loader a `--data` value needs. */
export type HealthcareSource = { kind: 'cohort'; file: string } | { kind: 'pneumoniamnist'; source: string } | { kind: 'wdbc'; dir: string };

/**
 * `--data` → source: a `.csv` is a manifest; a `.npz` or a folder holding `pneumoniamnist.npz` is
 * PneumoniaMNIST; a folder holding WDBC's `data.csv` + `wdbc.names` is WDBC. The bare names `pneumoniamnist`
 * and `wdbc` mean those folders under the data sets folder (`$MIMO_DATASETS`, else `../shared/datasets`).
 */
export function resolveHealthcareData(data: string): HealthcareSource {
  const named = (name: string) => path.join(datasetsDir(), name);
  const target = (data === 'pneumoniamnist' || data === 'wdbc') && !existsSync(data) ? named(data) : data;
  if (!existsSync(target)) throw new Error(`--data: ${target} does not exist`);
  if (statSync(target).isFile()) {
    if (target.endsWith('.csv')) return { kind: 'cohort', file: target };
    if (target.endsWith('.npz')) return { kind: 'pneumoniamnist', source: target };
    throw new Error(`--data: ${target}: expected a manifest .csv, a PneumoniaMNIST .npz, or a PneumoniaMNIST / WDBC folder`);
  }
  if (existsSync(path.join(target, 'pneumoniamnist.npz'))) return { kind: 'pneumoniamnist', source: target };
  if (existsSync(path.join(target, 'wdbc.names')) && existsSync(path.join(target, 'data.csv'))) return { kind: 'wdbc', dir: target };
  if (existsSync(path.join(target, 'manifest.csv'))) return { kind: 'cohort', file: path.join(target, 'manifest.csv') };
  throw new Error(`--data: ${target}: a folder without manifest.csv, pneumoniamnist.npz or WDBC's data.csv + wdbc.names`);
}
