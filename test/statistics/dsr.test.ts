/**
 * Directly standardised rates with Dobson's limits (calculate_dsr / phe_dsr), against the formula
 * written out step by step, against two reductions that must hold (one band is a crude rate
 * with Byar's limits, METHODS.md check values; equal band rates standardise to that rate), and against
 * PHEindicatormethods' own band-level test workbook (below).
 */
import { describe, expect, it } from 'vitest';
import { dsrWithDobsonLimits, ESP2013 } from '../../src/statistics/dsr.js';
import { expectFigures } from './precision.js';

describe('directly standardised rate, Dobson limits', () => {
  it('uses the European Standard Population 2013 (METHODS.md: 19 bands summing to 100,000)', () => {
    expect(ESP2013).toHaveLength(19);
    expect(ESP2013.reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it('follows DSR = sum(w x/n)/sum(w); var = sum(x (w/n)^2)/(sum w)^2; limits DSR + sqrt(var/O)(Byar(O) - O)', () => {
    const counts = [1, 0, 0, 1, 2, 3, 4, 6, 9, 14, 20, 28, 40, 55, 70, 90, 95, 80, 60];
    const populations = [5200, 5600, 5900, 6100, 5800, 6000, 6300, 6500, 6900, 7400, 7800, 7600, 7100, 6800, 6200, 4800, 3500, 2200, 1100];
    const bands = counts.map((count, i) => ({ count, population: populations[i]!, standardPopulation: ESP2013[i]! }));
    const result = dsrWithDobsonLimits(bands, 100_000)!;

    let sumW = 0, sumWRate = 0, sumVar = 0, O = 0;
    bands.forEach(({ count, population, standardPopulation: w }) => {
      sumW += w;
      sumWRate += (w * count) / population;
      sumVar += count * (w / population) ** 2;
      O += count;
    });
    const dsr = sumWRate / sumW;
    const variance = sumVar / sumW ** 2;
    const byar = (z: number) => ({
      lower: O * (1 - 1 / (9 * O) - z / (3 * Math.sqrt(O))) ** 3,
      upper: (O + 1) * (1 - 1 / (9 * (O + 1)) + z / (3 * Math.sqrt(O + 1))) ** 3,
    });
    const at95 = byar(1.959963984540054);
    const at998 = byar(3.090232306167813);
    expect(result.totalCount).toBe(O);
    expectFigures(result.value, dsr * 100_000, 12);
    expectFigures(result.lower95, (dsr + Math.sqrt(variance / O) * (at95.lower - O)) * 100_000, 12);
    expectFigures(result.upper95, (dsr + Math.sqrt(variance / O) * (at95.upper - O)) * 100_000, 12);
    expectFigures(result.lower998, (dsr + Math.sqrt(variance / O) * (at998.lower - O)) * 100_000, 12);
    expectFigures(result.upper998, (dsr + Math.sqrt(variance / O) * (at998.upper - O)) * 100_000, 12);
    expect(result.lower998).toBeLessThan(result.lower95);
    expect(result.lower95).toBeLessThan(result.value);
    expect(result.upper95).toBeLessThan(result.upper998);
  });

  it('reduces to the crude rate with Byar limits for a single band (METHODS.md: 100 per 10,000 per 100,000)', () => {
    const result = dsrWithDobsonLimits([{ count: 100, population: 10_000, standardPopulation: 5000 }], 100_000)!;
    expectFigures(result.value, 1000, 12);
    expectFigures(result.lower95, 813.6210549052789, 12);
    expectFigures(result.upper95, 1216.279375792065, 12);
  });

  it('standardises equal band rates to that rate, whatever the standard population', () => {
    const bands = ESP2013.map((w, i) => ({ count: 3 * (i + 1), population: 1000 * (i + 1), standardPopulation: w }));
    expectFigures(dsrWithDobsonLimits(bands, 1000)!.value, 3, 12);
  });

  it('is not computed for a total count under 10', () => {
    const bands = ESP2013.map((w, i) => ({ count: i < 9 ? 1 : 0, population: 1000, standardPopulation: w }));
    expect(dsrWithDobsonLimits(bands)).toBeNull();
    bands[0]!.count = 2;
    expect(dsrWithDobsonLimits(bands)).not.toBeNull();
  });

  it('refuses empty, negative or zero-population input', () => {
    expect(() => dsrWithDobsonLimits([])).toThrow(RangeError);
    expect(() => dsrWithDobsonLimits([{ count: -1, population: 10, standardPopulation: 1 }])).toThrow(RangeError);
    expect(() => dsrWithDobsonLimits([{ count: 1, population: 0, standardPopulation: 1 }])).toThrow(RangeError);
  });
});

/**
 * PHEindicatormethods' own band-level test data and results: dhsc-govuk/PHEindicatormethods
 * tests/testthat/testdata_DSR_ISR.xlsx, sheets testdata_multiarea (19 bands of counts and
 * populations per area), testdata_1976 (18 bands with the 1976 European standard) and testresults_DSR
 * (calculate_dsr's value and Dobson limits). The workbook's cells are copied here.
 */
describe('calculate_dsr’s published test data', () => {
  const pops = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
  const areas = {
    big: [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91],
    small: [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4],
    // One band's count is blank in the workbook: the package counts it as 0.
    tiny: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3],
  };
  const bands = (counts: number[], populations = pops, standard: readonly number[] = ESP2013) =>
    counts.map((count, i) => ({ count, population: populations[i]!, standardPopulation: standard[i]! }));
  // testresults_DSR, per 100,000: value, lower95, upper95, lower99.8, upper99.8.
  const expected = {
    big: [10430.247991469423, 9717.709067985681, 11178.94091547925, 9323.2878802199029, 11620.595999522058],
    small: [1103.212025300104, 877.455767536709, 1367.0882227251795, 763.64203579398793, 1530.0328948244762],
  };

  it.each(['big', 'small'] as const)('testdata_%s: value and both Dobson intervals to 12 figures, per 100,000 and per 10,000', (area) => {
    const [value, lower95, upper95, lower998, upper998] = expected[area];
    const rate = dsrWithDobsonLimits(bands(areas[area]))!;
    expect(rate.totalCount).toBe(area === 'big' ? 895 : 91);
    expect(rate.totalPopulation).toBe(8970);
    expectFigures(rate.value, value!, 12);
    expectFigures(rate.lower95, lower95!, 12);
    expectFigures(rate.upper95, upper95!, 12);
    expectFigures(rate.lower998, lower998!, 12);
    expectFigures(rate.upper998, upper998!, 12);
    expectFigures(dsrWithDobsonLimits(bands(areas[area]), 10_000)!.value, value! / 10, 12);
  });

  it('testdata_tiny: a total of 9 gives no figure ("dsr NA for total count < 10")', () => {
    expect(dsrWithDobsonLimits(bands(areas.tiny))).toBeNull();
  });

  it('testdata_1976: the 1976 European standard over 18 bands (85+ last)', () => {
    const pops1976 = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123];
    const esp1976 = [8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 1000];
    const rate = dsrWithDobsonLimits(bands(areas.big.slice(0, 18), pops1976, esp1976))!;
    expect(rate.totalCount).toBe(804);
    expectFigures(rate.value, 8592.0975850223658, 12);
    expectFigures(rate.lower95, 7991.160931442103, 12);
    expectFigures(rate.upper95, 9225.2538803183179, 12);
    // The workbook's 99.8% limits for this case are in another unit (76,592 and 95,992 around a rate
    // of 8,592), so they are not compared; the 95% ones above are.
  });
});
