/**
 * The statistical methods of the locality profiles, as pure functions.
 *
 * Reference: Office for Health Improvement and Disparities (formerly Public Health England),
 * "Technical Guide: Confidence Intervals" (Fingertips), and the R package PHEindicatormethods
 * (phe_proportion, phe_rate, phe_mean, byars_lower/byars_upper); recent trends as the Fingertips
 * profiles mark them ("Technical Guide: Recent trend"). Formulas and check values are in
 * ../shared/METHODS.md. Quantiles come from @stdlib, not hand-written approximations.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export type ValueType = 'COUNT' | 'PROPORTION' | 'RATE' | 'MEAN' | 'SCORE';
export type Polarity = 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT';
export type Comparison = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';
export type TrendDirection = 'INCREASING' | 'DECREASING' | 'NO_SIGNIFICANT_CHANGE' | 'NOT_ENOUGH_DATA';

export interface Interval {
  lower: number;
  upper: number;
}

/** The two-sided normal quantile for a confidence level: z at level + (1 - level) / 2. */
export function zFor(level: number): number {
  return normalQuantile(level + (1 - level) / 2, 0, 1);
}

export const Z95 = zFor(0.95);
export const Z998 = zFor(0.998);

/** Wilson score interval for a proportion x / n (PHEindicatormethods phe_proportion / wilson_lower, wilson_upper). */
export function wilsonInterval(x: number, n: number, level: number, multiplier = 1): Interval {
  const z = zFor(level);
  const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  const scale = multiplier / (2 * (n + z * z));
  return {
    lower: Math.max(0, (2 * x + z * z - root) * scale),
    upper: (2 * x + z * z + root) * scale,
  };
}

/**
 * Limits of a Poisson count: Byar's approximation (PHEindicatormethods byars_lower, byars_upper),
 * or the exact limits from the chi-squared distribution for counts under 10, as phe_rate does
 * (lower = qchisq(alpha/2, 2x)/2, upper = qchisq(1 - alpha/2, 2x + 2)/2).
 */
export function byarCountInterval(x: number, level: number): Interval {
  const alpha = 1 - level;
  if (x < 10) {
    return {
      lower: x === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * x) / 2,
      upper: chisquareQuantile(1 - alpha / 2, 2 * x + 2) / 2,
    };
  }
  const z = zFor(level);
  // Note 1/(9(x+1)) in the upper limit: a public port's 1/(9x+1) is a known mistake.
  return {
    lower: x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3,
    upper: (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3,
  };
}

/** A rate x / n per multiplier with the count's Byar (or exact) limits (PHEindicatormethods phe_rate). */
export function rateInterval(x: number, n: number, level: number, multiplier: number): Interval {
  const count = byarCountInterval(x, level);
  return { lower: (count.lower / n) * multiplier, upper: (count.upper / n) * multiplier };
}

/** A mean with its standard error: normal approximation, mean +/- z SE (OHID technical guide). */
export function meanIntervalFromSE(mean: number, standardError: number, level: number): Interval {
  const half = zFor(level) * standardError;
  return { lower: mean - half, upper: mean + half };
}

/** A sample mean from its standard deviation and size: mean +/- t(n-1) s / sqrt(n) (PHEindicatormethods phe_mean). */
export function meanIntervalFromSD(mean: number, sd: number, n: number, level: number): Interval {
  const half = tQuantile(level + (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { lower: mean - half, upper: mean + half };
}

export interface ConfidenceLimits {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** All four limits of one aggregated value, by value type; null where the method does not apply. */
export function confidenceLimits(input: {
  valueType: ValueType;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  multiplier: number;
  standardError?: number | null;
}): ConfidenceLimits | null {
  const both = (interval: (level: number) => Interval): ConfidenceLimits => {
    const at95 = interval(0.95);
    const at998 = interval(0.998);
    return { lower95: at95.lower, upper95: at95.upper, lower998: at998.lower, upper998: at998.upper };
  };
  const { numerator: x, denominator: n, value, standardError } = input;
  switch (input.valueType) {
    case 'PROPORTION':
      if (x === null || n === null || n <= 0 || x < 0 || x > n) return null;
      return both((level) => wilsonInterval(x, n, level, input.multiplier));
    case 'RATE':
      if (x === null || n === null || n <= 0 || x < 0) return null;
      return both((level) => rateInterval(x, n, level, input.multiplier));
    case 'COUNT':
      if (x === null || x < 0) return null;
      return both((level) => byarCountInterval(x, level));
    case 'MEAN':
      if (value === null || standardError === null || standardError === undefined) return null;
      return both((level) => meanIntervalFromSE(value, standardError, level));
    case 'SCORE':
      return null;
  }
}

/**
 * An area against a benchmark (OHID Fingertips "compared with" at one level, 95%): similar when
 * the benchmark lies inside the area's interval, otherwise higher or lower, turned into better
 * or worse by polarity.
 */
export function compareWithBenchmark(
  limits: { lower95: number; upper95: number } | null,
  benchmark: number | null,
  polarity: Polarity,
): Comparison {
  if (limits === null || benchmark === null) return 'NOT_COMPARED';
  if (benchmark >= limits.lower95 && benchmark <= limits.upper95) return 'SIMILAR';
  const higher = benchmark < limits.lower95;
  if (polarity === 'NO_JUDGEMENT') return higher ? 'HIGHER' : 'LOWER';
  return higher === (polarity === 'HIGHER_IS_BETTER') ? 'BETTER' : 'WORSE';
}

/** Ranks 1..n by polarity (1 = best; 1 = highest where there is no judgement); ties share the lower rank ("1224" competition ranking). */
export function rankByPolarity(values: readonly (number | null)[], polarity: Polarity): (number | null)[] {
  const better = (a: number, b: number) => (polarity === 'HIGHER_IS_WORSE' ? a < b : a > b);
  return values.map((value) => {
    if (value === null || Number.isNaN(value)) return null;
    return 1 + values.filter((other) => other !== null && !Number.isNaN(other) && better(other, value)).length;
  });
}

/**
 * Quintile 1..5 (1 = best) among peers from the rank: floor(5 (rank - 1) / n) + 1, n the ranked
 * peers (the "quintile of the ranked list" of Fingertips' quintile comparisons). With fewer than
 * five peers some quintiles are empty: a lone peer is in the first.
 */
export function quintileByPolarity(values: readonly (number | null)[], polarity: Polarity): (number | null)[] {
  const ranks = rankByPolarity(values, polarity);
  const n = ranks.filter((rank) => rank !== null).length;
  return ranks.map((rank) => (rank === null ? null : Math.floor((5 * (rank - 1)) / n) + 1));
}

/** Chi-squared with 1 degree of freedom at the 99.8% level: the profiles' trend threshold. */
export const TREND_CHI_SQUARED = 9.54953570608324;
const TREND_POINTS = 5;

export interface TrendPoint {
  index: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
}

export interface Trend {
  direction: TrendDirection;
  chiSquared: number | null;
  slope: number | null;
}

const NOT_ENOUGH: Trend = { direction: 'NOT_ENOUGH_DATA', chiSquared: null, slope: null };

/**
 * Recent trend over the last five consecutive periods (OHID Fingertips "recent trend"): for
 * proportions the chi-squared test for trend (Cochran-Armitage form), for other values a weighted
 * regression on the values with weights 1/SE^2, SE = (UCI95 - LCI95) / 3.92; significant when
 * chi-squared exceeds 9.5495 (99.8%, 1 df), the direction from the slope.
 */
export function recentTrend(valueType: ValueType, points: readonly TrendPoint[]): Trend {
  const last = points.slice(-TREND_POINTS);
  if (last.length < TREND_POINTS) return NOT_ENOUGH;
  if (!last.every((p, i) => Number.isFinite(p.index) && (i === 0 || p.index === last[i - 1]!.index + 1))) return NOT_ENOUGH;
  const t = (i: number) => i + 1;
  const verdict = (chiSquared: number, slope: number): Trend => ({
    direction: chiSquared > TREND_CHI_SQUARED ? (slope > 0 ? 'INCREASING' : 'DECREASING') : 'NO_SIGNIFICANT_CHANGE',
    chiSquared,
    slope,
  });

  if (valueType === 'PROPORTION') {
    if (last.some((p) => p.numerator === null || p.denominator === null || p.denominator <= 0)) return NOT_ENOUGH;
    const x = last.map((p) => p.numerator!);
    const n = last.map((p) => p.denominator!);
    const N = n.reduce((a, b) => a + b, 0);
    const X = x.reduce((a, b) => a + b, 0);
    const stx = x.reduce((sum, xi, i) => sum + t(i) * xi, 0);
    const stn = n.reduce((sum, ni, i) => sum + t(i) * ni, 0);
    const st2n = n.reduce((sum, ni, i) => sum + t(i) * t(i) * ni, 0);
    const numerator = N * stx - X * stn;
    const denominator = X * (N - X) * (N * st2n - stn * stn);
    if (denominator <= 0) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared: null, slope: null };
    return verdict((N * numerator * numerator) / denominator, numerator);
  }

  if (last.some((p) => p.value === null || p.lower95 === null || p.upper95 === null || p.upper95 <= p.lower95)) {
    return NOT_ENOUGH;
  }
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  last.forEach((p, i) => {
    const se = (p.upper95! - p.lower95!) / 3.92;
    const w = 1 / (se * se);
    const y = p.value!;
    s1 += w;
    s2 += w * y * t(i);
    s3 += w * t(i);
    s4 += w * y;
    s5 += w * t(i) * t(i);
  });
  const determinant = s1 * s5 - s3 * s3;
  if (determinant <= 0) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared: null, slope: null };
  const slope = (s1 * s2 - s3 * s4) / determinant;
  const beta = Math.sqrt(s1 / determinant);
  return verdict((slope / beta) ** 2, slope);
}

/** Small-number disclosure control: a count under the threshold is withheld, with the reason. */
export function suppression(numerator: number | null, threshold: number): { suppressed: boolean; reason: string | null } {
  if (numerator === null || numerator >= threshold) return { suppressed: false, reason: null };
  return {
    suppressed: true,
    reason: `Withheld: fewer than ${threshold} people or events (small-number disclosure control).`,
  };
}
