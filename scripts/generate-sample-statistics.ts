/**
 * `npx tsx scripts/generate-sample-statistics.ts` (run by `npm run sample:generate` after
 * generate-sample.ts): write the sample's locality-profile statistics in data/sample/statistics/,
 * a catalogue (catalogue.json) and tidy observations (observations.csv) for the sample's small
 * areas, in the formats of the tidy importer (src/statistics/import/tidy.ts), which loads them on
 * first start.
 *
 * GENERATED, ILLUSTRATIVE, NOT REAL: every figure is drawn here from a seeded generator (the same
 * every run) around made-up locality levels, so the profiles show every kind of answer: each value
 * type and aggregation, five consecutive years and five financial years, small counts that are
 * withheld, localities better and worse than the county, and rising, falling and flat trends.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { IndicatorInput } from '../src/statistics/catalogue.js';
import { seededRandom } from './seeded-random.js';

const sample = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'sample');
const out = path.join(sample, 'statistics');

const rand = seededRandom(20261123);
/** A standard normal draw (Box-Muller). */
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
/** A Poisson draw: Knuth's method for small means, the normal approximation for large ones. */
function poisson(mean: number): number {
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k += 1;
  return k;
}
/** A binomial draw by the normal approximation (the sample's denominators are tens to thousands). */
const binomial = (n: number, p: number) => Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * gauss())));

// Made-up locality levels: deprivation (0-1) and rurality (0-1).
const LEVELS: Record<string, { deprivation: number; rurality: number }> = {
  'hereford-city': { deprivation: 0.7, rurality: 0.05 },
  leominster: { deprivation: 0.8, rurality: 0.4 },
  bromyard: { deprivation: 0.55, rurality: 0.55 },
  'ross-on-wye': { deprivation: 0.45, rurality: 0.45 },
  ledbury: { deprivation: 0.3, rurality: 0.45 },
  kington: { deprivation: 0.6, rurality: 0.7 },
  weobley: { deprivation: 0.25, rurality: 0.85 },
  'golden-valley': { deprivation: 0.3, rurality: 0.9 },
  mortimer: { deprivation: 0.15, rurality: 0.95 },
};

interface Area {
  code: string;
  locality: string;
  deprivation: number;
  rurality: number;
}
interface Population {
  all: number;
  young: number;
  working: number;
  older: number;
}

const read = (name: string) => parse(readFileSync(path.join(sample, name), 'utf8'), { columns: true }) as Record<string, string>[];
const areas = new Map<string, Area>();
for (const row of read('small_areas.csv')) {
  const code = row.small_area_code!;
  const weight = Number(row.weight);
  // A split small area takes the levels of the locality holding most of it.
  if (areas.has(code) && weight <= 0.5) continue;
  const level = LEVELS[row.locality_code!]!;
  areas.set(code, { code, locality: row.locality_code!, deprivation: 0, rurality: level.rurality });
}
for (const area of areas.values()) {
  area.deprivation = Math.min(1, Math.max(0, LEVELS[area.locality]!.deprivation + 0.15 * gauss()));
}
const populations = new Map<string, Population>();
for (const row of read('population.csv')) {
  populations.set(`${row.small_area_code} ${row.period}`, {
    all: Number(row.all_ages),
    young: Number(row.aged_0_15),
    working: Number(row.aged_16_64),
    older: Number(row.aged_65_plus),
  });
}

const YEARS = [2016, 2017, 2018, 2019, 2020];
const financialYear = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

interface Observed {
  numerator?: number;
  denominator?: number;
  value?: number;
  standardError?: number;
}
interface SampleIndicator {
  entry: Omit<IndicatorInput, 'source' | 'release' | 'licence'>;
  /** Financial years instead of calendar years. */
  financial?: boolean;
  /** Decimals written for the value. */
  decimals?: number;
  observe: (area: Area, population: Population, t: number) => Observed;
}

const households = (p: Population) => Math.round(p.all / 2.25);
const proportion = (n: number, p: number): Observed => {
  const x = binomial(n, Math.min(0.99, Math.max(0.001, p)));
  return { numerator: x, denominator: n, value: (x / n) * 100 };
};
const rate = (n: number, perHead: number, multiplier: number): Observed => {
  const x = poisson(n * perHead);
  return { numerator: x, denominator: n, value: (x / n) * multiplier };
};

const pct = { unit: '%', valueType: 'PROPORTION', multiplier: 100, aggregation: 'RATIO' } as const;
const per1000 = { unit: 'per 1,000', valueType: 'RATE', multiplier: 1000, aggregation: 'RATIO' } as const;
const count = (unit: string) => ({ unit, valueType: 'COUNT', multiplier: 1, aggregation: 'SUM' }) as const;

const INDICATORS: SampleIndicator[] = [
  {
    entry: { id: 'asb-incidents', name: 'Anti-social behaviour incidents', definition: 'Anti-social behaviour incidents recorded by the police in the year.', ...count('incidents'), polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'crime' },
    observe: (a, p, t) => ({ numerator: poisson((p.all / 1000) * (6 + 30 * a.deprivation) * (1 - 0.06 * t)) }),
  },
  {
    entry: { id: 'crime-rate-per-1000', name: 'Recorded crime rate', definition: 'Crimes recorded by the police per 1,000 residents.', ...per1000, polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'crime' },
    decimals: 2,
    observe: (a, p, t) => rate(p.all, (0.03 + 0.07 * a.deprivation * (1 - a.rurality / 2)) * (1 + 0.05 * t), 1000),
  },
  {
    entry: { id: 'arson-incidents', name: 'Deliberate fires', definition: 'Deliberate primary and secondary fires attended by the fire service (small numbers: withheld under 5).', ...count('fires'), polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'crime' },
    observe: (a) => ({ numerator: poisson(0.1 + 1.2 * a.deprivation ** 2) }),
  },
  {
    entry: { id: 'children-low-income-pc', name: 'Children in low-income families', definition: 'Children aged 0-15 living in relative low-income families, as a percentage of children aged 0-15.', ...pct, polarity: 'HIGHER_IS_WORSE', population: 'aged 0-15', theme: 'deprivation' },
    decimals: 2,
    observe: (a, p, t) => proportion(p.young, 0.05 + 0.22 * a.deprivation + (a.locality === 'leominster' ? 0.02 * t : 0)),
  },
  {
    entry: { id: 'local-needs-score', name: 'Local needs index score', definition: 'A composite score of need for services (higher: more need), for small areas only: it does not add up to localities.', unit: 'score', valueType: 'SCORE', multiplier: 1, aggregation: 'NOT_ADDITIVE', polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'deprivation', disclosureControl: false },
    decimals: 2,
    observe: (a) => ({ value: 8 + 40 * a.deprivation + 3 * gauss() }),
  },
  {
    entry: { id: 'fuel-poverty-pc', name: 'Households in fuel poverty', definition: 'Households in fuel poverty (low income, low energy efficiency), as a percentage of households.', ...pct, polarity: 'HIGHER_IS_WORSE', population: 'households', theme: 'housing' },
    decimals: 2,
    observe: (a, p, t) => proportion(households(p), 0.08 + 0.08 * a.rurality + 0.04 * a.deprivation - 0.004 * t),
  },
  {
    entry: { id: 'overcrowded-households-pc', name: 'Overcrowded households', definition: 'Households with fewer bedrooms than they need, as a percentage of households.', ...pct, polarity: 'HIGHER_IS_WORSE', population: 'households', theme: 'housing' },
    decimals: 2,
    observe: (a, p) => proportion(households(p), 0.015 + 0.05 * a.deprivation * (1 - a.rurality / 2)),
  },
  {
    entry: { id: 'net-additional-dwellings', name: 'Net additional dwellings', definition: 'New homes completed less homes lost, in the year.', ...count('dwellings'), polarity: 'HIGHER_IS_BETTER', population: 'households', theme: 'housing', disclosureControl: false },
    observe: (a, _p, t) => ({ numerator: poisson((a.locality === 'hereford-city' ? 9 : 3 + 2 * (1 - a.rurality)) * (1 + 0.08 * t)) }),
  },
  {
    entry: { id: 'adults-active-pc', name: 'Physically active adults', definition: 'Adults doing at least 150 minutes of moderate activity a week, as a percentage of adults surveyed.', ...pct, polarity: 'HIGHER_IS_BETTER', population: 'aged 16+', theme: 'health' },
    decimals: 1,
    observe: (a, _p, t) => proportion(24 + Math.floor(rand() * 18), 0.74 - 0.18 * a.deprivation - 0.015 * t),
  },
  {
    entry: { id: 'emergency-admissions-per-1000', name: 'Emergency hospital admissions', definition: 'Emergency admissions to hospital of residents per 1,000 residents, by financial year.', ...per1000, polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'health' },
    financial: true,
    decimals: 2,
    observe: (a, p, t) => rate(p.all, (0.06 + 0.04 * a.deprivation + 0.12 * (p.older / p.all)) * (1 + 0.05 * t), 1000),
  },
  {
    entry: { id: 'life-satisfaction-mean', name: 'Life satisfaction', definition: 'Mean life-satisfaction score of adults (0-10), modelled for small areas, weighted by adults aged 16 and over.', unit: 'score (0-10)', valueType: 'MEAN', multiplier: 1, aggregation: 'WEIGHTED_MEAN', weightPopulation: 'aged 16 and over', polarity: 'HIGHER_IS_BETTER', population: 'aged 16+', theme: 'health' },
    decimals: 3,
    // The mean and its weight only: the importer computes the numerator (value x weight).
    observe: (a, p) => ({ value: 7.7 - 0.8 * a.deprivation + 0.15 * gauss(), denominator: p.all - p.young, standardError: 0.12 + 0.1 * rand() }),
  },
  {
    entry: { id: 'household-income-mean', name: 'Mean weekly household income', definition: 'Mean weekly household income before housing costs (£), modelled for small areas, weighted by households.', unit: '£ a week', valueType: 'MEAN', multiplier: 1, aggregation: 'WEIGHTED_MEAN', weightPopulation: 'households', polarity: 'HIGHER_IS_BETTER', population: 'households', theme: 'economy' },
    decimals: 2,
    observe: (a, p, t) => {
      const weight = households(p);
      const mean = (760 - 260 * a.deprivation + 35 * gauss()) * (1 + 0.02 * t);
      return { numerator: mean * weight, denominator: weight, value: mean, standardError: 14 + 12 * rand() };
    },
  },
  {
    entry: { id: 'claimant-rate-pc', name: 'Out-of-work benefit claimants', definition: 'Residents aged 16-64 claiming out-of-work benefits, as a percentage of residents aged 16-64.', ...pct, polarity: 'HIGHER_IS_WORSE', population: 'aged 16-64', theme: 'economy' },
    decimals: 2,
    observe: (a, p, t) => proportion(p.working, (0.008 + 0.035 * a.deprivation) * (t === 4 ? 1.9 : 1)),
  },
  {
    entry: { id: 'employment-rate-pc', name: 'Employment rate', definition: 'Residents aged 16-64 in employment, as a percentage of residents aged 16-64 (modelled).', ...pct, polarity: 'HIGHER_IS_BETTER', population: 'aged 16-64', theme: 'economy' },
    decimals: 2,
    observe: (a, p) => proportion(p.working, 0.81 - 0.1 * a.deprivation + 0.01 * gauss()),
  },
  {
    entry: { id: 'population-total', name: 'Total population', definition: 'Residents (mid-year estimate).', ...count('people'), polarity: 'NO_JUDGEMENT', population: 'all ages', theme: 'population', disclosureControl: false },
    observe: (_a, p) => ({ numerator: p.all }),
  },
  {
    entry: { id: 'population-aged-0-15-pc', name: 'Residents aged 0-15', definition: 'Residents aged 0-15 as a percentage of all residents (mid-year estimate).', ...pct, polarity: 'NO_JUDGEMENT', population: 'all ages', theme: 'population', disclosureControl: false },
    decimals: 2,
    observe: (_a, p) => ({ numerator: p.young, denominator: p.all, value: (p.young / p.all) * 100 }),
  },
  {
    entry: { id: 'population-aged-65-plus-pc', name: 'Residents aged 65 and over', definition: 'Residents aged 65 and over as a percentage of all residents (mid-year estimate).', ...pct, polarity: 'NO_JUDGEMENT', population: 'all ages', theme: 'population', disclosureControl: false },
    decimals: 2,
    observe: (_a, p) => ({ numerator: p.older, denominator: p.all, value: (p.older / p.all) * 100 }),
  },
];

const catalogue = INDICATORS.map(({ entry }) => ({
  ...entry,
  source: 'GENERATED SAMPLE, not real data (scripts/generate-sample-statistics.ts)',
  release: 'sample-2020',
  licence: 'Illustrative sample generated for this project: no conditions',
}));

/** Up to `decimals` places, without trailing zeros. */
const fixed = (n: number | undefined, decimals: number) => (n === undefined ? '' : String(Number(n.toFixed(decimals))));
const lines = ['indicator_id,area_code,period,numerator,denominator,value,standard_error'];
for (const indicator of INDICATORS) {
  for (const area of [...areas.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    YEARS.forEach((year, t) => {
      const population = populations.get(`${area.code} ${year}`);
      if (!population) throw new Error(`no sample population for ${area.code} in ${year}`);
      const o = indicator.observe(area, population, t);
      const decimals = indicator.decimals ?? 0;
      lines.push(
        [
          indicator.entry.id,
          area.code,
          indicator.financial ? financialYear(year) : String(year),
          fixed(o.numerator, 4),
          fixed(o.denominator, 4),
          // Values rounded as a published file rounds them (the importer allows for it).
          fixed(o.value, decimals),
          fixed(o.standardError, 4),
        ].join(','),
      );
    });
  }
}

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'catalogue.json'), `${JSON.stringify(catalogue, null, 2)}\n`);
writeFileSync(path.join(out, 'observations.csv'), `${lines.join('\n')}\n`);
console.log(`wrote ${out}: ${catalogue.length} indicators, ${lines.length - 1} observations`);
