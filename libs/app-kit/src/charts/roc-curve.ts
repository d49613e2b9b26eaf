import { fmt, legend, PALETTE, plotFrame, svgDocument } from './svg';

export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** ROC curve points of binary scores (ties handled as one step), from (0,0) to (1,1). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = Array.from(labels).filter((l) => l >= 0.5).length;
  const negatives = labels.length - positives;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let [tp, fp] = [0, 0];
  order.forEach((index, k) => {
    if (labels[index] >= 0.5) tp++;
    else fp++;
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[index]) points.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0 });
  });
  return points;
}

/** Area under ROC points (trapezoids). */
export function rocAuc(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  return area;
}

/** ROC curves of named models on one chart, with the chance diagonal; legend shows each AUC. */
export function rocChartSvg(curves: Record<string, readonly RocPoint[]>, options: { title: string; width?: number; height?: number }): string {
  const width = options.width ?? 420;
  const height = options.height ?? 400;
  const frame = plotFrame({ width, height, xRange: [0, 1], yRange: [0, 1], xLabel: 'false positive rate', yLabel: 'true positive rate' });
  const diagonal = `<line x1="${fmt(frame.x(0))}" y1="${fmt(frame.y(0))}" x2="${fmt(frame.x(1))}" y2="${fmt(frame.y(1))}" stroke="#999" stroke-dasharray="4 4"/>`;
  const lines = Object.values(curves).map((points, i) => {
    const d = points.map((p) => `${fmt(frame.x(p.fpr))},${fmt(frame.y(p.tpr))}`).join(' ');
    return `<polyline fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" points="${d}"/>`;
  });
  const names = Object.entries(curves).map(([name, points]) => `${name} (AUC ${rocAuc(points).toFixed(3)})`);
  return svgDocument(width, height, options.title, [...frame.elements, diagonal, ...lines, ...legend(names, width - 24, height - 60 - names.length * 16)]);
}
