/**
 * TensorBoard-style histograms, computed the way TensorFlow's `Histogram` class does
 * (tensorflow/core/lib/histogram/histogram.cc): bucket limits grow by ×1.1 from 1e-12 to 1e20,
 * mirrored for negatives, with 0 and DBL_MAX as limits; bucket i counts values in
 * [limit[i-1], limit[i]). Runs of empty buckets are collapsed into one, as TF's `EncodeToProto` does,
 * so a proto holds only a few dozen buckets, not ~1,500.
 *
 * Non-finite values (NaN, ±Infinity) are left out: they have no bucket, and TensorFlow's own
 * histogram summary rejects them. `num` therefore counts the finite values only.
 */

export interface HistogramProto {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  /** Upper (exclusive) edge of each bucket; the first bucket starts at `min`. */
  bucketLimit: number[];
  /** Count of each bucket; sums to `num`. */
  bucket: number[];
}

const DEFAULT_LIMITS: readonly number[] = (() => {
  const positive: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v);
  return [...positive.map((v) => -v).reverse(), 0, ...positive, Number.MAX_VALUE];
})();

/** Index of the first limit strictly greater than `value` (C++'s `upper_bound`). */
function bucketIndex(value: number): number {
  let lo = 0;
  let hi = DEFAULT_LIMITS.length - 1; // the last limit, DBL_MAX, exceeds every finite value but DBL_MAX itself
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (DEFAULT_LIMITS[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function computeHistogram(values: ArrayLike<number>): HistogramProto {
  const counts = new Float64Array(DEFAULT_LIMITS.length);
  let min = Infinity;
  let max = -Infinity;
  let num = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[bucketIndex(v)] += 1;
    if (v < min) min = v;
    if (v > max) max = v;
    num += 1;
    sum += v;
    sumSquares += v * v;
  }
  const bucketLimit: number[] = [];
  const bucket: number[] = [];
  for (let i = 0; i < counts.length; ) {
    let end = DEFAULT_LIMITS[i];
    const count = counts[i];
    i++;
    if (count === 0) {
      while (i < counts.length && counts[i] === 0) end = DEFAULT_LIMITS[i++];
    }
    bucketLimit.push(end);
    bucket.push(count);
  }
  // An empty histogram reports min = max = 0 rather than TF's ±DBL_MAX sentinels.
  return num === 0 ? { min: 0, max: 0, num, sum, sumSquares, bucketLimit, bucket } : { min, max, num, sum, sumSquares, bucketLimit, bucket };
}
