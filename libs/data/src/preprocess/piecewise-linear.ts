/**
 * Piecewise-linear encoding of a number over quantile bins (Gorishniy, Rubachev & Babenko, "On Embeddings for
 * Numerical Features in Tabular Deep Learning", NeurIPS 2022): bin t of edges [b(t-1), b(t)] gives 0 below it,
 * 1 above it and the position inside it, so a thin MLP can draw the sharp thresholds trees draw.
 */

/** `bins + 1` increasing edges at the training values' quantiles; repeated values merge bins (fewer, never empty). */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  if (values.length === 0) throw new Error('quantile edges need at least one training value');
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => {
    const position = q * (sorted.length - 1);
    const low = Math.floor(position);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
  };
  const edges = Array.from({ length: bins + 1 }, (_, i) => at(i / bins));
  const distinct = edges.filter((edge, i) => i === 0 || edge > edges[i - 1]);
  // A constant column still gets one bin, so every column keeps a feature.
  return distinct.length > 1 ? distinct : [distinct[0], distinct[0] + 1];
}

/** Writes the `edges.length - 1` encoded values of `x` into `out` from `offset`; outside the edges it saturates. */
export function encodePiecewiseLinear(x: number, edges: readonly number[], out: Float32Array, offset: number): void {
  for (let t = 1; t < edges.length; t++) {
    const [low, high] = [edges[t - 1], edges[t]];
    out[offset + t - 1] = x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);
  }
}
