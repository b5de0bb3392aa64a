/**
 * Inequality within an area by deprivation: an indicator's value in each national IMD 2019
 * quintile (or decile) of the area's small areas, with 95% and 99.8% intervals (the profiles'
 * methods, statistics/methods.ts), counts withheld by disclosure control (statistics/disclosure.ts,
 * rule 7: an area's parts all or nothing, never one part its total would give away), and the
 * slope and relative index of inequality across the quantiles (sii.ts, phe_sii).
 *
 * One analytics query per request shape (indicator, period, quantiles, geography version) answers
 * every locality and the county (by-deprivation.sql); the request's loader shares it.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { BadUserInputError } from '../errors.js';
import { sqlFile } from '../db/sql-file.js';
import { shapeLoader } from '../loaders/shape-loader.js';
import type { Indicator } from '../statistics/catalogue.js';
import { type ConfidenceLimits, confidenceLimits, suppression } from '../statistics/methods.js';
import { BREAKDOWN_NOTES, breakdownVerdict } from '../statistics/disclosure.js';
import { type SiiResult, type SiiScale, slopeIndexOfInequality } from './sii.js';

const BY_DEPRIVATION_SQL = sqlFile(import.meta.url, 'by-deprivation.sql');

export type QuantileKind = 'QUINTILE' | 'DECILE';

export interface InequalityShape {
  versionId: string;
  indicatorId: string;
  period: string | null;
  quantiles: QuantileKind;
}

export interface InequalityKey extends InequalityShape {
  area: { kind: 'LOCALITY' | 'COUNTY'; code: string };
}

export interface QuantileValue extends Partial<ConfidenceLimits> {
  /** 1 = the nationally most deprived fifth (or tenth). */
  quantile: number;
  smallAreas: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
  note: string | null;
}

export interface Inequality {
  indicator: Indicator;
  areaKind: 'LOCALITY' | 'COUNTY';
  areaCode: string;
  period: string | null;
  quantiles: QuantileKind;
  values: QuantileValue[];
  /** The SII and RII, simulated on first ask (a download of the quantile values needs none), or null with `note`. */
  slopeIndex(): { sii: SiiResult | null; note: string | null };
}

interface Row {
  area_kind: 'LOCALITY' | 'COUNTY';
  area_code: string;
  quantile: number;
  period: string;
  numerator: number | null;
  denominator: number | null;
  small_areas: number;
  shared: boolean;
  [column: string]: unknown;
}

export interface InequalityOptions {
  smallNumberThreshold: number;
  /** Simulations for the SII's limits (phe_sii's default 100,000). */
  repetitions?: number;
  /**
   * Whether the profile publishes an area's count of the indicator in the period (rules 1 to 6),
   * for rule 7; absent, every area's count counts as published (unit use without a profile).
   */
  countPublished?: (versionId: string, indicatorId: string, period: string, area: InequalityKey['area']) => Promise<boolean>;
}

const SII_SCALE: Partial<Record<Indicator['valueType'], SiiScale>> = { PROPORTION: 'PROPORTION', RATE: 'RATE' };

/**
 * Refuse a directly standardised rate where figures come from summed counts (the breakdown by
 * deprivation and its SII, the funnel plot, the small-area map): summed, its counts and
 * populations give a crude rate, not a standardised one, and standardising each quantile or small
 * area from its age bands is not implemented, so it is BAD_USER_INPUT (field `indicator`,
 * `valueType: DSR`) rather than a wrong number. Its profile rows are standardised (profile.ts).
 */
export function refuseStandardisedRate(indicator: Indicator, what: string): void {
  if (indicator.valueType !== 'DSR') return;
  throw new BadUserInputError(
    `${indicator.id} is a directly standardised rate: ${what} is not computed for it (summed counts would give a crude rate, not a standardised one); its profile gives the standardised rate`,
    { field: 'indicator', valueType: 'DSR' },
  );
}

/** Every area's breakdown for one shape, keyed `KIND:code`. A DSR is refused (refuseStandardisedRate). */
export async function computeInequalities(
  db: AnalyticsQueries,
  indicator: Indicator,
  shape: InequalityShape,
  options: InequalityOptions,
): Promise<Map<string, Inequality>> {
  refuseStandardisedRate(indicator, 'the breakdown by deprivation (and its SII and RII)');
  const count = shape.quantiles === 'DECILE' ? 10 : 5;
  const rows = await db.query<Row>(BY_DEPRIVATION_SQL, {
    version_id: shape.versionId,
    indicator_id: shape.indicatorId,
    period: shape.period,
    quantiles: count,
  });
  const byArea = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.area_kind}:${row.area_code}`;
    byArea.set(key, [...(byArea.get(key) ?? []), row]);
  }
  const result = new Map<string, Inequality>();
  for (const [key, list] of byArea) {
    result.set(key, areaInequality(indicator, list, shape.quantiles, count, options));
  }
  if (indicator.disclosureControl && indicator.aggregation !== 'NOT_ADDITIVE') await withholdBreakdowns(shape, result, byArea, options);
  return result;
}

/**
 * Disclosure control of the breakdowns (disclosure.ts, rule 7): each locality's quantiles are
 * published only when its own count is, none is under the threshold and none holds a small area
 * shared with another locality; the county's only when, besides, every locality's are.
 */
async function withholdBreakdowns(
  shape: InequalityShape,
  result: Map<string, Inequality>,
  byArea: ReadonlyMap<string, Row[]>,
  options: InequalityOptions,
): Promise<void> {
  const threshold = options.smallNumberThreshold;
  const published = async (area: Inequality) =>
    !options.countPublished || area.period === null
      ? true
      : options.countPublished(shape.versionId, shape.indicatorId, area.period, { kind: area.areaKind, code: area.areaCode });
  const areas = [...result.entries()];
  const publishedAreas = await Promise.all(areas.map(([, area]) => published(area)));
  const verdicts = new Map(
    areas.map(([key, area], i) => [
      key,
      breakdownVerdict({
        parts: (byArea.get(key) ?? []).map((row) => row.numerator),
        threshold,
        areaPublished: publishedAreas[i]!,
        sharedPart: area.areaKind === 'LOCALITY' && (byArea.get(key) ?? []).some((row) => row.shared),
      }),
    ]),
  );
  const everyLocality = areas.every(([key, area]) => area.areaKind !== 'LOCALITY' || verdicts.get(key) === null);
  for (const [key, area] of areas) {
    let verdict = verdicts.get(key) ?? null;
    if (verdict === null && area.areaKind === 'COUNTY' && !everyLocality) verdict = 'LOCALITY_WITHHELD';
    if (verdict === null) continue;
    const note = BREAKDOWN_NOTES[verdict](threshold);
    const values = area.values.map((v): QuantileValue =>
      v.smallAreas === 0 ? v : { quantile: v.quantile, smallAreas: v.smallAreas, numerator: null, denominator: null, value: null, suppressed: true, note },
    );
    result.set(key, { ...area, values, slopeIndex: () => ({ sii: null, note: 'Not computed: the breakdown is withheld (disclosure control).' }) });
  }
}

function areaInequality(indicator: Indicator, rows: Row[], kind: QuantileKind, count: number, options: InequalityOptions): Inequality {
  const first = rows[0]!;
  const values: QuantileValue[] = [];
  for (let q = 1; q <= count; q++) {
    const row = rows.find((r) => r.quantile === q);
    values.push(row ? quantileValue(indicator, row, options.smallNumberThreshold) : emptyQuantile(q));
  }
  let slope: { sii: SiiResult | null; note: string | null } | undefined;
  return {
    indicator,
    areaKind: first.area_kind,
    areaCode: first.area_code,
    period: first.period,
    quantiles: kind,
    values,
    slopeIndex: () => (slope ??= siiOf(indicator, values, options)),
  };
}

const emptyQuantile = (quantile: number): QuantileValue => ({
  quantile,
  smallAreas: 0,
  numerator: null,
  denominator: null,
  value: null,
  suppressed: false,
  note: 'No small area of the area is in this quantile.',
});

function quantileValue(indicator: Indicator, row: Row, threshold: number): QuantileValue {
  const base = { quantile: row.quantile, smallAreas: row.small_areas };
  if (indicator.aggregation === 'NOT_ADDITIVE') {
    return { ...base, numerator: null, denominator: null, value: null, suppressed: false, note: 'Not additive: published for small areas only.' };
  }
  if (indicator.disclosureControl) {
    // The one disclosure rule of the profiles (statistics/methods.ts): withheld with all it implies.
    const withheld = suppression(row.numerator, threshold);
    if (withheld.suppressed) return { ...base, numerator: null, denominator: null, value: null, suppressed: true, note: withheld.reason };
  }
  const value =
    indicator.aggregation === 'SUM'
      ? row.numerator
      : row.numerator === null || !row.denominator
        ? null
        : (row.numerator / row.denominator) * indicator.multiplier;
  const limits = confidenceLimits({
    valueType: indicator.valueType,
    numerator: row.numerator,
    denominator: row.denominator,
    value,
    multiplier: indicator.multiplier,
    standardError: null,
  });
  return { ...base, numerator: row.numerator, denominator: row.denominator, value, suppressed: false, note: null, ...(limits ?? {}) };
}

function siiOf(indicator: Indicator, values: QuantileValue[], options: InequalityOptions): { sii: SiiResult | null; note: string | null } {
  const scale = SII_SCALE[indicator.valueType];
  if (!scale || indicator.aggregation !== 'RATIO') {
    return { sii: null, note: 'The SII is computed for proportions and rates (summed numerators over denominators).' };
  }
  if (values.some((v) => v.suppressed)) return { sii: null, note: 'Not computed: a quantile’s count is withheld.' };
  if (values.some((v) => v.value === null || !v.denominator || v.lower95 === undefined)) {
    return { sii: null, note: 'Not computed: every quantile needs small areas with a value (use quintiles where deciles are too few).' };
  }
  const proportion = scale === 'PROPORTION';
  const groups = values.map((v) => ({
    population: v.denominator!,
    // phe_sii takes proportions between 0 and 1; rates as published.
    value: proportion ? v.value! / indicator.multiplier : v.value!,
    lower95: proportion ? v.lower95! / indicator.multiplier : v.lower95!,
    upper95: proportion ? v.upper95! / indicator.multiplier : v.upper95!,
  }));
  if (groups.some((g) => g.value <= 0 || (proportion && g.value >= 1))) {
    return { sii: null, note: 'Not computed: a quantile’s value is 0 (or 100%), which the log or logit scale cannot take.' };
  }
  const sii = slopeIndexOfInequality(groups, {
    scale,
    multiplier: proportion ? indicator.multiplier : 1,
    ...(options.repetitions ? { repetitions: options.repetitions } : {}),
  });
  return { sii, note: null };
}

/** The request's inequality loader: one query per shape for every area asking. */
export function createInequalityLoader(db: AnalyticsQueries, options: InequalityOptions) {
  return shapeLoader<InequalityKey & { indicator: Indicator }, Inequality | null>({
    shape: (key) => JSON.stringify([key.versionId, key.indicatorId, key.period, key.quantiles]),
    item: (key) => `${key.area.kind}:${key.area.code}`,
    compute: (key) => computeInequalities(db, key.indicator, key, options),
    missing: null,
  });
}
