/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number as a short SVG coordinate. */
export const fmt = (v: number) => (Math.round(v * 100) / 100).toString();

/** The colours series take in order (colour-blind safe, Okabe–Ito). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** An `<svg>` document of the given size with a white background and a title. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Plot-area frame: axes with ticks and labels, mapping data to pixels. */
export interface Frame {
  x(value: number): number;
  y(value: number): number;
  elements: string[];
}

export interface FrameOptions {
  width: number;
  height: number;
  xRange: [number, number];
  yRange: [number, number];
  xLabel: string;
  yLabel: string;
  ticks?: number;
  /** Numeric labels under the x axis (default true; off for category axes). */
  xTickLabels?: boolean;
}

/** Axes, grid lines and tick labels for a plot of `width × height` pixels. */
export function plotFrame(o: FrameOptions): Frame {
  const [left, right, top, bottom] = [60, o.width - 20, 30, o.height - 45];
  const span = (r: [number, number]) => (r[1] - r[0] === 0 ? 1 : r[1] - r[0]);
  const x = (v: number) => left + ((v - o.xRange[0]) / span(o.xRange)) * (right - left);
  const y = (v: number) => bottom - ((v - o.yRange[0]) / span(o.yRange)) * (bottom - top);
  const ticks = o.ticks ?? 5;
  const label = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(2));
  const elements: string[] = [];
  for (let i = 0; i <= ticks; i++) {
    const xv = o.xRange[0] + (span(o.xRange) * i) / ticks;
    const yv = o.yRange[0] + (span(o.yRange) * i) / ticks;
    elements.push(`<line x1="${left}" x2="${right}" y1="${fmt(y(yv))}" y2="${fmt(y(yv))}" stroke="#e5e5e5"/>`);
    elements.push(`<text x="${left - 6}" y="${fmt(y(yv) + 4)}" text-anchor="end">${label(yv)}</text>`);
    if (o.xTickLabels !== false) elements.push(`<text x="${fmt(x(xv))}" y="${bottom + 16}" text-anchor="middle">${label(xv)}</text>`);
  }
  elements.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  elements.push(`<text x="${(left + right) / 2}" y="${o.height - 8}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  elements.push(`<text x="14" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + bottom) / 2})">${escapeXml(o.yLabel)}</text>`);
  return { x, y, elements };
}

/** A legend box in the top-right corner of the plot area. */
export function legend(names: string[], right: number, top: number): string[] {
  const width = Math.max(...names.map((n) => n.length)) * 7 + 30;
  return names.flatMap((name, i) => [
    `<line x1="${right - width}" x2="${right - width + 18}" y1="${top + 12 + i * 16}" y2="${top + 12 + i * 16}" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`,
    `<text x="${right - width + 24}" y="${top + 16 + i * 16}">${escapeXml(name)}</text>`,
  ]);
}
