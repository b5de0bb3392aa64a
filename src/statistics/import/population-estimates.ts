/**
 * ONS mid-year population estimates for small areas (SAPE), as published, several years at once
 * so series and trends have points. Two layouts are read:
 * - single year of age (one file per mid-year, e.g. "Mid-2019 Persons"): an LSOA code column
 *   (`LSOA Code`, `lsoa11_code`...), the total (`All Ages`, `total_population`) and one column per
 *   age `0`, `1`, ... `90+`. The mid-year comes from a `period`/`year` column, else from the file
 *   name (`...mid2019...`, `...mid-2019...`). The single years must sum to the total.
 * - broad ages: an LSOA code, a `period` and band columns (`all_ages`, `aged_0_15`, `aged_65_plus`...).
 *
 * It writes, per LSOA and mid-year: the small-area populations by age band (all_ages, aged_0_15,
 * aged_16_64, aged_16_59, aged_60_plus, aged_65_plus, aged_75_plus, aged_85_plus from single years;
 * a broad file's own bands), and three indicators: the total population (COUNT) and the
 * proportions aged 0-15 and 65 and over (PROPORTION), each release "ONS SAPE mid-YYYY", so a
 * revised year replaces that year only. All or nothing, through commit.ts; `onlyLoadedAreas`
 * skips LSOAs of no loaded geography (for the national files).
 */
import path from 'node:path';
import type { AnalyticsStore } from '../../db/analytics.js';
import { parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import type { Progress } from '../../importing/progress.js';
import type { IndicatorInput } from '../catalogue.js';
import { withOverrides } from './catalogue-defaults.js';
import { type CommitSummary, commitStatistics, knownSmallAreas, NATIONAL_HINT, type PopulationInput } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import { populationIndicator } from './population-indicators.js';
import type { ObservationInput } from './rules.js';

const SOURCE = 'Office for National Statistics (ONS): Lower layer Super Output Area population estimates (mid-year)';
/** More unknown small areas than this is a national file: one problem rather than one per line. */
const FEW_UNKNOWN = 20;
const SINGLE_YEAR = /^(\d{1,3})(\+)?$/;
// Optionally by sex (males_aged_0_4, females_aged_90_plus), for population pyramids.
const BAND = /^(all_ages|((males|females)_)?aged_(\d+)_(\d+|plus))$/i;

/** Bands derived from single years of age: [band, from, to (inclusive; null: and over)]. */
const DERIVED_BANDS: readonly [string, number, number | null][] = [
  ['aged_0_15', 0, 15],
  ['aged_16_64', 16, 64],
  ['aged_16_59', 16, 59],
  ['aged_60_plus', 60, null],
  ['aged_65_plus', 65, null],
  ['aged_75_plus', 75, null],
  ['aged_85_plus', 85, null],
  // Five-year bands 0-4 ... 85-89 and 90+, for population pyramids (src/population/pyramid.ts).
  ...Array.from({ length: 18 }, (_, i): [string, number, number] => [`aged_${5 * i}_${5 * i + 4}`, 5 * i, 5 * i + 4]),
  ['aged_90_plus', 90, null],
];

const entry = (id: string, name: string, definition: string, share: boolean) =>
  populationIndicator({
    id,
    name,
    definition: `${definition} ONS mid-year estimate for the small area.`,
    share,
    source: SOURCE,
    release: 'ONS small area population estimates',
  });

/** The indicators and the bands of their numerator and denominator. */
export const ESTIMATE_INDICATORS: readonly { entry: IndicatorInput; numerator: string; denominator: string | null }[] = [
  { entry: entry('population-total', 'Total population', 'Residents.', false), numerator: 'all_ages', denominator: null },
  {
    entry: entry('population-aged-0-15-pc', 'Residents aged 0-15', 'Residents aged 0-15 as a percentage of all residents.', true),
    numerator: 'aged_0_15',
    denominator: 'all_ages',
  },
  {
    entry: entry('population-aged-65-plus-pc', 'Residents aged 65 and over', 'Residents aged 65 and over as a percentage of all residents.', true),
    numerator: 'aged_65_plus',
    denominator: 'all_ages',
  },
];

export interface PopulationEstimatesSummary extends CommitSummary {
  files: number;
  /** Mid-years of the populations written. */
  populationPeriods: string[];
  ageBands: string[];
  smallAreas: number;
  skippedAreas: number;
}

const COLUMNS = {
  code: { names: ['LSOA Code', 'small_area_code', /^lsoa(\d{2})?_?(code|cd)$/i], required: true },
  period: { names: ['period', 'year', 'mid_year'], required: false },
  total: { names: ['All Ages', 'all_ages', 'total_population'], required: true },
};

/** The populations of one file, by LSOA, period and band. */
async function readEstimates(
  file: string,
  problems: ImportProblems,
  populations: PopulationInput[],
  seen: Map<string, { file: string; line: number }>,
): Promise<void> {
  const table = await readReleaseTable(file, COLUMNS, problems);
  if (table.header.length === 0 || table.records.length === 0) return;
  const singleYears = table.header.flatMap((name, index) => {
    const match = SINGLE_YEAR.exec(name);
    return match ? [{ index, age: Number(match[1]), andOver: match[2] === '+' }] : [];
  });
  const bands = table.header.flatMap((name, index) =>
    BAND.test(name) && name.toLowerCase() !== 'all_ages' ? [{ index, band: name.toLowerCase() }] : [],
  );
  if (singleYears.length === 0 && !bands.some((b) => b.band === 'aged_0_15') && !bands.some((b) => b.band === 'aged_65_plus')) {
    problems.add(table.file, 1, 'wrong header: no single-year-of-age columns (0, 1, ... 90+) nor age bands (aged_0_15, aged_65_plus, ...)');
    return;
  }
  const ages = singleYears.map((s) => s.age);
  const open = singleYears.find((s) => s.andOver);
  if (singleYears.length > 0 && (!open || ages.some((age, i) => age !== i))) {
    problems.add(table.file, 1, 'wrong header: single years of age must run 0, 1, 2, ... up to an open age such as 90+');
    return;
  }
  const fromName = /mid[-_ ]?(\d{4})/i.exec(path.basename(file))?.[1];
  if (!table.headers.period && !fromName) {
    problems.add(table.file, 1, 'no mid-year: add a period column or name the file after it (e.g. sape_mid2019_...)');
    return;
  }

  for (const { line, values, fields } of table.records) {
    const source = { file: table.file, line };
    const code = values.code ?? '';
    const period = values.period ?? fromName ?? '';
    if (!/^\d{4}$/.test(period)) {
      problems.add(table.file, line, `period "${period}" must be a year such as 2020 (the mid-year estimate)`);
      continue;
    }
    const first = seen.get(`${code} ${period}`);
    if (first) {
      problems.add(table.file, line, `duplicate small area ${code} for ${period} (first on ${first.file === table.file ? `line ${first.line}` : `line ${first.line} of ${first.file}`})`);
      continue;
    }
    seen.set(`${code} ${period}`, { file: table.file, line });
    const count = (text: string | undefined, what: string) => {
      const number = parsePublishedNumber(text ?? '');
      if (Number.isInteger(number) && number >= 0) return number;
      problems.add(table.file, line, `${what} "${text ?? ''}" of ${code} must be a number of people, 0 or more (a whole number)`);
      return null;
    };
    const total = count(values.total, table.headers.total ?? 'all_ages');
    const counts = new Map<string, number>();
    let readable = total !== null;
    if (singleYears.length > 0) {
      const byAge = singleYears.map((s) => count(fields[s.index], `age ${table.header[s.index]}`));
      if (byAge.some((n) => n === null)) readable = false;
      else {
        const years = byAge as number[];
        const sum = years.reduce((a, b) => a + b, 0);
        if (total !== null && sum !== total) {
          problems.add(table.file, line, `the single years of age of ${code} sum to ${sum}, not its total ${total}`);
          readable = false;
        }
        for (const [band, from, to] of DERIVED_BANDS) {
          counts.set(band, years.reduce((a, n, age) => (age >= from && (to === null || age <= to) ? a + n : a), 0));
        }
      }
    } else {
      for (const { index, band } of bands) {
        const n = count(fields[index], band);
        if (n === null) readable = false;
        else counts.set(band, n);
      }
    }
    if (!readable || total === null) continue;
    counts.set('all_ages', total);
    for (const [ageBand, population] of counts) populations.push({ areaCode: code, period, ageBand, population, source });
  }
}

export async function importPopulationEstimates(
  analytics: AnalyticsStore,
  files: readonly string[],
  options: { onlyLoadedAreas?: boolean; progress?: Progress; catalogue?: string } = {},
): Promise<PopulationEstimatesSummary> {
  const problems = new ImportProblems();
  if (files.length === 0) problems.add('arguments', 0, 'name one or more population estimate files');
  let populations: PopulationInput[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  for (const [index, file] of files.entries()) {
    options.progress?.step('population estimate files', index, files.length);
    await readEstimates(file, problems, populations, seen);
  }
  options.progress?.end();

  const known = await knownSmallAreas(analytics);
  const areas = new Set(populations.map((p) => p.areaCode));
  if (options.onlyLoadedAreas) populations = populations.filter((p) => known.has(p.areaCode));
  else {
    // A few unknown areas are reported on their lines (commit.ts); a national file's thousands, once.
    const unknown = [...areas].filter((code) => !known.has(code)).length;
    if (unknown > FEW_UNKNOWN) {
      problems.add('arguments', 0, NATIONAL_HINT(unknown));
      populations = populations.filter((p) => known.has(p.areaCode));
    }
  }

  // The indicators, from the bands of each LSOA and year.
  const byAreaPeriod = new Map<string, Map<string, PopulationInput>>();
  for (const population of populations) {
    const key = `${population.areaCode} ${population.period}`;
    const bands = byAreaPeriod.get(key) ?? new Map<string, PopulationInput>();
    if (!bands.has(population.ageBand)) bands.set(population.ageBand, population);
    byAreaPeriod.set(key, bands);
  }
  const observations: ObservationInput[] = [];
  for (const bands of byAreaPeriod.values()) {
    for (const indicator of ESTIMATE_INDICATORS) {
      const numerator = bands.get(indicator.numerator);
      const denominator = indicator.denominator === null ? null : bands.get(indicator.denominator);
      if (!numerator || denominator === undefined) continue;
      observations.push({
        indicatorId: indicator.entry.id,
        areaCode: numerator.areaCode,
        period: numerator.period,
        numerator: numerator.population,
        denominator: denominator?.population ?? null,
        value: null,
        standardError: null,
        release: `ONS SAPE mid-${numerator.period}`,
        source: numerator.source,
      });
    }
  }

  const indicators = await withOverrides(ESTIMATE_INDICATORS.map((indicator) => indicator.entry), options.catalogue, problems, 'population-estimates.ts');
  const summary = await commitStatistics(analytics, { indicators, observations, populations }, problems, 'Population estimates import', {
    knownAreas: known,
  });
  const loaded = new Set(populations.map((p) => p.areaCode));
  return {
    ...summary,
    files: files.length,
    populationPeriods: [...new Set(populations.map((p) => p.period))].sort(),
    ageBands: [...new Set(populations.map((p) => p.ageBand))],
    smallAreas: loaded.size,
    skippedAreas: areas.size - loaded.size,
  };
}
