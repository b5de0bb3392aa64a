/**
 * Shared by the cost tests: CSV files written to a temporary folder, a snapshot of every cost
 * table (row counts and an order-independent checksum), the check that a refused import wrote
 * nothing, the tests' own small deflator series and unit costs, and tokens.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { importDeflators } from '../../src/costs/import/deflators.js';
import { importUnitCosts } from '../../src/costs/import/unit-costs.js';
import { type ImportProblem, ImportRejectedError } from '../../src/importing/problems.js';
import type { TestServer } from '../support/server.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** Write a CSV (header: every key of the rows, or `header`) to a fresh temporary file. */
export function csvFile(name: string, rows: Record<string, string>[], header?: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-costs-'));
  dirs.push(dir);
  const columns = header ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const text = [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\n') + '\n';
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Every cost table: counts and checksums. */
export async function costSnapshot(t: TestServer) {
  const [row] = await t.server.stores.analytics.query<Record<string, string>>(`SELECT
    (SELECT count(*) FROM spend_line)::VARCHAR AS spend_lines,
    (SELECT coalesce(sum(hash(line_id, partner_name, service, financial_year, amount_pence, price_base, scope, locality_code, small_area_code, driver_kind, driver_key)::HUGEINT), 0) FROM spend_line)::VARCHAR AS spend_checksum,
    (SELECT count(*) FROM unit_cost)::VARCHAR AS unit_costs,
    (SELECT coalesce(sum(hash(unit_cost_id, name, cost_pence, price_base, partner_name, indicator_id)::HUGEINT), 0) FROM unit_cost)::VARCHAR AS unit_cost_checksum,
    (SELECT count(*) FROM gdp_deflator)::VARCHAR AS deflators,
    (SELECT coalesce(sum(hash(financial_year, index_value)::HUGEINT), 0) FROM gdp_deflator)::VARCHAR AS deflator_checksum`);
  return row!;
}

/** Run an import that must be refused; check it wrote nothing; its problems. */
export async function expectRejected(t: TestServer, work: () => Promise<unknown>): Promise<ImportProblem[]> {
  const before = await costSnapshot(t);
  const outcome = await work().then(
    () => ({ error: null as unknown }),
    (error: unknown) => ({ error }),
  );
  expect(outcome.error).toBeInstanceOf(ImportRejectedError);
  expect((outcome.error as Error).message).toContain('nothing was written');
  expect(await costSnapshot(t)).toEqual(before);
  return (outcome.error as ImportRejectedError).problems;
}

/**
 * The tests' own deflator series (round numbers, so re-basing is checkable by hand); it keeps the
 * years the bundled sample's ledger and unit costs are priced in.
 */
export const TEST_DEFLATORS: Record<string, string> = {
  '2018/19': '80',
  '2019/20': '90',
  '2020/21': '96',
  '2021/22': '98.5',
  '2022/23': '99.25',
  '2023/24': '100',
};

export async function loadTestDeflators(t: TestServer): Promise<void> {
  const rows = Object.entries(TEST_DEFLATORS).map(([financial_year, index]) => ({ financial_year, index }));
  await importDeflators(t.server.stores.analytics, csvFile('deflators.csv', rows), { series: 'test series' });
}

/** Test unit costs: `unit-1000` is £1,000.00 in 2023/24 prices (fiscal £600.00), `unit-800` £800.00 in 2019/20 prices. */
export async function loadTestUnitCosts(t: TestServer): Promise<void> {
  const base = { unit: 'incident', source: 'test', source_year: '2023/24', partner: 'West Mercia Police', indicator_id: 'asb-incidents' };
  await importUnitCosts(
    t.server.stores.records.prisma,
    t.server.stores.analytics,
    csvFile('unit_costs.csv', [
      { ...base, id: 'unit-1000', name: 'Test unit a thousand', cost: '1000.00', fiscal: '600.00', economic: '', social: '', price_base: '2023/24' },
      { ...base, id: 'unit-800', name: 'Test unit eight hundred', cost: '800.00', fiscal: '', economic: '', social: '', price_base: '2019/20' },
    ]),
  );
}
