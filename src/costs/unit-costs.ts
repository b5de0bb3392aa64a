/**
 * The unit cost catalogue: what one unit of demand costs (an anti-social behaviour incident, a
 * police call-out, a young person not in education, employment or training for a year...), in its
 * source's price base, with the fiscal / economic / social parts where the source gives them
 * (the split of the GMCA / New Economy Unit Cost Database), the partner that bears it and the
 * profile indicator that counts the demand. Loaded by import/unit-costs.ts; read whole, once per
 * request (it is small).
 */
import type { AnalyticsQueries } from '../db/analytics.js';

export interface UnitCost {
  id: string;
  name: string;
  unit: string;
  costPence: bigint;
  fiscalPence: bigint | null;
  economicPence: bigint | null;
  socialPence: bigint | null;
  source: string;
  sourceYear: string;
  priceBase: string;
  partnerName: string;
  indicatorId: string;
}

interface UnitCostRow {
  unit_cost_id: string;
  name: string;
  unit: string;
  cost_pence: string;
  fiscal_pence: string | null;
  economic_pence: string | null;
  social_pence: string | null;
  source: string;
  source_year: string;
  price_base: string;
  partner_name: string;
  indicator_id: string;
  [column: string]: unknown;
}

const optional = (text: string | null) => (text === null ? null : BigInt(text));

/** The whole catalogue, by name (one query). */
export async function loadUnitCosts(db: AnalyticsQueries): Promise<UnitCost[]> {
  const rows = await db.query<UnitCostRow>(
    `SELECT unit_cost_id, name, unit, CAST(cost_pence AS VARCHAR) AS cost_pence,
            CAST(fiscal_pence AS VARCHAR) AS fiscal_pence, CAST(economic_pence AS VARCHAR) AS economic_pence,
            CAST(social_pence AS VARCHAR) AS social_pence, source, source_year, price_base, partner_name, indicator_id
     FROM unit_cost ORDER BY name, unit_cost_id`,
  );
  return rows.map((row) => ({
    id: row.unit_cost_id,
    name: row.name,
    unit: row.unit,
    costPence: BigInt(row.cost_pence),
    fiscalPence: optional(row.fiscal_pence),
    economicPence: optional(row.economic_pence),
    socialPence: optional(row.social_pence),
    source: row.source,
    sourceYear: row.source_year,
    priceBase: row.price_base,
    partnerName: row.partner_name,
    indicatorId: row.indicator_id,
  }));
}

/** The row a unit cost is stored as (column order of `unit_cost`). */
export function unitCostRow(cost: UnitCost, loadedAt: Date): (string | null)[] {
  const text = (value: bigint | null) => (value === null ? null : value.toString());
  return [
    cost.id,
    cost.name,
    cost.unit,
    cost.costPence.toString(),
    text(cost.fiscalPence),
    text(cost.economicPence),
    text(cost.socialPence),
    cost.source,
    cost.sourceYear,
    cost.priceBase,
    cost.partnerName,
    cost.indicatorId,
    loadedAt.toISOString(),
  ];
}
