/**
 * The catalogue entry of a population indicator (a total, or a share of residents in an age
 * group), as both the IoD 2019 denominators and the ONS mid-year estimates give them: no judgement
 * either way, and no disclosure control, since population estimates identify nobody.
 */
import type { IndicatorInput } from '../catalogue.js';

export function populationIndicator(fields: {
  id: string;
  name: string;
  definition: string;
  /** A percentage of all residents (else a count of residents). */
  share: boolean;
  source: string;
  release: string;
}): IndicatorInput {
  const { share, ...described } = fields;
  return {
    ...described,
    unit: share ? '%' : 'people',
    valueType: share ? 'PROPORTION' : 'COUNT',
    multiplier: share ? 100 : 1,
    polarity: 'NO_JUDGEMENT',
    aggregation: share ? 'RATIO' : 'SUM',
    population: 'all ages',
    theme: 'population',
    licence: 'Open Government Licence v3.0',
    disclosureControl: false,
  };
}
