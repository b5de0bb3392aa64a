/**
 * The request's cost loaders: the deflator series and the unit cost catalogue (one query each, on
 * first use), and spend per request shape (geography version, year, price base): one allocation
 * query answers every locality, tier and the county, kept for the whole request, so fields that
 * resolve in different ticks (the county before the localities) reuse it.
 */
import DataLoader from 'dataloader';
import type { AnalyticsQueries } from '../db/analytics.js';
import { type DeflatorSeries, loadDeflators } from './deflators.js';
import { computeSpend, type SpendAreaKind, spendAreaKey, type SpendShape, type SpendSummary } from './ledger.js';
import { loadUnitCosts, type UnitCost } from './unit-costs.js';

export interface SpendKey extends SpendShape {
  countyName: string;
  area: { kind: SpendAreaKind; code: string };
}

const shapeText = (shape: SpendShape) => JSON.stringify([shape.versionId, shape.year, shape.priceBase]);

export function createCostLoaders(db: AnalyticsQueries) {
  let deflators: Promise<DeflatorSeries> | undefined;
  const getDeflators = () => (deflators ??= loadDeflators(db));
  let unitCosts: Promise<UnitCost[]> | undefined;
  const getUnitCosts = () => (unitCosts ??= loadUnitCosts(db));

  const shapes = new Map<string, Promise<Map<string, SpendSummary>>>();
  const spend = new DataLoader<SpendKey, SpendSummary | null, string>(
    async (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const text = shapeText(key);
          let answer = shapes.get(text);
          if (!answer) {
            answer = computeSpend(db, getDeflators(), key, key.countyName);
            shapes.set(text, answer);
          }
          return (await answer).get(spendAreaKey(key.area.kind, key.area.code)) ?? null;
        }),
      ),
    { cacheKeyFn: (key) => `${shapeText(key)}|${key.area.kind}:${key.area.code}` },
  );

  return { deflators: getDeflators, unitCosts: getUnitCosts, spend };
}

export type CostLoaders = ReturnType<typeof createCostLoaders>;
