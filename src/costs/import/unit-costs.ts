/**
 * The unit cost importer: a CSV with one row per unit cost:
 *
 *   id, name, unit, cost, fiscal, economic, social, source, source_year, price_base, partner, indicator_id
 *
 * Money in pounds with up to 2 decimals (read exactly, as pence); `fiscal`, `economic` and
 * `social` may be empty where the source does not split the cost. Idempotent by id: an entry
 * replaces the stored entry with its id.
 *
 * All or nothing. Rejected: a blank or malformed id, an id twice, a required column empty, money
 * that is not pounds, a negative cost or part, parts above the cost or (all three given) not summing
 * to it, a price base that is not a financial year or has no GDP deflator loaded, an unknown partner
 * (matched by its unique name), an unknown indicator or one without a count (a mean or an index).
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import type { RecordsClient } from '../../db/records.js';
import type { ColumnSpec } from '../../importing/csv.js';
import { readReleaseTable } from '../../importing/files.js';
import { ImportProblems } from '../../importing/problems.js';
import { financialYear } from '../deflators.js';
import { parsePounds } from '../money.js';
import { type UnitCost, unitCostRow } from '../unit-costs.js';
import { geographyReferences, knownPartners } from './references.js';

const COLUMNS = {
  id: { names: ['id', 'unit_cost_id'], required: true },
  name: { names: ['name'], required: true },
  unit: { names: ['unit'], required: true },
  cost: { names: ['cost', 'unit_cost'], required: true },
  fiscal: { names: ['fiscal', 'fiscal_cost'], required: false },
  economic: { names: ['economic', 'economic_cost'], required: false },
  social: { names: ['social', 'social_cost'], required: false },
  source: { names: ['source'], required: true },
  sourceYear: { names: ['source_year', 'year'], required: true },
  priceBase: { names: ['price_base'], required: true },
  partner: { names: ['partner', 'agency', 'bearer'], required: true },
  indicatorId: { names: ['indicator_id', 'indicator'], required: true },
} satisfies Record<string, ColumnSpec>;

const ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const PARTS = ['fiscal', 'economic', 'social'] as const;

export async function importUnitCosts(records: RecordsClient, analytics: AnalyticsStore, file: string): Promise<{ unitCosts: number; replaced: number }> {
  const problems = new ImportProblems();
  const table = await readReleaseTable(file, COLUMNS, problems);
  const [references, partners] = await Promise.all([
    geographyReferences(analytics),
    knownPartners(records, table.records.flatMap((r) => (r.values.partner ? [r.values.partner] : []))),
  ]);
  const costs: UnitCost[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.records) {
    const problem = (column: string, reason: string) => problems.add(table.file, line, reason, column);
    const before = problems.size;
    const empty = (['id', 'name', 'unit', 'cost', 'source', 'sourceYear', 'priceBase', 'partner', 'indicatorId'] as const).filter((k) => values[k] === undefined);
    if (empty.length > 0) {
      problems.add(table.file, line, `empty ${empty.map((k) => COLUMNS[k].names[0]).join(', ')}`);
      continue;
    }
    const id = values.id!;
    if (!ID.test(id)) problem('id', `id "${id}" must be lower-case letters, digits and - _ . (e.g. asb-incident)`);
    const first = seen.get(id);
    if (first !== undefined) problem('id', `id "${id}" is given twice (first on line ${first})`);
    seen.set(id, line);
    const money = (column: string, text: string | undefined) => {
      if (text === undefined) return null;
      const pence = parsePounds(text);
      if (pence === null) problem(column, `${column} "${text}" is not an amount of pounds (up to 2 decimals)`);
      else if (pence < 0n) problem(column, `${column} ${text} is negative: a unit cost cannot be`);
      return pence;
    };
    const cost = money('cost', values.cost);
    const parts = PARTS.map((part) => money(part, values[part]));
    if (cost !== null && cost >= 0n) {
      parts.forEach((part, i) => {
        if (part !== null && part > cost) problem(PARTS[i]!, `${PARTS[i]} part ${values[PARTS[i]!]} is more than the cost ${values.cost}`);
      });
      if (parts.every((part) => part !== null) && parts.reduce((sum, part) => sum! + part!, 0n) !== cost) {
        problem('cost', `fiscal + economic + social (${parts.map((_, i) => values[PARTS[i]!]).join(' + ')}) do not add up to the cost ${values.cost}`);
      }
    }
    const base = financialYear(values.priceBase!);
    if (!base) problem('price_base', `price base "${values.priceBase}" is not a financial year (write 2019/20)`);
    else if (!references.deflators.index.has(base.label)) problem('price_base', `unknown price base ${base.label}: no GDP deflator is loaded for it (import:deflators)`);
    if (!partners.has(values.partner!)) problem('partner', `unknown partner "${values.partner}": no partner of that name is on record`);
    const indicator = references.indicators.get(values.indicatorId!);
    if (!indicator) problem('indicator_id', `unknown indicator "${values.indicatorId}": it is not in the statistics catalogue`);
    else if (!indicator.countable) problem('indicator_id', `indicator "${values.indicatorId}" (${indicator.aggregation}) has no count of demand: use a SUM or RATIO indicator`);
    if (problems.size > before) continue;
    costs.push({
      id,
      name: values.name!,
      unit: values.unit!,
      costPence: cost!,
      fiscalPence: parts[0]!,
      economicPence: parts[1]!,
      socialPence: parts[2]!,
      source: values.source!,
      sourceYear: values.sourceYear!,
      priceBase: base!.label,
      partnerName: values.partner!,
      indicatorId: values.indicatorId!,
    });
  }
  if (table.header.length > 0 && table.records.length === 0 && problems.size === 0) problems.add(table.file, 1, 'the file holds no unit costs');
  problems.throwIfAny('Unit cost import');

  const loadedAt = new Date();
  const replaced = await analytics.transaction(async (tx) => {
    const ids = costs.map((c) => c.id);
    const [count] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM unit_cost WHERE list_contains($ids, unit_cost_id)', { ids });
    await tx.run('DELETE FROM unit_cost WHERE list_contains($ids, unit_cost_id)', { ids });
    await tx.append('unit_cost', costs.map((c) => unitCostRow(c, loadedAt)));
    return count?.n ?? 0;
  });
  return { unitCosts: costs.length, replaced };
}
