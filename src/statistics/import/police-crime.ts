/**
 * The police.uk street-level crime importer: the monthly "street" CSVs as downloaded from
 * data.police.uk (Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location,
 * LSOA code, LSOA name, Crime type, Last outcome category, Context), any number of months and
 * forces at once. Rows are counted per small area, month and crime type (anti-social behaviour
 * incidents included, as police.uk publishes them), and each crime type (and all crime excluding
 * anti-social behaviour) becomes a rate per 1,000 residents, period the month: the denominator is
 * the small area's all-ages population from the nearest mid-year estimate loaded (so populations
 * are imported first). Every small area of the geography the file's areas belong to gets a value
 * for every month and type, zero where nothing was recorded.
 *
 * Rows without an LSOA (police.uk could not place them) cannot be counted in any area: they are
 * counted and reported in the summary, never dropped silently. A force's file covers several
 * councils: `onlyLoadedAreas` counts rows in areas of no loaded geography as skipped. Each month is
 * its own release ("police.uk 2019-02"), so a new month adds to the series and a re-downloaded
 * month replaces only itself. All or nothing, through commit.ts.
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import { ImportProblems } from '../../importing/problems.js';
import { type Progress, silentProgress } from '../../importing/progress.js';
import type { IndicatorInput } from '../catalogue.js';
import { OGL, slug, withOverrides } from './catalogue-defaults.js';
import { type CommitSummary, commitStatistics, knownSmallAreas, NATIONAL_HINT } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import type { ObservationInput, SourceLine } from './rules.js';

const SOURCE = 'Home Office / police.uk: street-level crime and anti-social behaviour data (data.police.uk)';
export const ALL_CRIME_ID = 'police-all-crime-per-1000';
const ASB = 'anti-social behaviour';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SMALL_AREA = /^[EW]0[01]\d{6}$/;

export const crimeIndicatorId = (crimeType: string) => `police-${slug(crimeType)}-per-1000`;

const COLUMNS = {
  month: { names: ['Month'], required: true },
  code: { names: ['LSOA code', 'lsoa_code', /^lsoa\d{2}_?(code|cd)$/i], required: true },
  crimeType: { names: ['Crime type', 'crime_type'], required: true },
};

export interface PoliceCrimeOptions {
  catalogue?: string;
  onlyLoadedAreas?: boolean;
  progress?: Progress;
}

export interface PoliceCrimeSummary extends CommitSummary {
  files: number;
  rows: number;
  months: string[];
  crimeTypes: string[];
  /** Rows police.uk could not place in any small area (blank LSOA code). */
  withoutLocation: number;
  /** Rows in small areas of no loaded geography (with onlyLoadedAreas). */
  outsideGeography: number;
  smallAreas: number;
}

function entry(id: string, crimeType: string, months: string[]): IndicatorInput {
  const all = id === ALL_CRIME_ID;
  return {
    id,
    name: all ? 'All recorded crime (excluding anti-social behaviour), per 1,000 residents (police.uk)' : `${crimeType}, per 1,000 residents (police.uk)`,
    definition:
      `${all ? 'Crimes of every type except anti-social behaviour incidents' : `Street-level records of type "${crimeType}"`} ` +
      'published by police.uk for the month, located by police.uk to the small area (an anonymised snap point), ' +
      'per 1,000 residents (all ages, the nearest ONS mid-year estimate loaded). Records police.uk could not locate ' +
      `are not counted. Months loaded: ${months[0]} to ${months.at(-1)}.`,
    unit: 'per 1,000 residents',
    valueType: 'RATE',
    multiplier: 1000,
    polarity: 'HIGHER_IS_WORSE',
    aggregation: 'RATIO',
    population: 'all ages',
    theme: 'crime',
    source: SOURCE,
    release: 'police.uk street-level crime',
    licence: OGL,
    // police.uk publishes every record openly; its locations are already anonymised.
    disclosureControl: false,
  };
}

/** Mid-year (e.g. "2019") of the estimate nearest a month: mid-year is 30 June. */
function nearestYear(month: string, years: number[]): string | null {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y + (m - 0.5) / 12;
  let best: number | null = null;
  for (const year of years) if (best === null || Math.abs(year + 0.5 - t) < Math.abs(best + 0.5 - t)) best = year;
  return best === null ? null : String(best);
}

export async function importPoliceCrime(analytics: AnalyticsStore, files: readonly string[], options: PoliceCrimeOptions = {}): Promise<PoliceCrimeSummary> {
  const problems = new ImportProblems();
  const progress = options.progress ?? silentProgress;
  if (files.length === 0) problems.add('arguments', 0, 'name one or more police.uk street files');
  const known = await knownSmallAreas(analytics);

  const counts = new Map<string, number>();
  const firstLine = new Map<string, SourceLine>();
  const months = new Set<string>();
  const types = new Map<string, string>();
  let rows = 0;
  let withoutLocation = 0;
  let outsideGeography = 0;
  const unknownAreas = new Set<string>();
  for (const [index, file] of files.entries()) {
    progress.step('police.uk files', index, files.length);
    const table = await readReleaseTable(file, COLUMNS, problems);
    for (const { line, values } of table.records) {
      rows += 1;
      const month = values.month ?? '';
      const code = values.code;
      const crimeType = values.crimeType;
      let ok = true;
      if (!MONTH.test(month)) {
        problems.add(table.file, line, `Month "${month}" must be a month such as 2019-02`, 'Month');
        ok = false;
      }
      if (!crimeType) {
        problems.add(table.file, line, 'empty Crime type', 'Crime type');
        ok = false;
      }
      if (code !== undefined && !SMALL_AREA.test(code)) {
        problems.add(table.file, line, `LSOA code "${code}" is not an ONS small-area code (E01/W01 and six digits)`, 'LSOA code');
        ok = false;
      }
      if (!ok) continue;
      if (code === undefined) {
        withoutLocation += 1;
        continue;
      }
      if (!known.has(code)) {
        if (options.onlyLoadedAreas) outsideGeography += 1;
        else unknownAreas.add(code);
        continue;
      }
      const type = crimeType!.trim();
      types.set(type.toLowerCase(), types.get(type.toLowerCase()) ?? type);
      months.add(month);
      const key = `${code}\u0000${month}\u0000${type.toLowerCase()}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!firstLine.has(code)) firstLine.set(code, { file: table.file, line });
      if (rows % 20000 === 0) progress.step(`police.uk rows (file ${index + 1} of ${files.length})`, rows);
    }
  }
  progress.end();
  if (unknownAreas.size > 0) problems.add('arguments', 0, NATIONAL_HINT(unknownAreas.size));

  // Every small area of the geography version(s) the counts are on (an area without a crime has 0
  // that month); their populations. The counts are on the versions holding every counted area:
  // months on 2011 LSOAs are not on a 2021 LSOA version that shares most codes with them, and
  // its new areas (with no estimate of their own) are no part of them. Only when no version
  // holds them all (a mixture) are the areas of every version holding any of them taken.
  const counted = [...firstLine.keys()];
  const areas = counted.length === 0 ? [] : (
    await analytics.query<{ small_area_code: string }>(
      `WITH holding AS (
         SELECT version_id, count(DISTINCT small_area_code) = len($codes) AS holds_all
         FROM small_area_locality WHERE list_contains($codes, small_area_code) GROUP BY version_id
       )
       SELECT DISTINCT small_area_code FROM small_area_locality
       WHERE version_id IN (SELECT version_id FROM holding WHERE holds_all OR NOT (SELECT bool_or(holds_all) FROM holding))
       ORDER BY small_area_code`,
      { codes: counted },
    )
  ).map((r) => r.small_area_code);
  const populationRows = areas.length === 0 ? [] : await analytics.query<{ small_area_code: string; period: string; population: number }>(
    `SELECT small_area_code, period, population FROM small_area_population
     WHERE age_band = 'all_ages' AND list_contains($codes, small_area_code) AND regexp_full_match(period, '\\d{4}')`,
    { codes: areas },
  );
  const populations = new Map<string, Map<string, number>>();
  for (const row of populationRows) {
    const byYear = populations.get(row.small_area_code) ?? new Map<string, number>();
    byYear.set(row.period, row.population);
    populations.set(row.small_area_code, byYear);
  }

  const monthList = [...months].sort();
  const typeList = [...types.values()].sort((a, b) => a.localeCompare(b));
  const crimeTypes = typeList.filter((t) => t.toLowerCase() !== ASB);
  const observations: ObservationInput[] = [];
  for (const code of areas) {
    const byYear = populations.get(code);
    const source = firstLine.get(code) ?? { file: 'geography', line: 0 };
    if (!byYear || byYear.size === 0) {
      problems.add(source.file, source.line, `no population estimate for small area ${code}: import population estimates first (npm run import:population)`);
      continue;
    }
    const years = [...byYear.keys()].map(Number);
    for (const month of monthList) {
      const population = byYear.get(nearestYear(month, years)!)!;
      let all = 0;
      for (const type of typeList) {
        const x = counts.get(`${code}\u0000${month}\u0000${type.toLowerCase()}`) ?? 0;
        if (type.toLowerCase() !== ASB) all += x;
        observations.push({ indicatorId: crimeIndicatorId(type), areaCode: code, period: month, numerator: x, denominator: population, value: null, standardError: null, release: `police.uk ${month}`, source });
      }
      if (crimeTypes.length > 0) {
        observations.push({ indicatorId: ALL_CRIME_ID, areaCode: code, period: month, numerator: all, denominator: population, value: null, standardError: null, release: `police.uk ${month}`, source });
      }
    }
  }
  const defaults = [...typeList.map((t) => entry(crimeIndicatorId(t), t, monthList)), ...(crimeTypes.length > 0 ? [entry(ALL_CRIME_ID, 'all', monthList)] : [])];
  const indicators = await withOverrides(defaults, options.catalogue, problems, 'police-crime.ts');
  const summary = await commitStatistics(analytics, { indicators, observations }, problems, 'police.uk crime import', { knownAreas: known });
  return {
    ...summary,
    files: files.length,
    rows,
    months: monthList,
    crimeTypes: typeList,
    withoutLocation,
    outsideGeography,
    smallAreas: areas.length,
  };
}
