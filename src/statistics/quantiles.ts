/**
 * Sample quantiles, one definition for the whole project: Hyndman and Fan's definition 7 (R's
 * default, `quantile(x, p, type = 7)`, and Excel's PERCENTILE.INC; Hyndman, R. J. and Fan, Y.
 * (1996) "Sample quantiles in statistical packages", The American Statistician 50(4), 361-365).
 * Used for issue resolution times and for the spine chart's 25th to 75th percentile band.
 */

/**
 * The p-quantile of sorted values: with h = (n - 1)p, the value at floor(h) plus (h - floor(h))
 * of the step to the next one. Null for no values.
 */
export function quantileType7(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}
