/**
 * The GDP deflator importer: a CSV of `financial_year` (or `year`; 2019/20 or 2019-20) and
 * `index` (or `deflator`, `gdp_deflator`), as HM Treasury publishes its "GDP deflators at market
 * prices, and money GDP" series. A file is a whole series and replaces the one loaded (a new
 * release may move its base year, and only ratios within one series are meaningful).
 *
 * All or nothing. Rejected: a year that is not a financial year, an index that is not a positive
 * decimal with at most 6 places, a year given twice, and dropping a year that stored spend lines or
 * unit costs are priced in (re-basing them would fail).
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import type { ColumnSpec } from '../../importing/csv.js';
import { readReleaseTable } from '../../importing/files.js';
import { ImportProblems } from '../../importing/problems.js';
import { financialYear, INDEX_SCALE } from '../deflators.js';

const COLUMNS = {
  year: { names: ['financial_year', 'year', 'fy'], required: true },
  index: { names: ['index', 'deflator', 'gdp_deflator', /^gdp deflator/i], required: true },
} satisfies Record<string, ColumnSpec>;

const INDEX = new RegExp(`^\\d+(\\.\\d{1,${INDEX_SCALE}})?$`);

export interface DeflatorImportSummary {
  years: number;
  first: string | null;
  last: string | null;
  series: string;
}

export async function importDeflators(analytics: AnalyticsStore, file: string, options: { series?: string } = {}): Promise<DeflatorImportSummary> {
  const problems = new ImportProblems();
  const table = await readReleaseTable(file, COLUMNS, problems);
  const rows: { label: string; start: string; index: string }[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.records) {
    const year = values.year === undefined ? null : financialYear(values.year);
    if (!year) {
      problems.add(table.file, line, `financial year "${values.year ?? ''}" is not one (write 2019/20)`, 'financial_year');
      continue;
    }
    const first = seen.get(year.label);
    if (first !== undefined) {
      problems.add(table.file, line, `${year.label} is given twice (first on line ${first})`, 'financial_year');
      continue;
    }
    seen.set(year.label, line);
    const index = values.index?.replaceAll(',', '');
    if (!index || !INDEX.test(index) || Number(index) <= 0) {
      problems.add(table.file, line, `index "${values.index ?? ''}" must be a positive decimal with at most ${INDEX_SCALE} places`, 'index');
      continue;
    }
    rows.push({ label: year.label, start: year.start, index });
  }
  if (table.header.length > 0 && rows.length === 0 && problems.size === 0) problems.add(table.file, 1, 'the file holds no years');

  const inUse = await analytics.query<{ price_base: string; what: string; n: number }>(
    `SELECT price_base, 'spend lines' AS what, count(*) AS n FROM spend_line GROUP BY price_base
     UNION ALL SELECT price_base, 'unit costs', count(*) FROM unit_cost GROUP BY price_base`,
  );
  for (const use of inUse) {
    if (rows.length > 0 && !seen.has(use.price_base)) {
      problems.add(table.file, 0, `${use.price_base} is missing: ${use.n} stored ${use.what} are priced in it`);
    }
  }
  problems.throwIfAny('Deflator import');

  const series = options.series ?? table.file;
  const loadedAt = new Date().toISOString();
  await analytics.transaction(async (tx) => {
    await tx.run('DELETE FROM gdp_deflator');
    await tx.append('gdp_deflator', rows.map((row) => [row.label, row.start, row.index, series, loadedAt]));
  });
  const sorted = rows.map((row) => row.label).sort();
  return { years: rows.length, first: sorted[0] ?? null, last: sorted.at(-1) ?? null, series };
}
