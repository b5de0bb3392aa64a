/**
 * The change in an indicator between two periods, with its confidence interval.
 *
 * Method: MOVER, the "method of variance estimates recovery" (Zou, G. Y. and Donner, A. (2008)
 * "Construction of confidence limits about effect measures: a general approach", Statistics in
 * Medicine 27(10), 1693-1702), which builds the interval of a difference from each figure's own
 * interval. With Wilson score limits for two proportions it is Newcombe's hybrid score interval,
 * his method 10 (Newcombe, R. G. (1998) "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Statistics in Medicine 17(8),
 * 873-890); with Byar's (or exact Poisson) limits for two rates it is the MOVER interval for a
 * difference of rates; with the normal limits of two means, the usual normal interval. For
 * d = latest - baseline:
 *
 *   lower = d - sqrt((latest - latestLower)^2 + (baselineUpper - baseline)^2)
 *   upper = d + sqrt((latestUpper - latest)^2 + (baseline - baselineLower)^2)
 *
 * at 95% and at 99.8% from the profile's limits at those levels. The two figures are treated as
 * independent samples (as Newcombe's method assumes), which a locality measured twice only
 * approximately is: say so beside the figure.
 */
export interface Limits {
  value: number;
  lower: number;
  upper: number;
}

export interface DifferenceInterval {
  difference: number;
  lower: number;
  upper: number;
}

/** MOVER interval of `latest - baseline` from each figure's limits at one level (Zou and Donner 2008; Newcombe 1998 method 10 with Wilson limits). */
export function differenceInterval(baseline: Limits, latest: Limits): DifferenceInterval {
  const difference = latest.value - baseline.value;
  return {
    difference,
    lower: difference - Math.sqrt((latest.value - latest.lower) ** 2 + (baseline.upper - baseline.value) ** 2),
    upper: difference + Math.sqrt((latest.upper - latest.value) ** 2 + (baseline.value - baseline.lower) ** 2),
  };
}

/** Whether an interval of a difference excludes no change. */
export const excludesZero = (interval: DifferenceInterval): boolean => interval.lower > 0 || interval.upper < 0;
