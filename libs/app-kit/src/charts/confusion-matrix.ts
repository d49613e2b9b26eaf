import { escapeXml, svgDocument } from './svg';

/** Counts `[actual][predicted]` of class indices. */
export function confusionMatrix(actual: readonly number[], predicted: readonly number[], classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => matrix[a][predicted[i]]++);
  return matrix;
}

/** Heat map of a confusion matrix (rows: actual, columns: predicted), each cell with its count; shade by row share. */
export function confusionMatrixSvg(matrix: readonly (readonly number[])[], labels: readonly string[], options: { title: string }): string {
  const cell = 56;
  const [left, top] = [110, 60];
  const size = matrix.length * cell;
  const body: string[] = [];
  matrix.forEach((row, r) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, c) => {
      const share = count / total;
      const shade = Math.round(255 - share * 200);
      body.push(`<rect x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#fff"/>`);
      body.push(`<text x="${left + c * cell + cell / 2}" y="${top + r * cell + cell / 2 + 4}" text-anchor="middle" fill="${share > 0.6 ? '#fff' : '#000'}">${count}</text>`);
    });
    body.push(`<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(labels[r] ?? String(r))}</text>`);
  });
  matrix.forEach((_, c) => body.push(`<text x="${left + c * cell + cell / 2}" y="${top - 6}" text-anchor="middle">${escapeXml(labels[c] ?? String(c))}</text>`));
  body.push(`<text x="${left + size / 2}" y="${top + size + 22}" text-anchor="middle">predicted</text>`);
  body.push(`<text x="16" y="${top + size / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + size / 2})">actual</text>`);
  return svgDocument(left + size + 30, top + size + 40, options.title, body);
}
