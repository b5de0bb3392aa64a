/**
 * Directly standardised rates with Dobson's confidence limits, as a pure function: OHID "Technical
 * Guide: Confidence Intervals" (Appendix 4, Dobson's method) and PHEindicatormethods calculate_dsr
 * (formerly phe_dsr; dsr_inner in R/DSR.R). Formulas: ../shared/METHODS.md.
 */
import { byarsInterval, type ConfidenceLimits } from './methods.js';

/** European Standard Population 2013, 19 five-year bands 0-4 ... 90+ (PHEindicatormethods `esp2013`). */
export const ESP2013: readonly number[] = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
];

/** The labels of the ESP2013 bands, in order (the `age_band` of a DSR's rows). */
export const ESP2013_BANDS: readonly string[] = [
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49',
  '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+',
];

/** The ESP2013 standard population of a band label, or undefined for a label that is not one. */
export const esp2013Weight = (band: string): number | undefined => {
  const i = ESP2013_BANDS.indexOf(band);
  return i < 0 ? undefined : ESP2013[i];
};

/** Below this total count a DSR is not published (calculate_dsr: "dsr NA for total count < 10"). */
export const DSR_MINIMUM_COUNT = 10;

export interface StandardisedRate extends ConfidenceLimits {
  value: number;
  totalCount: number;
  totalPopulation: number;
}

// Directly standardised rate with Dobson's limits (Dobson et al., Stat Med 1991) on Byar's limits of the total count: PHEindicatormethods calculate_dsr.
export function dsrWithDobsonLimits(
  bands: readonly { count: number; population: number; standardPopulation: number }[],
  multiplier = 100_000,
): StandardisedRate | null {
  if (bands.length === 0) throw new RangeError('a DSR needs at least one standardisation band');
  for (const band of bands) {
    if (!(Number.isFinite(band.count) && band.count >= 0)) throw new RangeError(`counts must be >= 0, got ${band.count}`);
    if (!(Number.isFinite(band.population) && band.population > 0)) throw new RangeError(`populations must be > 0, got ${band.population}`);
    if (!(Number.isFinite(band.standardPopulation) && band.standardPopulation >= 0)) {
      throw new RangeError(`standard populations must be >= 0, got ${band.standardPopulation}`);
    }
  }
  if (!(Number.isFinite(multiplier) && multiplier > 0)) throw new RangeError(`multiplier must be > 0, got ${multiplier}`);
  let totalCount = 0;
  let totalPopulation = 0;
  let totalStandard = 0;
  let weightedRates = 0;
  let weightedSquares = 0;
  for (const { count, population, standardPopulation } of bands) {
    totalCount += count;
    totalPopulation += population;
    totalStandard += standardPopulation;
    weightedRates += (count * standardPopulation) / population;
    weightedSquares += count * (standardPopulation / population) ** 2;
  }
  if (totalCount < DSR_MINIMUM_COUNT) return null;
  const dsr = weightedRates / totalStandard;
  const variance = weightedSquares / totalStandard ** 2;
  const spread = Math.sqrt(variance / totalCount);
  const at = (level: number) => {
    const byars = byarsInterval(totalCount, level);
    return {
      lower: (dsr + spread * (byars.lower - totalCount)) * multiplier,
      upper: (dsr + spread * (byars.upper - totalCount)) * multiplier,
    };
  };
  const at95 = at(0.95);
  const at998 = at(0.998);
  return {
    value: dsr * multiplier,
    totalCount,
    totalPopulation,
    lower95: at95.lower,
    upper95: at95.upper,
    lower998: at998.lower,
    upper998: at998.upper,
  };
}
