/**
 * The bundled, ILLUSTRATIVE cost sample (data/sample/costs/, see data/README.md): a GDP deflator
 * series, unit costs and a spend ledger for the nine sample localities, loaded on first start
 * after the partnership sample (the ledger names its partners) through the same importers users
 * run.
 */
import path from 'node:path';
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { importDeflators } from './import/deflators.js';
import { importSpend } from './import/spend.js';
import { importUnitCosts } from './import/unit-costs.js';

export async function loadCostSample(records: RecordsClient, analytics: AnalyticsStore, dir: string) {
  const deflators = await importDeflators(analytics, path.join(dir, 'deflators.csv'), { series: 'ILLUSTRATIVE sample series (not HM Treasury figures)' });
  const unitCosts = await importUnitCosts(records, analytics, path.join(dir, 'unit_costs.csv'));
  const spend = await importSpend(records, analytics, path.join(dir, 'spend.csv'));
  return { deflatorYears: deflators.years, unitCosts: unitCosts.unitCosts, spendLines: spend.lines, spendYears: spend.years };
}
