/**
 * Funnel plot control limits around a benchmark (the county value), as pure functions:
 * PHEindicatormethods `calculate_funnel_limits` and `assign_funnel_significance` (R/Funnels.R,
 * with sigma_adjustment and poisson_funnel in R/utils.R, dhsc-govuk/PHEindicatormethods@5302983),
 * after Spiegelhalter, "Funnel plots for comparing institutional performance", Stat Med 2005, and
 * the APHO "Technical Briefing 2: Commonly used public health statistics and their confidence
 * intervals".
 *
 * - Proportions: the limits at denominator n are the values at which the Wilson score interval of
 *   an area of size n would just touch the benchmark p (sigma_adjustment: the two roots of the
 *   Wilson inequality solved for the observed proportion).
 * - Rates: the limits at denominator n are the rates at which an exact Poisson interval on the
 *   observed count would just touch the expected count n x p. Here they are computed from the
 *   chi-squared quantiles of the exact Poisson limits, which poisson_funnel finds by bisection.
 * 95% limits use two-sided p = 0.025 (z = 1.959964), 99.8% limits p = 0.001 (z = 3.090232).
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export type FunnelStatistic = 'PROPORTION' | 'RATE';

export interface FunnelLimits {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** Where a point lies against the funnel (assign_funnel_significance's five outcomes). */
export type FunnelPosition = 'HIGH_998' | 'HIGH_95' | 'WITHIN' | 'LOW_95' | 'LOW_998';

const P95 = 0.975;
const P998 = 0.999;

/** sigma_adjustment: one Wilson-based funnel limit for a proportion (0-1) at population n. */
export function proportionLimit(p: number, average: number, population: number, side: 'low' | 'high'): number {
  const z2 = normalQuantile(p, 0, 1) ** 2;
  const first = average * (population / z2 + 1);
  const adj = Math.sqrt(
    (-8 * average * (population / z2 + 1)) ** 2 -
      64 * (1 / z2 + 1 / population) * average * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)),
  );
  const last = 1 / z2 + 1 / population;
  const root = side === 'low' ? (first - adj / 8) / last : (first + adj / 8) / last;
  return root / population;
}

/**
 * The expected count at which `observed` events sit on the edge of an exact Poisson interval at
 * one-sided tail p: for side 'high' the lambda with P(X <= observed) = p; for 'low' the lambda with
 * P(X >= observed) = p (poisson_funnel's bisection, in closed form through chi-squared quantiles).
 */
export function poissonFunnelExpected(observed: number, p: number, side: 'low' | 'high'): number {
  if (side === 'high') return chisquareQuantile(1 - p, 2 * (observed + 1)) / 2;
  return observed === 0 ? 0 : chisquareQuantile(p, 2 * observed) / 2;
}

// Funnel control limits at one denominator (Spiegelhalter 2005; PHEindicatormethods calculate_funnel_limits).
export function funnelLimits(
  statistic: FunnelStatistic,
  benchmark: number,
  denominator: number,
  multiplier: number,
): FunnelLimits {
  if (!(Number.isFinite(denominator) && denominator > 0)) throw new RangeError(`a denominator must be above 0, got ${denominator}`);
  if (!(Number.isFinite(benchmark) && benchmark >= 0)) throw new RangeError(`the benchmark must be >= 0, got ${benchmark}`);
  if (statistic === 'PROPORTION') {
    if (benchmark > 1) throw new RangeError(`a proportion benchmark must be between 0 and 1, got ${benchmark}`);
    const at = (p: number, side: 'low' | 'high') => {
      const limit = proportionLimit(p, benchmark, denominator, side);
      return Math.min(1, Math.max(0, limit)) * multiplier;
    };
    return {
      denominator,
      lower95: at(P95, 'low'),
      upper95: at(P95, 'high'),
      lower998: at(P998, 'low'),
      upper998: at(P998, 'high'),
    };
  }
  // Rates: the observed count x whose exact Poisson interval just touches the expected E = n p
  // bounds the rate; equivalently the limits of a Poisson(E) count, found as the smallest/largest
  // x with the tail probability above p. Continuous in E through the chi-squared form below.
  const expected = denominator * benchmark;
  const rate = (events: number) => (events / denominator) * multiplier;
  return {
    denominator,
    lower95: rate(poissonCountLimit(expected, 1 - P95, 'low')),
    upper95: rate(poissonCountLimit(expected, 1 - P95, 'high')),
    lower998: rate(poissonCountLimit(expected, 1 - P998, 'low')),
    upper998: rate(poissonCountLimit(expected, 1 - P998, 'high')),
  };
}

/**
 * The count at which an exact Poisson interval just reaches `expected`: for 'low', the x with
 * chi2(1 - p, 2(x + 1)) / 2 = expected; for 'high', the x with chi2(p, 2x) / 2 = expected. Solved
 * by bisection on the continuous x (the inverse of poissonFunnelExpected).
 */
export function poissonCountLimit(expected: number, p: number, side: 'low' | 'high'): number {
  if (expected <= 0) return 0;
  const side2 = side === 'low' ? 'high' : 'low';
  const f = (x: number) => poissonFunnelExpected(x, p, side2) - expected;
  let lo = side === 'low' ? -1 + 1e-12 : 1e-12;
  let hi = expected + 20 * Math.sqrt(expected) + 50;
  if (side === 'low' && f(Math.max(lo, 0)) > 0) return 0;
  lo = Math.max(lo, 0);
  for (let i = 0; i < 200 && hi - lo > 1e-10 * Math.max(1, expected); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Where a value lies against its limits (values and limits on the same scale). */
export function funnelPosition(value: number, limits: FunnelLimits): FunnelPosition {
  if (value > limits.upper998) return 'HIGH_998';
  if (value > limits.upper95) return 'HIGH_95';
  if (value < limits.lower998) return 'LOW_998';
  if (value < limits.lower95) return 'LOW_95';
  return 'WITHIN';
}

/**
 * The funnel's curves for a chart: `points` denominators spaced geometrically from `from` to `to`
 * (calculate_funnel_limits spaces its 100 rows so they are closer at small numbers).
 */
export function funnelCurve(
  statistic: FunnelStatistic,
  benchmark: number,
  multiplier: number,
  from: number,
  to: number,
  points = 100,
): FunnelLimits[] {
  const start = Math.max(1, from);
  const end = Math.max(start + 1, to);
  const ratio = (end / start) ** (1 / (points - 1));
  const curve: FunnelLimits[] = [];
  for (let i = 0; i < points; i++) curve.push(funnelLimits(statistic, benchmark, start * ratio ** i, multiplier));
  return curve;
}
