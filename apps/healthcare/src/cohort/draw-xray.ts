import { SeededRandom } from '@mimo/core';

/**
 * A procedurally drawn 28×28 grey "chest X-ray" (used when PneumoniaMNIST is not available): a bright body
 * outline, two darker lung fields, faint ribs and noise; with pneumonia, one or two bright blurred opacities
 * inside a lung. Returns the pixels row by row (0–255).
 */
export function drawXray(pneumonia: boolean, rng: SeededRandom, size = 28): Uint8Array {
  const pixels = new Float32Array(size * size);
  const c = (size - 1) / 2;
  const lungs = [c - size * 0.2, c + size * 0.2].map((x) => ({ x: x + rng.normal() * 0.5, y: c + rng.normal() * 0.5, rx: size * 0.15, ry: size * 0.3 }));
  const blobs = pneumonia
    ? Array.from({ length: rng.next() < 0.5 ? 1 : 2 }, () => {
        const lung = lungs[rng.next() < 0.5 ? 0 : 1];
        return { x: lung.x + rng.normal() * lung.rx * 0.4, y: lung.y + rng.normal() * lung.ry * 0.4, r: size * (0.08 + rng.next() * 0.08), a: 60 + rng.next() * 60 };
      })
    : [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const body = ((x - c) / (size * 0.45)) ** 2 + ((y - c) / (size * 0.5)) ** 2 < 1 ? 150 : 30;
      const inLung = lungs.some((l) => ((x - l.x) / l.rx) ** 2 + ((y - l.y) / l.ry) ** 2 < 1);
      let v = inLung ? 60 + (y % 4 === 0 ? 15 : 0) : body;
      for (const b of blobs) v += b.a * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r)) * (inLung ? 1 : 0.3);
      pixels[y * size + x] = v + rng.normal() * 12;
    }
  }
  return Uint8Array.from(pixels, (v) => Math.max(0, Math.min(255, Math.round(v))));
}
