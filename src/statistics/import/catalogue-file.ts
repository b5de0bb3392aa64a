/**
 * Reading an indicator catalogue file: CSV with one entry per row (columns: the fields of
 * `indicatorSchema` in snake_case: id, name, definition, unit, value_type, multiplier, polarity,
 * aggregation, weight_population, population, theme, source, release, licence,
 * disclosure_control), or JSON (an array of entries, keys in camelCase as in `indicatorSchema`,
 * snake_case accepted too). Every entry is validated by `indicatorSchema`; each problem names the
 * entry's line and field.
 */
import path from 'node:path';
import type { ColumnSpec } from '../../importing/csv.js';
import { parsePublishedNumber } from '../../importing/csv.js';
import type { ImportProblems } from '../../importing/problems.js';
import { indicatorSchema } from '../catalogue.js';
import type { CatalogueInput } from './commit.js';
import { readReleaseTable, readReleaseText } from '../../importing/files.js';

/** The catalogue's columns, in a file's order (the overrides of catalogue-defaults.ts take all but `id`). */
export const FIELDS = [
  'id',
  'name',
  'definition',
  'unit',
  'valueType',
  'multiplier',
  'polarity',
  'aggregation',
  'weightPopulation',
  'population',
  'theme',
  'source',
  'release',
  'licence',
  'disclosureControl',
] as const;
type Field = (typeof FIELDS)[number];
const OPTIONAL = new Set<Field>(['weightPopulation', 'disclosureControl']);

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function addIssues(problems: ImportProblems, file: string, line: number, issues: readonly { path: readonly PropertyKey[]; message: string }[], id: unknown) {
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    const entry = typeof id === 'string' && id !== '' ? `indicator "${id}": ` : '';
    problems.add(file, line, `${entry}${field ? `${snake(field)}: ` : ''}${issue.message}`, field ? snake(field) : undefined);
  }
}

/** A yes/no cell: true/false, yes/no, 1/0 (any case); empty is "not given". */
function parseFlag(text: string | undefined): boolean | undefined | string {
  if (text === undefined) return undefined;
  const t = text.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'no', 'n', '0'].includes(t)) return false;
  return text;
}

async function readCatalogueCsv(file: string, problems: ImportProblems): Promise<CatalogueInput[]> {
  const columns = Object.fromEntries(
    FIELDS.map((field) => [
      field,
      { names: field === 'id' ? ['id', 'indicator_id'] : [snake(field), field], required: !OPTIONAL.has(field) },
    ]),
  ) as unknown as Record<Field, ColumnSpec>;
  const table = await readReleaseTable(file, columns, problems);
  const entries: CatalogueInput[] = [];
  for (const { line, values } of table.records) {
    const multiplier = values.multiplier === undefined ? undefined : parsePublishedNumber(values.multiplier);
    const raw = {
      ...values,
      multiplier: multiplier !== undefined && Number.isNaN(multiplier) ? values.multiplier : multiplier,
      weightPopulation: values.weightPopulation ?? null,
      disclosureControl: parseFlag(values.disclosureControl),
      valueType: values.valueType?.toUpperCase(),
      polarity: values.polarity?.toUpperCase(),
      aggregation: values.aggregation?.toUpperCase(),
    };
    const parsed = indicatorSchema.safeParse(raw);
    if (parsed.success) entries.push({ entry: parsed.data, source: { file: table.file, line } });
    else addIssues(problems, table.file, line, parsed.error.issues, values.id);
  }
  if (table.header.length > 0 && table.records.length === 0 && problems.size === 0) problems.add(table.file, 1, 'no indicators');
  return entries;
}

/** Line of each top-level array element of a JSON text (JSON.parse reports no positions). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n') line += 1;
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 1) lines.push(line);
      depth += 1;
    } else if (c === ']' || c === '}') depth -= 1;
  }
  return lines;
}

async function readCatalogueJson(file: string, problems: ImportProblems): Promise<CatalogueInput[]> {
  const label = path.basename(file);
  let text: string;
  try {
    text = (await readReleaseText(file)).replace(/^\uFEFF/, '');
  } catch (error) {
    problems.add(label, 0, `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 0;
    problems.add(label, line, `not readable JSON: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.add(label, 1, 'a JSON catalogue is an array of indicator entries');
    return [];
  }
  const lines = elementLines(text);
  const entries: CatalogueInput[] = [];
  data.forEach((element: unknown, index) => {
    const line = lines[index] ?? 0;
    const raw =
      element && typeof element === 'object' && !Array.isArray(element)
        ? Object.fromEntries(Object.entries(element).map(([key, value]) => [camel(key === 'indicator_id' ? 'id' : key), value]))
        : element;
    const parsed = indicatorSchema.safeParse(raw);
    if (parsed.success) entries.push({ entry: parsed.data, source: { file: label, line } });
    else addIssues(problems, label, line, parsed.error.issues, (raw as { id?: unknown } | null)?.id);
  });
  if (data.length === 0) problems.add(label, 1, 'no indicators');
  return entries;
}

/** The validated entries of a catalogue file (`.json` or `.json.gz` is JSON; anything else CSV). */
export function readCatalogueFile(file: string, problems: ImportProblems): Promise<CatalogueInput[]> {
  return /\.json(\.gz)?$/i.test(file) ? readCatalogueJson(file, problems) : readCatalogueCsv(file, problems);
}
