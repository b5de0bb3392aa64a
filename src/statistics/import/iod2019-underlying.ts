/**
 * The English Indices of Deprivation 2019 (MHCLG) beyond File 1, 2 and 6 (imd2019.ts): File 8,
 * the underlying indicators, and the sub-domains (File 4's sub-domain ranks and deciles). Headers
 * are matched in the published spelling ("Income Domain numerator", "Children and Young People
 * Sub-domain Decile (where 1 is most deprived 10% of LSOAs)") and in snake_case
 * (`income_domain_numerator`, `Children_and_young_people_decile`): both are compared as snake_case.
 *
 * The denominators are the mid-2015 populations of File 6 already loaded by `import:imd2019`
 * (age bands all_ages, aged_0_15, aged_60_plus, working_age of period 2015), so that importer runs
 * first. File 8's numerators (income, IDACI, IDAOPI, employment) become proportions of their
 * denominator populations; its rates, ratios, scores and distances are published per LSOA without
 * their own denominators, so they become population-weighted means (weight: the LSOA's mid-2015
 * residents), an approximation said so in each definition. A sub-domain gives the residents in the
 * nationally most deprived 20% on it, as the domains do. A blank cell is missing in the release
 * (File 8 leaves the IDACI numerator blank where it is withheld): no value, counted in the summary.
 */

import type { AnalyticsStore } from '../../db/analytics.js';
import { parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import type { IndicatorInput } from '../catalogue.js';
import { OGL, withOverrides } from './catalogue-defaults.js';
import { type CommitSummary, commitStatistics, knownSmallAreas, NATIONAL_HINT } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import { DENOMINATOR_PERIOD, deprivationEntry, IOD2019_PERIOD, IOD2019_RELEASE, MOST_DEPRIVED_DECILES } from './imd2019-columns.js';
import type { ObservationInput } from './rules.js';

const SOURCE_8 = 'Ministry of Housing, Communities and Local Government (MHCLG): English Indices of Deprivation 2019, File 8 (underlying indicators)';
const SOURCE_4 = 'Ministry of Housing, Communities and Local Government (MHCLG): English Indices of Deprivation 2019, sub-domains (File 4)';

/** A header as snake_case ("Income Domain numerator" -> income_domain_numerator). */
export const snakeCase = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

interface UnderlyingIndicator {
  column: string;
  id: string;
  name: string;
  theme: string;
  /** A count of people over a File 6 population band (a proportion), or a published per-LSOA value. */
  kind: { numeratorOf: 'all_ages' | 'aged_0_15' | 'aged_60_plus' | 'working_age' } | { valueType: 'MEAN' | 'SCORE'; unit: string; multiplier: number; what: string };
}

const share = (what: string) => ({ valueType: 'MEAN', unit: '%', multiplier: 100, what }) as const;
const score = (what: string) => ({ valueType: 'SCORE', unit: 'score', multiplier: 1, what }) as const;
const km = (what: string) => ({ valueType: 'MEAN', unit: 'km', multiplier: 1, what }) as const;

export const UNDERLYING_INDICATORS: readonly UnderlyingIndicator[] = [
  { column: 'income_domain_numerator', id: 'iod2019-income-deprived-pc', name: 'Residents in income deprivation', theme: 'deprivation', kind: { numeratorOf: 'all_ages' } },
  { column: 'income_deprivation_affecting_children_index_idaci_numerator', id: 'iod2019-idaci-pc', name: 'Children aged 0-15 in income-deprived families (IDACI)', theme: 'deprivation', kind: { numeratorOf: 'aged_0_15' } },
  { column: 'income_deprivation_affecting_older_people_index_idaopi_numerator', id: 'iod2019-idaopi-pc', name: 'Residents aged 60 and over in income deprivation (IDAOPI)', theme: 'deprivation', kind: { numeratorOf: 'aged_60_plus' } },
  { column: 'employment_domain_numerator', id: 'iod2019-employment-deprived-pc', name: 'Working-age residents in employment deprivation', theme: 'economy', kind: { numeratorOf: 'working_age' } },
  { column: 'staying_on_in_education_post_16_indicator', id: 'iod2019-not-staying-on-post-16', name: 'Young people not staying on in education after 16', theme: 'education', kind: share('the proportion of young people not staying on in school or non-advanced education above age 16') },
  { column: 'entry_to_higher_education_indicator', id: 'iod2019-entry-to-higher-education', name: 'Entry to higher education (deprivation score)', theme: 'education', kind: score('the entry to higher education score (higher: fewer young people entering)') },
  { column: 'adult_skills_and_english_language_proficiency_indicator', id: 'iod2019-adult-skills-pc', name: 'Working-age adults with no or low qualifications or English proficiency', theme: 'education', kind: share('the proportion of working-age adults with no or low qualifications, or who cannot speak English well') },
  { column: 'years_of_potential_life_lost_indicator', id: 'iod2019-years-of-life-lost', name: 'Years of potential life lost (score)', theme: 'health', kind: score('the age and sex standardised years of potential life lost') },
  { column: 'comparative_illness_and_disability_ratio_indicator', id: 'iod2019-illness-disability-ratio', name: 'Comparative illness and disability ratio', theme: 'health', kind: score('the comparative illness and disability ratio (England = 100)') },
  { column: 'acute_morbidity_indicator', id: 'iod2019-acute-morbidity', name: 'Acute morbidity (emergency admissions ratio)', theme: 'health', kind: score('the age and sex standardised rate of emergency admissions (ratio)') },
  { column: 'mood_and_anxiety_disorders_indicator', id: 'iod2019-mood-anxiety', name: 'Mood and anxiety disorders (score)', theme: 'health', kind: score('the composite score of mood and anxiety disorders') },
  { column: 'road_distance_to_a_post_office_indicator_km', id: 'iod2019-distance-post-office-km', name: 'Road distance to a post office', theme: 'access to services', kind: km('the mean road distance to a post office (km)') },
  { column: 'road_distance_to_a_primary_school_indicator_km', id: 'iod2019-distance-primary-school-km', name: 'Road distance to a primary school', theme: 'access to services', kind: km('the mean road distance to a primary school (km)') },
  { column: 'road_distance_to_general_store_or_supermarket_indicator_km', id: 'iod2019-distance-general-store-km', name: 'Road distance to a general store or supermarket', theme: 'access to services', kind: km('the mean road distance to a general store or supermarket (km)') },
  { column: 'road_distance_to_a_gp_surgery_indicator_km', id: 'iod2019-distance-gp-km', name: 'Road distance to a GP surgery', theme: 'access to services', kind: km('the mean road distance to a GP surgery (km)') },
  { column: 'household_overcrowding_indicator', id: 'iod2019-household-overcrowding-pc', name: 'Overcrowded households (IoD 2019)', theme: 'housing', kind: share('the proportion of households judged overcrowded') },
  { column: 'homelessness_indicator_rate_per_1000_households', id: 'iod2019-homelessness-per-1000', name: 'Homelessness acceptances per 1,000 households', theme: 'housing', kind: { valueType: 'MEAN', unit: 'per 1,000 households', multiplier: 1, what: 'the rate of acceptances for housing assistance under the homelessness provisions per 1,000 households (the local authority rate modelled to LSOAs)' } },
  { column: 'owner_occupation_affordability_component_of_housing_affordability_indicator', id: 'iod2019-owner-occupation-affordability', name: 'Owner-occupation affordability (score)', theme: 'housing', kind: score('the owner-occupation affordability component of the housing affordability indicator') },
  { column: 'private_rental_affordability_component_of_housing_affordability_indicator', id: 'iod2019-private-rental-affordability', name: 'Private rental affordability (score)', theme: 'housing', kind: score('the private rental affordability component of the housing affordability indicator') },
  { column: 'housing_affordability_indicator', id: 'iod2019-housing-affordability', name: 'Housing affordability (score)', theme: 'housing', kind: score('the housing affordability indicator (inability to afford to enter owner-occupation or the private rental market)') },
  { column: 'housing_in_poor_condition_indicator', id: 'iod2019-housing-poor-condition-pc', name: 'Housing in poor condition', theme: 'living environment', kind: share('the modelled proportion of social and private homes failing the Decent Homes standard') },
  { column: 'houses_without_central_heating_indicator', id: 'iod2019-no-central-heating-pc', name: 'Houses without central heating', theme: 'living environment', kind: share('the proportion of houses without central heating') },
  { column: 'road_traffic_accidents_indicator', id: 'iod2019-road-traffic-accidents', name: 'Road traffic accidents involving injury (rate)', theme: 'living environment', kind: { valueType: 'MEAN', unit: 'per 1,000 residents and workers', multiplier: 1, what: 'the rate of road traffic accidents involving injury to pedestrians and cyclists among the resident and workplace population' } },
  { column: 'nitrogen_dioxide_component_of_air_quality_indicator', id: 'iod2019-air-no2', name: 'Nitrogen dioxide (air quality component)', theme: 'living environment', kind: score('the nitrogen dioxide component of the air quality indicator') },
  { column: 'benzene_component_of_air_quality_indicator', id: 'iod2019-air-benzene', name: 'Benzene (air quality component)', theme: 'living environment', kind: score('the benzene component of the air quality indicator') },
  { column: 'sulphur_dioxide_component_of_air_quality_indicator', id: 'iod2019-air-so2', name: 'Sulphur dioxide (air quality component)', theme: 'living environment', kind: score('the sulphur dioxide component of the air quality indicator') },
  { column: 'particulates_component_of_air_quality_indicator', id: 'iod2019-air-particulates', name: 'Particulates (air quality component)', theme: 'living environment', kind: score('the particulates component of the air quality indicator') },
  { column: 'air_quality_indicator', id: 'iod2019-air-quality', name: 'Air quality (score)', theme: 'living environment', kind: score('the air quality indicator (concentrations of four pollutants)') },
];

/** The sub-domains: snake_case stem of their rank/decile columns, published stem, label. */
export const SUBDOMAINS: readonly { stem: string; id: string; label: string }[] = [
  { stem: 'children_and_young_people', id: 'imd-children-young-people-most-deprived-20pc', label: 'Children and Young People Sub-domain (Education)' },
  { stem: 'adult_skills', id: 'imd-adult-skills-most-deprived-20pc', label: 'Adult Skills Sub-domain (Education)' },
  { stem: 'geographical_barriers', id: 'imd-geographical-barriers-most-deprived-20pc', label: 'Geographical Barriers Sub-domain (Barriers to Housing and Services)' },
  { stem: 'wider_barriers', id: 'imd-wider-barriers-most-deprived-20pc', label: 'Wider Barriers Sub-domain (Barriers to Housing and Services)' },
  { stem: 'indoors', id: 'imd-indoors-most-deprived-20pc', label: 'Indoors Sub-domain (Living Environment)' },
  { stem: 'outdoors', id: 'imd-outdoors-most-deprived-20pc', label: 'Outdoors Sub-domain (Living Environment)' },
];

const BAND_NAME = { all_ages: 'all residents', aged_0_15: 'residents aged 0-15', aged_60_plus: 'residents aged 60 and over', working_age: 'the working-age population (men 18-64, women 18-59)' } as const;

function underlyingEntry(indicator: UnderlyingIndicator): IndicatorInput {
  const base = { id: indicator.id, name: `${indicator.name} (IoD 2019)`, polarity: 'HIGHER_IS_WORSE' as const, theme: indicator.theme, source: SOURCE_8, release: IOD2019_RELEASE, licence: OGL, disclosureControl: false };
  if ('numeratorOf' in indicator.kind) {
    return {
      ...base,
      definition: `IoD 2019 File 8 "${indicator.column}" (people, rounded to 5 as published) as a percentage of ${BAND_NAME[indicator.kind.numeratorOf]} (mid-2015, excluding prisoners, IoD 2019 File 6).`,
      unit: '%',
      valueType: 'PROPORTION',
      multiplier: 100,
      aggregation: 'RATIO',
      population: BAND_NAME[indicator.kind.numeratorOf],
    };
  }
  return {
    ...base,
    definition:
      `IoD 2019 File 8: ${indicator.kind.what}, published per LSOA. Areas combine as a mean weighted by the mid-2015 ` +
      'population (IoD 2019 File 6): an approximation, since the indicator\'s own denominator is not published.',
    unit: indicator.kind.unit,
    valueType: indicator.kind.valueType,
    multiplier: indicator.kind.multiplier,
    aggregation: 'WEIGHTED_MEAN',
    weightPopulation: 'all ages (mid-2015)',
    population: 'all ages',
  };
}

export interface Iod2019UnderlyingSummary extends CommitSummary {
  files: number;
  smallAreas: number;
  skippedAreas: number;
  /** Cells blank in the release (no value). */
  blanks: number;
}

export async function importIod2019Underlying(
  analytics: AnalyticsStore,
  files: { file8?: string; subdomains?: string },
  options: { onlyLoadedAreas?: boolean; catalogue?: string } = {},
): Promise<Iod2019UnderlyingSummary> {
  const problems = new ImportProblems();
  if (!files.file8 && !files.subdomains) problems.add('arguments', 0, 'name the File 8 underlying indicators file, the sub-domains file, or both');
  const known = await knownSmallAreas(analytics);
  const bands = await analytics.query<{ small_area_code: string; age_band: string; population: number }>(
    `SELECT small_area_code, age_band, population FROM small_area_population WHERE period = $period`,
    { period: DENOMINATOR_PERIOD },
  );
  const population = new Map(bands.map((b) => [`${b.small_area_code} ${b.age_band}`, b.population]));
  const defaults: IndicatorInput[] = [];
  const observations: ObservationInput[] = [];
  const areas = new Set<string>();
  const unknown = new Set<string>();
  let blanks = 0;

  const read = async (file: string) => {
    const table = await readReleaseTable(file, { code: { names: ['LSOA code (2011)', /^lsoa11_?(code|cd)$/i], required: true } }, problems);
    const at = new Map<string, number>();
    table.header.forEach((h, i) => at.set(snakeCase(h), i));
    return { table, at };
  };
  const rowsOf = (table: Awaited<ReturnType<typeof read>>['table']) =>
    table.records.flatMap(({ line, values, fields }) => {
      const code = values.code;
      const source = { file: table.file, line };
      if (!code) {
        problems.add(table.file, line, 'empty LSOA code');
        return [];
      }
      if (!known.has(code)) {
        if (!options.onlyLoadedAreas) unknown.add(code);
        areas.add(code);
        return [];
      }
      areas.add(code);
      const total = population.get(`${code} all_ages`);
      if (total === undefined) {
        problems.add(table.file, line, `no mid-2015 population for ${code}: import IoD 2019 File 6 first (npm run import:imd2019)`);
        return [];
      }
      return [{ code, source, fields, total }];
    });

  if (files.file8) {
    const { table, at } = await read(files.file8);
    const present = UNDERLYING_INDICATORS.filter((u) => at.has(u.column));
    if (table.header.length > 0 && present.length === 0) {
      problems.add(table.file, 1, `no File 8 indicator columns (e.g. "Income Domain numerator" or income_domain_numerator)`);
    }
    defaults.push(...present.map(underlyingEntry));
    for (const { code, source, fields, total } of rowsOf(table)) {
      for (const u of present) {
        const text = fields[at.get(u.column)!] ?? '';
        if (text.trim() === '') {
          blanks += 1;
          continue;
        }
        const number = parsePublishedNumber(text);
        if (Number.isNaN(number)) {
          problems.add(source.file, source.line, `${table.header[at.get(u.column)!]} "${text}" of ${code} is not a number`, u.column);
          continue;
        }
        const base = { indicatorId: u.id, areaCode: code, period: IOD2019_PERIOD, standardError: null, release: null, source };
        if ('numeratorOf' in u.kind) {
          const n = population.get(`${code} ${u.kind.numeratorOf}`);
          if (n === undefined) {
            problems.add(source.file, source.line, `no mid-2015 ${u.kind.numeratorOf} population for ${code}: import IoD 2019 File 6 first`);
            continue;
          }
          observations.push({ ...base, numerator: number, denominator: n, value: null });
        } else {
          observations.push({ ...base, numerator: null, denominator: total, value: number * u.kind.multiplier });
        }
      }
    }
  }

  if (files.subdomains) {
    const { table, at } = await read(files.subdomains);
    const decileAt = (stem: string) => [...at.entries()].find(([h]) => new RegExp(`^${stem}(_sub_domain)?_decile`).test(h))?.[1];
    const present = SUBDOMAINS.filter((s) => decileAt(s.stem) !== undefined);
    if (table.header.length > 0 && present.length === 0) {
      problems.add(table.file, 1, 'no sub-domain decile columns (e.g. "Children and Young People Sub-domain Decile ..." or Children_and_young_people_decile)');
    }
    defaults.push(
      ...present.map((s) => ({ ...deprivationEntry({ id: s.id, file: 'file2', stem: s.stem, label: s.label }), source: SOURCE_4 })),
    );
    for (const { code, source, fields, total } of rowsOf(table)) {
      for (const s of present) {
        const text = fields[decileAt(s.stem)!] ?? '';
        const decile = parsePublishedNumber(text);
        if (!(Number.isInteger(decile) && decile >= 1 && decile <= 10)) {
          problems.add(source.file, source.line, `${s.label} decile "${text}" of ${code} must be a whole number from 1 to 10`);
          continue;
        }
        observations.push({ indicatorId: s.id, areaCode: code, period: IOD2019_PERIOD, numerator: decile <= MOST_DEPRIVED_DECILES ? total : 0, denominator: total, value: null, standardError: null, release: null, source });
      }
    }
  }

  if (unknown.size > 0) problems.add('arguments', 0, NATIONAL_HINT(unknown.size));
  const indicators = await withOverrides(defaults, options.catalogue, problems, 'iod2019-underlying.ts');
  const summary = await commitStatistics(analytics, { indicators, observations }, problems, 'IoD 2019 underlying indicators import', { knownAreas: known });
  const loaded = new Set(observations.map((o) => o.areaCode)).size;
  return { ...summary, files: [files.file8, files.subdomains].filter(Boolean).length, smallAreas: loaded, skippedAreas: areas.size - loaded, blanks };
}


