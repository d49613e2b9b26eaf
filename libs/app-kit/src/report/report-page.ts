import { promises as fs } from 'fs';
import * as path from 'path';

/** `## Charts` and one image line each, blank-line separated: the closing section of every app report. */
export function chartsSection(chartLines: readonly string[]): string[] {
  return ['## Charts', '', ...chartLines.flatMap((line) => [line, ''])];
}

/** Writes an app's report page, `<out>/<app>.md`, creating `out`; returns the file's path. */
export async function writeReportPage(out: string, app: string, lines: readonly string[]): Promise<string> {
  await fs.mkdir(out, { recursive: true });
  const file = path.join(out, `${app}.md`);
  await fs.writeFile(file, `${lines.join('\n').trimEnd()}\n`);
  return file;
}
