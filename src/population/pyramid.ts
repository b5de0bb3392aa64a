/**
 * Population pyramids: residents in five-year age bands (0-4 ... 85-89, 90 and over) by sex where
 * the loaded estimates have a sex split (bands `males_aged_0_4`...), else persons only, for every
 * locality and the county of a geography version in one query (pyramid.sql). Small areas split
 * between localities contribute by weight, as every population figure does.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { sqlFile } from '../db/sql-file.js';
import { shapeLoader } from '../loaders/shape-loader.js';

const PYRAMID_SQL = sqlFile(import.meta.url, 'pyramid.sql');

export interface PyramidBand {
  /** "0-4", ..., "90+". */
  label: string;
  from: number;
  /** Inclusive; null for the open band. */
  to: number | null;
  persons: number | null;
  males: number | null;
  females: number | null;
}

export interface Pyramid {
  period: string;
  bySex: boolean;
  bands: PyramidBand[];
}

const FIVE_YEAR = /^(?:(males|females)_)?aged_(\d+)_(\d+|plus)$/;

export async function areaPyramids(db: AnalyticsQueries, versionId: string, period: string | null): Promise<Map<string, Pyramid>> {
  const rows = await db.query<{ area_kind: string; area_code: string; period: string; age_band: string; population: number }>(PYRAMID_SQL, {
    version_id: versionId,
    period,
  });
  const byArea = new Map<string, { period: string; bands: Map<number, PyramidBand> }>();
  for (const row of rows) {
    const match = FIVE_YEAR.exec(row.age_band);
    if (!match) continue;
    const from = Number(match[2]);
    const to = match[3] === 'plus' ? null : Number(match[3]);
    // Only the five-year bands (and the open band from 90) make a pyramid.
    if (from % 5 !== 0 || (to !== null && to !== from + 4) || (to === null && from !== 90)) continue;
    const key = `${row.area_kind}:${row.area_code}`;
    const area = byArea.get(key) ?? { period: row.period, bands: new Map<number, PyramidBand>() };
    byArea.set(key, area);
    const band = area.bands.get(from) ?? { label: to === null ? `${from}+` : `${from}-${to}`, from, to, persons: null, males: null, females: null };
    area.bands.set(from, band);
    const sex = match[1] as 'males' | 'females' | undefined;
    band[sex ?? 'persons'] = row.population;
  }
  const result = new Map<string, Pyramid>();
  for (const [key, area] of byArea) {
    const bands = [...area.bands.values()].sort((a, b) => a.from - b.from);
    for (const band of bands) {
      if (band.persons === null && band.males !== null && band.females !== null) band.persons = band.males + band.females;
    }
    result.set(key, { period: area.period, bySex: bands.every((b) => b.males !== null && b.females !== null), bands });
  }
  return result;
}

export function createPyramidLoader(db: AnalyticsQueries) {
  return shapeLoader<{ versionId: string; period: string | null; area: { kind: 'LOCALITY' | 'COUNTY'; code: string } }, Pyramid | null>({
    shape: (key) => JSON.stringify([key.versionId, key.period]),
    item: (key) => `${key.area.kind}:${key.area.code}`,
    compute: (key) => areaPyramids(db, key.versionId, key.period),
    missing: null,
  });
}
