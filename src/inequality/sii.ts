/**
 * The slope index of inequality (SII) and relative index of inequality (RII) with simulated
 * confidence limits, as a pure function: PHEindicatormethods `phe_sii` (R/SII_function.R with
 * FindXValues and SimulationFunc in R/utils.R, dhsc-govuk/PHEindicatormethods@5302983), after
 * Low & Low, "Measuring the gap: quantifying and comparing local health inequalities", J Public
 * Health 2004, and the OHID "Technical Guide: SII and RII".
 *
 * Contract: `groups` are the quantiles in order, the most deprived first (IMD quintile or decile
 * 1 first), each with its population and value and either its standard error or its 95% limits.
 * Each quantile's x is the midpoint of its cumulative population share (0 to 1); the value is
 * regressed on x by least squares weighted by the population share (phe_sii's `lm(yvals ~ sqrt_a +
 * b_sqrt_a - 1)`). SII = slope x multiplier: the modelled gap between the least and the most
 * deprived end (negative when the value falls with less deprivation). RII = (intercept + slope) /
 * intercept, inverted when the multiplier is negative. Limits are simulated as phe_sii does: draw
 * each quantile's value from a normal with its standard error (on the log scale for rates and the
 * logit scale for proportions, the scale of the 95% limits), refit, and take the order statistics
 * at round(reps x 0.025) and round(reps x 0.975). The draws use a seeded generator, so the same
 * input always gives the same limits.
 */
import normal from '@stdlib/random-base-normal';
import { Z95 } from '../statistics/methods.js';

/** How a quantile's value is distributed: phe_sii value_type 0 (normal), 1 (rate, log), 2 (proportion 0-1, logit). */
export type SiiScale = 'NORMAL' | 'RATE' | 'PROPORTION';

export interface SiiGroup {
  population: number;
  value: number;
  /** Standard error on the scale of `scale` (log for rates, logit for proportions). */
  standardError?: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

export interface SiiOptions {
  scale: SiiScale;
  multiplier?: number;
  repetitions?: number;
  confidence?: number;
  seed?: number;
}

export interface SiiResult {
  sii: number;
  rii: number;
  intercept: number;
  siiLower: number;
  siiUpper: number;
  riiLower: number;
  riiUpper: number;
  confidence: number;
  repetitions: number;
}

/** phe_sii's own default number of simulations. */
export const SII_REPETITIONS = 100_000;
export const SII_MINIMUM_QUANTILES = 5;

const transform = (scale: SiiScale, v: number) =>
  scale === 'RATE' ? Math.log(v) : scale === 'PROPORTION' ? Math.log(v / (1 - v)) : v;
const untransform = (scale: SiiScale, v: number) =>
  scale === 'RATE' ? Math.exp(v) : scale === 'PROPORTION' ? Math.exp(v) / (1 + Math.exp(v)) : v;

/** Midpoints of cumulative population shares (phe_sii FindXValues). */
export function quantileMidpoints(populations: readonly number[]): number[] {
  const total = populations.reduce((sum, p) => sum + p, 0);
  let before = 0;
  return populations.map((p) => {
    const share = p / total;
    const mid = before + share / 2;
    before += share;
    return mid;
  });
}

// Slope and relative index of inequality with simulated limits: PHEindicatormethods phe_sii (Low & Low 2004).
export function slopeIndexOfInequality(groups: readonly SiiGroup[], options: SiiOptions): SiiResult {
  const { scale, multiplier = 1, repetitions = SII_REPETITIONS, confidence = 0.95, seed = 1 } = options;
  if (groups.length < SII_MINIMUM_QUANTILES || groups.length > 100) {
    throw new RangeError(`the SII needs between 5 and 100 quantiles, got ${groups.length}`);
  }
  if (!(repetitions >= 1000)) throw new RangeError('the SII needs at least 1,000 repetitions');
  if (!(confidence > 0.5 && confidence < 1)) throw new RangeError(`confidence must be between 0.5 and 1, got ${confidence}`);
  const centres: number[] = [];
  const errors: number[] = [];
  for (const group of groups) {
    if (!(Number.isFinite(group.population) && group.population > 0)) {
      throw new RangeError(`every quantile needs a population above 0, got ${group.population}`);
    }
    if (scale === 'PROPORTION' && !(group.value > 0 && group.value < 1)) {
      throw new RangeError(`a proportion must lie strictly between 0 and 1, got ${group.value}`);
    }
    if (scale === 'RATE' && !(group.value > 0)) throw new RangeError(`a rate must be above 0, got ${group.value}`);
    const se = group.standardError ?? standardErrorFromLimits(scale, group.lower95, group.upper95);
    if (!(Number.isFinite(se) && se >= 0)) throw new RangeError('every quantile needs a standard error or its 95% limits');
    centres.push(transform(scale, group.value));
    errors.push(se);
  }

  // Weighted least squares with weights a_i (population shares), as phe_sii's no-intercept
  // regression on sqrt(a) and x sqrt(a): solve the 2 x 2 normal equations once.
  const total = groups.reduce((sum, g) => sum + g.population, 0);
  const a = groups.map((g) => g.population / total);
  const x = quantileMidpoints(groups.map((g) => g.population));
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    s0 += a[i]!;
    s1 += a[i]! * x[i]!;
    s2 += a[i]! * x[i]! * x[i]!;
  }
  const det = s0 * s2 - s1 * s1;
  const fit = (y: (i: number) => number) => {
    let t0 = 0;
    let t1 = 0;
    for (let i = 0; i < a.length; i++) {
      const v = y(i);
      t0 += a[i]! * v;
      t1 += a[i]! * x[i]! * v;
    }
    return { intercept: (s2 * t0 - s1 * t1) / det, slope: (s0 * t1 - s1 * t0) / det };
  };
  const riiOf = (m: { intercept: number; slope: number }) => {
    const rii = (m.intercept + m.slope) / m.intercept;
    return multiplier < 0 ? 1 / rii : rii;
  };

  const point = fit((i) => groups[i]!.value);
  const draw = normal.factory({ seed });
  const siis = new Float64Array(repetitions);
  const riis = new Float64Array(repetitions);
  const sample = new Float64Array(groups.length);
  for (let r = 0; r < repetitions; r++) {
    for (let i = 0; i < groups.length; i++) sample[i] = untransform(scale, draw(centres[i]!, errors[i]!));
    const m = fit((i) => sample[i]!);
    siis[r] = m.slope * multiplier;
    riis[r] = riiOf(m);
  }
  siis.sort();
  riis.sort();
  // phe_sii's positions are 1-based: round(reps x (1 - c')) and round(reps x c'), c' = c + (1 - c)/2.
  const upperLevel = confidence + (1 - confidence) / 2;
  const lowerAt = Math.max(1, Math.round(repetitions * (1 - upperLevel))) - 1;
  const upperAt = Math.round(repetitions * upperLevel) - 1;
  return {
    sii: point.slope * multiplier,
    rii: riiOf(point),
    intercept: point.intercept,
    siiLower: siis[lowerAt]!,
    siiUpper: siis[upperAt]!,
    riiLower: riis[lowerAt]!,
    riiUpper: riis[upperAt]!,
    confidence,
    repetitions,
  };
}

/** phe_sii: SE = (upper - lower) / (2 x 1.959964), on the log or logit scale for rates and proportions. */
function standardErrorFromLimits(scale: SiiScale, lower?: number | null, upper?: number | null): number {
  if (lower == null || upper == null) return Number.NaN;
  return (transform(scale, upper) - transform(scale, lower)) / Z95 / 2;
}
