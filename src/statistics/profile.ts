/**
 * Locality profiles: every indicator's value for every area, with its confidence intervals, the
 * county value, the comparison with it, the rank among the localities, the quintile among all
 * the localities of the geography and the recent trend, with small numbers withheld.
 *
 * One analytics query (profile.sql) answers a whole request shape: all localities, every group of
 * every grouping, the whole area and an optional combined set, for the chosen indicators and the periods a trend needs.
 * The statistics are then computed here, row by row, with the methods of methods.ts; ranks and
 * comparisons need every locality anyway, so asking for one locality costs the same query. On a
 * version other than the one in force, the same query over the version in force runs alongside
 * (two queries, at once), for disclosure control across versions (disclosure.ts, rule 6).
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
  type TrendDirection,
} from './methods.js';
import { protectTable, type TableProtection, WITHHELD_NOTES, type WithheldReason } from './disclosure.js';
import { dsrWithDobsonLimits, DSR_MINIMUM_COUNT, esp2013Weight } from './dsr.js';
import { consecutive, type PeriodKind } from './period.js';
import { recentTrend, TREND_POINTS } from './trend.js';

export const PROFILE_SQL = sqlFile(import.meta.url, 'profile.sql');


export interface Area extends AreaKey {
  name: string;
}

/**
 * A custom area as the profile query takes it (src/custom-areas/): the version's small areas it
 * takes with their weights (sorted by code), and, when it is exactly some whole localities, their
 * codes (for disclosure control: disclosure.ts, rule 5).
 */
export interface CustomMembership {
  codes: readonly string[];
  weights: readonly number[];
  localities: readonly string[] | null;
}

/** A custom area in a profile request: its membership and its key, the code of its rows' area (kind CUSTOM). */
export interface CustomProfileArea extends CustomMembership {
  key: string;
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
  /** Custom areas profiled with the others (areas CUSTOM:<key>, in key order); absent or empty for none. */
  customs?: readonly CustomProfileArea[];
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
  /** Quintile among all the localities of the geography (1 = best); localities only, none while any is withheld. */
  quintile: number | null;
  suppressed: boolean;
  note: string | null;
  /** Share (0 to 1, by weight) of the area's small areas that have data for this period. */
  coverage: number | null;
  /** Share of the area's denominator (where the small areas give one) in small areas with a count. */
  denominatorCoverage: number | null;
  /** True when either share is under 1: the figure covers part of the area. */
  incomplete: boolean;
  /**
   * How figures published on another generation of small areas were carried to this geography's
   * (the ONS lookup and its apportionment; src/geography/small-area-lookup.ts), or null.
   */
  smallAreaLookup: string | null;
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
  coverage: number | null;
  denominator_coverage: number | null;
  bridge_method: string | null;
  /** Published small areas carried from another generation, and how many of them were shared among several. */
  bridged: number;
  apportioned: number;
  /** On the custom area's rows: the smallest count any small area of the version publishes. */
  smallest_count: number | null;
  /** A digest of the published small areas the area adds up and their weights (rule 6), when asked for. */
  composition: string | null;
  [column: string]: unknown;
}

export interface ProfileOptions {
  /** Counts under this are withheld, with everything derived from them. */
  smallNumberThreshold: number;
  /** A figure covering less than this share of its area's small areas (or denominator) is withheld. */
  minimumCoverage: number;
  /**
   * The geography version in force (GeographyScope.disclosureReference): on any other version a
   * count is published only where this version publishes the same cell (disclosure.ts, rule 6).
   * Null only where no version is loaded.
   */
  versionInForce: string | null;
}

const NOT_ADDITIVE_NOTE = 'Not additive: published for small areas only.';

/** The parameters of profile.sql for a shape: the raw SQL a bench or a console can run as it is. */
export function profileParameters(shape: ProfileShape, compositions = false) {
  return {
    version_id: shape.versionId,
    all_indicators: shape.indicatorIds === null,
    indicator_ids: shape.indicatorIds ?? [],
    theme: shape.theme,
    period: shape.period,
    // A series reads every period (DuckDB turns this top-n into arg_max, which takes n < 1,000,000).
    window: shape.series ? 100_000 : TREND_POINTS,
    group_codes: shape.group,
    custom_areas: (shape.customs ?? []).flatMap((area) => area.codes.map(() => area.key)),
    custom_codes: (shape.customs ?? []).flatMap((area) => area.codes),
    custom_weights: (shape.customs ?? []).flatMap((area) => area.weights),
    compositions,
  };
}

/** The version rule 6 compares a shape's version with: the version in force, when it is another. */
function referenceFor(shape: ProfileShape, options: ProfileOptions): string | null {
  return options.versionInForce !== null && options.versionInForce !== shape.versionId ? options.versionInForce : null;
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
  referenceTables: ReferenceTables = new Map(),
): Promise<Map<string, ProfileRow[]>> {
  const reference = referenceFor(shape, options);
  let publishedLoad: Promise<Map<string, Set<string>>> | null = null;
  if (reference !== null) {
    // The version in force's table, every locality, group and the county (rule 6): one query
    // for every shape of the request that differs only in its combined set or custom area.
    const referenceShape = { ...shape, versionId: reference, group: [], customs: [] };
    const key = JSON.stringify(profileParameters(referenceShape, true));
    publishedLoad =
      referenceTables.get(key) ??
      Promise.all([db.query<AggregateRow>(PROFILE_SQL, profileParameters(referenceShape, true)), catalogueLoad]).then(
        ([aggregates, catalogue]) => referencePublishes(aggregates, catalogue, referenceShape, options),
      );
    referenceTables.set(key, publishedLoad);
  }
  const [aggregates, publishedThere, catalogue] = await Promise.all([
    db.query<AggregateRow>(PROFILE_SQL, profileParameters(shape, reference !== null)),
    publishedLoad,
    catalogueLoad,
  ]);
  return tabulate(aggregates, catalogue, shape, options, publishedThere);
}

/**
 * What the version in force publishes, by the parameters of its query: kept for one request
 * (statistics/loaders.ts), so its combined sets on another version share the reference's query.
 */
export type ReferenceTables = Map<string, Promise<Map<string, Set<string>>>>;

/**
 * What the version in force publishes (rule 6): the compositions of its published controlled
 * cells, by `indicator|period`, after its own disclosure control (rules 1 to 3).
 */
function referencePublishes(
  aggregates: readonly AggregateRow[],
  catalogue: ReadonlyMap<string, Indicator>,
  shape: ProfileShape,
  options: ProfileOptions,
): Map<string, Set<string>> {
  const compositions = new Map<ProfileRow, string | null>();
  const areas = tabulate(aggregates, catalogue, { ...shape, series: true, group: [], customs: [] }, options, null, compositions);
  const published = new Map<string, Set<string>>();
  for (const row of [...areas.values()].flat()) {
    const composition = compositions.get(row);
    if (!row.indicator.disclosureControl || row.suppressed || !composition || !TABLE_KINDS.has(row.area.kind)) continue;
    const key = `${row.indicator.id}|${row.period}`;
    const set = published.get(key) ?? new Set<string>();
    set.add(composition);
    published.set(key, set);
  }
  return published;
}

/** The cells of a version's table: what rule 6 compares between versions. */
const TABLE_KINDS: ReadonlySet<AreaKind> = new Set(['LOCALITY', 'LOCALITY_GROUP', 'COUNTY']);

/**
 * The profile rows of one query's aggregates: intervals, disclosure control (with rule 6 where
 * `publishedThere`, the reference's published compositions, is given), trends, benchmarks, ranks.
 * `compositions`, when given, receives each row's composition.
 */
function tabulate(
  aggregates: readonly AggregateRow[],
  catalogue: ReadonlyMap<string, Indicator>,
  shape: ProfileShape,
  options: ProfileOptions,
  publishedThere: ReadonlyMap<string, ReadonlySet<string>> | null,
  compositions?: Map<ProfileRow, string | null>,
): Map<string, ProfileRow[]> {
  // 1. Each aggregate as a row with its intervals and suppression.
  const rows: ProfileRow[] = [];
  const groupsOf = new Map<string, string[]>();
  const localityCodes = new Set<string>();
  const points = new Map<string, { row: ProfileRow; index: number | null; kind: string }[]>();
  const smallest = new Map<string, number | null>();
  const versionWithheld = new Set<ProfileRow>();
  // A DSR's age bands (profile.sql's `indicator|band` series), summed per area and period.
  const bands = new Map<string, AgeBandSum[]>();
  for (const aggregate of aggregates) {
    const bar = aggregate.indicator_id.indexOf('|');
    if (bar < 0) continue;
    const key = bandKey(aggregate.indicator_id.slice(0, bar), aggregate.area_kind, aggregate.area_code, aggregate.period);
    const list = bands.get(key) ?? [];
    list.push({ band: aggregate.indicator_id.slice(bar + 1), count: aggregate.numerator, population: aggregate.denominator });
    bands.set(key, list);
  }
  for (const aggregate of aggregates) {
    if (aggregate.indicator_id.includes('|')) continue;
    if (aggregate.area_kind === 'CUSTOM') smallest.set(`${aggregate.indicator_id}|${aggregate.period}`, aggregate.smallest_count);
    const indicator = catalogue.get(aggregate.indicator_id);
    if (!indicator) continue;
    if (aggregate.area_kind === 'LOCALITY') localityCodes.add(aggregate.area_code);
    if (aggregate.area_kind === 'LOCALITY' && aggregate.area_groups) groupsOf.set(aggregate.area_code, aggregate.area_groups);
    const row = baseRow(indicator, aggregate, options.minimumCoverage);
    compositions?.set(row, aggregate.composition);
    // Rule 6: a controlled cell of another version than the one in force is published only where
    // the version in force publishes a cell of the same composition.
    const notPublishedThere =
      publishedThere !== null &&
      indicator.disclosureControl &&
      TABLE_KINDS.has(aggregate.area_kind) &&
      !(aggregate.composition !== null && publishedThere.get(`${aggregate.indicator_id}|${aggregate.period}`)?.has(aggregate.composition));
    if (notPublishedThere) versionWithheld.add(row);
    if (indicator.valueType === 'DSR') {
      standardise(row, bands.get(bandKey(indicator.id, aggregate.area_kind, aggregate.area_code, aggregate.period)) ?? []);
    }
    const seriesKey = `${aggregate.indicator_id}|${aggregate.area_kind}:${aggregate.area_code}`;
    const list = points.get(seriesKey) ?? [];
    list.push({ row, index: aggregate.period_index, kind: aggregate.period_kind });
    points.set(seriesKey, list);
    if (shape.series || aggregate.is_chosen) rows.push(row);
  }

  // 1b. Disclosure control over every figure of each indicator and period (disclosure.ts).
  withholdSmallNumbers(
    [...points.values()].flatMap((list) => list.map(({ row }) => row)),
    [...localityCodes].sort(),
    groupsOf,
    shape.group,
    options.smallNumberThreshold,
    { localitiesOf: new Map((shape.customs ?? []).map((area) => [area.key, area.localities])), smallest },
    versionWithheld,
  );

  // 1c. Too little coverage: withheld after disclosure control, which needs every count.
  for (const list of points.values()) {
    for (const { row } of list) {
      if (!row.suppressed && row.note?.startsWith('Withheld:')) withhold(row, row.note, false);
    }
  }

  // 2. Trends: the points up to and including each row (rows arrive in period order).
  for (const list of points.values()) {
    list.forEach(({ row }, i) => {
      if (!shape.series && i !== list.length - 1) return;
      const window = list.slice(Math.max(0, i + 1 - TREND_POINTS), i + 1);
      // Five consecutive periods of one kind (period.ts): 2016, 2017/18, 2018 is no series.
      const oneKind = consecutive(window.map((point) => ({ kind: point.kind as PeriodKind, index: point.index })));
      row.trend = !oneKind || window.some((point) => point.row.suppressed)
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

  // 3. Benchmark (the whole area), ranks and quintiles among localities, per indicator and period.
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
    // Ranks and quintiles among all the localities, or none: among the published ones only, a
    // rank "1 of 2" would say how many were withheld (and mislead).
    const complete = localities.every((row) => !row.suppressed && row.value !== null);
    if (!complete) continue;
    const polarity = localities[0]?.indicator.polarity ?? 'NO_JUDGEMENT';
    const ranks = rankByPolarity(localities.map((row) => row.value), polarity);
    // Quintiles across all the localities of the geography, as the profiles' quintile benchmark
    // ranks areas of one type (PHEindicatormethods phe_quantile; null under five localities).
    const quintiles = quintileByPolarity(localities.map((row) => row.value), polarity);
    localities.forEach((row, i) => {
      row.rank = ranks[i] ?? null;
      row.rankOutOf = row.rank === null ? null : localities.length;
      row.quintile = quintiles[i] ?? null;
    });
  }

  const result = new Map<string, ProfileRow[]>();
  for (const row of rows) {
    // A mean has no count: its numerator is the value times the weight (the denominator, the
    // population named by weightPopulation), not a number of anything.
    if (row.indicator.valueType === 'MEAN') row.numerator = null;
    const key = areaKeyText(row.area);
    const list = result.get(key) ?? [];
    list.push(row);
    result.set(key, list);
  }
  return result;
}

/** One age band of a DSR summed over an area's small areas (with their weights). */
interface AgeBandSum {
  band: string;
  count: number | null;
  population: number | null;
}

const bandKey = (indicatorId: string, kind: string, code: string, period: string) => `${indicatorId}|${kind}:${code}|${period}`;

/**
 * A DSR row's value and limits from its area's summed age bands: Dobson's method on the European
 * Standard Population 2013 (dsr.ts; PHEindicatormethods calculate_dsr), per the indicator's
 * multiplier. The row keeps the total count and population (summed over bands, so disclosure
 * control sees the total count as for any count); under 10 events it has no value, with a note.
 */
function standardise(row: ProfileRow, summed: readonly AgeBandSum[]): void {
  if (row.value === null) return;
  const usable = summed.filter((b) => b.count !== null && b.population !== null && b.population > 0 && esp2013Weight(b.band) !== undefined);
  const result = usable.length === 0
    ? null
    : dsrWithDobsonLimits(
        usable.map((b) => ({ count: b.count!, population: b.population!, standardPopulation: esp2013Weight(b.band)! })),
        row.indicator.multiplier,
      );
  if (!result) {
    Object.assign(row, { value: null, lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null });
    const note = (row.numerator ?? 0) < DSR_MINIMUM_COUNT
      ? `Not computed: a directly standardised rate needs at least ${DSR_MINIMUM_COUNT} events.`
      : 'Not computed: the age bands of this figure are missing.';
    row.note = row.note === null ? note : `${row.note} ${note}`;
    return;
  }
  Object.assign(row, {
    value: result.value,
    lowerCI95: result.lower95,
    upperCI95: result.upper95,
    lowerCI998: result.lower998,
    upperCI998: result.upper998,
  });
}

function areaName(aggregate: AggregateRow): string {
  return aggregate.area_name ?? aggregate.area_code;
}

/**
 * Statistical disclosure control of one request's rows (every area of each indicator and period
 * is in them: the profile query always aggregates every locality, grouping and the county), by
 * disclosure.ts: primary and complementary suppression of the table, and a combined set only
 * where it is implied by the published cells. `versionWithheld` rows (rule 6: cells the version
 * in force does not publish) are withheld first, then protected like primary ones. Withheld rows
 * lose their value, count, denominator and intervals.
 */
function withholdSmallNumbers(
  rows: readonly ProfileRow[],
  codes: readonly string[],
  groupsOf: ReadonlyMap<string, readonly string[]>,
  group: readonly string[],
  threshold: number,
  custom: { localitiesOf: ReadonlyMap<string, readonly string[] | null>; smallest: ReadonlyMap<string, number | null> },
  versionWithheld: ReadonlySet<ProfileRow>,
): void {
  const tables = new Map<string, ProfileRow[]>();
  for (const row of rows) {
    if (!row.indicator.disclosureControl) continue;
    const key = `${row.indicator.id}|${row.period}`;
    const list = tables.get(key) ?? [];
    list.push(row);
    tables.set(key, list);
  }
  for (const table of tables.values()) {
    const localities = table.filter((row) => row.area.kind === 'LOCALITY');
    const membersOf = (row: ProfileRow): readonly string[] => {
      switch (row.area.kind) {
        case 'LOCALITY':
          return [row.area.code];
        case 'LOCALITY_GROUP':
          return codes.filter((code) => groupsOf.get(code)?.includes(row.area.code));
        case 'COUNTY':
          return codes;
        case 'GROUP':
          return group;
        case 'CUSTOM':
          return [];
      }
    };
    const counts = new Map(localities.map((row) => [row.area.code, row.numerator]));
    const cellKey = (row: ProfileRow) => (row.area.kind === 'LOCALITY' ? row.area.code : areaKeyText(row.area));
    const forced = new Map<string, WithheldReason>(table.filter((row) => versionWithheld.has(row)).map((row) => [cellKey(row), 'VERSION']));
    const protection = protectTable(
      codes.map((code) => ({ key: code, members: [code], count: counts.get(code) ?? null })),
      table.filter((row) => row.area.kind === 'LOCALITY_GROUP' || row.area.kind === 'COUNTY').map((row) => ({ key: areaKeyText(row.area), members: membersOf(row), count: row.numerator })),
      threshold,
      forced,
    );
    for (const row of table) {
      const reason =
        row.area.kind === 'LOCALITY'
          ? protection.withheld.get(row.area.code)
          : row.area.kind === 'GROUP'
            ? protection.publishable(group) && (row.numerator ?? 0) >= threshold ? undefined : 'COMBINED'
            : row.area.kind === 'CUSTOM'
              ? customReason(row, protection, threshold, custom.localitiesOf.get(row.area.code) ?? null, custom.smallest.get(`${row.indicator.id}|${row.period}`) ?? null)
              : protection.withheld.get(areaKeyText(row.area));
      if (reason) withhold(row, WITHHELD_NOTES[reason](threshold));
    }
  }
}

/**
 * Whether a custom area's count may be published (disclosure.ts, rule 5): at least the threshold,
 * and either whole localities whose set the published table implies, or a table with nothing
 * withheld and no small area publishing a count under the threshold.
 */
function customReason(
  row: ProfileRow,
  protection: TableProtection,
  threshold: number,
  localities: readonly string[] | null,
  smallest: number | null,
): WithheldReason | undefined {
  if (row.numerator === null) return undefined;
  if (row.numerator < threshold) return 'PRIMARY';
  if (localities !== null && protection.publishable(localities)) return undefined;
  if (protection.withheld.size === 0 && smallest !== null && smallest >= threshold) return undefined;
  return 'CUSTOM';
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

const percent = (share: number) => `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;

function coverageText(areas: number | null, denominator: number | null): string {
  const parts = [areas === null ? null : `data for ${percent(areas)} of the area's small areas`];
  if (denominator !== null && denominator < 1 - 1e-9) parts.push(`${percent(denominator)} of its denominator`);
  return parts.filter(Boolean).join(', covering ');
}

function withhold(row: ProfileRow, note: string, suppressed = true): void {
  Object.assign(row, {
    value: null,
    numerator: null,
    denominator: null,
    lowerCI95: null,
    upperCI95: null,
    lowerCI998: null,
    upperCI998: null,
    suppressed,
    note,
  });
}

/** An aggregate with its intervals (disclosure control comes after, over the whole table). */
function baseRow(indicator: Indicator, aggregate: AggregateRow, minimumCoverage: number): ProfileRow {
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
    quintile: null,
    suppressed: false,
    note: indicator.aggregation === 'NOT_ADDITIVE' ? NOT_ADDITIVE_NOTE : null,
    coverage: aggregate.coverage,
    denominatorCoverage: aggregate.denominator_coverage,
    incomplete: false,
    smallAreaLookup: aggregate.bridge_method === null
      ? null
      : `${aggregate.bridge_method} (here ${count(aggregate.bridged, 'published small area')} carried, ${aggregate.apportioned} of them shared)`,
  };
  const shares = [aggregate.coverage, aggregate.denominator_coverage].filter((x): x is number => x !== null);
  // Sums of weights end a rounding error short of 1 for a complete area.
  const least = shares.length > 0 ? Math.min(...shares) : 1;
  if (least < 1 - 1e-9 && indicator.aggregation !== 'NOT_ADDITIVE') {
    row.incomplete = true;
    const text = coverageText(aggregate.coverage, aggregate.denominator_coverage);
    row.note =
      least < minimumCoverage
        ? `Withheld: ${text}, under the minimum of ${percent(minimumCoverage)} (PROFILE_MINIMUM_COVERAGE).`
        : `Incomplete: ${text}.`;
  }
  const limits = confidenceLimits({
    valueType: indicator.valueType,
    numerator: aggregate.numerator,
    denominator: aggregate.denominator,
    value: aggregate.value,
    multiplier: indicator.multiplier,
    standardError: aggregate.standard_error,
  });
  if (!limits && indicator.valueType === 'MEAN' && aggregate.value !== null && aggregate.standard_error === null && row.note === null) {
    row.note = 'No interval: a standard error is missing for some of the small areas.';
  }
  if (limits) {
    row.lowerCI95 = limits.lower95;
    row.upperCI95 = limits.upper95;
    row.lowerCI998 = limits.lower998;
    row.upperCI998 = limits.upper998;
  }
  return row;
}
