/**
 * The recent trend against chi-squared values worked out here from the formulas, step by step
 * (METHODS.md, "Recent trend"), and against a second, algebraically different form of each test.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { rateInterval } from '../../src/statistics/methods.js';
import { recentTrend, TREND_CHI_SQUARED, type TrendPoint } from '../../src/statistics/trend.js';
import { expectFigures } from './precision.js';

const proportionPoints = (start: number, numerators: number[], denominators: number[]): TrendPoint[] =>
  numerators.map((x, i) => ({
    index: start + i,
    numerator: x,
    denominator: denominators[i]!,
    value: (100 * x) / denominators[i]!,
    lower95: null,
    upper95: null,
  }));

/** Cochran-Armitage as METHODS.md writes it, t = 1..5. */
function cochranArmitage(x: number[], n: number[]) {
  const t = x.map((_, i) => i + 1);
  const N = n.reduce((a, b) => a + b, 0);
  const X = x.reduce((a, b) => a + b, 0);
  const sumTX = x.reduce((s, xi, i) => s + t[i]! * xi, 0);
  const sumTN = n.reduce((s, ni, i) => s + t[i]! * ni, 0);
  const sumT2N = n.reduce((s, ni, i) => s + t[i]! * t[i]! * ni, 0);
  const chi2 = (N * (N * sumTX - X * sumTN) ** 2) / (X * (N - X) * (N * sumT2N - sumTN ** 2));
  return { chi2, slope: (N * sumTX - X * sumTN) / (N * sumT2N - sumTN ** 2) };
}

/** The same test as a score statistic: (sum t (x - n pbar))^2 / (pbar (1 - pbar) sum n (t - tbar)^2). */
function scoreForm(x: number[], n: number[]) {
  const N = n.reduce((a, b) => a + b, 0);
  const pbar = x.reduce((a, b) => a + b, 0) / N;
  const tbar = n.reduce((s, ni, i) => s + (i + 1) * ni, 0) / N;
  const u = x.reduce((s, xi, i) => s + (i + 1 - tbar) * (xi - n[i]! * pbar), 0);
  const v = pbar * (1 - pbar) * n.reduce((s, ni, i) => s + ni * (i + 1 - tbar) ** 2, 0);
  return (u * u) / v;
}

/**
 * The direction of a proportion as PHEindicatormethods finds it: the least-squares slope of
 * logit(x/n) on t, here in centred form (sum (t - tbar)(l - lbar) / sum (t - tbar)^2).
 */
function logitSlope(x: number[], n: number[], t = x.map((_, i) => i + 1)) {
  const l = x.map((xi, i) => Math.log(xi / n[i]! / (1 - xi / n[i]!)));
  const tbar = t.reduce((a, b) => a + b, 0) / t.length;
  const lbar = l.reduce((a, b) => a + b, 0) / l.length;
  return l.reduce((s, li, i) => s + (t[i]! - tbar) * (li - lbar), 0) / t.reduce((s, ti) => s + (ti - tbar) ** 2, 0);
}

/** Weighted regression as METHODS.md writes it (S1..S5), with SE = (UCI - LCI) / (2 z95). */
function weightedRegression(y: number[], lower: number[], upper: number[], seDivisor = 2 * 1.959963984540054) {
  let s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
  y.forEach((yi, i) => {
    const t = i + 1;
    const se = (upper[i]! - lower[i]!) / seDivisor;
    const w = 1 / se ** 2;
    s1 += w;
    s2 += w * yi * t;
    s3 += w * t;
    s4 += w * yi;
    s5 += w * t * t;
  });
  const slope = (s1 * s2 - s3 * s4) / (s1 * s5 - s3 ** 2);
  const beta = Math.sqrt(s1 / (s1 * s5 - s3 ** 2));
  return { chi2: (slope / beta) ** 2, slope };
}

/** The same regression by centred sums: slope = Sxy / Sxx, Var(slope) = 1 / Sxx, chi2 = slope^2 / Var. */
function centredRegression(y: number[], lower: number[], upper: number[]) {
  const w = lower.map((l, i) => 1 / ((upper[i]! - l) / (2 * 1.959963984540054)) ** 2);
  const W = w.reduce((a, b) => a + b, 0);
  const tbar = w.reduce((s, wi, i) => s + wi * (i + 1), 0) / W;
  const ybar = w.reduce((s, wi, i) => s + wi * y[i]!, 0) / W;
  const sxy = w.reduce((s, wi, i) => s + wi * (i + 1 - tbar) * (y[i]! - ybar), 0);
  const sxx = w.reduce((s, wi, i) => s + wi * (i + 1 - tbar) ** 2, 0);
  const slope = sxy / sxx;
  return { chi2: slope * slope * sxx, slope };
}

describe('the trend threshold', () => {
  it('is the chi-squared quantile at 99.8% with 1 df (METHODS.md: 9.54953570608324)', () => {
    expectFigures(TREND_CHI_SQUARED, 9.54953570608324, 13);
    expectFigures(chisquareCdf(TREND_CHI_SQUARED, 1), 0.998, 12);
  });
});

describe('recent trend of a proportion: chi-squared test for trend (Cochran-Armitage)', () => {
  it('marks a clearly rising proportion INCREASING with the chi-squared worked out by hand', () => {
    // 10%, 12%, 14%, 16%, 18% of 1,000 each year.
    const x = [100, 120, 140, 160, 180];
    const n = [1000, 1000, 1000, 1000, 1000];
    // By hand: N = 5000, X = 700, sum(t x) = 2300, sum(t n) = 15000, sum(t^2 n) = 55000;
    // N sum(t x) - X sum(t n) = 1e6; chi2 = 5000 * 1e12 / (700 * 4300 * (2.75e8 - 2.25e8)) = 5e15 / 1.505e14.
    const byHand = 5e15 / 1.505e14;
    const trend = recentTrend('PROPORTION', proportionPoints(2016, x, n));
    expect(trend.direction).toBe('INCREASING');
    expectFigures(trend.chiSquared!, byHand, 12);
    expectFigures(trend.chiSquared!, cochranArmitage(x, n).chi2, 12);
    expectFigures(trend.chiSquared!, scoreForm(x, n), 10);
    // Direction: the logit slope; by hand the logits are -2.19722, -1.99243, -1.81529, -1.65823,
    // -1.51635, and sum((t - 3) l) / 10 = (4.39445 + 1.99243 - 1.65823 - 3.03270) / 10 = 0.169594.
    expectFigures(trend.slope!, logitSlope(x, n), 12);
    expect(trend.slope!).toBeCloseTo(0.169594, 5);
    expect(trend.outlierFound).toBe(false);
  });

  it('marks a falling proportion with unequal denominators DECREASING', () => {
    const x = [420, 395, 380, 341, 322];
    const n = [1510, 1490, 1535, 1502, 1488];
    const trend = recentTrend('PROPORTION', proportionPoints(1, x, n));
    const expected = cochranArmitage(x, n);
    expect(expected.chi2).toBeGreaterThan(TREND_CHI_SQUARED);
    expect(trend.direction).toBe('DECREASING');
    expectFigures(trend.chiSquared!, expected.chi2, 12);
    expectFigures(trend.chiSquared!, scoreForm(x, n), 10);
    expectFigures(trend.slope!, logitSlope(x, n), 12);
    expect(Math.sign(trend.slope!)).toBe(Math.sign(expected.slope));
  });

  it('drops a significant trend that one point makes (assign_trend_markers’ outlier check)', () => {
    // 11%, 10.5%, 10%, 9.5% then 30%: Cochran-Armitage by hand N = 5000, X = 710, sum(t x) = 2500,
    // sum(t n) = 15000, sum(t^2 n) = 55000: chi2 = 5000 (1.85e6)^2 / (710 * 4290 * 5e7) = 112.36...,
    // significant and rising; without the last point the logit slope falls: no significant change.
    const x = [110, 105, 100, 95, 300];
    const n = [1000, 1000, 1000, 1000, 1000];
    const byHand = (5000 * 1.85e6 ** 2) / (710 * 4290 * 5e7);
    expect(logitSlope(x, n)).toBeGreaterThan(0);
    expect(logitSlope(x.slice(0, 4), n.slice(0, 4), [1, 2, 3, 4])).toBeLessThan(0);
    const trend = recentTrend('PROPORTION', proportionPoints(2015, x, n));
    expectFigures(trend.chiSquared!, byHand, 12);
    expect(trend).toMatchObject({ direction: 'NO_SIGNIFICANT_CHANGE', outlierFound: true });
    expectFigures(trend.slope!, logitSlope(x, n), 12);
  });

  it('keeps a significant trend that no single point reverses', () => {
    // The falling series again: every four-point logit slope stays negative.
    const x = [420, 395, 380, 341, 322];
    const n = [1510, 1490, 1535, 1502, 1488];
    const t = [1, 2, 3, 4, 5];
    for (let j = 0; j < 5; j += 1) {
      const keep = (list: number[]) => list.filter((_, i) => i !== j);
      expect(logitSlope(keep(x), keep(n), keep(t))).toBeLessThan(0);
    }
    expect(recentTrend('PROPORTION', proportionPoints(1, x, n))).toMatchObject({ direction: 'DECREASING', outlierFound: false });
  });

  it('takes the direction from the logit slope, not the count-weighted one, as the package does', () => {
    // A tiny first year at 90%, then large years rising from 10% to 25%: weighted by the denominators
    // the rise is significant (Cochran-Armitage), but the unweighted logit slope falls, and leaving out
    // the first year turns it back up: the package marks no significant change.
    const x = [9, 100, 150, 200, 250];
    const n = [10, 1000, 1000, 1000, 1000];
    const ca = cochranArmitage(x, n);
    expect(ca.chi2).toBeGreaterThan(TREND_CHI_SQUARED);
    expect(ca.slope).toBeGreaterThan(0);
    expect(logitSlope(x, n)).toBeLessThan(0);
    expect(logitSlope(x.slice(1), n.slice(1), [2, 3, 4, 5])).toBeGreaterThan(0);
    const trend = recentTrend('PROPORTION', proportionPoints(1, x, n));
    expectFigures(trend.chiSquared!, ca.chi2, 12);
    expectFigures(trend.slope!, logitSlope(x, n), 12);
    expect(trend).toMatchObject({ direction: 'NO_SIGNIFICANT_CHANGE', outlierFound: true });
  });

  it('keeps a rise that falls short of 99.8% as no significant change', () => {
    // chi2 between the 95% (3.84) and 99.8% (9.55) thresholds.
    const x = [100, 108, 116, 124, 132];
    const n = [1000, 1000, 1000, 1000, 1000];
    const { chi2 } = cochranArmitage(x, n);
    expect(chi2).toBeGreaterThan(3.84);
    expect(chi2).toBeLessThan(TREND_CHI_SQUARED);
    expect(recentTrend('PROPORTION', proportionPoints(1, x, n)).direction).toBe('NO_SIGNIFICANT_CHANGE');
  });

  it('does not depend on how the periods are numbered, only on their being consecutive', () => {
    const x = [420, 395, 380, 341, 322];
    const n = [1510, 1490, 1535, 1502, 1488];
    expect(recentTrend('PROPORTION', proportionPoints(2019, x, n))).toEqual(recentTrend('PROPORTION', proportionPoints(0, x, n)));
  });

  it('answers NO_SIGNIFICANT_CHANGE without a statistic when there are no events at all', () => {
    const trend = recentTrend('PROPORTION', proportionPoints(1, [0, 0, 0, 0, 0], [50, 60, 55, 52, 58]));
    expect(trend).toEqual({ direction: 'NO_SIGNIFICANT_CHANGE', chiSquared: null, slope: 0, outlierFound: false });
  });
});

describe('recent trend: not enough data', () => {
  const x = [100, 120, 140, 160, 180];
  const n = [1000, 1000, 1000, 1000, 1000];

  it('with four points', () => {
    expect(recentTrend('PROPORTION', proportionPoints(1, x.slice(1), n.slice(1)))).toEqual({
      direction: 'NOT_ENOUGH_DATA',
      chiSquared: null,
      slope: null,
      outlierFound: false,
    });
  });

  it('with a break in the series (indices not consecutive)', () => {
    const points = proportionPoints(1, x, n).map((point, i) => ({ ...point, index: i < 3 ? 2015 + i : 2016 + i }));
    expect(points.map((p) => p.index)).toEqual([2015, 2016, 2017, 2019, 2020]);
    expect(recentTrend('PROPORTION', points).direction).toBe('NOT_ENOUGH_DATA');
    const unknown = proportionPoints(1, x, n).map((point, i) => ({ ...point, index: i === 2 ? Number.NaN : point.index }));
    expect(recentTrend('PROPORTION', unknown).direction).toBe('NOT_ENOUGH_DATA');
  });

  it('with a missing count or interval among the points', () => {
    const gap = proportionPoints(1, x, n).map((point, i) => (i === 4 ? { ...point, numerator: null } : point));
    expect(recentTrend('PROPORTION', gap).direction).toBe('NOT_ENOUGH_DATA');
    const rates = rateSeries([200, 190, 170, 150, 130], 100_000).map((point, i) => (i === 0 ? { ...point, lower95: null } : point));
    expect(recentTrend('RATE', rates).direction).toBe('NOT_ENOUGH_DATA');
    expect(recentTrend('SCORE', rateSeries([1, 2, 3, 4, 5], 10).map((p) => ({ ...p, lower95: null, upper95: null }))).direction).toBe(
      'NOT_ENOUGH_DATA',
    );
  });

  it('but looks only at the last five points of a longer series', () => {
    const six = proportionPoints(1, [900, ...x], [1000, ...n]);
    expect(recentTrend('PROPORTION', six)).toEqual(recentTrend('PROPORTION', proportionPoints(2, x, n)));
    const broken = six.map((point, i) => (i === 0 ? { ...point, index: -10 } : point));
    expect(recentTrend('PROPORTION', broken).direction).toBe('INCREASING');
  });
});

/** A rate series per 100,000 from yearly counts with their Byar/exact intervals. */
function rateSeries(counts: number[], population: number): TrendPoint[] {
  return counts.map((count, i) => {
    const interval = rateInterval(count, population, 0.95, 100_000);
    return {
      index: i + 1,
      numerator: count,
      denominator: population,
      value: (count / population) * 100_000,
      lower95: interval.lower,
      upper95: interval.upper,
    };
  });
}

describe('recent trend of other values: weighted regression with SE from the 95% interval', () => {
  it('marks a falling rate DECREASING, with chi-squared from S1..S5 and from centred sums', () => {
    const points = rateSeries([200, 190, 170, 150, 130], 100_000);
    const y = points.map((p) => p.value!);
    const lower = points.map((p) => p.lower95!);
    const upper = points.map((p) => p.upper95!);
    const expected = weightedRegression(y, lower, upper);
    const trend = recentTrend('RATE', points);
    expect(trend.direction).toBe('DECREASING');
    expect(expected.chi2).toBeGreaterThan(TREND_CHI_SQUARED);
    expectFigures(trend.chiSquared!, expected.chi2, 12);
    expectFigures(trend.chiSquared!, centredRegression(y, lower, upper).chi2, 9);
    expectFigures(trend.slope!, expected.slope, 12);
    // METHODS.md rounds the divisor to 3.92: the statistic moves by only (3.92 / 3.919928)^2.
    expectFigures(trend.chiSquared!, weightedRegression(y, lower, upper, 3.92).chi2, 4);
  });

  it('finds no significant change in a rate that wanders', () => {
    const points = rateSeries([150, 162, 149, 158, 153], 100_000);
    const trend = recentTrend('RATE', points);
    expect(trend.direction).toBe('NO_SIGNIFICANT_CHANGE');
    const y = points.map((p) => p.value!);
    expectFigures(trend.chiSquared!, weightedRegression(y, points.map((p) => p.lower95!), points.map((p) => p.upper95!)).chi2, 12);
  });

  it('reads published DSRs: PHEindicatormethods tests/testthat/DSR_testdata.csv, quintile 1, 2010-2014', () => {
    // Rows Period 2010..2014, Quintile 1: value, lowercl, uppercl (DSRs per 100,000 with Dobson limits).
    const y = [150.2200205, 148.4061234, 146.3620464, 144.6298219, 144.7302585];
    const lower = [147.3194185, 145.5359227, 143.5339285, 141.8398707, 141.9631164];
    const upper = [153.1498241, 151.3052827, 149.218782, 147.4480316, 147.5252412];
    const points: TrendPoint[] = y.map((value, i) => ({
      index: 2010 + i,
      numerator: null,
      denominator: null,
      value,
      lower95: lower[i]!,
      upper95: upper[i]!,
    }));
    const trend = recentTrend('RATE', points);
    const expected = weightedRegression(y, lower, upper);
    expectFigures(trend.chiSquared!, expected.chi2, 12);
    expectFigures(trend.chiSquared!, centredRegression(y, lower, upper).chi2, 9);
    // About 10.19 against 9.55: a significant fall of about 1.47 per 100,000 a year.
    expect(expected.chi2).toBeGreaterThan(9.54953570608324);
    expect(trend.direction).toBe('DECREASING');
    expectFigures(trend.slope!, expected.slope, 12);
    expect(trend.slope!).toBeLessThan(0);
  });

  it('drops a significant fall that one year makes (the outlier check on the weighted slope)', () => {
    // Rising from 150 to 156 per 100,000 for four years, then 100: a significant fall, but without the
    // last year the slope rises.
    const points = rateSeries([1500, 1520, 1540, 1560, 1000], 1_000_000);
    const y = points.map((p) => p.value!);
    const lower = points.map((p) => p.lower95!);
    const upper = points.map((p) => p.upper95!);
    const expected = weightedRegression(y, lower, upper);
    expect(expected.chi2).toBeGreaterThan(TREND_CHI_SQUARED);
    expect(expected.slope).toBeLessThan(0);
    expect(weightedRegression(y.slice(0, 4), lower.slice(0, 4), upper.slice(0, 4)).slope).toBeGreaterThan(0);
    const trend = recentTrend('RATE', points);
    expectFigures(trend.chiSquared!, expected.chi2, 12);
    expect(trend).toMatchObject({ direction: 'NO_SIGNIFICANT_CHANGE', outlierFound: true });
  });

  it('treats counts and means the same way when they carry intervals', () => {
    const points = rateSeries([200, 190, 170, 150, 130], 100_000);
    expect(recentTrend('COUNT', points)).toEqual(recentTrend('RATE', points));
    expect(recentTrend('MEAN', points)).toEqual(recentTrend('RATE', points));
  });

  it('refuses a zero-width interval (no standard error to weight by)', () => {
    const points = rateSeries([200, 190, 170, 150, 130], 100_000).map((p, i) => (i === 2 ? { ...p, upper95: p.lower95 } : p));
    expect(recentTrend('RATE', points).direction).toBe('NOT_ENOUGH_DATA');
  });
});

/**
 * The package's own expected markers: dhsc-govuk/PHEindicatormethods tests/testthat/testdata_trend_markers.xlsx
 * (added with testTrendMarkers.R in commit bd97b04; sheets testdata_prop_trends, testdata_prop_grouped,
 * testdata_other_trends, testdata_other_grouped, testdata_other_6). Each case: the sheet's rows, then
 * the package's recent_trend, Significance and Gradient (both rounded to 4 places, as the package's
 * test compares them). Values are copied from the workbook's cells.
 */
describe('recent trend against assign_trend_markers’ published test data', () => {
  type Row = [year: number, count: number | null, denominator: number | null, value: number | null, lower: number | null, upper: number | null];
  const points = (rows: Row[]): TrendPoint[] =>
    rows.map(([index, numerator, denominator, value, lower95, upper95]) => ({ index, numerator, denominator, value, lower95, upper95 }));
  const cases: { sheet: string; type: 'PROPORTION' | 'RATE'; rows: Row[]; marker: string; significance?: number; gradient?: number }[] = [
    {
      sheet: 'testdata_prop_trends',
      type: 'PROPORTION',
      rows: [
        [2019, 318, 468.33578792341672, 67.9, null, null],
        [2020, 314, 472.89156626506019, 66.4, null, null],
        [2021, 318, 500.78740157480314, 63.5, null, null],
        [2022, 291, 480.19801980198019, 60.6, null, null],
        [2023, 292, 499.14529914529913, 58.5, null, null],
      ],
      marker: 'DECREASING',
      significance: 12.5688,
      gradient: -0.1062,
    },
    {
      sheet: 'testdata_prop_grouped, Asian or Asian British',
      type: 'PROPORTION',
      rows: [
        [2019, 90, 264.70588235294116, 34, null, null],
        [2020, 58, 89.230769230769241, 65, null, null],
        [2021, 29, 44.61538461538462, 65, null, null],
        [2022, 49, 233.33333333333334, 21, null, null],
        [2023, 67, 744.44444444444446, 9, null, null],
      ],
      marker: 'DECREASING',
      significance: 144.3957,
      gradient: -0.5245,
    },
    {
      sheet: 'testdata_prop_grouped, Black, Black British, Caribbean or African (a missing denominator)',
      type: 'PROPORTION',
      rows: [
        [2019, 23, 50, 46, null, null],
        [2020, 122, 95.3125, 128, null, null],
        [2021, 94, 94, 100, null, null],
        [2022, 76, null, 80, null, null],
        [2023, 20, 25, 80, null, null],
      ],
      marker: 'NOT_ENOUGH_DATA',
    },
    {
      sheet: 'testdata_prop_grouped, White (a duplicate year)',
      type: 'PROPORTION',
      rows: [
        [2019, 318, 468.33578792341672, 67.9, null, null],
        [2020, 314, 472.89156626506019, 66.4, null, null],
        [2022, 318, 500.78740157480314, 63.5, null, null],
        [2022, 291, 480.19801980198019, 60.6, null, null],
        [2023, 292, 499.14529914529913, 58.5, null, null],
      ],
      marker: 'NOT_ENOUGH_DATA',
    },
    {
      sheet: 'testdata_other_trends (and testdata_other_grouped, Asian or Asian British)',
      type: 'RATE',
      rows: [
        [1, 1367, 44701, 30.6, 28.98, 32.25],
        [2, 1332, 44064, 30.2, 28.63, 31.9],
        [3, 1199, 42811, 28, 26.44, 29.64],
        [4, 1023, 41527, 24.6, 23.15, 26.19],
        [5, 994, 40299, 24.67, 23.16, 26.25],
      ],
      marker: 'DECREASING',
      significance: 46.7636,
      gradient: -1.7516,
    },
    {
      sheet: 'testdata_other_grouped, Black, Black British, Caribbean or African',
      type: 'RATE',
      rows: [
        [1, 3004, 44064, 20.2, 18.3, 21.9],
        [2, 5000, 42811, 23, 21.44, 25.64],
        [3, 6000, 41527, 24.6, 23.15, 26.19],
        [4, 7643, 40299, 28.67, 26.16, 29.25],
        [5, 9585, 40700, 30.9, 28.98, 32.25],
      ],
      marker: 'INCREASING',
      significance: 95.2196,
      gradient: 2.7335,
    },
    {
      sheet: 'testdata_other_grouped, Other ethnic group (a missing lower limit)',
      type: 'RATE',
      rows: [
        [1, 994, 40299, 24.67, 23.16, 26.25],
        [2, 3004, 44064, 20.2, 18.3, 21.9],
        [3, 5000, 42811, 23, 21.44, 25.64],
        [4, 6000, 41527, 24.6, 23.15, 26.19],
        [5, 7643, 40299, 28.67, null, 29.25],
      ],
      marker: 'NOT_ENOUGH_DATA',
    },
    {
      sheet: 'testdata_other_grouped, White (four points)',
      type: 'RATE',
      rows: [
        [1, 3004, 44064, 20.2, 18.3, 21.9],
        [2, 5000, 42811, 23, 21.44, 25.64],
        [3, 6000, 41527, 24.6, 23.15, 26.19],
        [4, 7643, 40299, 28.67, 26.16, 29.25],
      ],
      marker: 'NOT_ENOUGH_DATA',
    },
    {
      sheet: 'testdata_other_6 (six points: the last five count)',
      type: 'RATE',
      rows: [
        [1, 1367, 44701, 30.6, 28.98, 32.25],
        [2, 1332, 44064, 30.2, 28.63, 31.9],
        [3, 1199, 42811, 28, 26.44, 29.64],
        [4, 1023, 41527, 24.6, 23.15, 26.19],
        [5, 994, 40299, 24.67, 23.16, 26.25],
        [6, 1011, 40299, 30.9, 28.98, 32.25],
      ],
      marker: 'NO_SIGNIFICANT_CHANGE',
      significance: 0.7433,
      gradient: -0.2256,
    },
  ];

  it.each(cases)('$sheet', ({ type, rows, marker, significance, gradient }) => {
    const trend = recentTrend(type, points(rows));
    expect(trend.direction).toBe(marker);
    if (significance !== undefined) expect(Number(trend.chiSquared!.toFixed(4))).toBe(significance);
    if (gradient !== undefined) expect(Number(trend.slope!.toFixed(4))).toBe(gradient);
  });

  it('departs from the package in one declared case: a gap year (testdata_prop_grouped, Other ethnic group)', () => {
    // The package marks 2012, 2013, 2014, 2016, 2017 "Increasing" (47.3463); the profile asks for five
    // consecutive periods (issue 16; README "Recent trend rule"), so a series with a gap has no marker.
    const rows: Row[] = [
      [2012, 10, 125, 8, null, null],
      [2013, 17, 141.66666666666669, 12, null, null],
      [2014, 27, 117.39130434782609, 23, null, null],
      [2016, 49, 204.16666666666666, 24, null, null],
      [2017, 67, 171.7948717948718, 39, null, null],
    ];
    expect(recentTrend('PROPORTION', points(rows)).direction).toBe('NOT_ENOUGH_DATA');
  });
});
