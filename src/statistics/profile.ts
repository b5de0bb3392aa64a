/**
 * Locality profiles: every indicator's value for every area, with its confidence intervals, the
 * county value, the comparison with it, the rank among the localities, the quintile within each
 * group of localities the geography defines and the recent trend, with small numbers withheld.
 *
 * One analytics query (profile.sql) answers a whole request shape: all localities, every group of
 * every grouping, the whole area and an optional combined set, for the chosen indicators and the periods a trend needs.
 * The statistics are then computed here, row by row, with the methods of methods.ts; ranks and
 * comparisons need every locality anyway, so asking for one locality costs the same query.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { sqlFile } from '../db/sql-file.js';
import { type AreaKey, type AreaKind, areaKeyText, parseGroupAreaCode } from '../geography/areas.js';
import type { Indicator } from './catalogue.js';
import {
  type Comparison,
  compareWithBenchmark,
  confidenceLimits,
  quintileByPolarity,
  rankByPolarity,
  recentTrend,
  suppression,
  type TrendDirection,
} from './methods.js';

export const PROFILE_SQL = sqlFile(import.meta.url, 'profile.sql');

/** Periods a recent trend looks back over (the profiles' five most recent points). */
export const TREND_POINTS = 5;

export type { AreaKey, AreaKind } from '../geography/areas.js';

export interface Area extends AreaKey {
  name: string;
}

/** What one profile query answers: the loader groups requests by it. */
export interface ProfileShape {
  versionId: string;
  /** Indicator ids, or null for every indicator (of the theme). */
  indicatorIds: readonly string[] | null;
  theme: string | null;
  /** A period label, or null for each indicator's latest. */
  period: string | null;
  /** Localities combined into one GROUP area (sorted; empty for none). */
  group: readonly string[];
  /** True for a whole series (every period), false for the chosen period with its trend window. */
  series: boolean;
}

export interface ProfileRow {
  indicator: Indicator;
  area: Area;
  period: string;
  periodStart: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lowerCI95: number | null;
  upperCI95: number | null;
  lowerCI998: number | null;
  upperCI998: number | null;
  countyValue: number | null;
  comparison: Comparison;
  trend: TrendDirection;
  /** Rank among the localities of the geography (1 = best by polarity); localities only. */
  rank: number | null;
  rankOutOf: number | null;
  /**
   * Quintile among the localities of the same group, per grouping code, in the geography's
   * grouping order (1 = best); localities only, empty when the geography defines no groupings.
   */
  groupQuintiles: Map<string, number | null>;
  suppressed: boolean;
  note: string | null;
}

interface AggregateRow {
  area_kind: AreaKind;
  area_code: string;
  area_name: string | null;
  /** A locality's groups, `grouping/group`. */
  area_groups: string[] | null;
  indicator_id: string;
  period: string;
  period_kind: string;
  period_start: string;
  period_index: number | null;
  is_chosen: boolean;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  standard_error: number | null;
  [column: string]: unknown;
}

export interface ProfileOptions {
  /** Counts under this are withheld, with everything derived from them. */
  smallNumberThreshold: number;
}

const NOT_ADDITIVE_NOTE = 'Not additive: published for small areas only.';

/** The parameters of profile.sql for a shape: the raw SQL a bench or a console can run as it is. */
export function profileParameters(shape: ProfileShape) {
  return {
    version_id: shape.versionId,
    all_indicators: shape.indicatorIds === null,
    indicator_ids: shape.indicatorIds ?? [],
    theme: shape.theme,
    period: shape.period,
    // A series reads every period (DuckDB turns this top-n into arg_max, which takes n < 1,000,000).
    window: shape.series ? 100_000 : TREND_POINTS,
    group_codes: shape.group,
  };
}

/**
 * Rows of every area of the shape, keyed `KIND:code`, each area's rows in indicator then period
 * order. The catalogue is awaited alongside the aggregation query, so the two run at once.
 */
export async function computeProfiles(
  db: AnalyticsQueries,
  catalogueLoad: Promise<ReadonlyMap<string, Indicator>>,
  shape: ProfileShape,
  options: ProfileOptions,
): Promise<Map<string, ProfileRow[]>> {
  const [aggregates, catalogue] = await Promise.all([
    db.query<AggregateRow>(PROFILE_SQL, profileParameters(shape)),
    catalogueLoad,
  ]);

  // 1. Each aggregate as a row with its intervals and suppression.
  const rows: ProfileRow[] = [];
  const groupsOf = new Map<string, string[]>();
  const points = new Map<string, { row: ProfileRow; index: number | null }[]>();
  for (const aggregate of aggregates) {
    const indicator = catalogue.get(aggregate.indicator_id);
    if (!indicator) continue;
    if (aggregate.area_kind === 'LOCALITY' && aggregate.area_groups) groupsOf.set(aggregate.area_code, aggregate.area_groups);
    const row = baseRow(indicator, aggregate, options.smallNumberThreshold);
    const seriesKey = `${aggregate.indicator_id}|${aggregate.area_kind}:${aggregate.area_code}`;
    const list = points.get(seriesKey) ?? [];
    list.push({ row, index: aggregate.period_index });
    points.set(seriesKey, list);
    if (shape.series || aggregate.is_chosen) rows.push(row);
  }

  // 2. Trends: the points up to and including each row (rows arrive in period order).
  for (const list of points.values()) {
    list.forEach(({ row }, i) => {
      if (!shape.series && i !== list.length - 1) return;
      const window = list.slice(Math.max(0, i + 1 - TREND_POINTS), i + 1);
      row.trend = window.some((point) => point.row.suppressed)
        ? 'NOT_ENOUGH_DATA'
        : recentTrend(
            row.indicator.valueType,
            window.map(({ row: point, index }) => ({
              index: index ?? Number.NaN,
              numerator: point.numerator,
              denominator: point.denominator,
              value: point.value,
              lower95: point.lowerCI95,
              upper95: point.upperCI95,
            })),
          ).direction;
    });
  }

  // 3. Benchmark (the whole area), ranks among localities and quintiles within groups, per indicator and period.
  const byIndicatorPeriod = new Map<string, ProfileRow[]>();
  for (const row of rows) {
    const key = `${row.indicator.id}|${row.period}`;
    const list = byIndicatorPeriod.get(key) ?? [];
    list.push(row);
    byIndicatorPeriod.set(key, list);
  }
  for (const list of byIndicatorPeriod.values()) {
    const county = list.find((row) => row.area.kind === 'COUNTY');
    const benchmark = county && !county.suppressed ? county.value : null;
    for (const row of list) {
      row.countyValue = benchmark;
      row.comparison =
        // A count is not compared with the county's: a part is always smaller than the whole.
        row.area.kind === 'COUNTY' || row.suppressed || row.indicator.valueType === 'COUNT'
          ? 'NOT_COMPARED'
          : compareWithBenchmark(
              row.lowerCI95 === null || row.upperCI95 === null ? null : { lower95: row.lowerCI95, upper95: row.upperCI95 },
              benchmark,
              row.indicator.polarity,
            );
    }
    const localities = list.filter((row) => row.area.kind === 'LOCALITY');
    const polarity = localities[0]?.indicator.polarity ?? 'NO_JUDGEMENT';
    const ranks = rankByPolarity(localities.map((row) => row.value), polarity);
    const ranked = localities.filter((row) => row.value !== null).length;
    localities.forEach((row, i) => {
      row.rank = ranks[i] ?? null;
      row.rankOutOf = row.rank === null ? null : ranked;
    });
    const groups = new Map<string, ProfileRow[]>();
    for (const row of localities) {
      for (const group of groupsOf.get(row.area.code) ?? []) groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    for (const [group, members] of groups) {
      const grouping = parseGroupAreaCode(group)!.grouping;
      const quintiles = quintileByPolarity(members.map((row) => row.value), polarity);
      members.forEach((row, i) => {
        row.groupQuintiles.set(grouping, quintiles[i] ?? null);
      });
    }
  }

  const result = new Map<string, ProfileRow[]>();
  for (const row of rows) {
    const key = areaKeyText(row.area);
    const list = result.get(key) ?? [];
    list.push(row);
    result.set(key, list);
  }
  return result;
}

function areaName(aggregate: AggregateRow): string {
  return aggregate.area_name ?? aggregate.area_code;
}

/** An aggregate with its intervals, or withheld when its count is too small to publish. */
function baseRow(indicator: Indicator, aggregate: AggregateRow, threshold: number): ProfileRow {
  const row: ProfileRow = {
    indicator,
    area: { kind: aggregate.area_kind, code: aggregate.area_code, name: areaName(aggregate) },
    period: aggregate.period,
    periodStart: aggregate.period_start,
    value: aggregate.value,
    numerator: aggregate.numerator,
    denominator: aggregate.denominator,
    lowerCI95: null,
    upperCI95: null,
    lowerCI998: null,
    upperCI998: null,
    countyValue: null,
    comparison: 'NOT_COMPARED',
    trend: 'NOT_ENOUGH_DATA',
    rank: null,
    rankOutOf: null,
    groupQuintiles: new Map((aggregate.area_groups ?? []).map((group) => [parseGroupAreaCode(group)!.grouping, null])),
    suppressed: false,
    note: indicator.aggregation === 'NOT_ADDITIVE' ? NOT_ADDITIVE_NOTE : null,
  };
  if (indicator.disclosureControl) {
    const withheld = suppression(aggregate.numerator, threshold);
    if (withheld.suppressed) {
      return { ...row, value: null, numerator: null, denominator: null, suppressed: true, note: withheld.reason };
    }
  }
  const limits = confidenceLimits({
    valueType: indicator.valueType,
    numerator: aggregate.numerator,
    denominator: aggregate.denominator,
    value: aggregate.value,
    multiplier: indicator.multiplier,
    standardError: aggregate.standard_error,
  });
  if (limits) {
    row.lowerCI95 = limits.lower95;
    row.upperCI95 = limits.upper95;
    row.lowerCI998 = limits.lower998;
    row.upperCI998 = limits.upper998;
  }
  return row;
}
