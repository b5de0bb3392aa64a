/**
 * The recent trend of the public health profiles (OHID Fingertips "recent trend" markers), as a
 * pure function. Formulas: ../shared/METHODS.md, "Recent trend"; the same sums as
 * PHEindicatormethods' calculate_trend_logistic_regression (significance branch, for proportions)
 * and calculate_trend_weighted_regression (other values), R/utils.R of the DHSC repository.
 *
 * Deliberate differences from PHEindicatormethods' assign_trend_markers, which adds two steps that
 * METHODS.md does not: there the direction of a proportion comes from an unweighted logit
 * regression, and a significant trend is dropped to "no significant change" when leaving out any
 * one point flips the slope's sign. Here the direction is the sign of the tested slope itself.
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
   * Change per period: for proportions the Cochran-Armitage slope of the proportion (0 to 1, not
   * times the multiplier); for other values the weighted regression slope in the values' units.
   */
  slope: number | null;
}

const NOT_ENOUGH_DATA: Trend = { direction: 'NOT_ENOUGH_DATA', chiSquared: null, slope: null };

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

// Recent trend: chi-squared test for trend (Cochran-Armitage) for proportions, weighted regression otherwise; 99.8% level (OHID Fingertips).
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

function verdict(chiSquared: number, slope: number): Trend {
  const significant = chiSquared > TREND_CHI_SQUARED;
  return {
    direction: significant ? (slope > 0 ? 'INCREASING' : 'DECREASING') : 'NO_SIGNIFICANT_CHANGE',
    chiSquared,
    slope,
  };
}

/** chi2 = N (N sum(t x) - X sum(t n))^2 / (X (N - X) (N sum(t^2 n) - (sum(t n))^2)), N = sum n, X = sum x. */
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
  const spreadT = N * sumT2N - sumTN * sumTN;
  const slope = (N * sumTX - X * sumTN) / spreadT;
  // No events in any period (or every member counted): a flat series, and the test is undefined.
  if (X === 0 || X === N) return { direction: 'NO_SIGNIFICANT_CHANGE', chiSquared: null, slope: 0 };
  const difference = N * sumTX - X * sumTN;
  return verdict((N * difference * difference) / (X * (N - X) * spreadT), slope);
}

/** Weights 1/SE^2 with SE = (UCI95 - LCI95) / (2 z95); slope = (S1 S2 - S3 S4) / (S1 S5 - S3^2); chi2 = slope^2 (S1 S5 - S3^2) / S1. */
function weightedRegressionTrend(points: readonly TrendPoint[], t: readonly number[]): Trend {
  const valid = points.every((p) => finite(p.value) && finite(p.lower95) && finite(p.upper95) && p.upper95 > p.lower95);
  if (!valid) return NOT_ENOUGH_DATA;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  points.forEach((point, i) => {
    const se = (point.upper95! - point.lower95!) / SE_PER_95_INTERVAL;
    const w = 1 / (se * se);
    const y = point.value!;
    const ti = t[i]!;
    s1 += w;
    s2 += w * y * ti;
    s3 += w * ti;
    s4 += w * y;
    s5 += w * ti * ti;
  });
  const determinant = s1 * s5 - s3 * s3;
  const slope = (s1 * s2 - s3 * s4) / determinant;
  const beta = Math.sqrt(s1 / determinant);
  return verdict((slope / beta) ** 2, slope);
}
