/**
 * Reading a CSV file as its users have it, for all-or-nothing importers.
 *
 * Files arrive as published: a byte-order mark, headers in the publisher's own spelling
 * (`LSOA11CD`, `lsoa11cd`, `PAR19CD`), thousands separators inside quoted numbers. Each importer
 * names the columns it needs with the spellings it accepts (`ColumnSpec`); `readCsvTable` finds
 * them in the header (case-insensitive) and returns each record with the line it came from, so
 * every problem can be reported against a line. Parsing is csv-parse's (RFC 4180).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportProblems } from './problems.js';

/** A column an importer reads: the spellings it accepts, and whether a file must have it. */
export interface ColumnSpec {
  names: readonly (string | RegExp)[];
  required: boolean;
}

export interface CsvRecord<K extends string> {
  line: number;
  values: Record<K, string | undefined>;
  /** Every field of the row, in header order (for importers with open-ended columns). */
  fields: string[];
}

export interface CsvTable<K extends string> {
  file: string;
  records: CsvRecord<K>[];
  /** The header row as written. */
  header: string[];
  /** The header each column was found under (absent: the column is optional and missing). */
  headers: Partial<Record<K, string>>;
}

function matches(header: string, name: string | RegExp): boolean {
  return typeof name === 'string' ? header.toLowerCase() === name.toLowerCase() : name.test(header);
}

/**
 * Read `file` and pick out `columns`. Problems (unreadable file, missing columns, ragged rows) are
 * added to `problems`; the table is returned with whatever could be read.
 */
export function readCsvTable<K extends string>(
  file: string,
  columns: Record<K, ColumnSpec>,
  problems: ImportProblems,
): CsvTable<K> {
  const label = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.add(label, 0, `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return { file: label, records: [], header: [], headers: {} };
  }
  return parseCsvTable(label, text, columns, problems);
}

/** `readCsvTable` over text already in memory (e.g. a file sent to the API); `label` names it in problems. */
export function parseCsvTable<K extends string>(
  label: string,
  text: string,
  columns: Record<K, ColumnSpec>,
  problems: ImportProblems,
): CsvTable<K> {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    problems.add(label, line, `not a readable CSV file: ${(error as Error).message}`);
    return { file: label, records: [], header: [], headers: {} };
  }

  const [head, ...body] = parsed;
  if (!head) {
    problems.add(label, 1, 'the file is empty: a header row is expected');
    return { file: label, records: [], header: [], headers: {} };
  }

  const header = head.record;
  const index = {} as Record<K, number>;
  const headers: Partial<Record<K, string>> = {};
  for (const key of Object.keys(columns) as K[]) {
    const spec = columns[key];
    const at = header.findIndex((h) => spec.names.some((name) => matches(h, name)));
    index[key] = at;
    if (at >= 0) headers[key] = header[at];
    else if (spec.required) {
      const expected = spec.names.map((n) => (typeof n === 'string' ? n : n.source)).join(' or ');
      problems.add(label, head.info.lines, `missing column ${key} (a header ${expected})`);
    }
  }

  const records = body.map(({ record, info }) => {
    if (record.length !== header.length) {
      problems.add(label, info.lines, `has ${record.length} fields where the header has ${header.length}`);
    }
    const values = {} as Record<K, string | undefined>;
    for (const key of Object.keys(columns) as K[]) {
      const at = index[key];
      const value = at >= 0 ? record[at] : undefined;
      values[key] = value === '' ? undefined : value;
    }
    return { line: info.lines, values, fields: record };
  });
  return { file: label, records, header, headers };
}

/** A number as published: thousands separators allowed, nothing else. NaN when it is not one. */
export function parsePublishedNumber(value: string): number {
  const plain = value.replaceAll(',', '');
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}
