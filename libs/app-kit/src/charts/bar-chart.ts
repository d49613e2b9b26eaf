import { escapeXml, fmt, PALETTE, plotFrame, svgDocument } from './svg';

/** One bar: its label, value, and the half-width of its error bar (e.g. a standard deviation). */
export interface Bar {
  label: string;
  value: number;
  error?: number;
}

export interface BarChartOptions {
  title: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

/** Vertical bars with error bars (mean ± spread), labels under each bar. Non-finite values draw no bar. Returns an SVG document. */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? Math.max(420, 80 + bars.length * 56);
  const height = options.height ?? 340;
  const extents = bars.filter((b) => Number.isFinite(b.value)).flatMap((b) => [b.value - (b.error ?? 0), b.value + (b.error ?? 0)]);
  const low = Math.min(0, ...extents);
  const high = Math.max(0, ...extents);
  const pad = (high - low) * 0.08 || 1;
  const frame = plotFrame({ width, height: height - 40, xRange: [0, bars.length], yRange: [low, high + pad], xLabel: '', yLabel: options.yLabel ?? '', xTickLabels: false });
  const slot = frame.x(1) - frame.x(0);
  const body = bars.flatMap((bar, i) => {
    const centre = frame.x(i + 0.5);
    const label = `<text x="${fmt(centre)}" y="${height - 66}" text-anchor="end" transform="rotate(-35 ${fmt(centre)} ${height - 66})">${escapeXml(bar.label)}</text>`;
    if (!Number.isFinite(bar.value)) return [label];
    const [top, base] = [frame.y(Math.max(bar.value, 0)), frame.y(Math.min(bar.value, 0))];
    const parts = [`<rect x="${fmt(centre - slot * 0.3)}" y="${fmt(top)}" width="${fmt(slot * 0.6)}" height="${fmt(Math.max(base - top, 0.5))}" fill="${PALETTE[i % PALETTE.length]}"/>`, label];
    if (bar.error) {
      const [y1, y2] = [frame.y(bar.value - bar.error), frame.y(bar.value + bar.error)];
      parts.push(`<path d="M${fmt(centre)},${fmt(y1)}V${fmt(y2)}M${fmt(centre - 6)},${fmt(y1)}h12M${fmt(centre - 6)},${fmt(y2)}h12" stroke="#222" fill="none"/>`);
    }
    return parts;
  });
  return svgDocument(width, height, options.title, [...frame.elements, ...body]);
}
