/**
 * The English Indices of Deprivation 2019 importer, from the files as released (header row, a
 * UTF-8 byte-order mark, thousands separators inside quoted numbers; the national files
 * gzip-compressed): File 1 (IMD rank and decile), File 2 (domain ranks and deciles) and File 6
 * (mid-2015 population denominators). Which column feeds which indicator is imd2019-columns.ts.
 *
 * It gives, per LSOA: for the IMD and each of its seven domains, the residents living in the
 * nationally most deprived 20% of LSOAs (numerator: the LSOA's mid-2015 population when its decile
 * is 1 or 2, else 0; denominator: its population), period 2019; the mid-2015 population and the
 * proportions aged 0-15 and 60 and over, period 2015; and File 6's denominators as the small-area
 * populations of 2015 (age bands all_ages, aged_0_15, aged_16_59, aged_60_plus, working_age), so
 * populations and profiles agree. All or nothing, through commit.ts (release "IoD2019").
 *
 * The national files list every LSOA in England: `onlyLoadedAreas` skips the LSOAs of no loaded
 * geography (counted in the summary) instead of refusing them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AnalyticsStore } from '../../db/analytics.js';
import { type ColumnSpec, type CsvTable, parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import { withOverrides } from './catalogue-defaults.js';
import { type CommitSummary, commitStatistics, knownSmallAreas, NATIONAL_HINT, type PopulationInput } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import {
  DENOMINATOR_COLUMNS,
  DENOMINATOR_PERIOD,
  type DenominatorKey,
  DEPRIVATION_DOMAINS,
  deprivationEntry,
  domainColumn,
  type Iod2019File,
  IOD2019_PERIOD,
  LSOA_CODE,
  MOST_DEPRIVED_DECILES,
  POPULATION_INDICATORS,
} from './imd2019-columns.js';
import type { ObservationInput, SourceLine } from './rules.js';

export type Iod2019Files = Record<Iod2019File, string>;

export interface Iod2019Summary extends CommitSummary {
  smallAreas: number;
  /** LSOAs of no loaded geography left out (with `onlyLoadedAreas`). */
  skippedAreas: number;
}

const FILE_PATTERNS: Record<Iod2019File, RegExp> = {
  file1: /^File_1_.*\.csv(\.gz)?$/i,
  file2: /^File_2_.*\.csv(\.gz)?$/i,
  file6: /^File_6_.*\.csv(\.gz)?$/i,
};

/** The three files in a folder, by their published names (File_1_..., File_2_..., File_6_...). */
export function iod2019FilesIn(dir: string, problems: ImportProblems): Partial<Iod2019Files> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    problems.add(path.basename(dir), 0, `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return {};
  }
  const found: Partial<Iod2019Files> = {};
  for (const [key, pattern] of Object.entries(FILE_PATTERNS) as [Iod2019File, RegExp][]) {
    const matches = names.filter((name) => pattern.test(name)).sort();
    if (matches.length === 1) found[key] = path.join(dir, matches[0]!);
    else problems.add(path.basename(dir), 0, `${matches.length === 0 ? 'no' : 'more than one'} ${pattern.source} file in the folder`);
  }
  return found;
}

type Columns = Record<string, ColumnSpec>;

function fileColumns(file: Iod2019File): Columns {
  if (file === 'file6') {
    return Object.fromEntries([
      ['code', LSOA_CODE],
      ...Object.entries(DENOMINATOR_COLUMNS).map(([key, column]) => [key, { names: [column.header], required: true }]),
    ]);
  }
  return Object.fromEntries([
    ['code', LSOA_CODE],
    ...DEPRIVATION_DOMAINS.filter((domain) => domain.file === file).flatMap((domain) => [
      [`${domain.stem} Rank`, { names: [domainColumn(domain, 'Rank')], required: true }],
      [`${domain.stem} Decile`, { names: [domainColumn(domain, 'Decile')], required: true }],
    ]),
  ]);
}

interface AreaRow {
  source: SourceLine;
  values: Record<string, string | undefined>;
}

/** A file's rows by LSOA code; a code listed twice is a problem. */
function rowsByArea(table: CsvTable<string>, problems: ImportProblems): Map<string, AreaRow> {
  const rows = new Map<string, AreaRow>();
  for (const { line, values } of table.records) {
    const code = values.code ?? '';
    const first = rows.get(code);
    if (code === '') problems.add(table.file, line, 'empty LSOA code');
    else if (first) problems.add(table.file, line, `duplicate LSOA ${code} (first on line ${first.source.line})`);
    else rows.set(code, { source: { file: table.file, line }, values });
  }
  return rows;
}

/** A whole number in [min, max] as published, or null (with a problem). */
function wholeNumber(text: string | undefined, min: number, max: number, what: string, at: SourceLine, problems: ImportProblems): number | null {
  const number = parsePublishedNumber(text ?? '');
  if (Number.isInteger(number) && number >= min && number <= max) return number;
  const range = max === Number.POSITIVE_INFINITY ? `${min} or more` : `from ${min} to ${max}`;
  problems.add(at.file, at.line, `${what} "${text ?? ''}" must be a whole number ${range}`);
  return null;
}

export async function importIod2019(
  analytics: AnalyticsStore,
  files: Partial<Iod2019Files>,
  options: { onlyLoadedAreas?: boolean; problems?: ImportProblems; catalogue?: string } = {},
): Promise<Iod2019Summary> {
  const problems = options.problems ?? new ImportProblems();
  const tables = {} as Record<Iod2019File, Map<string, AreaRow>>;
  const labels = {} as Record<Iod2019File, string>;
  for (const key of ['file1', 'file2', 'file6'] as const) {
    const file = files[key];
    if (!file) {
      problems.add('arguments', 0, `the IoD 2019 ${key.replace('file', 'File ')} is required`);
      tables[key] = new Map();
      labels[key] = key;
      continue;
    }
    const table = await readReleaseTable(file, fileColumns(key), problems);
    tables[key] = rowsByArea(table, problems);
    labels[key] = table.file;
  }
  // A missing, unreadable or wrongly headed file leaves nothing to match the others' rows against.
  if ((['file1', 'file2', 'file6'] as const).some((key) => tables[key].size === 0)) problems.throwIfAny('IoD 2019 import');

  // Every LSOA must be in all three files.
  const codes = new Set([...tables.file1.keys(), ...tables.file2.keys(), ...tables.file6.keys()]);
  const complete: string[] = [];
  for (const code of codes) {
    const absent = (['file1', 'file2', 'file6'] as const).filter((key) => !tables[key].has(code) && files[key]);
    if (absent.length === 0) complete.push(code);
    else {
      for (const key of ['file1', 'file2', 'file6'] as const) {
        const row = tables[key].get(code);
        if (row) problems.add(row.source.file, row.source.line, `LSOA ${code} is not in ${absent.map((k) => labels[k]).join(' nor ')}`);
      }
    }
  }

  const known = await knownSmallAreas(analytics);
  const included = options.onlyLoadedAreas ? complete.filter((code) => known.has(code)) : complete;

  const observations: ObservationInput[] = [];
  const populations: PopulationInput[] = [];
  const deprivation: [string, number, number][] = [];
  for (const code of included) {
    const denominators = tables.file6.get(code)!;
    const counts = {} as Record<DenominatorKey, number | null>;
    for (const key of Object.keys(DENOMINATOR_COLUMNS) as DenominatorKey[]) {
      counts[key] = wholeNumber(denominators.values[key], 0, Number.POSITIVE_INFINITY, `${DENOMINATOR_COLUMNS[key].band} of ${code}`, denominators.source, problems);
    }
    const { total, aged0to15, aged16to59, aged60plus } = counts;
    if (total !== null && aged0to15 !== null && aged16to59 !== null && aged60plus !== null && aged0to15 + aged16to59 + aged60plus !== total) {
      problems.add(
        denominators.source.file,
        denominators.source.line,
        `the ages of ${code} (0-15, 16-59, 60 and over) sum to ${aged0to15 + aged16to59 + aged60plus}, not its total population ${total}`,
      );
    }
    if (total === 0) {
      // Reported once here rather than as a zero denominator of each of its eleven indicators.
      problems.add(denominators.source.file, denominators.source.line, `the total population of ${code} is 0: the proportions of its residents need a population above 0`);
      continue;
    }
    for (const key of Object.keys(DENOMINATOR_COLUMNS) as DenominatorKey[]) {
      const population = counts[key];
      if (population !== null) {
        populations.push({ areaCode: code, period: DENOMINATOR_PERIOD, ageBand: DENOMINATOR_COLUMNS[key].band, population, source: denominators.source });
      }
    }
    for (const indicator of POPULATION_INDICATORS) {
      const numerator = counts[indicator.numerator];
      const denominator = indicator.denominator === null ? null : counts[indicator.denominator];
      if (numerator === null || (indicator.denominator !== null && denominator === null)) continue;
      observations.push({
        indicatorId: indicator.entry.id,
        areaCode: code,
        period: DENOMINATOR_PERIOD,
        numerator,
        denominator,
        value: null,
        standardError: null,
        release: null,
        source: denominators.source,
      });
    }

    for (const domain of DEPRIVATION_DOMAINS) {
      const row = tables[domain.file].get(code)!;
      const rank = wholeNumber(row.values[`${domain.stem} Rank`], 1, Number.POSITIVE_INFINITY, `${domain.stem} rank of ${code}`, row.source, problems);
      const decile = wholeNumber(row.values[`${domain.stem} Decile`], 1, 10, `${domain.stem} decile of ${code}`, row.source, problems);
      if (domain.file === 'file1' && rank !== null && decile !== null) deprivation.push([code, rank, decile]);
      if (decile === null || total === null) continue;
      observations.push({
        indicatorId: domain.id,
        areaCode: code,
        period: IOD2019_PERIOD,
        numerator: decile <= MOST_DEPRIVED_DECILES ? total : 0,
        denominator: total,
        value: null,
        standardError: null,
        release: null,
        source: row.source,
      });
    }
  }

  const unknown = complete.filter((code) => !known.has(code)).length;
  if (!options.onlyLoadedAreas && unknown > 0) problems.add('arguments', 0, NATIONAL_HINT(unknown));

  const defaults = [...DEPRIVATION_DOMAINS.map(deprivationEntry), ...POPULATION_INDICATORS.map((indicator) => indicator.entry)];
  const indicators = await withOverrides(defaults, options.catalogue, problems, 'imd2019-columns.ts');
  const summary = await commitStatistics(analytics, { indicators, observations, populations, deprivation: { release: 'IoD2019', rows: deprivation } }, problems, 'IoD 2019 import', { knownAreas: known });
  return { ...summary, smallAreas: included.length, skippedAreas: complete.length - included.length };
}
