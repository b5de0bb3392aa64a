/**
 * The request's cost loaders: the deflator series and the unit cost catalogue (one query each, on
 * first use), and spend per request shape (geography version, year, price base): one allocation
 * query answers every locality, group of localities and the whole area, kept for the whole request (shapeLoader),
 * with the commissions of pooled and devolved funds in that year (one record-store query).
 */
import { shapeLoader } from '../loaders/shape-loader.js';
import type { AnalyticsQueries } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { commissionedSpend } from '../funds/spend.js';
import { type DeflatorSeries, loadDeflators } from './deflators.js';
import { computeSpend, type SpendAreaKind, spendAreaKey, type SpendShape, type SpendSummary } from './ledger.js';
import { loadUnitCosts, type UnitCost } from './unit-costs.js';

export interface SpendKey extends SpendShape {
  countyName: string;
  area: { kind: SpendAreaKind; code: string };
}

const shapeText = (shape: SpendShape) => JSON.stringify([shape.versionId, shape.year, shape.priceBase]);

export function createCostLoaders(db: AnalyticsQueries, records: RecordsClient) {
  let deflators: Promise<DeflatorSeries> | undefined;
  const getDeflators = () => (deflators ??= loadDeflators(db));
  let unitCosts: Promise<UnitCost[]> | undefined;
  const getUnitCosts = () => (unitCosts ??= loadUnitCosts(db));

  const spend = shapeLoader<SpendKey, SpendSummary | null>({
    shape: shapeText,
    item: (key) => spendAreaKey(key.area.kind, key.area.code),
    compute: (key) => computeSpend(db, getDeflators(), key, key.countyName, commissionedSpend(records, key.startYear)),
    missing: null,
  });

  return { deflators: getDeflators, unitCosts: getUnitCosts, spend };
}
