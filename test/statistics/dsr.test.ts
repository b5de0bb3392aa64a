/**
 * Directly standardised rates with Dobson's limits (calculate_dsr / phe_dsr), against the formula
 * written out step by step and against two reductions that must hold: one band is a crude rate
 * with Byar's limits (METHODS.md check values), and equal band rates standardise to that rate.
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
