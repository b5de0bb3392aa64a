/**
 * The tidy importer: any indicator, from a catalogue file (CSV or JSON, see catalogue-file.ts)
 * and a tidy observations CSV with one row per indicator, small area and period:
 *
 *   indicator_id, area_code, period, numerator, denominator, value [, standard_error] [, release] [, age_band]
 *
 * A directly standardised rate (value type DSR) has one row per age band of the European Standard
 * Population 2013 (`age_band` '0-4', '5-9', ... '85-89', '90+'): events as numerator, population as
 * denominator, value empty; every other value type leaves `age_band` empty (commit.ts checks both).
 * Numbers as published (thousands separators allowed), empty where not applicable; what each
 * aggregation needs is in rules.ts (e.g. a weighted mean may give `value` and its weight as
 * `denominator`, and the numerator is computed). `release` defaults to the indicator's catalogue
 * release. Either file may come alone (a catalogue update; data for indicators already loaded).
 * All or nothing: every row is checked, then committed in one transaction (commit.ts).
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import { type ColumnSpec, parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import { readCatalogueFile } from './catalogue-file.js';
import { type CatalogueInput, type CommitSummary, commitStatistics } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import type { ObservationInput } from './rules.js';

export interface TidyFiles {
  /** Catalogue entries: .json (an array) or .csv. */
  catalogue?: string;
  /** Observations: the tidy CSV. */
  data?: string;
}

const TIDY_COLUMNS = {
  indicatorId: { names: ['indicator_id'], required: true },
  areaCode: { names: ['area_code', 'small_area_code', /^lsoa\d{2}_?(code|cd)$/i], required: true },
  period: { names: ['period'], required: true },
  numerator: { names: ['numerator', 'count'], required: true },
  denominator: { names: ['denominator'], required: true },
  value: { names: ['value'], required: true },
  standardError: { names: ['standard_error', 'se'], required: false },
  release: { names: ['release'], required: false },
  ageBand: { names: ['age_band'], required: false },
} satisfies Record<string, ColumnSpec>;

const NUMBERS = ['numerator', 'denominator', 'value', 'standardError'] as const;
const COLUMN_NAME: Record<(typeof NUMBERS)[number], string> = {
  numerator: 'numerator',
  denominator: 'denominator',
  value: 'value',
  standardError: 'standard_error',
};

/** Decimal places a number was written with ("12.30" has 2). */
const decimalsOf = (text: string) => /\.(\d+)(?:[eE]|$)/.exec(text.replaceAll(',', ''))?.[1]?.length ?? 0;

/** The observations of a tidy CSV, numbers parsed; a cell that is not a number is a problem. */
export async function readTidyObservations(file: string, problems: ImportProblems): Promise<ObservationInput[]> {
  const table = await readReleaseTable(file, TIDY_COLUMNS, problems);
  const observations: ObservationInput[] = [];
  for (const { line, values } of table.records) {
    const numbers: Record<(typeof NUMBERS)[number], number | null> = { numerator: null, denominator: null, value: null, standardError: null };
    let readable = true;
    for (const key of NUMBERS) {
      const text = values[key];
      if (text === undefined) continue;
      const number = parsePublishedNumber(text);
      if (Number.isNaN(number)) {
        problems.add(table.file, line, `${COLUMN_NAME[key]} "${text}" is not a number`, COLUMN_NAME[key]);
        readable = false;
      } else numbers[key] = number;
    }
    const missing = (['indicatorId', 'areaCode', 'period'] as const).filter((key) => values[key] === undefined);
    if (missing.length > 0) {
      problems.add(table.file, line, `empty ${missing.map((key) => TIDY_COLUMNS[key].names[0]).join(', ')}`);
      readable = false;
    }
    if (!readable) continue;
    observations.push({
      indicatorId: values.indicatorId!,
      areaCode: values.areaCode!,
      period: values.period!,
      ...numbers,
      valueDecimals: values.value === undefined ? undefined : decimalsOf(values.value),
      release: values.release ?? null,
      ageBand: values.ageBand ?? null,
      source: { file: table.file, line },
    });
  }
  return observations;
}

export type IndicatorImportSummary = CommitSummary;

/** Import a catalogue and/or tidy observations, all or nothing. */
export async function importIndicators(analytics: AnalyticsStore, files: TidyFiles): Promise<IndicatorImportSummary> {
  const problems = new ImportProblems();
  if (!files.catalogue && !files.data) problems.add('arguments', 0, 'name a catalogue file, a data file, or both');
  const indicators: CatalogueInput[] = files.catalogue ? await readCatalogueFile(files.catalogue, problems) : [];
  const observations = files.data ? await readTidyObservations(files.data, problems) : [];
  return commitStatistics(analytics, { indicators, observations }, problems, 'Indicator import');
}
