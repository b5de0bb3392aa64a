/**
 * The SII/RII and funnel limits against the published test values of PHEindicatormethods
 * (dhsc-govuk/PHEindicatormethods@5302983: tests/testthat/testdata_SII.xlsx, the rows of
 * "default (e.g. life expectancy)", "rate (e.g. infant mortality)" and "proportion (e.g. child
 * obesity)"; tests/testthat/testdata_funnel_prop_outputs.csv and testdata_funnel_rate_outputs.csv).
 * Their values came from the R package (and its Excel tools); ours are computed independently
 * (closed-form regression, chi-squared quantiles instead of poisson_funnel's bisection). The
 * simulated limits are compared within 5%, the tolerance phe_sii's own tests use.
 */
import { describe, expect, it } from 'vitest';
import { quantileMidpoints, slopeIndexOfInequality } from '../../src/inequality/sii.js';
import { funnelLimits, funnelPosition, poissonFunnelExpected } from '../../src/inequality/funnel.js';

const rows = (populations: number[], values: number[], ses: number[]) =>
  populations.map((population, i) => ({ population, value: values[i]!, standardError: ses[i]! }));

// testdata_SII rows 1-10 (area1, life expectancy by decile, value_type 0).
const lifeExpectancy = rows(
  [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
  [75.933459010308098, 78.344238272784295, 83.836063104165405, 83.637539966493094, 80.465503152955904, 81.115675985702197, 81.693083571856207, 84.190006206098701, 80.595564108147201, 86.289434957862397],
  [1.6384724263585451, 1.578192884542907, 1.5134355059640296, 1.7754906175801293, 1.7013390591981388, 1.5641210737675499, 1.3681148366878566, 1.4001418005940802, 2.4328463975781616, 1.5665181695934678],
);
// Rows 71-80 (area1, a rate, SE on the log scale, value_type 1).
const rate = rows(
  [279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836, 138165],
  [5.8922196894757208, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.9425683464586041, 2.8287995039913199, 2.7648101907140012],
  [0.02458749781093432, 0.028651772387909245, 0.03313428067829554, 0.034656742217817678, 0.037477373945545213, 0.041552591866051265, 0.043478344743185383, 0.045324801522114426, 0.047695676062254659, 0.051071054013305549],
);
// Rows 91-100 (area1, a proportion 0-1, SE on the logit scale, value_type 2).
const proportion = rows(
  [34353, 32112, 27715, 25372, 23889, 23260, 23180, 24193, 23609, 24488],
  [0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.17480848926284101, 0.16663800515907098, 0.15603968938740301, 0.14657132228330499, 0.140370197805921, 0.12087553087226401],
  [0.013197018471840493, 0.013599402535469379, 0.014903436058054755, 0.015942525582502205, 0.017033905269793169, 0.017593885815626962, 0.018098141690297317, 0.018176743057472546, 0.01873422095544007, 0.019601724030759937],
);

const near = (actual: number, expected: number, relative = 0.05) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relative);

describe('slope and relative index of inequality (phe_sii)', () => {
  it('places each quantile at the midpoint of its cumulative population share', () => {
    expect(quantileMidpoints([1, 1, 2])).toEqual([0.125, 0.375, 0.75]);
  });

  it('reproduces the published SII and RII of a normally distributed value exactly, and its limits within 5%', () => {
    const result = slopeIndexOfInequality(lifeExpectancy, { scale: 'NORMAL', repetitions: 100_000 });
    expect(result.sii).toBeCloseTo(6.9346164736688189, 9);
    expect(result.rii).toBeCloseTo(1.0888180804446217, 9);
    near(result.siiLower, 3.1275946176508169);
    near(result.siiUpper, 10.7586873680794);
    near(result.riiLower, 1.0383690591642838, 0.01);
    near(result.riiUpper, 1.1412993360251238, 0.01);
  });

  it('reproduces the published values for a rate simulated on the log scale', () => {
    const result = slopeIndexOfInequality(rate, { scale: 'RATE', repetitions: 20_000 });
    expect(result.sii).toBeCloseTo(-3.2752012326471758, 9);
    expect(result.rii).toBeCloseTo(0.40600068953980034, 9);
    near(result.siiLower, -3.5868233016744155);
    near(result.siiUpper, -2.9653170017272723);
    near(result.riiLower, 0.36888170199068804);
    near(result.riiUpper, 0.44624776652446996);
  });

  it('reproduces the published values for a proportion on the logit scale, and inverts the RII for a negative multiplier', () => {
    const plain = slopeIndexOfInequality(proportion, { scale: 'PROPORTION', repetitions: 20_000 });
    expect(plain.sii).toBeCloseTo(-0.10720032333730493, 9);
    expect(plain.rii).toBeCloseTo(0.53340153064655071, 9);
    near(plain.siiLower, -0.11220857220984691);
    near(plain.siiUpper, -0.1021798062145461);
    // testdata_SII rows 131-140: multiplier -100.
    const flipped = slopeIndexOfInequality(proportion, { scale: 'PROPORTION', multiplier: -100, repetitions: 20_000 });
    expect(flipped.sii).toBeCloseTo(10.720032333730494, 7);
    expect(flipped.rii).toBeCloseTo(1.8747602744744141, 9);
    near(flipped.siiLower, 10.217980621454609);
    near(flipped.siiUpper, 11.220857220984691);
    near(flipped.riiLower, 1.8176733941416052);
    near(flipped.riiUpper, 1.9337597570831719);
  });

  it('gives the same limits for the same seed and refuses too few quantiles', () => {
    const a = slopeIndexOfInequality(lifeExpectancy, { scale: 'NORMAL', repetitions: 2000, seed: 7 });
    const b = slopeIndexOfInequality(lifeExpectancy, { scale: 'NORMAL', repetitions: 2000, seed: 7 });
    expect(a).toEqual(b);
    expect(() => slopeIndexOfInequality(lifeExpectancy.slice(0, 4), { scale: 'NORMAL' })).toThrow(/between 5 and 100/);
    expect(() => slopeIndexOfInequality([...lifeExpectancy.slice(0, 9), { population: 0, value: 1, standardError: 1 }], { scale: 'NORMAL' })).toThrow(/population/);
  });

  it('derives the standard error from 95% limits on the transformed scale', () => {
    // Row 71 of testdata_SII: limits 5.6149596624107483 to 6.1830853575761537 give the SE 0.02458749781093432.
    const withLimits = rate.map((group, i) => (i === 0 ? { population: group.population, value: group.value, lower95: 5.6149596624107483, upper95: 6.1830853575761537 } : group));
    const a = slopeIndexOfInequality(withLimits, { scale: 'RATE', repetitions: 2000, seed: 3 });
    const b = slopeIndexOfInequality(rate, { scale: 'RATE', repetitions: 2000, seed: 3 });
    near(a.siiLower, b.siiLower, 1e-5);
  });
});

describe('funnel plot limits (calculate_funnel_limits)', () => {
  // testdata_funnel_prop_outputs.csv: baseline 80.642448% (multiplier 100).
  const baseline = 0.80642448;
  it.each([
    [68, 71.251689, 90.033207, 65.836243, 95.448652],
    [1531, 78.663349, 82.621547, 77.522045, 83.76285],
    [110000, 80.408963, 80.875933, 80.274317, 81.010578],
  ])('proportions at denominator %d match the published limits', (n, lower95, upper95, lower998, upper998) => {
    const limits = funnelLimits('PROPORTION', baseline, n, 100);
    expect(limits.lower95).toBeCloseTo(lower95, 4);
    expect(limits.upper95).toBeCloseTo(upper95, 4);
    expect(limits.lower998).toBeCloseTo(lower998, 4);
    expect(limits.upper998).toBeCloseTo(upper998, 4);
  });

  it('clips proportion limits to 0 and 100 at tiny denominators, as the published row for 1 and 2', () => {
    // Published: population 1 -> 3.204264, 100, 0, 100; population 2 -> 25.885383, 100, 0, 100.
    const one = funnelLimits('PROPORTION', baseline, 1, 100);
    expect(one.lower95).toBeCloseTo(3.204264, 4);
    expect([one.upper95, one.lower998, one.upper998]).toEqual([100, 0, 100]);
    expect(funnelLimits('PROPORTION', baseline, 2, 100).lower95).toBeCloseTo(25.885383, 4);
  });

  // testdata_funnel_rate_outputs.csv: a DSR per 100,000 with baseline 116.1720835; each row gives, for
  // a number of events, the rate limit and the one-year population at which it applies.
  const rateBaseline = 116.1720835 / 100_000;
  it.each([
    [1, 20.85059119, 4588.535848, 12.58170943, 116108.569],
    [2, 32.15975314, 959.2695538, 20.69168143, 5117.48863],
    [3, 39.75195225, 563.3296872, 26.68119061, 1829.161832],
  ])('rates with %d events: the limits at the published populations match', (events, lower95, upper95, lower998, upper998) => {
    const at = (p: number, side: 'low' | 'high', pick: (l: ReturnType<typeof funnelLimits>) => number) =>
      pick(funnelLimits('RATE', rateBaseline, poissonFunnelExpected(events, p, side) / rateBaseline, 100_000));
    // poisson_funnel's bisection stops at a step of 1e-7 in its own variable: agree to 1 in 10,000 (at 1 event
    // and 99.8% the expected count is 0.001, where that step matters most).
    near(at(0.025, 'high', (l) => l.lower95), lower95, 1e-4);
    near(at(0.025, 'low', (l) => l.upper95), upper95, 1e-4);
    near(at(0.001, 'high', (l) => l.lower998), lower998, 1e-4);
    near(at(0.001, 'low', (l) => l.upper998), upper998, 1e-4);
  });

  it('classifies a point against its limits', () => {
    const limits = funnelLimits('PROPORTION', baseline, 1531, 100);
    expect(funnelPosition(80, limits)).toBe('WITHIN');
    expect(funnelPosition(83, limits)).toBe('HIGH_95');
    expect(funnelPosition(84, limits)).toBe('HIGH_998');
    expect(funnelPosition(78, limits)).toBe('LOW_95');
    expect(funnelPosition(77, limits)).toBe('LOW_998');
  });
});
