import { fmt, legend, PALETTE, plotFrame, svgDocument } from './svg';

export interface LineChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

/**
 * Line chart of named series over their index (e.g. learning curves: `{ loss: [...], val_loss: [...] }`, x =
 * epoch). Non-finite values are skipped. Returns an SVG document.
 */
export function lineChartSvg(series: Record<string, readonly number[]>, options: LineChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  const values = Object.values(series).flat().filter(Number.isFinite);
  const longest = Math.max(1, ...Object.values(series).map((s) => s.length));
  const [min, max] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
  const pad = (max - min) * 0.05 || 0.5;
  const frame = plotFrame({ width, height, xRange: [0, Math.max(1, longest - 1)], yRange: [min - pad, max + pad], xLabel: options.xLabel ?? 'epoch', yLabel: options.yLabel ?? '' });
  const lines = Object.values(series).map((s, i) => {
    const points = s.map((v, x) => (Number.isFinite(v) ? `${fmt(frame.x(x))},${fmt(frame.y(v))}` : '')).filter(Boolean);
    return `<polyline fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" points="${points.join(' ')}"/>`;
  });
  return svgDocument(width, height, options.title, [...frame.elements, ...lines, ...legend(Object.keys(series), width - 24, 32)]);
}
