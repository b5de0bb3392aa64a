/**
 * Population of localities, groups of localities and the whole area, from small-area estimates and the geography's
 * weights (area-population.sql). Batch-shaped: one query answers every area of a geography
 * version for one age band and period, and the request's loader asks once per such shape, however
 * many localities a request names.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { sqlFile } from '../db/sql-file.js';
import { type ShapeLoader, shapeLoader } from '../loaders/shape-loader.js';

const AREA_POPULATION_SQL = sqlFile(import.meta.url, 'area-population.sql');

import { type AreaKey, type AreaKind, areaKeyText } from '../geography/areas.js';

export interface PopulationShape {
  versionId: string;
  ageBand: string;
  /** A mid-year such as "2020", or null for the latest with data. */
  period: string | null;
}

export interface PopulationKey extends PopulationShape {
  area: AreaKey;
}

export interface PopulationEstimate {
  period: string;
  ageBand: string;
  /** Weighted: fractional where a small area is split between localities. */
  count: number;
}


/** Every area's population for one shape, keyed `KIND:code` (COUNTY's code is "COUNTY"). */
export async function areaPopulations(
  db: AnalyticsQueries,
  shape: PopulationShape,
): Promise<Map<string, PopulationEstimate>> {
  const rows = await db.query<{ area_kind: AreaKind; area_code: string; period: string | null; population: number | null }>(
    AREA_POPULATION_SQL,
    { version_id: shape.versionId, age_band: shape.ageBand, period: shape.period },
  );
  const result = new Map<string, PopulationEstimate>();
  for (const row of rows) {
    if (row.population === null || row.period === null) continue;
    result.set(areaKeyText({ kind: row.area_kind, code: row.area_code }), { period: row.period, ageBand: shape.ageBand, count: row.population });
  }
  return result;
}

/** The request's population loader: the shape loader, one query per (version, age band, period) for every area. */
export function createPopulationLoader(db: AnalyticsQueries): ShapeLoader<PopulationKey, PopulationEstimate | null> {
  return shapeLoader<PopulationKey, PopulationEstimate | null>({
    shape: (key) => JSON.stringify([key.versionId, key.ageBand, key.period]),
    item: (key) => areaKeyText(key.area),
    compute: (key) => areaPopulations(db, key),
    missing: null,
  });
}
