import * as path from 'path';
import { confusionMatrixSvg, lineChartSvg, writeChart } from '@mimo/app-kit';
import { ExperimentResults } from '../experiments/run-experiments';
import { VariantRun } from '../experiments/train-variant';
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

function confusionChart(dir: string, run: VariantRun, name: string): Promise<ChartLink> {
  const { classes, counts } = run.tests.full.confusion;
  return chart(dir, name, confusionMatrixSvg(counts, classes, { title: `${run.name}: test confusion matrix` }), `confusion matrix, ${run.name}`);
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
  for (const run of runs) links.push(await confusionChart(dir, run, `confusion-${slug(run.name)}`));
  if (results.robot) {
    const h = results.robot.run.history;
    links.push(await chart(dir, 'robot-learning-curves', lineChartSvg({ accuracy: h.manoeuvre_accuracy ?? [], val_accuracy: h.val_manoeuvre_accuracy ?? [] }, { title: 'Wall-following robot (LIDAR branch): accuracy', yLabel: 'accuracy' }), 'robot learning curves'));
    links.push(await confusionChart(dir, results.robot.run, 'confusion-robot'));
  }
  const sample = await writeSampleFrames(dir);
  links.push({ name: 'sample-frames', markdown: `![eight generated camera frames](autonomous/sample-frames.png)\n\nLeft to right, the planner chose: ${sample.labels.join(', ')}.` });
  return Object.fromEntries(links.map((l) => [l.name, l]));
}
