/**
 * Precomputed profiles: every area's profile rows (values, both intervals, county value,
 * comparison, rank, quintile, trend, suppression, coverage), computed once when the data or the
 * geography changes and read by requests, instead of aggregated from small areas on every request.
 *
 * The precompute IS the on-request code: `computeProfiles` (profile.sql and profile.ts) run over
 * every indicator with every period (a series shape, no combined set), its rows stored as they
 * are. A request shape without a combined set reads them (aggregates.sql); a shape with a combined
 * set of localities is computed on request from small areas, as before. Disclosure control,
 * ranks, quintiles and the county benchmark are per indicator and period over every locality, so
 * they do not depend on which indicators a request asks for, and a series' trend at a period is the
 * trend a request for that period computes (test/statistics/aggregates.test.ts checks every area).
 *
 * Keys: the geography version and the settings that change the figures (the small-number
 * threshold, the minimum coverage, and the version in force, which disclosure control across
 * versions compares every other version with: disclosure.ts, rule 6). `profile_aggregate_set`
 * says which (version, settings) are complete. When another version comes into force, requests
 * find no set for the new settings and compute on request until the next start, or geography
 * load, makes them. They are kept current inside the same analytics transaction as the change:
 * - an import recomputes the indicators it touched, for every set (`refreshAggregates`);
 * - a geography load recomputes every indicator for every version (`refreshAggregates`, all);
 * - a server makes its own settings' sets on start when they are missing (`ensureAggregates`).
 * A reader therefore sees the old data with the old aggregates or the new with the new.
 */
import type { AnalyticsQueries, AnalyticsStore, AnalyticsTransaction, SqlParam } from '../db/analytics.js';
import { sqlFile } from '../db/sql-file.js';
import { type Indicator, loadCatalogue } from './catalogue.js';
import type { Comparison, TrendDirection } from './methods.js';
import type { AreaKind } from '../geography/areas.js';
import { computeProfiles, type ProfileOptions, type ProfileRow, type ProfileShape, type ReferenceTables } from './profile.js';

export const AGGREGATES_SQL = sqlFile(import.meta.url, 'aggregates.sql');

/** Indicators precomputed by one profile query. */
const PRECOMPUTE_BATCH = 20;

/** The text that keys aggregates computed with these settings. */
export function settingsKey(options: ProfileOptions): string {
  return `${options.smallNumberThreshold}|${options.minimumCoverage}|${options.versionInForce ?? ''}`;
}

function parseSettings(key: string): ProfileOptions {
  const [threshold, coverage, versionInForce] = key.split('|');
  return { smallNumberThreshold: Number(threshold), minimumCoverage: Number(coverage), versionInForce: versionInForce || null };
}

interface StoredRow {
  indicator_id: string;
  area_kind: AreaKind;
  area_code: string;
  area_name: string;
  period: string;
  period_start: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower_ci95: number | null;
  upper_ci95: number | null;
  lower_ci998: number | null;
  upper_ci998: number | null;
  county_value: number | null;
  comparison: Comparison;
  trend: TrendDirection;
  rank: number | null;
  rank_out_of: number | null;
  quintile: number | null;
  suppressed: boolean;
  note: string | null;
  coverage: number | null;
  denominator_coverage: number | null;
  incomplete: boolean;
  small_area_lookup: string | null;
  [column: string]: unknown;
}

/** A profile row as the table's columns (src/db/analytics-migrations/ order), for the appender. */
function storedColumns(versionId: string, settings: string, row: ProfileRow, at: string): SqlParam[] {
  return [
    versionId, settings, row.indicator.id, row.area.kind, row.area.code, row.area.name, row.period, row.periodStart,
    row.value, row.numerator, row.denominator, row.lowerCI95, row.upperCI95, row.lowerCI998, row.upperCI998,
    row.countyValue, row.comparison, row.trend, row.rank, row.rankOutOf, row.quintile, row.suppressed, row.note,
    row.coverage, row.denominatorCoverage, row.incomplete, row.smallAreaLookup, at,
  ];
}

/**
 * Recompute, inside `tx`, the aggregates of `indicatorIds` (null: every indicator) for every
 * (version, settings) set, or only for `sets` when given; and the periods each indicator has.
 * `batch` indicators are computed by one profile query. Returns the number of rows written.
 */
export async function refreshAggregates(
  tx: AnalyticsTransaction,
  indicatorIds: readonly string[] | null,
  sets?: readonly { versionId: string; settings: string }[],
  batch = PRECOMPUTE_BATCH,
): Promise<number> {
  const ids = indicatorIds === null ? null : [...new Set(indicatorIds)].sort();
  if (ids !== null && ids.length === 0) return 0;
  const which = { all: ids === null, ids: ids ?? [] };
  await tx.run('DELETE FROM indicator_period WHERE $all OR list_contains($ids, indicator_id)', which);
  await tx.run(
    `INSERT INTO indicator_period
     SELECT DISTINCT indicator_id, period, period_start FROM observation WHERE $all OR list_contains($ids, indicator_id)`,
    which,
  );
  const targets =
    sets ??
    (
      await tx.query<{ version_id: string; settings: string }>(
        `SELECT s.version_id, s.settings FROM profile_aggregate_set AS s
         SEMI JOIN geography_version AS v ON v.version_id = s.version_id ORDER BY 1, 2`,
      )
    ).map((set) => ({ versionId: set.version_id, settings: set.settings }));
  if (targets.length === 0) return 0;
  const catalogue = loadCatalogue(tx).then((entries) => new Map<string, Indicator>(entries.map((entry) => [entry.id, entry])));
  // A batch of indicators at a time: one query over every indicator at national size (200
  // indicators x 10 years x 32,844 small areas) ran out of DuckDB's memory limit; an indicator's
  // rows do not depend on the others computed with it (ranks, quintiles, the county are per indicator).
  const every = ids ?? (await catalogue).keys();
  const batches: string[][] = [];
  for (const id of [...every].sort()) {
    if (batches.length === 0 || batches.at(-1)!.length >= batch) batches.push([]);
    batches.at(-1)!.push(id);
  }
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  let written = 0;
  for (const { versionId, settings } of targets) {
    await tx.run(
      'DELETE FROM profile_aggregate WHERE version_id = $version AND settings = $settings AND ($all OR list_contains($ids, indicator_id))',
      { version: versionId, settings, ...which },
    );
    for (const ids of batches) {
      const shape: ProfileShape = { versionId, indicatorIds: ids, theme: null, period: null, group: [], series: true };
      const areas = await computeProfiles(tx, catalogue, shape, parseSettings(settings));
      const rows = [...areas.values()].flat().map((row) => storedColumns(versionId, settings, row, at));
      if (rows.length > 0) await tx.append('profile_aggregate', rows);
      written += rows.length;
    }
  }
  return written;
}

/**
 * After a geography load: the sets of versions gone are dropped, and every set is recomputed for
 * every version; given the version now in force, the sets are made against it (rule 6) instead
 * of the one they were made against.
 */
export async function refreshAggregatesForGeography(tx: AnalyticsTransaction, versionInForce?: string | null): Promise<void> {
  await tx.run('DELETE FROM profile_aggregate WHERE version_id NOT IN (SELECT version_id FROM geography_version)');
  await tx.run('DELETE FROM profile_aggregate_set WHERE version_id NOT IN (SELECT version_id FROM geography_version)');
  const stored = await tx.query<{ settings: string }>('SELECT DISTINCT settings FROM profile_aggregate_set ORDER BY 1');
  const settings = [
    ...new Set(stored.map(({ settings: key }) => (versionInForce === undefined ? key : settingsKey({ ...parseSettings(key), versionInForce })))),
  ].map((key) => ({ settings: key }));
  const versions = await tx.query<{ version_id: string }>('SELECT version_id FROM geography_version ORDER BY 1');
  const sets = settings.flatMap(({ settings: key }) => versions.map(({ version_id }) => ({ versionId: version_id, settings: key })));
  await tx.run('DELETE FROM profile_aggregate_set');
  await tx.run('DELETE FROM profile_aggregate');
  await refreshAggregates(tx, null, sets);
  for (const set of sets) await markComplete(tx, set.versionId, set.settings);
}

async function markComplete(tx: AnalyticsTransaction, versionId: string, settings: string): Promise<void> {
  await tx.run('INSERT INTO profile_aggregate_set VALUES ($version, $settings, now())', { version: versionId, settings });
}

/**
 * Make the aggregates of every geography version for these settings where they are missing (a
 * server's start). Returns the versions computed.
 */
export async function ensureAggregates(analytics: AnalyticsStore, options: ProfileOptions): Promise<string[]> {
  const settings = settingsKey(options);
  const missing = await analytics.query<{ version_id: string }>(
    `SELECT version_id FROM geography_version AS v
     WHERE NOT EXISTS (SELECT 1 FROM profile_aggregate_set AS s WHERE s.version_id = v.version_id AND s.settings = $settings)
     ORDER BY 1`,
    { settings },
  );
  const versions = missing.map((row) => row.version_id);
  if (versions.length === 0) return [];
  await analytics.transaction(async (tx) => {
    await tx.run('DELETE FROM profile_aggregate WHERE settings = $settings AND list_contains($versions, version_id)', { settings, versions });
    await refreshAggregates(tx, null, versions.map((versionId) => ({ versionId, settings })));
    for (const versionId of versions) await markComplete(tx, versionId, settings);
  });
  return versions;
}

/**
 * A shape's rows from the precomputed aggregates, keyed `KIND:code` as `computeProfiles` keys
 * them; null when the shape cannot be read (a combined set) or its version's aggregates are not
 * there for these settings: the caller then computes on request.
 */
export async function readAggregates(
  db: AnalyticsQueries,
  catalogueLoad: Promise<ReadonlyMap<string, Indicator>>,
  shape: ProfileShape,
  options: ProfileOptions,
): Promise<Map<string, ProfileRow[]> | null> {
  // A combined set or a custom area is computed on request.
  if (shape.group.length > 0 || (shape.customs?.length ?? 0) > 0) return null;
  const settings = settingsKey(options);
  const [stored, catalogue] = await Promise.all([
    db.query<StoredRow>(AGGREGATES_SQL, {
      version_id: shape.versionId,
      settings,
      all_indicators: shape.indicatorIds === null,
      indicator_ids: shape.indicatorIds ?? [],
      theme: shape.theme,
      period: shape.period,
      series: shape.series,
    }),
    catalogueLoad,
  ]);
  if (stored.length === 0) {
    // Nothing: either nothing to show, or no aggregates for this version yet (then compute).
    const [set] = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM profile_aggregate_set WHERE version_id = $version AND settings = $settings',
      { version: shape.versionId, settings },
    );
    if (!set || set.n === 0) return null;
  }
  const result = new Map<string, ProfileRow[]>();
  for (const row of stored) {
    const indicator = catalogue.get(row.indicator_id);
    if (!indicator) continue;
    const key = `${row.area_kind}:${row.area_code}`;
    const list = result.get(key) ?? [];
    list.push({
      indicator,
      area: { kind: row.area_kind, code: row.area_code, name: row.area_name },
      period: row.period,
      periodStart: row.period_start,
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      lowerCI95: row.lower_ci95,
      upperCI95: row.upper_ci95,
      lowerCI998: row.lower_ci998,
      upperCI998: row.upper_ci998,
      countyValue: row.county_value,
      comparison: row.comparison,
      trend: row.trend,
      rank: row.rank,
      rankOutOf: row.rank_out_of,
      quintile: row.quintile,
      suppressed: row.suppressed,
      note: row.note,
      coverage: row.coverage,
      denominatorCoverage: row.denominator_coverage,
      incomplete: row.incomplete,
      smallAreaLookup: row.small_area_lookup,
    });
    result.set(key, list);
  }
  return result;
}

/**
 * A shape's rows: read from the aggregates where they hold it, computed from small areas otherwise
 * (`referenceTables`: the request's tables of the version in force, profile.ts).
 */
export async function profilesFor(
  db: AnalyticsQueries,
  catalogueLoad: Promise<ReadonlyMap<string, Indicator>>,
  shape: ProfileShape,
  options: ProfileOptions,
  referenceTables?: ReferenceTables,
): Promise<Map<string, ProfileRow[]>> {
  return (await readAggregates(db, catalogueLoad, shape, options)) ?? computeProfiles(db, catalogueLoad, shape, options, referenceTables);
}
