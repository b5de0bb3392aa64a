/**
 * Small-area boundaries from GeoJSON as ONS publishes them (a FeatureCollection of Polygon or
 * MultiPolygon features in WGS84, the code in a property such as LSOA11CD, LSOA21CD or OA21CD),
 * stored for one geography version. Every small area of the version must have exactly one shape
 * and every feature must be a small area of the version; anything else is refused with the
 * file and feature number, writing nothing. Each locality's outline is computed here once, as
 * the union of its small areas (polygon-clipping; a small area split between localities goes to
 * the one holding the largest share of it), so a map request only reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping';
import type { AnalyticsStore } from '../db/analytics.js';
import { ImportProblems } from '../importing/problems.js';

export type AreaGeometry = { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: MultiPolygon };

export interface BoundaryImportSummary {
  versionId: string;
  smallAreas: number;
  localities: number;
  codeProperty: string;
}

const CODE_PROPERTY = /^(LSOA|OA|MSOA|DZ|SOA)\d{2}CD$/i;

const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (r: unknown) => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown) => Array.isArray(p) && p.length >= 1 && p.every(isRing);

/** A feature's geometry, if it is a valid Polygon or MultiPolygon. */
export function areaGeometry(geometry: unknown): AreaGeometry | null {
  if (typeof geometry !== 'object' || geometry === null) return null;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon' && isPolygon(coordinates)) return { type, coordinates: coordinates as Polygon };
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon)) {
    return { type, coordinates: coordinates as MultiPolygon };
  }
  return null;
}

export async function importBoundaries(
  analytics: AnalyticsStore,
  file: string,
  options: { versionId: string; codeProperty?: string },
): Promise<BoundaryImportSummary> {
  const problems = new ImportProblems();
  const name = path.basename(file);
  let collection: { type?: unknown; features?: unknown };
  try {
    collection = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.add(name, 0, `not readable as GeoJSON: ${error instanceof Error ? error.message : String(error)}`);
    problems.throwIfAny('Boundary import');
    throw error;
  }
  const features = collection.type === 'FeatureCollection' && Array.isArray(collection.features) ? (collection.features as unknown[]) : null;
  if (!features) problems.add(name, 0, 'a GeoJSON FeatureCollection is expected');
  problems.throwIfAny('Boundary import');

  const assignments = await analytics.query<{ small_area_code: string; locality_code: string; weight: number }>(
    `SELECT small_area_code, locality_code, weight FROM small_area_locality WHERE version_id = $version
     QUALIFY row_number() OVER (PARTITION BY small_area_code ORDER BY weight DESC, locality_code) = 1`,
    { version: options.versionId },
  );
  if (assignments.length === 0) problems.add('arguments', 0, `geography version "${options.versionId}" has no small areas: load it first`);
  problems.throwIfAny('Boundary import');
  const localityOf = new Map(assignments.map((a) => [a.small_area_code, a.locality_code]));

  const firstProperties = ((features![0] as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}) as Record<string, unknown>;
  const codeProperty = options.codeProperty ?? Object.keys(firstProperties).find((key) => CODE_PROPERTY.test(key));
  if (!codeProperty) problems.add(name, 1, 'no small-area code property (LSOA11CD, LSOA21CD, OA21CD ...): name it with --code-property');
  problems.throwIfAny('Boundary import');

  const shapes = new Map<string, AreaGeometry>();
  features!.forEach((feature, i) => {
    const at = i + 1;
    const f = feature as { type?: unknown; properties?: Record<string, unknown>; geometry?: unknown };
    const code = f?.properties?.[codeProperty!];
    if (typeof code !== 'string' || code === '') return problems.add(name, at, `feature ${at} has no ${codeProperty}`);
    if (!localityOf.has(code)) return problems.add(name, at, `${code} is not a small area of geography version "${options.versionId}"`);
    if (shapes.has(code)) return problems.add(name, at, `${code} has more than one shape`);
    const geometry = areaGeometry(f.geometry);
    if (!geometry) return problems.add(name, at, `${code}: the geometry must be a Polygon or MultiPolygon of [longitude, latitude] rings`);
    shapes.set(code, geometry);
  });
  const missing = [...localityOf.keys()].filter((code) => !shapes.has(code));
  if (missing.length > 0) {
    problems.add(name, 0, `${missing.length} small areas of version "${options.versionId}" have no shape: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' ...' : ''}`);
  }
  problems.throwIfAny('Boundary import');

  const byLocality = new Map<string, MultiPolygon>();
  for (const [code, geometry] of shapes) {
    const locality = localityOf.get(code)!;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    byLocality.set(locality, [...(byLocality.get(locality) ?? []), ...polygons]);
  }
  const outlines = [...byLocality].map(([locality, polygons]) => {
    const [first, ...others] = polygons;
    const union = polygonClipping.union(first!, ...others);
    return [options.versionId, locality, JSON.stringify({ type: 'MultiPolygon', coordinates: union })];
  });

  await analytics.transaction(async (tx) => {
    await tx.run('DELETE FROM small_area_boundary WHERE version_id = $version', { version: options.versionId });
    await tx.run('DELETE FROM locality_boundary WHERE version_id = $version', { version: options.versionId });
    await tx.append('small_area_boundary', [...shapes].map(([code, geometry]) => [options.versionId, code, JSON.stringify(geometry), name]));
    await tx.append('locality_boundary', outlines);
  });
  return { versionId: options.versionId, smallAreas: shapes.size, localities: outlines.length, codeProperty: codeProperty! };
}
