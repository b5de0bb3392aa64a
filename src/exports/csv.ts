/**
 * CSV downloads as spreadsheets expect them: a header row, a UTF-8 byte-order mark (so Excel
 * reads names such as "Ross-on-Wye" or "Ysgol Gymraeg" as UTF-8), RFC 4180 quoting by
 * csv-stringify, empty cells for nulls, numbers written in full (the shortest text that reads
 * back as the same number, as JSON writes them), dates as ISO 8601, and no cell a spreadsheet
 * would run as a formula.
 */
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | null;

export interface CsvColumn<T> {
  header: string;
  value: (item: T) => Cell;
}

/**
 * Text that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe, as
 * OWASP's "CSV Injection" guidance says: a spreadsheet would otherwise run `-2+3` or
 * `=HYPERLINK(...)` as a formula, and the lists hold text that partners typed. Numbers (written as
 * numbers, not text) are left as they are.
 */
const FORMULA = /^[=+\-@\t\r]/;

function defused(value: Cell): Cell {
  return typeof value === 'string' && FORMULA.test(value) ? `'${value}` : value;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  return stringify(
    items.map((item) => columns.map((column) => defused(column.value(item)))),
    {
      bom: true,
      header: true,
      columns: columns.map((column) => column.header),
      cast: { boolean: (value) => (value ? 'true' : 'false') },
    },
  );
}

/** Sends a CSV as a download named `filename`. */
export function sendCsv(res: Response, filename: string, body: string): void {
  res.attachment(filename);
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.send(body);
}
