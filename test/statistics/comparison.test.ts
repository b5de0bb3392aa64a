/**
 * Comparison with the county, ranks, quintiles and small-number suppression: behaviour by polarity,
 * with ties, nulls and small peer groups.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithBenchmark,
  compareWithBenchmarkAtTwoLevels,
  type Polarity,
  quintileByPolarity,
  rankByPolarity,
  suppression,
  wilsonInterval,
} from '../../src/statistics/methods.js';

describe('comparison with a benchmark (one level, 95%)', () => {
  const limits = { lower95: 10, upper95: 14 };
  // Benchmark below the interval: the area is higher; above it: lower; inside: similar.
  const cases: [Polarity, number, string][] = [
    ['HIGHER_IS_BETTER', 12, 'SIMILAR'],
    ['HIGHER_IS_BETTER', 8, 'BETTER'],
    ['HIGHER_IS_BETTER', 16, 'WORSE'],
    ['HIGHER_IS_WORSE', 12, 'SIMILAR'],
    ['HIGHER_IS_WORSE', 8, 'WORSE'],
    ['HIGHER_IS_WORSE', 16, 'BETTER'],
    ['NO_JUDGEMENT', 12, 'SIMILAR'],
    ['NO_JUDGEMENT', 8, 'HIGHER'],
    ['NO_JUDGEMENT', 16, 'LOWER'],
  ];
  for (const [polarity, benchmark, expected] of cases) {
    it(`${polarity}, benchmark ${benchmark} against 10 to 14: ${expected}`, () => {
      expect(compareWithBenchmark(limits, benchmark, polarity)).toBe(expected);
    });
  }

  it('counts a benchmark on a limit as inside (not significantly different)', () => {
    expect(compareWithBenchmark(limits, 10, 'HIGHER_IS_BETTER')).toBe('SIMILAR');
    expect(compareWithBenchmark(limits, 14, 'HIGHER_IS_WORSE')).toBe('SIMILAR');
  });

  it('is NOT_COMPARED without limits or without a benchmark', () => {
    expect(compareWithBenchmark(null, 12, 'HIGHER_IS_BETTER')).toBe('NOT_COMPARED');
    expect(compareWithBenchmark(limits, null, 'HIGHER_IS_WORSE')).toBe('NOT_COMPARED');
    expect(compareWithBenchmark(limits, Number.NaN, 'NO_JUDGEMENT')).toBe('NOT_COMPARED');
  });

  it('judges a locality proportion against a county value through its Wilson interval', () => {
    // 300 of 1,000 (30%, 95% CI about 27.2 to 32.9) against a county of 25%: significantly higher.
    const wilson = wilsonInterval(300, 1000, 0.95, 100);
    const locality = { lower95: wilson.lower, upper95: wilson.upper };
    expect(compareWithBenchmark(locality, 25, 'HIGHER_IS_WORSE')).toBe('WORSE');
    expect(compareWithBenchmark(locality, 25, 'NO_JUDGEMENT')).toBe('HIGHER');
    expect(compareWithBenchmark(locality, 31, 'HIGHER_IS_WORSE')).toBe('SIMILAR');
  });
});

describe('comparison at two levels (95% and 99.8%)', () => {
  const limits = { lower95: 10, upper95: 14, lower998: 9, upper998: 15 };

  it('is similar inside 95%, graded at 95% only between the intervals, and at 99.8% outside both', () => {
    expect(compareWithBenchmarkAtTwoLevels(limits, 12, 'HIGHER_IS_BETTER')).toEqual({ comparison: 'SIMILAR', at998: false });
    expect(compareWithBenchmarkAtTwoLevels(limits, 9.5, 'HIGHER_IS_BETTER')).toEqual({ comparison: 'BETTER', at998: false });
    expect(compareWithBenchmarkAtTwoLevels(limits, 8, 'HIGHER_IS_BETTER')).toEqual({ comparison: 'BETTER', at998: true });
    expect(compareWithBenchmarkAtTwoLevels(limits, 14.5, 'HIGHER_IS_WORSE')).toEqual({ comparison: 'BETTER', at998: false });
    expect(compareWithBenchmarkAtTwoLevels(limits, 16, 'HIGHER_IS_WORSE')).toEqual({ comparison: 'BETTER', at998: true });
    expect(compareWithBenchmarkAtTwoLevels(limits, 16, 'NO_JUDGEMENT')).toEqual({ comparison: 'LOWER', at998: true });
    expect(compareWithBenchmarkAtTwoLevels(null, 16, 'NO_JUDGEMENT')).toEqual({ comparison: 'NOT_COMPARED', at998: false });
  });
});

describe('ranks by polarity', () => {
  const values = [10, 20, 20, null, 5, 7.5];

  it('ranks the highest first where higher is better, ties sharing the lower rank, nulls unranked', () => {
    expect(rankByPolarity(values, 'HIGHER_IS_BETTER')).toEqual([3, 1, 1, null, 5, 4]);
  });

  it('ranks the lowest first where higher is worse', () => {
    expect(rankByPolarity(values, 'HIGHER_IS_WORSE')).toEqual([3, 4, 4, null, 1, 2]);
  });

  it('ranks the highest first where there is no judgement', () => {
    expect(rankByPolarity(values, 'NO_JUDGEMENT')).toEqual(rankByPolarity(values, 'HIGHER_IS_BETTER'));
  });

  it('gives 1..n to distinct values in any order and copes with empty lists and all-null lists', () => {
    const nine = [0.3, 0.9, 0.1, 0.5, 0.7, 0.2, 0.8, 0.4, 0.6];
    expect(rankByPolarity(nine, 'HIGHER_IS_BETTER')).toEqual([7, 1, 9, 5, 3, 8, 2, 6, 4]);
    expect(rankByPolarity([], 'HIGHER_IS_BETTER')).toEqual([]);
    expect(rankByPolarity([null, null], 'HIGHER_IS_WORSE')).toEqual([null, null]);
  });

  it('shares rank 1 when every value ties', () => {
    expect(rankByPolarity([4, 4, 4], 'HIGHER_IS_WORSE')).toEqual([1, 1, 1]);
  });
});

describe('quintiles by polarity (PHEindicatormethods phe_quantile, 5 quantiles)', () => {
  /** phe_quantile written out: floor((q + 1) - ceiling(((N + 1) - rank) / (N / q))), 0 raised to 1. */
  const pheQuintile = (rank: number, n: number) => Math.max(1, Math.floor(6 - Math.ceil((n + 1 - rank) / (n / 5))));

  it('puts ten members two to a quintile, 1 the best by polarity', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quintileByPolarity(ten, 'HIGHER_IS_BETTER')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(quintileByPolarity(ten, 'HIGHER_IS_WORSE')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileByPolarity(ten, 'NO_JUDGEMENT')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives each of five members its own quintile (the market-town tier)', () => {
    expect(quintileByPolarity([3.1, 9.4, 5.5, 1.2, 7.7], 'HIGHER_IS_WORSE')).toEqual([2, 5, 3, 1, 4]);
  });

  it('follows the phe_quantile formula for peer groups of 5 to 40, with ties', () => {
    for (let n = 5; n <= 40; n++) {
      // Values with some ties: i/3 rounded down.
      const values = Array.from({ length: n }, (_, i) => Math.floor(i / 3));
      const ranks = rankByPolarity(values, 'HIGHER_IS_BETTER');
      const expected = ranks.map((rank) => pheQuintile(rank!, n));
      expect(quintileByPolarity(values, 'HIGHER_IS_BETTER')).toEqual(expected);
    }
  });

  it('keeps tied members in the same quintile, and nulls out', () => {
    const q = quintileByPolarity([8, 8, 6, 5, 4, 3, null], 'HIGHER_IS_BETTER');
    expect(q[0]).toBe(q[1]);
    expect(q[6]).toBeNull();
    expect(q.slice(0, 6)).toEqual([1, 1, 2, 3, 4, 5]);
  });

  it('assigns no quintile among fewer than five valued peers (phe_quantile gives NA there)', () => {
    expect(quintileByPolarity([12.5], 'HIGHER_IS_BETTER')).toEqual([null]);
    expect(quintileByPolarity([1, 2, 3], 'HIGHER_IS_WORSE')).toEqual([null, null, null]);
    expect(quintileByPolarity([1, 2, 3, 4, null, null], 'HIGHER_IS_WORSE')).toEqual([null, null, null, null, null, null]);
  });
});

describe('small-number suppression', () => {
  it('withholds counts under the threshold (default 5), zero included, with a reason', () => {
    for (const count of [0, 1, 4, 4.99]) {
      const result = suppression(count, 5);
      expect(result.suppressed).toBe(true);
      expect(result.reason).toMatch(/under 5/);
    }
    expect(suppression(3).suppressed).toBe(true);
  });

  it('publishes counts at or above the threshold, and missing counts', () => {
    expect(suppression(5, 5)).toEqual({ suppressed: false, reason: null });
    expect(suppression(1234, 5)).toEqual({ suppressed: false, reason: null });
    expect(suppression(null, 5)).toEqual({ suppressed: false, reason: null });
  });

  it('follows a configured threshold, and 0 withholds nothing', () => {
    expect(suppression(9, 10).suppressed).toBe(true);
    expect(suppression(9, 10).reason).toMatch(/under 10/);
    expect(suppression(0, 0).suppressed).toBe(false);
    expect(() => suppression(3, -1)).toThrow(RangeError);
  });
});
