/**
 * Helpers for the statistics tests: agreement to a number of significant figures, and exact Poisson
 * limits computed independently of the chi-squared quantile (by summing Poisson probabilities and
 * bisecting), so the code's chi-squared route is checked against the definition.
 */
import { expect } from 'vitest';

/** |actual - expected| <= 10^-figures * |expected| (absolute when expected is 0). */
export function expectFigures(actual: number, expected: number, figures = 9): void {
  const tolerance = 10 ** -figures * (expected === 0 ? 1 : Math.abs(expected));
  expect(Number.isFinite(actual), `expected a finite number, got ${actual}`).toBe(true);
  expect(
    Math.abs(actual - expected),
    `${actual} differs from ${expected} beyond ${figures} significant figures`,
  ).toBeLessThanOrEqual(tolerance);
}

/** P(X <= k) for X ~ Poisson(mu), summed in log space term by term. */
export function poissonCdf(k: number, mu: number): number {
  if (k < 0) return 0;
  let logTerm = -mu; // log P(X = 0)
  let sum = Math.exp(logTerm);
  for (let j = 1; j <= k; j++) {
    logTerm += Math.log(mu) - Math.log(j);
    sum += Math.exp(logTerm);
  }
  return sum;
}

/** The root of a decreasing function on [low, high] by bisection to machine precision. */
function bisectDecreasing(f: (mu: number) => number, target: number, low: number, high: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Exact (Garwood) Poisson limits for an integer count x by their definition:
 * lower L solves P(X >= x | L) = alpha/2, upper U solves P(X <= x | U) = alpha/2.
 */
export function exactPoissonByDefinition(x: number, level: number): { lower: number; upper: number } {
  const half = (1 - level) / 2;
  const upper = bisectDecreasing((mu) => poissonCdf(x, mu), half, 0, 10 * x + 50);
  const lower = x === 0 ? 0 : bisectDecreasing((mu) => poissonCdf(x - 1, mu), 1 - half, 0, 10 * x + 50);
  return { lower, upper };
}
