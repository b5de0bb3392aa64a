/**
 * A council's (or any partner's) own small-area data without reshaping: a wide CSV with one row
 * per small area (and optionally a `period` column, one row per area and period) and one column
 * per measure, plus a small mapping saying which columns are indicators:
 *
 *   column, indicator_id [, name, value_type, denominator_column, polarity, theme, unit,
 *            multiplier, definition, population, source, release, licence]
 *
 * Only `column` and `indicator_id` are needed; the rest default sensibly: a column alone is a
 * COUNT (summed); with a `denominator_column` it is a PROPORTION (percent) of it, or a RATE
 * (per 1,000) if value_type says so; a MEAN is weighted by its denominator column; a SCORE is
 * not additive. Polarity NO_JUDGEMENT, theme "council data", source the data file's name, release
 * the period. A blank cell is a missing value (counted in the summary). All or nothing, through
 * commit.ts, every bad cell reported by file and line.
 */
import path from 'node:path';
import type { AnalyticsStore } from '../../db/analytics.js';
import { parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import { type IndicatorInput, indicatorSchema, VALUE_TYPES } from '../catalogue.js';
import type { CatalogueInput } from './commit.js';
import { type CommitSummary, commitStatistics } from './commit.js';
import { readReleaseTable } from '../../importing/files.js';
import type { ObservationInput } from './rules.js';

const MAPPING_FIELDS = {
  column: { names: ['column'], required: true },
  id: { names: ['indicator_id', 'id'], required: true },
  name: { names: ['name'], required: false },
  valueType: { names: ['value_type'], required: false },
  denominatorColumn: { names: ['denominator_column', 'weight_column'], required: false },
  polarity: { names: ['polarity'], required: false },
  theme: { names: ['theme'], required: false },
  unit: { names: ['unit'], required: false },
  multiplier: { names: ['multiplier'], required: false },
  definition: { names: ['definition'], required: false },
  population: { names: ['population'], required: false },
  source: { names: ['source'], required: false },
  release: { names: ['release'], required: false },
  licence: { names: ['licence', 'license'], required: false },
};

const DEFAULTS = {
  COUNT: { aggregation: 'SUM', multiplier: 1, unit: 'count' },
  PROPORTION: { aggregation: 'RATIO', multiplier: 100, unit: '%' },
  RATE: { aggregation: 'RATIO', multiplier: 1000, unit: 'per 1,000' },
  MEAN: { aggregation: 'WEIGHTED_MEAN', multiplier: 1, unit: 'mean' },
  SCORE: { aggregation: 'NOT_ADDITIVE', multiplier: 1, unit: 'score' },
} as const;

export interface CouncilDataSummary extends CommitSummary {
  rows: number;
  /** Blank cells (missing values). */
  blanks: number;
}

interface Mapped {
  column: string;
  denominatorColumn: string | null;
  entry: CatalogueInput;
}

export async function importCouncilData(
  analytics: AnalyticsStore,
  files: { data: string; mapping: string },
  options: { period?: string } = {},
): Promise<CouncilDataSummary> {
  const problems = new ImportProblems();
  const dataLabel = path.basename(files.data);
  const mappingTable = await readReleaseTable(files.mapping, MAPPING_FIELDS, problems);
  const data = await readReleaseTable(
    files.data,
    { code: { names: ['area_code', 'small_area_code', /^lsoa\d{2}_?(code|cd)$/i, /^oa\d{2}_?(code|cd)$/i], required: true }, period: { names: ['period'], required: false } },
    problems,
  );
  if (!data.headers.period && !options.period) problems.add(dataLabel, 1, 'no period: add a period column to the data or give --period (e.g. 2024/25)');
  const columnAt = new Map(data.header.map((h, i) => [h.toLowerCase(), i]));

  const mapped: Mapped[] = [];
  for (const { line, values } of mappingTable.records) {
    const column = values.column ?? '';
    const valueType = (values.valueType?.toUpperCase() ?? (values.denominatorColumn ? 'PROPORTION' : 'COUNT')) as keyof typeof DEFAULTS;
    if (!Object.hasOwn(DEFAULTS, valueType)) {
      // A DSR needs age-banded rows, which a wide council file has not: it comes through the tidy importer.
      const why = (VALUE_TYPES as readonly string[]).includes(valueType) ? ' (a DSR needs age-banded rows: load it with import:indicators)' : '';
      problems.add(mappingTable.file, line, `value_type "${values.valueType}" must be one of ${Object.keys(DEFAULTS).join(', ')}${why}`, 'value_type');
      continue;
    }
    for (const [what, name] of [['column', column], ['denominator_column', values.denominatorColumn]] as const) {
      if (name !== undefined && data.header.length > 0 && !columnAt.has(name.toLowerCase())) {
        problems.add(mappingTable.file, line, `${what} "${name}" is not a column of ${dataLabel}`, what);
      }
    }
    const needsDenominator = valueType === 'PROPORTION' || valueType === 'RATE' || valueType === 'MEAN';
    if (needsDenominator && !values.denominatorColumn) {
      problems.add(mappingTable.file, line, `a ${valueType} needs a denominator_column (${valueType === 'MEAN' ? 'its weight' : 'what it is a share or rate of'})`, 'denominator_column');
    }
    const d = DEFAULTS[valueType];
    const multiplier = values.multiplier === undefined ? d.multiplier : parsePublishedNumber(values.multiplier);
    const input: IndicatorInput = {
      id: values.id ?? '',
      name: values.name ?? column,
      definition: values.definition ?? `Column "${column}"${values.denominatorColumn ? ` over "${values.denominatorColumn}"` : ''} of ${dataLabel}.`,
      unit: values.unit ?? d.unit,
      valueType,
      multiplier,
      polarity: (values.polarity?.toUpperCase() ?? 'NO_JUDGEMENT') as IndicatorInput['polarity'],
      aggregation: d.aggregation,
      weightPopulation: valueType === 'MEAN' ? (values.denominatorColumn ?? null) : null,
      population: values.population ?? 'all ages',
      theme: values.theme ?? 'council data',
      source: values.source ?? dataLabel,
      release: values.release ?? options.period ?? dataLabel,
      licence: values.licence ?? "Not stated: the data owner's terms apply",
    };
    const parsed = indicatorSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.add(mappingTable.file, line, `${issue.path.join('.') || 'entry'}: ${issue.message}`);
      continue;
    }
    mapped.push({ column, denominatorColumn: values.denominatorColumn ?? null, entry: { entry: parsed.data, source: { file: mappingTable.file, line } } });
  }
  if (mappingTable.header.length > 0 && mappingTable.records.length === 0) problems.add(mappingTable.file, 1, 'no columns mapped');

  const observations: ObservationInput[] = [];
  let blanks = 0;
  // Without a period no row can be read (one problem above, not one per row).
  const records = data.headers.period || options.period ? data.records : [];
  for (const { line, values, fields } of records) {
    const code = values.code;
    const period = values.period ?? options.period ?? '';
    if (!code) {
      problems.add(data.file, line, 'empty area code');
      continue;
    }
    const cell = (name: string) => {
      const text = fields[columnAt.get(name.toLowerCase())!] ?? '';
      if (text.trim() === '') return null;
      const n = parsePublishedNumber(text);
      if (Number.isNaN(n)) {
        problems.add(data.file, line, `${name} "${text}" of ${code} is not a number`, name);
        return undefined;
      }
      return n;
    };
    for (const m of mapped) {
      const x = cell(m.column);
      const n = m.denominatorColumn ? cell(m.denominatorColumn) : null;
      if (x === undefined || n === undefined) continue;
      if (x === null || (m.denominatorColumn && n === null)) {
        blanks += 1;
        continue;
      }
      const byValue = m.entry.entry.aggregation === 'WEIGHTED_MEAN' || m.entry.entry.aggregation === 'NOT_ADDITIVE';
      observations.push({
        indicatorId: m.entry.entry.id,
        areaCode: code,
        period,
        numerator: byValue ? null : x,
        denominator: n,
        value: byValue ? x : null,
        standardError: null,
        release: null,
        source: { file: data.file, line },
      });
    }
  }
  const summary = await commitStatistics(analytics, { indicators: mapped.map((m) => m.entry), observations }, problems, 'Council data import');
  return { ...summary, rows: data.records.length, blanks };
}
