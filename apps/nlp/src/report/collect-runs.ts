import { AppBundleEntry, listAppBundles } from '@mimo/app-kit';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { BASELINE_FILE, BaselineResult } from '../baseline/bow-baseline';
import { NlpRunInfo, RUN_FILE } from '../transfer/run-info';

/** One NLP bundle with what its train run wrote beside the card: the BoW baseline and the transfer record. */
export interface NlpRun extends AppBundleEntry {
  baseline?: BaselineResult;
  info?: NlpRunInfo;
}

async function readOptional<T>(file: string): Promise<T | undefined> {
  return existsSync(file) ? (JSON.parse(await fs.readFile(file, 'utf8')) as T) : undefined;
}

/** Every nlp bundle (a folder with a card.json whose app is nlp) directly under `runs`, by name. */
export async function collectRuns(runs: string): Promise<NlpRun[]> {
  const found: NlpRun[] = [];
  for (const bundle of await listAppBundles(runs, 'nlp')) {
    found.push({ ...bundle, baseline: await readOptional(path.join(bundle.dir, BASELINE_FILE)), info: await readOptional(path.join(bundle.dir, RUN_FILE)) });
  }
  return found;
}

/** The main head of a run: its first. */
export const mainHead = (run: NlpRun) => Object.keys(run.card.heads)[0];

/** Inputs as the tables show them: `text + context` or `text only`. */
export const inputsLabel = (run: NlpRun) => (run.card.inputs.length === 1 ? 'text only' : run.card.inputs.join(' + '));

export const encoderLabel = (run: NlpRun) => `${String(run.card.encoder ?? 'lstm')}${run.info?.pretrained ? ` (from ${path.basename(run.info.pretrained)})` : ''}`;
