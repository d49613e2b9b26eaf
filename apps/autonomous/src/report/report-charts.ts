import * as path from 'path';
import { confusionMatrixSvg, lineChartSvg, writeChart } from '@mimo/app-kit';
import { ExperimentResults } from '../experiments/run-experiments';
import { Confusion } from '../experiments/confusion';
import { writeSampleFrames } from './sample-frames';

/** A chart written as `<name>.svg` and `<name>.png`, with the markdown that shows it. */
export interface ChartLink {
  name: string;
  markdown: string;
}

/** File-name form of a run name: `concat + modality dropout 0.3` → `concat-modality-dropout-0-3`. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function chart(dir: string, name: string, svg: string, alt: string): Promise<ChartLink> {
  await writeChart(path.join(dir, name), svg);
  return { name, markdown: `![${alt}](autonomous/${name}.svg) ([PNG](autonomous/${name}.png))` };
}

function confusionChart(dir: string, runName: string, confusion: Confusion, name: string): Promise<ChartLink> {
  const { classes, counts } = confusion;
  return chart(dir, name, confusionMatrixSvg(counts, classes, { title: `${runName}: test confusion matrix` }), `confusion matrix, ${runName}`);
}

/**
 * Regenerates every chart of the report into `dir` (docs/autonomous): validation-accuracy and loss curves of the
 * scene runs, the robot's learning curves, a test confusion matrix per run, and a strip of sample camera frames. Returns the links by chart name.
 */
export async function writeReportCharts(results: ExperimentResults, dir: string): Promise<Record<string, ChartLink>> {
  const runs = results.scenes.runs;
  const links: ChartLink[] = [
    await chart(dir, 'scenes-val-accuracy', lineChartSvg(Object.fromEntries(runs.map((r) => [r.name, r.history.val_manoeuvre_accuracy ?? []])), { title: 'Generated scenes: validation accuracy', yLabel: 'accuracy' }), 'validation accuracy per epoch'),
    await chart(dir, 'scenes-val-loss', lineChartSvg(Object.fromEntries(runs.map((r) => [r.name, r.history.val_loss ?? []])), { title: 'Generated scenes: validation loss', yLabel: 'loss' }), 'validation loss per epoch'),
  ];
  for (const run of runs) links.push(await confusionChart(dir, run.name, run.tests.full.confusion, `confusion-${slug(run.name)}`));
  if (results.robot) {
    const [first] = results.robot.train.runs;
    const curves = Object.fromEntries(results.robot.train.runs.map((r) => [`train --seed ${r.seed}`, r.history.val_manoeuvre_accuracy ?? []]));
    curves['plain MLP'] = results.robot.baseline.history.val_manoeuvre_accuracy ?? [];
    links.push(await chart(dir, 'robot-learning-curves', lineChartSvg(curves, { title: 'Wall-following robot: validation accuracy', yLabel: 'accuracy' }), 'robot validation accuracy per epoch'));
    links.push(await confusionChart(dir, `train --seed ${first.seed}`, first.confusion, 'confusion-robot'));
  }
  const sample = await writeSampleFrames(dir);
  links.push({ name: 'sample-frames', markdown: `![eight generated camera frames](autonomous/sample-frames.png)\n\nLeft to right, the planner chose: ${sample.labels.join(', ')}.` });
  return Object.fromEntries(links.map((l) => [l.name, l]));
}
