/**
 * What the maps show: the localities coloured by comparison with the county for an indicator
 * (from the request's profile loader: the same figures as the profile), and the small areas of
 * one locality by quintile of their own values (withheld small counts stay withheld). Each map is
 * a list of areas with a geometry, a class for the legend and a sentence of text; svg.ts draws it
 * and the router serves it as GeoJSON.
 */
import { NotFoundError } from '../errors.js';
import { sqlFile } from '../db/sql-file.js';
import type { Context } from '../schema/context.js';
import type { Indicator } from '../statistics/catalogue.js';
import { suppression } from '../statistics/methods.js';
import { BREAKDOWN_NOTES, breakdownVerdict } from '../statistics/disclosure.js';
import { refuseStandardisedRate } from '../inequality/service.js';
import type { AreaGeometry } from './import.js';

const SMALL_AREA_VALUES_SQL = sqlFile(import.meta.url, 'small-area-values.sql');

export interface MapArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
  value: number | null;
  /** The legend class: a comparison (BETTER, SIMILAR...) or a quintile (Q1...Q5), or NO_DATA. */
  category: string;
  /** One line of text about the area (its name, value and class), for titles and tables. */
  text: string;
}

export interface AreaMap {
  title: string;
  indicator: Indicator;
  period: string | null;
  areas: MapArea[];
  legend: { category: string; label: string; count: number }[];
  /** Small areas drawn as context (the locality's outline) or null. */
  outline: AreaGeometry | null;
}

const COMPARISON_LABELS: Record<string, string> = {
  BETTER: 'Better than the county',
  SIMILAR: 'Similar to the county',
  WORSE: 'Worse than the county',
  HIGHER: 'Higher than the county',
  LOWER: 'Lower than the county',
  NOT_COMPARED: 'Not compared',
  NO_DATA: 'No value (withheld or missing)',
};

export const formatValue = (value: number | null, indicator: Indicator) =>
  value === null ? 'no value' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}${indicator.unit === '%' ? '%' : ` ${indicator.unit}`}`;

async function indicatorOf(ctx: Context, id: string) {
  const indicator = (await ctx.loaders.statistics.catalogue()).get(id);
  if (!indicator) throw new NotFoundError('Indicator', id);
  return indicator;
}

/** The localities of a version coloured by comparison with the county. */
export async function localityMap(ctx: Context, versionId: string, indicatorId: string): Promise<AreaMap> {
  const indicator = await indicatorOf(ctx, indicatorId);
  const outlines = await ctx.analytics.query<{ locality_code: string; geometry: string }>(
    'SELECT locality_code, geometry FROM locality_boundary WHERE version_id = $version ORDER BY locality_code',
    { version: versionId },
  );
  const shape = { versionId, indicatorIds: [indicator.id], theme: null, period: null, group: [], series: false };
  const rows = await Promise.all(
    outlines.map((o) => ctx.loaders.statistics.profile.load({ ...shape, area: { kind: 'LOCALITY', code: o.locality_code } })),
  );
  const areas = outlines.map((outline, i): MapArea => {
    const row = rows[i]?.[0];
    const value = row?.value ?? null;
    const category = value === null ? 'NO_DATA' : (row?.comparison ?? 'NOT_COMPARED');
    const name = row?.area.name ?? outline.locality_code;
    return {
      code: outline.locality_code,
      name,
      geometry: JSON.parse(outline.geometry) as AreaGeometry,
      value,
      category,
      text: `${name}: ${formatValue(value, indicator)}, ${COMPARISON_LABELS[category]!.toLowerCase()}`,
    };
  });
  return {
    title: `${indicator.name} by locality${rows[0]?.[0]?.period ? `, ${rows[0][0].period}` : ''}`,
    indicator,
    period: rows.find((r) => r[0])?.[0]?.period ?? null,
    areas,
    legend: legendOf(areas, Object.keys(COMPARISON_LABELS), (c) => COMPARISON_LABELS[c]!),
    outline: null,
  };
}

/** The small areas of one locality by quintile of their values (1 = lowest fifth). */
export async function smallAreaMap(ctx: Context, versionId: string, localityCode: string, indicatorId: string): Promise<AreaMap> {
  const indicator = await indicatorOf(ctx, indicatorId);
  refuseStandardisedRate(indicator, 'a small-area map');
  const [rows, outline] = await Promise.all([
    ctx.analytics.query<{ small_area_code: string; small_area_name: string; geometry: string; period: string | null; numerator: number | null; value: number | null; weight: number }>(
      SMALL_AREA_VALUES_SQL,
      { version_id: versionId, locality_code: localityCode, indicator_id: indicator.id, period: null },
    ),
    ctx.analytics.query<{ geometry: string }>(
      'SELECT geometry FROM locality_boundary WHERE version_id = $version AND locality_code = $code',
      { version: versionId, code: localityCode },
    ),
  ]);
  if (rows.length === 0) throw new NotFoundError('Locality map', localityCode);
  const threshold = ctx.loaders.statisticsSettings.smallNumberThreshold;
  const period = rows.find((r) => r.period)?.period ?? null;
  // Disclosure control (disclosure.ts, rule 7): the small areas are the locality's parts, published
  // all or nothing, never one that the locality's published total less the others would give away.
  const verdict =
    indicator.disclosureControl && indicator.aggregation !== 'NOT_ADDITIVE' && period !== null
      ? breakdownVerdict({
          parts: rows.map((r) => r.numerator),
          threshold,
          areaPublished: await ctx.loaders.statistics.countPublished(versionId, indicator.id, period, { kind: 'LOCALITY', code: localityCode }),
          sharedPart: rows.some((r) => r.weight < 1),
        })
      : null;
  const values = rows.map((r) =>
    verdict !== null || (indicator.disclosureControl && suppression(r.numerator, threshold).suppressed) ? null : r.value,
  );
  const ranked = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null).sort((a, b) => a.v - b.v);
  const quintile = new Map<number, number>();
  ranked.forEach(({ i }, rank) => quintile.set(i, Math.floor((rank * 5) / ranked.length) + 1));
  const ranges = new Map<number, [number, number]>();
  ranked.forEach(({ v, i }) => {
    const q = quintile.get(i)!;
    const [lo, hi] = ranges.get(q) ?? [v, v];
    ranges.set(q, [Math.min(lo, v), Math.max(hi, v)]);
  });
  const label = (category: string) => {
    if (category === 'NO_DATA') return verdict !== null ? BREAKDOWN_NOTES[verdict](threshold) : 'No value (withheld or missing)';
    const q = Number(category.slice(1));
    const range = ranges.get(q);
    const words = ['lowest fifth', 'second fifth', 'middle fifth', 'fourth fifth', 'highest fifth'][q - 1];
    return `Quintile ${q} (${words})${range ? `: ${formatValue(range[0], indicator)} to ${formatValue(range[1], indicator)}` : ''}`;
  };
  const areas = rows.map((r, i): MapArea => {
    const value = values[i] ?? null;
    const q = quintile.get(i);
    const category = q ? `Q${q}` : 'NO_DATA';
    return {
      code: r.small_area_code,
      name: r.small_area_name,
      geometry: JSON.parse(r.geometry) as AreaGeometry,
      value,
      category,
      text: `${r.small_area_name} (${r.small_area_code}): ${formatValue(value, indicator)}${q ? `, quintile ${q} of the locality` : ''}`,
    };
  });
  return {
    title: `${indicator.name} by small area${period ? `, ${period}` : ''}`,
    indicator,
    period,
    areas,
    legend: legendOf(areas, ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'NO_DATA'], label),
    outline: outline[0] ? (JSON.parse(outline[0].geometry) as AreaGeometry) : null,
  };
}

function legendOf(areas: MapArea[], order: string[], label: (category: string) => string) {
  return order
    .map((category) => ({ category, label: label(category), count: areas.filter((a) => a.category === category).length }))
    .filter((entry) => entry.count > 0);
}

/** A map as a GeoJSON FeatureCollection (RFC 7946), each area's value and class as properties. */
export function mapGeoJson(map: AreaMap) {
  return {
    type: 'FeatureCollection',
    features: map.areas.map((area) => ({
      type: 'Feature',
      properties: { code: area.code, name: area.name, indicator: map.indicator.id, period: map.period, value: area.value, category: area.category, text: area.text },
      geometry: area.geometry,
    })),
  };
}
