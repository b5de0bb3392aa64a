/**
 * The recent trend of the public health profiles (OHID Fingertips "recent trend" markers), as a
 * pure function, following PHEindicatormethods' assign_trend_markers (R/TrendMarkers.R and
 * R/utils.R of dhsc-govuk/PHEindicatormethods) on the last five points:
 * - significance: for proportions the chi-squared test for trend (Cochran-Armitage form,
 *   calculate_trend_logistic_regression's significance branch); for other values the weighted
 *   regression with SE = (UCI95 - LCI95) / (2 z95) (calculate_trend_weighted_regression);
 *   significant above the chi-squared quantile at 99.8% with 1 df (METHODS.md, "Recent trend");
 * - direction: for proportions the sign of the unweighted least-squares slope of logit(p) on
 *   time (the package's trend_direction branch); for other values the weighted slope;
 * - a significant trend is "no significant change" when leaving out any one of the five points
 *   changes the sign of the direction slope (the package's outlier check).
 * The package rounds the threshold to 9.5495; the exact quantile 9.54953570608324 is used here
 * (they differ only for a statistic in between). Values and limits are passed in the same units,
 * as the package's default multiplier = 1 expects.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { TrendDirection, ValueType } from './methods.js';

/** 9.54953570608324: the chi-squared quantile at 0.998 with 1 degree of freedom, the profiles' threshold. */
export const TREND_CHI_SQUARED: number = chisquareQuantile(0.998, 1);

/** A recent trend looks at the last five points, as the profiles' trend markers do. */
export const TREND_POINTS = 5;

/**
 * A 95% interval spans 2 z95 standard errors (PHEindicatormethods: `qnorm(1 - (1 - confidence)/2) * 2`;
 * the Fingertips guide rounds it to 3.92).
 */
const SE_PER_95_INTERVAL = 2 * normalQuantile(0.975, 0, 1);

export interface TrendPoint {
  /** Position of the period in its series: consecutive periods have consecutive indices. */
  index: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
}

export interface Trend {
  direction: TrendDirection;
  /** The test statistic (1 df); null when it cannot be computed. */
  chiSquared: number | null;
  /**
   * The direction slope, per period: for proportions the least-squares slope of logit(p) on time,
   * for other values the weighted regression slope in the values' units.
   */
  slope: number | null;
  /** True when the trend was significant but leaving out one point reversed its direction. */
  outlierFound: boolean;
}

const NOT_ENOUGH_DATA: Trend = { direction: 'NOT_ENOUGH_DATA', chiSquared: null, slope: null, outlierFound: false };

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

// Recent trend: PHEindicatormethods assign_trend_markers (chi-squared test for trend for proportions, weighted regression otherwise; 99.8%; outlier check).
export function recentTrend(valueType: ValueType, points: readonly TrendPoint[]): Trend {
  const recent = points.slice(-TREND_POINTS);
  if (recent.length < TREND_POINTS) return NOT_ENOUGH_DATA;
  const first = recent[0]!.index;
  const consecutive = recent.every((point, i) => Number.isInteger(point.index) && point.index === first + i);
  if (!consecutive) return NOT_ENOUGH_DATA;
  // Periods numbered 1..5: both statistics are unchanged by shifting t, and small t keeps the sums exact.
  const t = recent.map((point) => point.index - first + 1);
  return valueType === 'PROPORTION' ? proportionTrend(recent, t) : weightedRegressionTrend(recent, t);
}

/**
 * The marker from the statistic and the direction slope over all five points and with each point
 * left out in turn (`without(j)`): assign_trend_markers' decision.
 */
function verdict(chiSquared: number, slope: number, without: (j: number) => number): Trend {
  if (!(chiSquared > TREND_CHI_SQUARED)) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared, slope, outlierFound: false };
  // The package compares R's sign() of each: a slope that is not a number (logit of 0 or 1) gives no marker there.
  if (!Number.isFinite(slope)) return { ...NOT_ENOUGH_DATA, chiSquared };
  for (let j = 0; j < TREND_POINTS; j += 1) {
    if (Math.sign(without(j)) !== Math.sign(slope)) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared, slope, outlierFound: true };
  }
  return { direction: slope < 0 ? 'DECREASING' : 'INCREASING', chiSquared, slope, outlierFound: false };
}

/** Unweighted least-squares slope of y on t (calculate_trend_logistic_regression, trend direction). */
function olsSlope(y: readonly number[], t: readonly number[]): number {
  const n = y.length;
  const sumY = y.reduce((a, b) => a + b, 0);
  const sumT = t.reduce((a, b) => a + b, 0);
  const sumYT = y.reduce((acc, yi, i) => acc + yi * t[i]!, 0);
  const sumT2 = t.reduce((acc, ti) => acc + ti * ti, 0);
  return (n * sumYT - sumY * sumT) / (n * sumT2 - sumT * sumT);
}

const except = <T>(list: readonly T[], j: number) => list.filter((_, i) => i !== j);

/** chi2 = N (N sum(t x) - X sum(t n))^2 / (X (N - X) (N sum(t^2 n) - (sum(t n))^2)), N = sum n, X = sum x; direction from logit(x/n). */
function proportionTrend(points: readonly TrendPoint[], t: readonly number[]): Trend {
  const valid = points.every(
    (p) => finite(p.numerator) && finite(p.denominator) && p.denominator > 0 && p.numerator >= 0 && p.numerator <= p.denominator,
  );
  if (!valid) return NOT_ENOUGH_DATA;
  let N = 0;
  let X = 0;
  let sumTX = 0;
  let sumTN = 0;
  let sumT2N = 0;
  points.forEach((point, i) => {
    const x = point.numerator!;
    const n = point.denominator!;
    const ti = t[i]!;
    N += n;
    X += x;
    sumTX += ti * x;
    sumTN += ti * n;
    sumT2N += ti * ti * n;
  });
  // No events in any period (or every member counted): a flat series, and the test is undefined.
  if (X === 0 || X === N) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared: null, slope: 0, outlierFound: false };
  const difference = N * sumTX - X * sumTN;
  const chiSquared = (N * difference * difference) / (X * (N - X) * (N * sumT2N - sumTN * sumTN));
  const logits = points.map((p) => {
    const share = p.numerator! / p.denominator!;
    return Math.log(share / (1 - share));
  });
  return verdict(chiSquared, olsSlope(logits, t), (j) => olsSlope(except(logits, j), except(t, j)));
}

/** Weights 1/SE^2 with SE = (UCI95 - LCI95) / (2 z95); slope = (S1 S2 - S3 S4) / (S1 S5 - S3^2); chi2 = slope^2 (S1 S5 - S3^2) / S1. */
function weightedRegressionTrend(points: readonly TrendPoint[], t: readonly number[]): Trend {
  const valid = points.every((p) => finite(p.value) && finite(p.lower95) && finite(p.upper95) && p.upper95 > p.lower95);
  if (!valid) return NOT_ENOUGH_DATA;
  const y = points.map((p) => p.value!);
  const w = points.map((p) => {
    const se = (p.upper95! - p.lower95!) / SE_PER_95_INTERVAL;
    return 1 / (se * se);
  });
  const fit = weightedFit(y, w, t);
  return verdict((fit.slope / fit.beta) ** 2, fit.slope, (j) => weightedFit(except(y, j), except(w, j), except(t, j)).slope);
}

function weightedFit(y: readonly number[], w: readonly number[], t: readonly number[]): { slope: number; beta: number } {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  y.forEach((yi, i) => {
    const wi = w[i]!;
    const ti = t[i]!;
    s1 += wi;
    s2 += wi * yi * ti;
    s3 += wi * ti;
    s4 += wi * yi;
    s5 += wi * ti * ti;
  });
  const determinant = s1 * s5 - s3 * s3;
  return { slope: (s1 * s2 - s3 * s4) / determinant, beta: Math.sqrt(s1 / determinant) };
}
