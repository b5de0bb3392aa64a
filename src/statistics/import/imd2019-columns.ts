/**
 * The English Indices of Deprivation 2019 (MHCLG, September 2019) as this project reads them:
 * which published column feeds which indicator, in one table per file. imd2019.ts reads the files
 * with these tables and has no per-domain code: a domain is a row here.
 *
 * - File 1 "IMD2019 Index of Multiple Deprivation" and File 2 "IoD2019 Domains of Deprivation":
 *   a rank (1 = most deprived of England's 32,844 LSOAs) and a decile per index or domain.
 * - File 6 "IoD2019 Population Denominators": mid-2015 populations excluding prisoners.
 */
import type { IndicatorInput } from '../catalogue.js';
import { populationIndicator } from './population-indicators.js';

export const IOD2019_RELEASE = 'IoD2019';
/** The deprivation indicators describe 2019's index; the denominators are mid-2015 estimates. */
export const IOD2019_PERIOD = '2019';
export const DENOMINATOR_PERIOD = '2015';
/** Deciles counted as "the nationally most deprived 20%". */
export const MOST_DEPRIVED_DECILES = 2;

const SOURCE =
  'Ministry of Housing, Communities and Local Government (MHCLG): English Indices of Deprivation 2019 (File 1, File 2, File 6)';
const LICENCE = 'Open Government Licence v3.0';

export type Iod2019File = 'file1' | 'file2' | 'file6';

/** The LSOA code column of every file. */
export const LSOA_CODE = { names: ['LSOA code (2011)', /^lsoa11_?(code|cd)$/i], required: true } as const;

export interface DeprivationDomain {
  id: string;
  file: 'file1' | 'file2';
  /** The published column stem: "<stem> Rank ..." and "<stem> Decile ...". */
  stem: string;
  /** How the indicator's name calls it. */
  label: string;
}

export const DEPRIVATION_DOMAINS: readonly DeprivationDomain[] = [
  { id: 'imd-most-deprived-20pc', file: 'file1', stem: 'Index of Multiple Deprivation (IMD)', label: 'Index of Multiple Deprivation' },
  { id: 'imd-income-most-deprived-20pc', file: 'file2', stem: 'Income', label: 'Income Deprivation Domain' },
  { id: 'imd-employment-most-deprived-20pc', file: 'file2', stem: 'Employment', label: 'Employment Deprivation Domain' },
  { id: 'imd-education-most-deprived-20pc', file: 'file2', stem: 'Education, Skills and Training', label: 'Education, Skills and Training Domain' },
  { id: 'imd-health-most-deprived-20pc', file: 'file2', stem: 'Health Deprivation and Disability', label: 'Health Deprivation and Disability Domain' },
  { id: 'imd-crime-most-deprived-20pc', file: 'file2', stem: 'Crime', label: 'Crime Domain' },
  { id: 'imd-barriers-most-deprived-20pc', file: 'file2', stem: 'Barriers to Housing and Services', label: 'Barriers to Housing and Services Domain' },
  { id: 'imd-living-environment-most-deprived-20pc', file: 'file2', stem: 'Living Environment', label: 'Living Environment Domain' },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The header of a domain's rank or decile column ("Income Decile (where 1 is most deprived 10% of LSOAs)"). */
export const domainColumn = (domain: DeprivationDomain, what: 'Rank' | 'Decile') => new RegExp(`^${escape(domain.stem)} ${what}\\b`, 'i');

export function deprivationEntry(domain: DeprivationDomain): IndicatorInput {
  return {
    id: domain.id,
    name: `Residents in the nationally most deprived 20% of small areas: ${domain.label} (IoD 2019)`,
    definition:
      `Percentage of residents (mid-2015 population excluding prisoners, IoD 2019 File 6) living in LSOAs ranked in ` +
      `the most deprived 20% of England's 32,844 (deciles 1 and 2) on the ${domain.label} of the English Indices of ` +
      `Deprivation 2019. Each LSOA counts all or none of its residents.`,
    unit: '%',
    valueType: 'PROPORTION',
    multiplier: 100,
    polarity: 'HIGHER_IS_WORSE',
    aggregation: 'RATIO',
    population: 'all ages',
    theme: 'deprivation',
    source: SOURCE,
    release: IOD2019_RELEASE,
    licence: LICENCE,
    // The numerators are population estimates of whole LSOAs, not counts of people identified.
    disclosureControl: false,
  };
}

/** File 6's columns and the population age band each becomes (bands as src/population names them). */
export const DENOMINATOR_COLUMNS = {
  total: { header: /^Total population/i, band: 'all_ages' },
  aged0to15: { header: /aged 0-15/i, band: 'aged_0_15' },
  aged16to59: { header: /aged 16-59/i, band: 'aged_16_59' },
  aged60plus: { header: /aged 60 and over/i, band: 'aged_60_plus' },
  // Men 18-64 and women 18-59, the Employment Domain's denominator: no aged_<from>_<to> band fits.
  workingAge: { header: /^Working age population/i, band: 'working_age' },
} as const;
export type DenominatorKey = keyof typeof DENOMINATOR_COLUMNS;

export interface PopulationIndicator {
  entry: IndicatorInput;
  numerator: DenominatorKey;
  /** null for a count. */
  denominator: DenominatorKey | null;
}

const populationEntry = (id: string, name: string, definition: string, share: boolean) =>
  populationIndicator({
    id,
    name,
    definition: `${definition} Mid-2015 estimate excluding prisoners (IoD 2019 File 6, the denominators of the indices).`,
    share,
    source: SOURCE,
    release: IOD2019_RELEASE,
  });

export const POPULATION_INDICATORS: readonly PopulationIndicator[] = [
  {
    entry: populationEntry('iod2019-population-total', 'Total population, mid-2015 (IoD 2019)', 'Residents.', false),
    numerator: 'total',
    denominator: null,
  },
  {
    entry: populationEntry('iod2019-population-aged-0-15-pc', 'Residents aged 0-15, mid-2015 (IoD 2019)', 'Dependent children aged 0-15 as a percentage of all residents.', true),
    numerator: 'aged0to15',
    denominator: 'total',
  },
  {
    entry: populationEntry('iod2019-population-aged-60-plus-pc', 'Residents aged 60 and over, mid-2015 (IoD 2019)', 'Residents aged 60 and over as a percentage of all residents.', true),
    numerator: 'aged60plus',
    denominator: 'total',
  },
];
