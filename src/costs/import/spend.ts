/**
 * The spend ledger importer: a CSV with one line of a partner's spend per row:
 *
 *   partner, classification, service_code, service, financial_year, amount, price_base,
 *   line_kind, locality, small_area, driver
 *
 * - `partner`: the partner's unique name on record; `classification` (e.g. "Revenue Outturn") and
 *   `service_code` are optional, `service` is the service line or a free name.
 * - `financial_year`: 2019/20 (or 2019-20); `price_base`: the financial year whose prices the
 *   amount is in (default: the financial year; it must be a year of the GDP deflator series).
 * - `amount`: pounds with up to 2 decimals, read exactly as pence. `line_kind`: SPEND (default;
 *   never negative) or ADJUSTMENT (a credit or correction, which may be).
 * - The place: `locality` (code), or `small_area` (code), or neither for a county-wide line, which
 *   then needs a `driver`: `population` (all ages), `population:<age band>` (e.g.
 *   population:aged_65_plus) or `indicator:<indicator id>` (its count: a SUM or RATIO indicator).
 *
 * Idempotent by partner and year: the lines of a file replace the stored lines of the same partner
 * and financial year, so a partner's ledger for a year can be loaded again after corrections.
 * All or nothing, every problem reported with its line.
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import type { RecordsClient } from '../../db/records.js';
import type { ColumnSpec } from '../../importing/csv.js';
import { readReleaseTable } from '../../importing/files.js';
import { ImportProblems } from '../../importing/problems.js';
import { financialYear } from '../deflators.js';
import { parsePounds } from '../money.js';
import { geographyReferences, knownPartners } from './references.js';

const COLUMNS = {
  partner: { names: ['partner', 'organisation', 'agency'], required: true },
  classification: { names: ['classification', 'service_classification'], required: false },
  serviceCode: { names: ['service_code', 'line_code'], required: false },
  service: { names: ['service', 'service_line', 'service_name'], required: true },
  year: { names: ['financial_year', 'year'], required: true },
  amount: { names: ['amount', 'amount_gbp', 'spend'], required: true },
  priceBase: { names: ['price_base'], required: false },
  lineKind: { names: ['line_kind', 'kind'], required: false },
  locality: { names: ['locality', 'locality_code'], required: false },
  smallArea: { names: ['small_area', 'small_area_code', /^lsoa\d{2}_?(code|cd)$/i], required: false },
  driver: { names: ['driver', 'apportionment_driver'], required: false },
} satisfies Record<string, ColumnSpec>;

type Row = (string | number | null)[];

export interface SpendImportSummary {
  lines: number;
  replaced: number;
  years: string[];
  partners: number;
  totalPence: bigint;
}

export async function importSpend(records: RecordsClient, analytics: AnalyticsStore, file: string): Promise<SpendImportSummary> {
  const problems = new ImportProblems();
  const table = await readReleaseTable(file, COLUMNS, problems);
  const [refs, partners] = await Promise.all([
    geographyReferences(analytics),
    knownPartners(records, table.records.flatMap((r) => (r.values.partner ? [r.values.partner] : []))),
  ]);
  const loadedAt = new Date().toISOString();
  const lines: { row: Row; partner: string; year: string; pence: bigint }[] = [];
  for (const { line, values } of table.records) {
    const problem = (column: string, reason: string) => problems.add(table.file, line, reason, column);
    const before = problems.size;
    const empty = (['partner', 'service', 'year', 'amount'] as const).filter((k) => values[k] === undefined);
    if (empty.length > 0) {
      problems.add(table.file, line, `empty ${empty.map((k) => COLUMNS[k].names[0]).join(', ')}`);
      continue;
    }
    if (!partners.has(values.partner!)) problem('partner', `unknown partner "${values.partner}": no partner of that name is on record`);
    const year = financialYear(values.year!);
    if (!year) problem('financial_year', `bad year "${values.year}": write a financial year such as 2019/20`);
    const base = values.priceBase === undefined ? year : financialYear(values.priceBase);
    if (!base) {
      if (values.priceBase !== undefined) problem('price_base', `price base "${values.priceBase}" is not a financial year (write 2019/20)`);
    } else if (!refs.deflators.index.has(base.label)) problem('price_base', `unknown price base ${base.label}: no GDP deflator is loaded for it (import:deflators)`);
    const kind = (values.lineKind ?? 'SPEND').toUpperCase();
    if (kind !== 'SPEND' && kind !== 'ADJUSTMENT') problem('line_kind', `line kind "${values.lineKind}" must be SPEND or ADJUSTMENT`);
    const pence = parsePounds(values.amount!);
    if (pence === null) problem('amount', `amount "${values.amount}" is not an amount of pounds (up to 2 decimals)`);
    else if (pence < 0n && kind !== 'ADJUSTMENT') problem('amount', `negative amount ${values.amount}: only ADJUSTMENT lines may be negative`);

    let scope: 'LOCALITY' | 'SMALL_AREA' | 'COUNTY' = 'COUNTY';
    let driver: { kind: 'POPULATION' | 'INDICATOR'; key: string } | null = null;
    if (values.locality !== undefined && values.smallArea !== undefined) {
      problem('locality', 'give a locality or a small area, not both');
    } else if (values.locality !== undefined) {
      scope = 'LOCALITY';
      if (!refs.localities.has(values.locality)) problem('locality', `unknown locality "${values.locality}"`);
    } else if (values.smallArea !== undefined) {
      scope = 'SMALL_AREA';
      if (!refs.smallAreas.has(values.smallArea)) problem('small_area', `unknown small area "${values.smallArea}": it is in no geography version loaded`);
    }
    if (scope !== 'COUNTY' && values.driver !== undefined) problem('driver', 'a driver apportions county-wide lines only: leave it empty for a locality or small-area line');
    if (scope === 'COUNTY' && problems.size === before) {
      driver = parseDriver(values.driver);
      if (!driver) problem('driver', `unknown driver "${values.driver ?? ''}": a county-wide line needs population, population:<age band> or indicator:<indicator id>`);
      else if (driver.kind === 'POPULATION') {
        const first = refs.ageBands.get(driver.key);
        if (first === undefined) problem('driver', `unknown driver: no population is loaded for the age band "${driver.key}"`);
        else if (year && first > year.startYear) problem('driver', `driver population:${driver.key} has no estimate for ${year.label} or before (the first is ${first})`);
      } else {
        const indicator = refs.indicators.get(driver.key);
        if (!indicator) problem('driver', `unknown driver: no indicator "${driver.key}" in the statistics catalogue`);
        else if (!indicator.countable) problem('driver', `driver indicator:${driver.key} (${indicator.aggregation}) has no count to apportion by: use a SUM or RATIO indicator`);
        else if (year && (indicator.firstPeriodStart === null || indicator.firstPeriodStart > year.start)) {
          problem('driver', `driver indicator:${driver.key} has no count for a period starting on or before ${year.start}`);
        }
      }
    }
    if (problems.size > before) continue;
    lines.push({
      partner: values.partner!,
      year: year!.label,
      pence: pence!,
      row: [
        0,
        values.partner!,
        values.classification ?? null,
        values.serviceCode ?? null,
        values.service!,
        year!.label,
        year!.start,
        pence!.toString(),
        base!.label,
        kind,
        scope,
        scope === 'LOCALITY' ? values.locality! : null,
        scope === 'SMALL_AREA' ? values.smallArea! : null,
        driver?.kind ?? null,
        driver?.key ?? null,
        `${table.file}:${line}`,
        loadedAt,
      ],
    });
  }
  if (table.header.length > 0 && table.records.length === 0 && problems.size === 0) problems.add(table.file, 1, 'the file holds no spend lines');
  problems.throwIfAny('Spend import');

  const replaced = await analytics.transaction(async (tx) => {
    const keys = [...new Set(lines.map((l) => `${l.partner}\u001f${l.year}`))];
    const stored = 'FROM spend_line WHERE list_contains($keys, partner_name || chr(31) || financial_year)';
    const [count] = await tx.query<{ n: number }>(`SELECT count(*) AS n ${stored}`, { keys });
    await tx.run(`DELETE ${stored}`, { keys });
    const [next] = await tx.query<{ id: number }>('SELECT coalesce(max(line_id), 0) + 1 AS id FROM spend_line');
    lines.forEach((l, i) => {
      l.row[0] = (next?.id ?? 1) + i;
    });
    await tx.append('spend_line', lines.map((l) => l.row as (string | number | null)[]));
    return count?.n ?? 0;
  });
  return {
    lines: lines.length,
    replaced,
    years: [...new Set(lines.map((l) => l.year))].sort(),
    partners: new Set(lines.map((l) => l.partner)).size,
    totalPence: lines.reduce((sum, l) => sum + l.pence, 0n),
  };
}

function parseDriver(text: string | undefined): { kind: 'POPULATION' | 'INDICATOR'; key: string } | null {
  if (text === undefined) return null;
  const [kind, ...rest] = text.trim().split(':');
  const key = rest.join(':').trim();
  if (kind?.toLowerCase() === 'population') return { kind: 'POPULATION', key: (key || 'all_ages').toLowerCase() };
  if (kind?.toLowerCase() === 'indicator' && key) return { kind: 'INDICATOR', key };
  return null;
}
