/**
 * Catalogue entries an importer makes for the indicators it derives (name, unit, value type,
 * polarity, source, release, licence...), and a file that overrides any of their fields: the
 * release importers (Census 2021, police.uk, IoD 2019 File 8, a council's own data) build their
 * defaults, then `withOverrides` applies an optional overrides file and validates every entry
 * with the one catalogue schema.
 *
 * The overrides file is a catalogue file (catalogue-file.ts's layouts: CSV with an `id` column, or
 * a JSON array) whose entries need only `id` and the fields to change; an id the import does not
 * make is a problem on its line.
 */
import path from 'node:path';
import { parsePublishedNumber } from '../../importing/csv.js';
import type { ImportProblems } from '../../importing/problems.js';
import { type IndicatorInput, indicatorSchema } from '../catalogue.js';
import type { CatalogueInput } from './commit.js';
import { FIELDS as CATALOGUE_FIELDS } from './catalogue-file.js';
import { readReleaseTable, readReleaseText } from '../../importing/files.js';

/** The fields an override may set: every catalogue column but the id it is keyed by. */
const FIELDS = CATALOGUE_FIELDS.filter((field): field is Exclude<(typeof CATALOGUE_FIELDS)[number], 'id'> => field !== 'id');

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const UPPER = new Set(['valueType', 'polarity', 'aggregation']);

interface Override {
  id: string;
  fields: Partial<Record<(typeof FIELDS)[number], unknown>>;
  file: string;
  line: number;
}

function normalise(field: (typeof FIELDS)[number], value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (UPPER.has(field)) return value.toUpperCase();
  if (field === 'multiplier') {
    const n = parsePublishedNumber(value);
    return Number.isNaN(n) ? value : n;
  }
  if (field === 'disclosureControl') {
    const t = value.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(t)) return true;
    if (['false', 'no', 'n', '0'].includes(t)) return false;
  }
  return value;
}

async function readOverrides(file: string, problems: ImportProblems): Promise<Override[]> {
  const label = path.basename(file);
  if (/\.json(\.gz)?$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse((await readReleaseText(file)).replace(/^\uFEFF/, ''));
    } catch (error) {
      problems.add(label, 0, `not a readable JSON catalogue: ${(error as Error).message}`);
      return [];
    }
    if (!Array.isArray(data)) {
      problems.add(label, 1, 'an overrides file is a JSON array of entries, each with an id');
      return [];
    }
    return data.flatMap((element: unknown, index): Override[] => {
      const raw = (element && typeof element === 'object' ? element : {}) as Record<string, unknown>;
      const entries = Object.fromEntries(Object.entries(raw).map(([key, value]) => [camel(key === 'indicator_id' ? 'id' : key), value]));
      if (typeof entries.id !== 'string') {
        problems.add(label, 0, `entry ${index + 1}: an id is required`);
        return [];
      }
      const fields = Object.fromEntries(FIELDS.filter((f) => f in entries).map((f) => [f, normalise(f, entries[f])]));
      return [{ id: entries.id, fields, file: label, line: 0 }];
    });
  }
  const columns = Object.fromEntries([
    ['id', { names: ['id', 'indicator_id'], required: true }],
    ...FIELDS.map((field) => [field, { names: [snake(field), field], required: false }]),
  ]);
  const table = await readReleaseTable(file, columns, problems);
  return table.records.flatMap(({ line, values }): Override[] => {
    if (!values.id) {
      problems.add(table.file, line, 'empty id');
      return [];
    }
    const fields = Object.fromEntries(
      FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, normalise(f, values[f])]),
    );
    return [{ id: values.id, fields, file: table.file, line }];
  });
}

/**
 * The importer's `defaults` with the overrides of `overridesFile` (if any) applied, each entry
 * validated; problems for unknown ids and invalid fields. `madeBy` names the importer's source
 * of defaults in problems (e.g. "census2021-tables.ts").
 */
export async function withOverrides(
  defaults: readonly IndicatorInput[],
  overridesFile: string | undefined,
  problems: ImportProblems,
  madeBy: string,
): Promise<CatalogueInput[]> {
  const overrides = overridesFile ? await readOverrides(overridesFile, problems) : [];
  const byId = new Map<string, Override>();
  const known = new Set(defaults.map((d) => d.id));
  for (const override of overrides) {
    if (!known.has(override.id)) {
      problems.add(override.file, override.line, `indicator "${override.id}" is not one this import makes (it makes ${[...known].slice(0, 5).join(', ')}${known.size > 5 ? ', ...' : ''})`);
    } else byId.set(override.id, override);
  }
  const entries: CatalogueInput[] = [];
  for (const entry of defaults) {
    const override = byId.get(entry.id);
    const parsed = indicatorSchema.safeParse({ ...entry, ...(override?.fields ?? {}) });
    const source = override ? { file: override.file, line: override.line } : { file: madeBy, line: 0 };
    if (parsed.success) entries.push({ entry: parsed.data, source });
    else {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.');
        problems.add(source.file, source.line, `indicator "${entry.id}": ${field ? `${snake(field)}: ` : ''}${issue.message}`);
      }
    }
  }
  return entries;
}

/** An indicator id from free text: lower case, runs of other characters as one hyphen. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const OGL = 'Open Government Licence v3.0';
