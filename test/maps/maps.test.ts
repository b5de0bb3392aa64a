/**
 * Maps from the real ONS boundaries (data/herefordshire/geography, OGL): every small area of the geography
 * has a shape, each locality's outline covers its small areas (every small area's interior point
 * lies inside its locality's outline and in no other), the GeoJSON routes carry the profile's
 * figures, the SVG has a text alternative, and a bad boundary file is refused writing nothing.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geoContains } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../src/maps/import.js';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { ImportRejectedError } from '../../src/importing/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DATA, HEREFORDSHIRE, loadHerefordshire, readCsv } from '../support/real-data.js';

const LSOA11 = path.join(DATA, 'geography', 'herefordshire_lsoa11.geojson');
let t: TestServer;

// An interior point of a polygon: the centre of the longest horizontal run inside it through its middle latitude.
function interiorPoint(rings: number[][][]): [number, number] {
  const lats = rings[0]!.map((p) => p[1]!);
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2 + 1e-7;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      if ((y1! <= lat && y2! > lat) || (y2! <= lat && y1! > lat)) crossings.push(x1! + ((lat - y1!) / (y2! - y1!)) * (x2! - x1!));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] = [crossings[0]!, crossings[1]!];
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (crossings[i + 1]! - crossings[i]! > best[1] - best[0]) best = [crossings[i]!, crossings[i + 1]!];
  }
  return [(best[0] + best[1]) / 2, lat];
}

// Point in polygon by ray casting (planar, on longitude/latitude), independent of d3 and polygon-clipping.
function inside(point: [number, number], polygons: number[][][][]): boolean {
  let count = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi! > point[1] !== yj! > point[1] && point[0] < ((xj! - xi!) * (point[1] - yi!)) / (yj! - yi!) + xi!) count++;
      }
    }
  }
  return count % 2 === 1;
}

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  await loadHerefordshire(t);
  await importBoundaries(t.server.stores.analytics, LSOA11, { versionId: 'hfd-2019' });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('boundaries', () => {
  it('gives every small area of the geography exactly one shape', async () => {
    const rows = await t.server.stores.analytics.query<{ small_area_code: string }>(
      "SELECT small_area_code FROM small_area_boundary WHERE version_id = 'hfd-2019'",
    );
    const expected = readCsv(HEREFORDSHIRE.smallAreas).map((r) => r.lsoa11cd).sort();
    expect(rows.map((r) => r.small_area_code).sort()).toEqual(expected);
  });

  it('draws each locality’s outline around its own small areas and no other locality’s', async () => {
    const outlines = await t.server.stores.analytics.query<{ locality_code: string; geometry: string }>(
      "SELECT locality_code, geometry FROM locality_boundary WHERE version_id = 'hfd-2019'",
    );
    expect(outlines).toHaveLength(9);
    const shapes = new Map(outlines.map((o) => [o.locality_code, JSON.parse(o.geometry).coordinates as number[][][][]]));
    const localityOf = new Map(readCsv(HEREFORDSHIRE.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const features = JSON.parse(readFileSync(LSOA11, 'utf8')).features as { properties: { LSOA11CD: string }; geometry: { type: string; coordinates: any } }[];
    for (const feature of features) {
      const polygons: number[][][][] = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      const point = interiorPoint(polygons[0]!);
      expect(inside(point, [polygons[0]!])).toBe(true);
      for (const [locality, outline] of shapes) {
        expect(inside(point, outline), `${feature.properties.LSOA11CD} in ${locality}`).toBe(localityOf.get(feature.properties.LSOA11CD) === locality);
      }
    }
  });

  it('refuses a file with a shape for an unknown small area or without one for a known one, writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'li-maps-'));
    const collection = JSON.parse(readFileSync(LSOA11, 'utf8'));
    collection.features[3].properties.LSOA11CD = 'E01999999';
    const file = path.join(dir, 'broken.geojson');
    writeFileSync(file, JSON.stringify(collection));
    const before = await t.server.stores.analytics.query('SELECT count(*) AS n FROM small_area_boundary');
    const error = await importBoundaries(t.server.stores.analytics, file, { versionId: 'hfd-2019' }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const messages = (error as ImportRejectedError).problems.map((p) => `${p.file}:${p.line} ${p.reason}`);
    expect(messages).toContainEqual(expect.stringMatching(/^broken\.geojson:4 E01999999 is not a small area/));
    expect(messages).toContainEqual(expect.stringMatching(/1 small areas .* have no shape/));
    expect(await t.server.stores.analytics.query('SELECT count(*) AS n FROM small_area_boundary')).toEqual(before);
  });
});

describe('maps over HTTP and on the pages', () => {
  it('serves the localities as GeoJSON with the profile’s values and comparisons', async () => {
    const response = await fetch(`${t.url}/maps/localities.geojson?indicator=iod2019-population-aged-60-plus-pc`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const body = (await response.json()) as any;
    expect(body.features).toHaveLength(9);
    const { data } = await t.gql('{ county { localities { code profile(indicators: ["iod2019-population-aged-60-plus-pc"]) { value comparison } } } }');
    for (const locality of data.county.localities) {
      const feature = body.features.find((f: any) => f.properties.code === locality.code);
      expect(feature.properties.value).toBe(locality.profile[0].value);
      expect(feature.properties.category).toBe(locality.profile[0].comparison);
      expect(feature.geometry.type).toBe('MultiPolygon');
    }
  });

  it('serves one locality’s small areas with quintiles, and refuses a missing indicator', async () => {
    const localityOf = readCsv(HEREFORDSHIRE.smallAreas).filter((r) => r.locality_code === 'ledbury');
    const response = await fetch(`${t.url}/maps/localities/ledbury/small-areas.geojson?indicator=iod2019-population-aged-60-plus-pc`);
    const body = (await response.json()) as any;
    expect(body.features.map((f: any) => f.properties.code).sort()).toEqual(localityOf.map((r) => r.lsoa11cd).sort());
    const counts = [1, 2, 3, 4, 5].map((q) => body.features.filter((f: any) => f.properties.category === `Q${q}`).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(localityOf.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const missing = await fetch(`${t.url}/maps/localities.geojson`);
    expect(missing.status).toBe(400);
  });

  it('withholds a locality’s small areas all or nothing (disclosure rule 7): one small count hides every value of that locality', async () => {
    // Made-up counts (labelled TEST DATA): 6 events in every LSOA but one of Ledbury's, which has 2.
    const areas = readCsv(HEREFORDSHIRE.smallAreas);
    const small = areas.filter((r) => r.locality_code === 'ledbury').map((r) => r.lsoa11cd!).sort()[0]!;
    const dir = mkdtempSync(path.join(tmpdir(), 'li-maps-rule7-'));
    writeFileSync(
      path.join(dir, 'catalogue.json'),
      JSON.stringify([{ id: 'test-map-events', name: 'Map events (TEST DATA)', definition: 'Made up for this test.', unit: 'events',
        valueType: 'COUNT', multiplier: 1, aggregation: 'SUM', polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'testing',
        source: 'GENERATED TEST DATA', release: 'test', licence: 'none' }]),
    );
    const lines = ['indicator_id,area_code,period,numerator,denominator,value,standard_error', ...areas.map((r) => `test-map-events,${r.lsoa11cd},2020,${r.lsoa11cd === small ? 2 : 6},,,`)];
    writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`);
    await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'catalogue.json'), data: path.join(dir, 'data.csv') });
    const map = async (locality: string) =>
      (await (await fetch(`${t.url}/maps/localities/${locality}/small-areas.geojson?indicator=test-map-events`)).json()) as any;
    // Ledbury's total is published (6 x its LSOAs less 4): withholding only the small LSOA would let
    // the total less the others give it, so every value of Ledbury is withheld.
    const ledbury = await map('ledbury');
    expect(ledbury.features.length).toBeGreaterThan(1);
    for (const f of ledbury.features) expect(f.properties).toMatchObject({ value: null, category: 'NO_DATA' });
    // Kington has no small count: every small area's value is published.
    const kington = await map('kington');
    for (const f of kington.features) expect(f.properties.value).toBe(6);
  });

  it('puts the map on the locality’s page as SVG with a title, a description, a worded legend and the areas as text', async () => {
    const page = await (await fetch(`${t.url}/profiles/ledbury?indicator=iod2019-population-aged-60-plus-pc`)).text();
    const svg = page.match(/<svg viewBox="0 0 640 480" role="img" aria-labelledby="(map-\d+)-title \1-desc"[\s\S]*?<\/svg>/);
    expect(svg).not.toBeNull();
    expect(svg![0]).toMatch(/<title id="map-\d+-title">Residents aged 60 and over, mid-2015 \(IoD 2019\) by locality, 2015<\/title>/);
    expect((svg![0].match(/<path d="M/g) ?? []).length).toBe(9);
    expect(page).toMatch(/<li>Ledbury: [\d.]+%, (better|worse|similar|higher|lower) (than|to) the county<\/li>/i);
    expect(page).toMatch(/Small areas of Ledbury/);
    expect(page).toMatch(/Slope index of inequality|No slope index/);
    expect(page).toMatch(/Funnel plot of/);
  });
});
