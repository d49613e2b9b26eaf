/** How raw 0–255 pixels become model input. */
export interface PixelNormalization {
  /** 'unit': / 255; 'standard': per channel (p / 255 − mean) / std; 'none': 0–255 as float. */
  mode: 'unit' | 'standard' | 'none';
  /** 'standard': per-channel mean of p / 255 over the training images. */
  mean?: readonly number[];
  /** 'standard': per-channel standard deviation of p / 255 over the training images. */
  std?: readonly number[];
}

/** Writes normalised float pixels (HWC, channels last) into `out` at `offset`. */
export function normalizePixels(pixels: ArrayLike<number>, channels: number, normalization: PixelNormalization, out: Float32Array, offset = 0): void {
  const { mode } = normalization;
  const mean = normalization.mean ?? [];
  const std = normalization.std ?? [];
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i];
    const c = i % channels;
    out[offset + i] = mode === 'none' ? p : mode === 'unit' ? p / 255 : (p / 255 - mean[c]) / (std[c] || 1);
  }
}

/** Running per-channel sums of p / 255, for fitting 'standard' normalisation batch by batch. */
export class ChannelStatistics {
  private readonly sum: number[];
  private readonly sumSquares: number[];
  private count = 0;

  constructor(private readonly channels: number) {
    this.sum = new Array<number>(channels).fill(0);
    this.sumSquares = new Array<number>(channels).fill(0);
  }

  add(pixels: ArrayLike<number>): void {
    for (let i = 0; i < pixels.length; i++) {
      const v = pixels[i] / 255;
      this.sum[i % this.channels] += v;
      this.sumSquares[i % this.channels] += v * v;
    }
    this.count += pixels.length / this.channels;
  }

  result(): { mean: number[]; std: number[] } {
    const mean = this.sum.map((s) => s / Math.max(this.count, 1));
    const std = this.sumSquares.map((s, c) => Math.sqrt(Math.max(s / Math.max(this.count, 1) - mean[c] ** 2, 0)));
    return { mean, std };
  }
}
