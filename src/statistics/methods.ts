/**
 * The statistical methods of the locality profiles, as pure functions (no database, no GraphQL).
 *
 * Reference: Office for Health Improvement and Disparities (formerly Public Health England),
 * "Technical Guide: Confidence Intervals" (Fingertips, Public Health Data Science, May 2018), and
 * the R package PHEindicatormethods (phe_proportion, phe_rate, phe_mean; its internal
 * byars_lower/byars_upper and wilson_lower/wilson_upper in R/utils.R). Formulas and check values
 * are in ../shared/METHODS.md. Quantiles come from @stdlib, never from hand-written approximations.
 *
 * Contract: the interval functions take valid inputs and throw a RangeError otherwise (a negative
 * count, x > n, a confidence level outside (0, 1)); `confidenceLimits`, which runs once per profile
 * row, never throws and answers null where the method does not apply.
 *
 * The recent trend lives in trend.ts (and the Dobson DSR in dsr.ts); the trend is re-exported
 * here so the profile has one module to import its methods from.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';


export type ValueType = 'COUNT' | 'PROPORTION' | 'RATE' | 'MEAN' | 'SCORE' | 'DSR';
export type Polarity = 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT';
export type Comparison = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';
export type TrendDirection = 'INCREASING' | 'DECREASING' | 'NO_SIGNIFICANT_CHANGE' | 'NOT_ENOUGH_DATA';

export interface Interval {
  lower: number;
  upper: number;
}

function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1 (exclusive), got ${level}`);
}

function assertCount(x: number, what = 'count'): void {
  if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`${what} must be a finite number >= 0, got ${x}`);
}

// The profiles' two levels are asked for on every row: their critical values are kept once computed.
const CRITICAL_VALUES = new Map<number, number>();

// Two-sided normal critical value, z = qnorm(level + (1 - level)/2) (OHID Technical Guide: Confidence Intervals; PHEindicatormethods).
export function zFor(level: number): number {
  const known = CRITICAL_VALUES.get(level);
  if (known !== undefined) return known;
  assertLevel(level);
  const z = normalQuantile(level + (1 - level) / 2, 0, 1);
  if (level === 0.95 || level === 0.998) CRITICAL_VALUES.set(level, z);
  return z;
}

/** 1.959963984540054: the normal quantile at 0.975. */
export const Z95 = zFor(0.95);
/** 3.090232306167813: the normal quantile at 0.999. */
export const Z998 = zFor(0.998);

// Wilson score interval (Wilson 1927; Newcombe & Altman 2000) as PHEindicatormethods wilson_lower/wilson_upper and phe_proportion.
export function wilsonInterval(x: number, n: number, level: number, multiplier = 1): Interval {
  assertCount(x, 'numerator');
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`denominator must be a finite number > 0, got ${n}`);
  if (x > n) throw new RangeError(`numerator ${x} exceeds denominator ${n}`);
  const z = zFor(level);
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const scale = 1 / (2 * (n + z2));
  // At x = 0 and x = n the formula reaches 0 and 1 exactly in exact arithmetic; pin them so
  // rounding cannot leave -1e-17 or 1.0000000000000002.
  const lower = x === 0 ? 0 : (2 * x + z2 - root) * scale;
  const upper = x === n ? 1 : (2 * x + z2 + root) * scale;
  return { lower: lower * multiplier, upper: upper * multiplier };
}

// Byar's approximation to the Poisson limits of a count (Breslow & Day 1987), as PHEindicatormethods byars_lower/byars_upper.
export function byarsInterval(x: number, level: number): Interval {
  assertCount(x);
  if (x === 0) throw new RangeError("Byar's lower limit is undefined for a count of 0: use byarCountInterval");
  const z = zFor(level);
  // The upper limit has 1/(9(x+1)); a public port's 1/(9x+1) is a known mistake (METHODS.md).
  return {
    lower: x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3,
    upper: (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3,
  };
}

// Exact Poisson limits from the chi-squared distribution (Armitage & Berry 2002): qchisq(a/2, 2x)/2 to qchisq(1-a/2, 2x+2)/2, as phe_rate.
export function exactPoissonInterval(x: number, level: number): Interval {
  assertCount(x);
  assertLevel(level);
  const alpha = 1 - level;
  return {
    lower: x === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * x) / 2,
    upper: chisquareQuantile(1 - alpha / 2, 2 * x + 2) / 2,
  };
}

/** Counts below this use the exact Poisson limits instead of Byar's (PHEindicatormethods phe_rate: `x < 10`). */
export const EXACT_POISSON_BELOW = 10;

// Limits of a count: Byar's method, exact Poisson (chi-squared) limits for x < 10, as PHEindicatormethods phe_rate does.
export function byarCountInterval(x: number, level: number): Interval {
  assertCount(x);
  return x < EXACT_POISSON_BELOW ? exactPoissonInterval(x, level) : byarsInterval(x, level);
}

// Crude rate x/n times the multiplier with the count's Byar (or exact) limits divided likewise: PHEindicatormethods phe_rate.
export function rateInterval(x: number, n: number, level: number, multiplier: number): Interval {
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`denominator must be a finite number > 0, got ${n}`);
  const count = byarCountInterval(x, level);
  return { lower: (count.lower / n) * multiplier, upper: (count.upper / n) * multiplier };
}

// Normal approximation from a standard error, value +/- z SE (OHID Technical Guide: Confidence Intervals, "Directory of methods").
export function meanIntervalFromSE(mean: number, standardError: number, level: number): Interval {
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be finite, got ${mean}`);
  if (!(Number.isFinite(standardError) && standardError >= 0)) throw new RangeError(`standard error must be >= 0, got ${standardError}`);
  const half = zFor(level) * standardError;
  return { lower: mean - half, upper: mean + half };
}

// Student's t interval for a sample mean, mean +/- t(level, n-1) s/sqrt(n): PHEindicatormethods phe_mean.
export function meanIntervalFromSD(mean: number, sd: number, n: number, level: number): Interval {
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be finite, got ${mean}`);
  if (!(Number.isFinite(sd) && sd >= 0)) throw new RangeError(`standard deviation must be >= 0, got ${sd}`);
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`a t interval needs a sample of at least 2, got ${n}`);
  assertLevel(level);
  const half = tQuantile(level + (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { lower: mean - half, upper: mean + half };
}

export interface ConfidenceLimits {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * All four limits of one aggregated value, by value type (the profiles publish 95% and 99.8%):
 * PROPORTION Wilson on numerator/denominator times the multiplier (100 for percent); RATE Byar or
 * exact Poisson on the numerator, per denominator, times the multiplier; COUNT Byar or exact on
 * the count (the numerator, else the value); MEAN value +/- z SE. Null for SCORE, for missing or
 * invalid inputs (a negative count, a numerator above its proportion's denominator, a denominator
 * of 0), and for a MEAN without a standard error. Never throws.
 */
export function confidenceLimits(input: {
  valueType: ValueType;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  multiplier: number;
  standardError?: number | null;
}): ConfidenceLimits | null {
  const at95 = intervalOf(input, 0.95);
  if (!at95) return null;
  const at998 = intervalOf(input, 0.998)!;
  return { lower95: at95.lower, upper95: at95.upper, lower998: at998.lower, upper998: at998.upper };
}

/** One level of `confidenceLimits` (null where the method does not apply); never throws. */
function intervalOf(
  input: Parameters<typeof confidenceLimits>[0],
  level: number,
): Interval | null {
  const { numerator: x, denominator: n, value, standardError, multiplier } = input;
  const scaled = finite(multiplier) && multiplier > 0;
  switch (input.valueType) {
    case 'PROPORTION': {
      if (!scaled || !finite(x) || !finite(n) || n <= 0 || x < 0) return null;
      // Weighted sums of x <= n can end a rounding error above n (a 100% locality): that is n.
      const within = x > n && x - n <= 1e-9 * n ? n : x;
      if (within > n) return null;
      return wilsonInterval(within, n, level, multiplier);
    }
    case 'RATE':
      if (!scaled || !finite(x) || !finite(n) || n <= 0 || x < 0) return null;
      return rateInterval(x, n, level, multiplier);
    case 'COUNT': {
      const count = finite(x) ? x : value;
      if (!finite(count) || count < 0) return null;
      return byarCountInterval(count, level);
    }
    case 'MEAN':
      if (!finite(value) || !finite(standardError) || standardError < 0) return null;
      return meanIntervalFromSE(value, standardError, level);
    case 'SCORE':
      return null;
    // A DSR's limits need its age bands (dsrWithDobsonLimits in dsr.ts, applied by profile.ts).
    case 'DSR':
      return null;
  }
}

// Comparison with a benchmark at one level (95%) as the OHID Fingertips profiles' "compared with" (METHODS.md, "Comparison").
export function compareWithBenchmark(
  limits: { lower95: number; upper95: number } | null,
  benchmark: number | null,
  polarity: Polarity,
): Comparison {
  if (limits === null || !finite(benchmark) || !finite(limits.lower95) || !finite(limits.upper95)) return 'NOT_COMPARED';
  // Inclusive: a benchmark on the limit is not significantly different.
  if (benchmark >= limits.lower95 && benchmark <= limits.upper95) return 'SIMILAR';
  // The whole interval above the benchmark: the area is significantly higher.
  const areaHigher = benchmark < limits.lower95;
  if (polarity === 'NO_JUDGEMENT') return areaHigher ? 'HIGHER' : 'LOWER';
  return areaHigher === (polarity === 'HIGHER_IS_BETTER') ? 'BETTER' : 'WORSE';
}

// Two-level comparison with a benchmark (95% and 99.8%) as the OHID Fingertips profiles grade it (METHODS.md, "Comparison").
/** The 95% verdict, and whether the benchmark also lies outside the 99.8% interval (the stronger grade); `at998` is false when SIMILAR. */
export function compareWithBenchmarkAtTwoLevels(
  limits: ConfidenceLimits | null,
  benchmark: number | null,
  polarity: Polarity,
): { comparison: Comparison; at998: boolean } {
  const comparison = compareWithBenchmark(limits, benchmark, polarity);
  if (limits === null || comparison === 'SIMILAR' || comparison === 'NOT_COMPARED') return { comparison, at998: false };
  const grade = compareWithBenchmark({ lower95: limits.lower998, upper95: limits.upper998 }, benchmark, polarity);
  return { comparison, at998: grade !== 'SIMILAR' && grade !== 'NOT_COMPARED' };
}

/** Position of each valued member from best (0) by polarity; ties keep equal positions. */
function orderByPolarity(values: readonly (number | null)[], polarity: Polarity): { index: number; value: number }[] {
  const valued = values.flatMap((value, index) => (finite(value) ? [{ index, value }] : []));
  // Best first: the lowest value when higher is worse; otherwise the highest (also for no judgement).
  const sign = polarity === 'HIGHER_IS_WORSE' ? 1 : -1;
  return valued.sort((a, b) => sign * (a.value - b.value));
}

// Rank among peers by polarity, ties sharing the lower rank ("1224" competition ranking: R rank(ties.method = "min"), as PHEindicatormethods phe_quantile ranks).
export function rankByPolarity(values: readonly (number | null)[], polarity: Polarity): (number | null)[] {
  const ranks: (number | null)[] = values.map(() => null);
  const ordered = orderByPolarity(values, polarity);
  ordered.forEach((member, position) => {
    const previous = ordered[position - 1];
    ranks[member.index] = previous && previous.value === member.value ? ranks[previous.index]! : position + 1;
  });
  return ranks;
}

const QUINTILES = 5;

/** Quintiles are not assigned among fewer valued peers than this (PHEindicatormethods phe_quantile: fewer areas than quantiles gives NA). */
export const QUINTILE_MINIMUM_PEERS = QUINTILES;

// Quintiles by the OHID "Technical Guide: Assigning deprivation categories" algorithm, as PHEindicatormethods phe_quantile (nquantiles = 5).
/**
 * Quintile 1..5 (1 = best by polarity; 1 = highest where there is no judgement) of each member among
 * its peers: OHID "Technical Guide: Assigning deprivation categories" as PHEindicatormethods
 * phe_quantile computes it, with N the valued peers and rank the "min" rank from the best:
 * quintile = 6 - ceiling((N + 1 - rank) / (N / 5)), computed here in exact integer arithmetic
 * (ceil(5 (N + 1 - rank) / N)) so no rounding moves a member across a boundary.
 * With fewer than five valued peers no quintile is assigned (all null), as phe_quantile gives NA:
 * among one or three peers a "quintile" would only restate the rank. Null values get null.
 */
export function quintileByPolarity(values: readonly (number | null)[], polarity: Polarity): (number | null)[] {
  const ranks = rankByPolarity(values, polarity);
  const n = ranks.filter((rank) => rank !== null).length;
  if (n < QUINTILE_MINIMUM_PEERS) return ranks.map(() => null);
  return ranks.map((rank) => {
    if (rank === null) return null;
    const ceiling = Math.floor((QUINTILES * (n + 1 - rank) + n - 1) / n);
    return Math.max(1, QUINTILES + 1 - ceiling);
  });
}

/** Counts under this are withheld unless configured otherwise (the default). */
export const DEFAULT_SMALL_NUMBER_THRESHOLD = 5;

// Small-number statistical disclosure control: a count (numerator) under the threshold is withheld, with everything derived from it.
export function suppression(
  numerator: number | null,
  threshold: number = DEFAULT_SMALL_NUMBER_THRESHOLD,
): { suppressed: boolean; reason: string | null } {
  if (!(Number.isFinite(threshold) && threshold >= 0)) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  // Nothing counted, nothing to disclose; zero is under the threshold and is withheld like 1 to 4.
  if (numerator === null || !(numerator < threshold)) return { suppressed: false, reason: null };
  return {
    suppressed: true,
    reason: `Withheld: based on a count under ${threshold} (small-number disclosure control).`,
  };
}
