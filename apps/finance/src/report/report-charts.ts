import { lineChartSvg, rocChartSvg, rocCurve, writeChart } from '@mimo/app-kit';
import * as path from 'path';
import { SINGLE_SERIES } from '../data/read-prices-file';
import { ScoredBundle } from './score-bundle';

/** Days of the returns chart (the test period's first ticker, from its start). */
const RETURN_DAYS = 120;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Charts of one data set's runs (SVG + PNG in `dir`); returns the markdown lines that show them (paths relative to the page). */
export async function dataSetCharts(data: string, runs: ScoredBundle[], dir: string, rel: string): Promise<string[]> {
  const lines: string[] = [];
  const show = async (name: string, svg: string, alt: string) => {
    await writeChart(path.join(dir, name), svg);
    lines.push(`![${alt}](${rel}/${name}.svg)`);
  };
  for (const run of runs) {
    const h = run.card.history;
    await show(`${run.name}-learning`, lineChartSvg({ loss: h.loss ?? [], val_loss: h.val_loss ?? [] }, { title: `${run.name}: learning curves`, yLabel: 'weighted loss' }), `${run.name} learning curves`);
  }
  const curves = Object.fromEntries(runs.map((run) => [run.name, rocCurve(run.test.map((e) => e.direction), run.upProbabilities)]));
  await show(`roc-${slug(data)}`, rocChartSvg(curves, { title: `${data}: direction head ROC, test split` }), `${data} direction ROC`);
  const full = runs.find((r) => r.card.inputs.length === 2) ?? runs[0];
  const ticker = full.test[0].ticker;
  const days = full.test.map((e, i) => ({ e, i })).filter(({ e }) => e.ticker === ticker).slice(0, RETURN_DAYS);
  const series = { actual: days.map(({ e }) => e.nextReturn), [`${full.name} predicted`]: days.map(({ i }) => full.predictedReturns[i]) };
  await show(`returns-${slug(data)}`, lineChartSvg(series, { title: `${data}${ticker === SINGLE_SERIES ? '' : ` (${ticker})`}: next-day return, first ${days.length} test days`, xLabel: 'test day', yLabel: 'return (%)' }), `${data} returns`);
  return lines;
}
