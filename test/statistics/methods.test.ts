/**
 * The confidence intervals of the profiles against values computed independently: the check values
 * of ../shared/METHODS.md, the test data of the public ports of PHEindicatormethods (cited where
 * used), closed forms, and exact Poisson limits summed from their definition.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import {
  byarCountInterval,
  byarsInterval,
  confidenceLimits,
  exactPoissonInterval,
  meanIntervalFromSD,
  meanIntervalFromSE,
  rateInterval,
  wilsonInterval,
  Z95,
  Z998,
  zFor,
} from '../../src/statistics/methods.js';
import { exactPoissonByDefinition, expectFigures } from './precision.js';

const LEVELS = [0.95, 0.998] as const;

describe('normal critical values', () => {
  it('are the normal quantiles at 0.975 and 0.999 (METHODS.md: 1.959964, 3.090232)', () => {
    expectFigures(Z95, 1.959963984540054, 14);
    expectFigures(Z998, 3.090232306167813, 14);
    expect(zFor(0.95)).toBe(Z95);
    expect(zFor(0.998)).toBe(Z998);
  });

  it('leave exactly the level inside: P(Z^2 <= z^2) = level, by the chi-squared (1 df) distribution', () => {
    for (const level of [0.9, 0.95, 0.99, 0.998]) expectFigures(chisquareCdf(zFor(level) ** 2, 1), level, 12);
  });

  it('refuse a level outside (0, 1)', () => {
    for (const level of [0, 1, 95, -0.5, Number.NaN]) expect(() => zFor(level)).toThrow(RangeError);
  });
});

describe('Wilson score interval (phe_proportion)', () => {
  it('matches METHODS.md: 100 of 10,000 and 100 of 1,000 as percentages', () => {
    const a = wilsonInterval(100, 10_000, 0.95, 100);
    expectFigures(a.lower, 0.8229336148148417, 12);
    expectFigures(a.upper, 1.2146982255114647, 12);
    const b = wilsonInterval(100, 1000, 0.95, 100);
    expectFigures(b.lower, 8.29094435930957, 12);
    expectFigures(b.upper, 12.01519631953484, 12);
  });

  it('matches METHODS.md: 65 of 100 at 95% and 99.8% (formula values, 7 figures)', () => {
    const at95 = wilsonInterval(65, 100, 0.95);
    expectFigures(at95.lower, 0.5525444, 6);
    expectFigures(at95.upper, 0.7363575, 6);
    const at998 = wilsonInterval(65, 100, 0.998);
    expectFigures(at998.lower, 0.4954947, 6);
    expectFigures(at998.upper, 0.7783541, 6);
  });

  it('matches the PHStatsMethods (DHSC Python port) test data, ph_statistical_methods/tests/test.wilsons.py', () => {
    // Rows of the parametrize lists: (20, 360, 0.95) and (550, 2400, 0.998) lower; (30, 400, 0.95) and (76, 238, 0.998) upper.
    expectFigures(wilsonInterval(20, 360, 0.95).lower, 0.036248204600072345, 12);
    expectFigures(wilsonInterval(550, 2400, 0.998).lower, 0.20375892211705743, 12);
    expectFigures(wilsonInterval(30, 400, 0.95).upper, 0.10504770626130437, 12);
    expectFigures(wilsonInterval(76, 238, 0.998).upper, 0.418131030603369, 12);
  });

  it('inverts the score test: each limit p satisfies |x/n - p| = z sqrt(p(1 - p)/n)', () => {
    for (const [x, n] of [[1, 7], [65, 100], [1045, 5000], [9999, 10_000]] as const) {
      for (const level of LEVELS) {
        const z = zFor(level);
        for (const p of Object.values(wilsonInterval(x, n, level))) {
          expectFigures(Math.abs(x / n - p) / Math.sqrt((p * (1 - p)) / n), z, 9);
        }
      }
    }
  });

  it('gives a lower limit of exactly 0 for x = 0 and an upper limit of exactly 1 (times the multiplier) for x = n', () => {
    for (const level of LEVELS) {
      const z2 = zFor(level) ** 2;
      const none = wilsonInterval(0, 250, level, 100);
      expect(none.lower).toBe(0);
      expectFigures(none.upper, (100 * z2) / (250 + z2), 12); // closed form at x = 0: z^2 / (n + z^2)
      const all = wilsonInterval(250, 250, level, 100);
      expect(all.upper).toBe(100);
      expectFigures(all.lower, (100 * 250) / (250 + z2), 12); // closed form at x = n: n / (n + z^2)
    }
  });

  it('refuses a numerator above its denominator, negative numbers and an empty denominator', () => {
    expect(() => wilsonInterval(11, 10, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(RangeError);
  });
});

describe("Byar's method and the exact Poisson limits (phe_rate)", () => {
  it('matches METHODS.md for a count of 100, including the upper-limit pitfall', () => {
    const limits = byarCountInterval(100, 0.95);
    expectFigures(limits.lower, 81.36210549052788, 12);
    expectFigures(limits.upper, 121.6279375792065, 12);
    // A public port writes 1/(9x+1) for 1/(9(x+1)) and gets 121.62458755509265: differs at the 5th figure.
    expect(Math.abs(limits.upper - 121.62458755509265) / 121.62458755509265).toBeGreaterThan(1e-5);
  });

  it('matches METHODS.md for a count of 65 at 95% and 99.8% (the byars_lower(65, 99.8) example of PHEindicatormethods)', () => {
    const at95 = byarCountInterval(65, 0.95);
    expectFigures(at95.lower, 50.16319, 6);
    expectFigures(at95.upper, 82.84914, 6);
    const at998 = byarCountInterval(65, 0.998);
    expectFigures(at998.lower, 42.88026, 6);
    expectFigures(at998.upper, 94.00029, 6);
  });

  it('follows the formula as written out, for counts of 10 and more', () => {
    for (const x of [10, 11, 37.5, 1045, 250_000]) {
      for (const level of LEVELS) {
        const z = zFor(level);
        const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
        const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
        expectFigures(byarCountInterval(x, level).lower, lower, 13);
        expectFigures(byarCountInterval(x, level).upper, upper, 13);
      }
    }
  });

  it('uses exact Poisson limits below 10, equal to the limits summed from the Poisson definition', () => {
    for (let x = 0; x < 10; x++) {
      for (const level of LEVELS) {
        const expected = exactPoissonByDefinition(x, level);
        const limits = byarCountInterval(x, level);
        expect(limits).toEqual(exactPoissonInterval(x, level));
        expectFigures(limits.lower, expected.lower, 9);
        expectFigures(limits.upper, expected.upper, 9);
      }
    }
  });

  it('gives closed forms at 0 and 1: lower 0 and upper -ln(alpha/2) for 0; lower -ln(1 - alpha/2) for 1', () => {
    for (const level of LEVELS) {
      const alpha = 1 - level;
      expect(byarCountInterval(0, level).lower).toBe(0);
      expectFigures(byarCountInterval(0, level).upper, -Math.log(alpha / 2), 12);
      expectFigures(byarCountInterval(1, level).lower, -Math.log(1 - alpha / 2), 12);
    }
    expectFigures(byarCountInterval(0, 0.95).upper, 3.6888794541139363, 12);
  });

  it('agrees with PHEindicatormethods tests/testthat/testdata_funnel_ratio_outputs.csv (exact limits by bisection, 4 figures)', () => {
    // Rows Observed_events 1-9: columns upper_2s_exp_events / lower_2s_exp_events are the 95% exact
    // lower / upper limits, upper_3s / lower_3s the 99.8% ones. poisson_funnel there stops bisecting
    // at a step of 1e-7, so they agree to about 4-5 figures only.
    const rows: [number, number, number, number, number][] = [
      [1, 0.025317898, 5.571644585, 0.001000547, 9.233410143],
      [2, 0.242209467, 7.224687515, 0.04540199, 11.22886836],
      [3, 0.618671905, 8.767273828, 0.190533306, 13.06224507],
      [4, 1.089865762, 10.24158653, 0.42855244, 14.79414916],
      [5, 1.623486324, 11.6683331, 0.739371928, 16.45474478],
      [6, 2.201894435, 13.0594765, 1.107104434, 18.0616374],
      [7, 2.814363736, 14.42267712, 1.520336178, 19.62617867],
      [8, 3.453831154, 15.76318696, 1.970813969, 21.15619716],
      [9, 4.11537405, 17.08479966, 2.452425215, 22.65737951],
    ];
    for (const [x, lower95, upper95, lower998, upper998] of rows) {
      expectFigures(byarCountInterval(x, 0.95).lower, lower95, 4);
      expectFigures(byarCountInterval(x, 0.95).upper, upper95, 4);
      expectFigures(byarCountInterval(x, 0.998).lower, lower998, 4);
      expectFigures(byarCountInterval(x, 0.998).upper, upper998, 4);
    }
  });

  it("keeps Byar's 95% limits within 0.2% of the exact ones from 10 up (OHID Technical Guide: Confidence Intervals, Appendix 1)", () => {
    for (let x = 10; x <= 400; x += 3) {
      const exact = exactPoissonByDefinition(x, 0.95);
      const byars = byarsInterval(x, 0.95);
      expect(Math.abs(byars.lower - exact.lower) / exact.lower).toBeLessThan(0.002);
      expect(Math.abs(byars.upper - exact.upper) / exact.upper).toBeLessThan(0.002);
    }
  });

  it('refuses negative counts', () => {
    expect(() => byarCountInterval(-1, 0.95)).toThrow(RangeError);
    expect(() => byarsInterval(0, 0.95)).toThrow(RangeError);
  });
});

describe('rates (phe_rate)', () => {
  it('matches METHODS.md: 100 per 10,000 per 100,000', () => {
    const limits = rateInterval(100, 10_000, 0.95, 100_000);
    expectFigures(limits.lower, 813.6210549052789, 12);
    expectFigures(limits.upper, 1216.279375792065, 12);
  });

  it('divides the exact limits of a small count by the denominator, and a zero count has lower limit 0', () => {
    for (const level of LEVELS) {
      const exact = exactPoissonByDefinition(3, level);
      const limits = rateInterval(3, 2500, level, 1000);
      expectFigures(limits.lower, (exact.lower / 2500) * 1000, 9);
      expectFigures(limits.upper, (exact.upper / 2500) * 1000, 9);
      const zero = rateInterval(0, 2500, level, 1000);
      expect(zero.lower).toBe(0);
      expectFigures(zero.upper, (-Math.log((1 - level) / 2) / 2500) * 1000, 12);
    }
  });

  it('refuses a denominator of 0', () => {
    expect(() => rateInterval(3, 0, 0.95, 1000)).toThrow(RangeError);
  });
});

describe('means', () => {
  it('from a standard error: mean +/- z SE', () => {
    const at95 = meanIntervalFromSE(42, 1.5, 0.95);
    expectFigures(at95.lower, 42 - 1.959963984540054 * 1.5, 13);
    expectFigures(at95.upper, 42 + 1.959963984540054 * 1.5, 13);
    const at998 = meanIntervalFromSE(42, 1.5, 0.998);
    expectFigures(at998.upper, 42 + 3.090232306167813 * 1.5, 13);
  });

  it('from a standard deviation (phe_mean): t with n - 1 df, checked where t has a closed form', () => {
    // df = 1 (Cauchy): t_p = tan(pi (p - 1/2)); df = 2: t_p = (2p - 1) / sqrt(2 p (1 - p)).
    for (const level of LEVELS) {
      const p = level + (1 - level) / 2;
      const t1 = Math.tan(Math.PI * (p - 0.5));
      const t2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expectFigures(meanIntervalFromSD(10, 4, 2, level).upper, 10 + (t1 * 4) / Math.sqrt(2), 9);
      expectFigures(meanIntervalFromSD(10, 4, 3, level).lower, 10 - (t2 * 4) / Math.sqrt(3), 9);
    }
    // Tables: t(0.975, 9) = 2.262157 (9 df, n = 10).
    expectFigures(meanIntervalFromSD(0, Math.sqrt(10), 10, 0.95).upper, 2.262157162798205, 9);
  });

  it('refuses a sample of fewer than two and a negative spread', () => {
    expect(() => meanIntervalFromSD(1, 1, 1, 0.95)).toThrow(RangeError);
    expect(() => meanIntervalFromSD(1, -1, 5, 0.95)).toThrow(RangeError);
    expect(() => meanIntervalFromSE(1, -1, 0.95)).toThrow(RangeError);
  });
});

describe('confidenceLimits by value type', () => {
  const base = { numerator: null, denominator: null, value: null, multiplier: 1 } as const;

  it('proportion: Wilson times the multiplier, at both levels', () => {
    const limits = confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: 100, denominator: 1000, value: 10, multiplier: 100 });
    expectFigures(limits!.lower95, 8.29094435930957, 12);
    expectFigures(limits!.upper95, 12.01519631953484, 12);
    expect(limits!.lower998).toBe(wilsonInterval(100, 1000, 0.998, 100).lower);
    expect(limits!.upper998).toBe(wilsonInterval(100, 1000, 0.998, 100).upper);
    expect(limits!.lower998).toBeLessThan(limits!.lower95);
    expect(limits!.upper998).toBeGreaterThan(limits!.upper95);
  });

  it('rate: Byar or exact per denominator times the multiplier', () => {
    const limits = confidenceLimits({ ...base, valueType: 'RATE', numerator: 100, denominator: 10_000, value: 1000, multiplier: 100_000 });
    expectFigures(limits!.lower95, 813.6210549052789, 12);
    expectFigures(limits!.upper95, 1216.279375792065, 12);
  });

  it('count: the limits of the numerator, or of the value when there is no numerator', () => {
    const fromNumerator = confidenceLimits({ ...base, valueType: 'COUNT', numerator: 65, value: 65 });
    expectFigures(fromNumerator!.lower998, 42.88026, 6);
    const fromValue = confidenceLimits({ ...base, valueType: 'COUNT', value: 0 });
    expect(fromValue!.lower95).toBe(0);
    expectFigures(fromValue!.upper95, 3.6888794541139363, 12);
  });

  it('mean: value +/- z SE, and null without a standard error', () => {
    const limits = confidenceLimits({ ...base, valueType: 'MEAN', value: 80, standardError: 2 });
    expectFigures(limits!.upper95, 80 + 2 * 1.959963984540054, 13);
    expectFigures(limits!.lower998, 80 - 2 * 3.090232306167813, 13);
    expect(confidenceLimits({ ...base, valueType: 'MEAN', value: 80 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'MEAN', value: 80, standardError: null })).toBeNull();
  });

  it('is null for scores and wherever the inputs do not fit the method, and never throws', () => {
    expect(confidenceLimits({ ...base, valueType: 'SCORE', value: 31.2, numerator: 3, denominator: 10 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: 11, denominator: 10 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: 0, denominator: 0 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: null, denominator: 10 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'RATE', numerator: 5, denominator: 0 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'RATE', numerator: -1, denominator: 100 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'RATE', numerator: 5, denominator: 100, multiplier: 0 })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'COUNT' })).toBeNull();
    expect(confidenceLimits({ ...base, valueType: 'COUNT', numerator: Number.NaN })).toBeNull();
  });

  it('reads a weighted numerator a rounding error above its denominator as the whole (100%)', () => {
    const n = 0.1 + 0.2; // 0.30000000000000004
    const limits = confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: n * (1 + 1e-15), denominator: n, multiplier: 100 });
    expect(limits!.upper95).toBe(100);
    expect(confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: n * 1.01, denominator: n })).toBeNull();
  });

  it('handles the edge counts: a proportion of 0 and of n, a rate of 0', () => {
    const none = confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: 0, denominator: 40, multiplier: 100 });
    expect(none!.lower95).toBe(0);
    expect(none!.lower998).toBe(0);
    const all = confidenceLimits({ ...base, valueType: 'PROPORTION', numerator: 40, denominator: 40, multiplier: 100 });
    expect(all!.upper95).toBe(100);
    expect(all!.upper998).toBe(100);
    const zeroRate = confidenceLimits({ ...base, valueType: 'RATE', numerator: 0, denominator: 5000, multiplier: 1000 });
    expect(zeroRate!.lower95).toBe(0);
    expectFigures(zeroRate!.upper998, (-Math.log(0.001) / 5000) * 1000, 12);
  });
});
