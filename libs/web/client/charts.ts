import { BarController, BarElement, CategoryScale, Chart, ChartDataset, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Title, Tooltip } from 'chart.js';
import { h } from './dom';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, ScatterController, CategoryScale, LinearScale, Legend, Title, Tooltip);

const PALETTE = ['#2f6fdf', '#e07b39', '#2e9e6b', '#b04fc4', '#c9a227', '#5b6575', '#d64550', '#1ba3b8'];
export const colour = (i: number) => PALETTE[i % PALETTE.length];

/** A chart in its own sized box; Chart.js draws into the canvas once the box is in the page. */
function chartBox(make: (canvas: HTMLCanvasElement) => Chart, label: string): HTMLElement {
  const canvas = h('canvas', { 'aria-label': label, role: 'img' });
  const box = h('div', { className: 'chart' }, canvas);
  requestAnimationFrame(() => make(canvas));
  return box;
}

/** Lines over epochs (learning curves): one per named series. */
export function lineChart(title: string, series: Record<string, number[]>, xLabel = 'epoch'): HTMLElement {
  const length = Math.max(0, ...Object.values(series).map((s) => s.length));
  return chartBox(
    (canvas) =>
      new Chart(canvas, {
        type: 'line',
        data: { labels: Array.from({ length }, (_, i) => i + 1), datasets: Object.entries(series).map(([name, data], i) => ({ label: name, data, borderColor: colour(i), backgroundColor: colour(i), pointRadius: 2, tension: 0.2 })) },
        options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: title } }, scales: { x: { title: { display: true, text: xLabel } } } },
      }),
    title,
  );
}

/** A ROC curve with the chance diagonal. */
export function rocChart(title: string, points: { fpr: number; tpr: number }[]): HTMLElement {
  return chartBox(
    (canvas) =>
      new Chart(canvas, {
        type: 'scatter',
        data: {
          datasets: [
            { label: 'ROC', data: points.map((p) => ({ x: p.fpr, y: p.tpr })), showLine: true, borderColor: colour(0), backgroundColor: colour(0), pointRadius: 0 },
            { label: 'chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, borderColor: '#aaa', borderDash: [4, 4], pointRadius: 0 },
          ],
        },
        options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: title } }, scales: { x: { min: 0, max: 1, title: { display: true, text: 'false positive rate' } }, y: { min: 0, max: 1, title: { display: true, text: 'true positive rate' } } } },
      }),
    title,
  );
}

/** Horizontal bars, one per label; negative values go left. */
export function barChart(title: string, labels: string[], values: number[], options: { max?: number; xLabel?: string } = {}): HTMLElement {
  return chartBox(
    (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels, datasets: [{ label: title, data: values, backgroundColor: values.map((v) => (v >= 0 ? colour(0) : colour(6))) }] },
        options: { animation: false, indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: title } }, scales: { x: { ...(options.max === undefined ? {} : { min: 0, max: options.max }), title: { display: !!options.xLabel, text: options.xLabel ?? '' } } } },
      }),
    title,
  );
}

/** Bars of means with error bars (± one standard deviation) drawn as a floating range over each bar. */
export function errorBarChart(title: string, labels: string[], means: number[], stds: number[], yLabel: string): HTMLElement {
  const datasets: ChartDataset<'bar', (number | [number, number])[]>[] = [
    { label: 'mean', data: means, backgroundColor: colour(0), order: 2 },
    { label: '± std', data: means.map((m, i) => [m - stds[i], m + stds[i]] as [number, number]), backgroundColor: 'rgba(29,36,48,0.55)', barPercentage: 0.12, grouped: false, order: 1 },
  ];
  return chartBox(
    (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels, datasets },
        options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: title } }, scales: { y: { title: { display: true, text: yLabel } } } },
      }),
    title,
  );
}
