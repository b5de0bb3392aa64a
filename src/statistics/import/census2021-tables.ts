/**
 * Census 2021 topic summaries (ONS, Nomis) this project knows: for each table, which categories
 * (or sums of categories) become indicators, each a proportion of the table's total (households
 * or usual residents). census2021.ts reads any of them in the long or the Nomis bulk layout; a
 * table is a row here, and a table not listed can be described in a JSON file of the same shape
 * (`--tables FILE`). Category names are the ONS's, as both layouts spell them (the Nomis bulk
 * headers add the topic in front, "Tenure of household: Owned: Owns outright").
 */
export interface CensusIndicatorSpec {
  id: string;
  name: string;
  /** Categories whose counts are summed into the numerator. */
  categories: string[];
  polarity?: 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT';
  theme: string;
}

export interface CensusTableSpec {
  /** The ONS table id, e.g. "TS054". */
  table: string;
  title: string;
  /** Who the total counts: "households" or "usual residents". */
  universe: string;
  indicators: CensusIndicatorSpec[];
}

const universe = { households: 'households', residents: 'usual residents' } as const;

export const CENSUS2021_TABLES: readonly CensusTableSpec[] = [
  {
    table: 'TS054',
    title: 'Tenure',
    universe: universe.households,
    indicators: [
      { id: 'census2021-owner-occupied-pc', name: 'Households owning their home (outright or with a mortgage)', categories: ['Owned: Owns outright', 'Owned: Owns with a mortgage or loan'], theme: 'housing' },
      { id: 'census2021-social-rented-pc', name: 'Households renting socially (council or other social landlord)', categories: ['Social rented: Rents from council or Local Authority', 'Social rented: Other social rented'], theme: 'housing' },
      { id: 'census2021-private-rented-pc', name: 'Households renting privately', categories: ['Private rented: Private landlord or letting agency', 'Private rented: Other private rented'], theme: 'housing' },
    ],
  },
  {
    table: 'TS044',
    title: 'Accommodation type',
    universe: universe.households,
    indicators: [
      { id: 'census2021-detached-pc', name: 'Households in detached houses or bungalows', categories: ['Detached'], theme: 'housing' },
      {
        id: 'census2021-flats-pc',
        name: 'Households in flats, maisonettes or apartments',
        categories: [
          'In a purpose-built block of flats or tenement',
          'Part of a converted or shared house, including bedsits',
          'Part of another converted building, for example, former school, church or warehouse',
          'In a commercial building, for example, in an office building, hotel or over a shop',
        ],
        theme: 'housing',
      },
      { id: 'census2021-caravan-pc', name: 'Households in a caravan or other mobile or temporary structure', categories: ['A caravan or other mobile or temporary structure'], theme: 'housing' },
    ],
  },
  {
    table: 'TS052',
    title: 'Occupancy rating for bedrooms',
    universe: universe.households,
    indicators: [
      { id: 'census2021-overcrowded-bedrooms-pc', name: 'Overcrowded households (occupancy rating for bedrooms -1 or less)', categories: ['-1 (overcrowded)', '-2 or less (overcrowded)'], polarity: 'HIGHER_IS_WORSE', theme: 'housing' },
    ],
  },
  {
    table: 'TS011',
    title: 'Households by deprivation dimensions',
    universe: universe.households,
    indicators: [
      {
        id: 'census2021-households-deprived-pc',
        name: 'Households deprived in at least one dimension (employment, education, health and disability, housing)',
        categories: ['Household is deprived in one dimension', 'Household is deprived in two dimensions', 'Household is deprived in three dimensions', 'Household is deprived in four dimensions'],
        polarity: 'HIGHER_IS_WORSE',
        theme: 'deprivation',
      },
      {
        id: 'census2021-households-deprived-3plus-pc',
        name: 'Households deprived in three or four dimensions',
        categories: ['Household is deprived in three dimensions', 'Household is deprived in four dimensions'],
        polarity: 'HIGHER_IS_WORSE',
        theme: 'deprivation',
      },
    ],
  },
  {
    table: 'TS038',
    title: 'Disability',
    universe: universe.residents,
    indicators: [
      { id: 'census2021-disabled-pc', name: 'Residents disabled under the Equality Act', categories: ['Disabled under the Equality Act'], polarity: 'HIGHER_IS_WORSE', theme: 'health' },
    ],
  },
  {
    table: 'TS021',
    title: 'Ethnic group',
    universe: universe.residents,
    indicators: [
      {
        id: 'census2021-ethnic-minority-pc',
        name: 'Residents of an ethnic group other than White',
        categories: ['Asian, Asian British or Asian Welsh', 'Black, Black British, Black Welsh, Caribbean or African', 'Mixed or Multiple ethnic groups', 'Other ethnic group'],
        theme: 'population',
      },
    ],
  },
  {
    table: 'TS030',
    title: 'Religion',
    universe: universe.residents,
    indicators: [
      { id: 'census2021-no-religion-pc', name: 'Residents stating no religion', categories: ['No religion'], theme: 'population' },
      { id: 'census2021-christian-pc', name: 'Residents stating Christian religion', categories: ['Christian'], theme: 'population' },
    ],
  },
  {
    table: 'TS007A',
    title: 'Age by five-year age bands (six groups)',
    universe: universe.residents,
    indicators: [
      { id: 'census2021-aged-15-and-under-pc', name: 'Residents aged 15 and under', categories: ['Aged 15 years and under'], theme: 'population' },
      { id: 'census2021-aged-65-plus-pc', name: 'Residents aged 65 and over', categories: ['Aged 65 years and over'], theme: 'population' },
    ],
  },
];

/** The table a file holds, from its name ("ts054_tenure...", "census2021-ts054-lsoa.csv"). */
export function tableOfFile(fileName: string, tables: readonly CensusTableSpec[]): CensusTableSpec | undefined {
  const id = /(?:^|[^a-z0-9])(ts\d{3}[a-z]?)(?=[^a-z0-9]|$)/i.exec(fileName)?.[1]?.toUpperCase();
  return id ? tables.find((t) => t.table.toUpperCase() === id) : undefined;
}
