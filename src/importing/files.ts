/**
 * Reading a released data file (statistics, spend, unit costs, deflators) as released: plain CSV,
 * or gzip-compressed (`.gz`, as the national IMD 2019 files come), decompressed through a zlib
 * stream, then parsed by the shared CSV reader so problems carry the file's name and line.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { type ColumnSpec, type CsvTable, parseCsvTable } from './csv.js';
import type { ImportProblems } from './problems.js';

/** The whole text of `file`, gunzipped when its name ends in `.gz`. */
export async function readReleaseText(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  const input = createReadStream(file);
  const stream = file.toLowerCase().endsWith('.gz') ? input.pipe(createGunzip()) : input;
  // An error on the file stream (say ENOENT) does not travel through pipe(): pass it on.
  if (stream !== input) input.on('error', (error) => stream.destroy(error));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `readCsvTable` for a release file that may be gzipped. An unreadable file is one problem at
 * line 0; the table is then empty. Missing required columns are one problem on the header line
 * naming them all (with the header as found), so a wrong file is reported once, not per column.
 */
export async function readReleaseTable<K extends string>(
  file: string,
  columns: Record<K, ColumnSpec>,
  problems: ImportProblems,
): Promise<CsvTable<K>> {
  const label = path.basename(file);
  let text: string;
  try {
    text = await readReleaseText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.add(label, 0, `cannot read the file: ${code ?? (error as Error).message}`);
    return { file: label, records: [], header: [], headers: {} };
  }
  const optional = Object.fromEntries(
    Object.entries<ColumnSpec>(columns).map(([key, spec]) => [key, { ...spec, required: false }]),
  ) as Record<K, ColumnSpec>;
  const table = parseCsvTable(label, text, optional, problems);
  if (table.header.length === 0) return table;
  const missing = (Object.keys(columns) as K[]).filter((key) => columns[key].required && table.headers[key] === undefined);
  if (missing.length > 0) {
    const expected = missing.map((key) => `${key} (${columns[key].names.map(spelling).join(' or ')})`);
    problems.add(
      label,
      1,
      `wrong header: missing column${missing.length === 1 ? '' : 's'} ${expected.join(', ')}; the header is: ${table.header.join(', ')}`,
    );
    // Without its columns no row can be read: report the header, not every row.
    return { ...table, records: [] };
  }
  return table;
}

const spelling = (name: string | RegExp) => (typeof name === 'string' ? `"${name}"` : `/${name.source}/`);
