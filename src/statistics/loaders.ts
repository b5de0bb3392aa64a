/**
 * The request's statistics loaders: the indicator catalogue (one query, on first use) and the
 * profile loader, which answers every area asked for in one request shape (indicators, theme,
 * period, combined set) with one query, whatever the number of localities or indicators in the
 * request: a read of the precomputed profiles (aggregates.ts), or for a combined set of
 * localities the profile query itself (profile.ts). On a geography version other than the one in
 * force, computed shapes also need that version's table (disclosure.ts, rule 6): one query per
 * request, shared by its shapes.
 */
import { shapeLoader } from '../loaders/shape-loader.js';
import type { AnalyticsQueries } from '../db/analytics.js';
import { type Indicator, loadCatalogue } from './catalogue.js';
import { profilesFor } from './aggregates.js';
import type { AreaKey } from '../geography/areas.js';
import type { ProfileOptions, ProfileRow, ProfileShape, ReferenceTables } from './profile.js';

export interface ProfileKey extends ProfileShape {
  area: AreaKey;
}

export interface StatisticsSettings {
  smallNumberThreshold: number;
  minimumCoverage: number;
}

const shapeText = (shape: ProfileShape) =>
  JSON.stringify([shape.versionId, shape.indicatorIds, shape.theme, shape.period, shape.group, shape.series, shape.customs ?? []]);

/** `settings` with the version in force of the request (disclosure control across versions). */
export function createStatisticsLoaders(db: AnalyticsQueries, settings: ProfileOptions) {
  let catalogue: Promise<Map<string, Indicator>> | undefined;
  const getCatalogue = () => {
    catalogue ??= loadCatalogue(db).then((entries) => new Map(entries.map((entry) => [entry.id, entry])));
    return catalogue;
  };

  // The version in force's tables (rule 6), shared by the request's shapes on another version.
  const referenceTables: ReferenceTables = new Map();
  const profile = shapeLoader<ProfileKey, ProfileRow[]>({
    shape: shapeText,
    item: (key) => `${key.area.kind}:${key.area.code}`,
    compute: (key) => profilesFor(db, getCatalogue(), key, settings, referenceTables),
    missing: [],
  });

  /**
   * Whether an area's count of one indicator and period is published by the profile (rules 1 to
   * 6), for the breakdowns of that area (disclosure.ts, rule 7). Every area of one version,
   * indicator and period shares one profile read.
   */
  const countPublished = async (versionId: string, indicatorId: string, period: string, area: AreaKey): Promise<boolean> => {
    const rows = await profile.load({ versionId, indicatorIds: [indicatorId], theme: null, period, group: [], series: false, area });
    const row = rows.find((r) => r.indicator.id === indicatorId && r.period === period);
    return row !== undefined && !row.suppressed;
  };

  return { catalogue: getCatalogue, profile, referenceTables, countPublished };
}
