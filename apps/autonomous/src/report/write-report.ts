import { defaultReportDir } from '@mimo/app-kit';
import { promises as fs } from 'fs';
import * as path from 'path';
import { ExperimentResults, RESULTS_FILE } from '../experiments/run-experiments';
import { writeReportCharts } from './report-charts';
import { reportMarkdown } from './report-markdown';

/**
 * `mimo autonomous report`: reads the measured results (`docs/autonomous/results.json`, made by `experiments`),
 * regenerates every chart as SVG and PNG in `<docs>/autonomous/` and writes `<docs>/autonomous.md` (`docs` defaults to
 * out/autonomous/report; the shipped page is `docs`).
 */
export async function writeReport(options: { docs?: string; results?: string } = {}): Promise<string> {
  const docs = options.docs ?? defaultReportDir('autonomous');
  const source = options.results ?? RESULTS_FILE;
  let text: string;
  try {
    text = await fs.readFile(source, 'utf8');
  } catch {
    throw new Error(`no results at ${source}: run \`mimo autonomous experiments\` first`);
  }
  const results = JSON.parse(text) as ExperimentResults;
  const charts = await writeReportCharts(results, path.join(docs, 'autonomous'));
  const file = path.join(docs, 'autonomous.md');
  await fs.writeFile(file, reportMarkdown(results, charts));
  return file;
}
