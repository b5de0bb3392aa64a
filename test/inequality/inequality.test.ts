/**
 * Inequality by deprivation and funnel plots over HTTP, on the real Herefordshire geography and
 * IoD 2019 files: the share of residents aged 60 and over by national IMD quintile and decile of
 * each locality's LSOAs (expected values summed here from the raw files, Wilson limits from the
 * formula), its SII and RII (a weighted least squares fit computed here), small counts withheld
 * all or nothing by area (disclosure rule 7; a test indicator with counts under 5), and the funnel of the localities around the county.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { HEREFORDSHIRE, IMD2019, loadHerefordshire, publishedNumber, readCsv } from '../support/real-data.js';

let t: TestServer;
const decileOf = new Map(readCsv(IMD2019.file1).map((r) => [r['LSOA code (2011)']!, Number(r['Index of Multiple Deprivation (IMD) Decile'])]));
const file6 = readCsv(IMD2019.file6);
const localityOf = new Map(readCsv(HEREFORDSHIRE.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));

/** Residents 60+ and all residents per quantile of one locality (or the county), from the raw files. */
function expected(locality: string | null, deciles: boolean) {
  const sums = new Map<number, { x: number; n: number; areas: number }>();
  for (const row of file6) {
    const code = row['LSOA code (2011)']!;
    if (locality && localityOf.get(code) !== locality) continue;
    const decile = decileOf.get(code)!;
    const q = deciles ? decile : Math.ceil(decile / 2);
    const s = sums.get(q) ?? { x: 0, n: 0, areas: 0 };
    s.x += publishedNumber(row['Older population aged 60 and over: mid 2015 (excluding prisoners)']!);
    s.n += publishedNumber(row['Total population: mid 2015 (excluding prisoners)']!);
    s.areas += 1;
    sums.set(q, s);
  }
  return sums;
}

// Wilson score interval (METHODS.md), written out here independently of src/statistics/methods.ts.
function wilson(x: number, n: number, z: number) {
  const p = x / n;
  const centre = 2 * x + z * z;
  const spread = z * Math.sqrt(z * z + 4 * x * (1 - p));
  return [(100 * (centre - spread)) / (2 * (n + z * z)), (100 * (centre + spread)) / (2 * (n + z * z))];
}

const QUERY = `query($indicator: ID!, $by: DeprivationQuantile) {
  county { inequality(indicator: $indicator, by: $by) { period by slopeIndexNote
    values { quantile smallAreas value numerator denominator lowerCI95 upperCI95 suppressed note }
    slopeIndex { sii siiLower siiUpper rii riiLower riiUpper repetitions } }
    localities { code inequality(indicator: $indicator, by: $by) { values { quantile smallAreas value numerator denominator suppressed note } slopeIndex { sii } slopeIndexNote } } } }`;

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  await loadHerefordshire(t);
  // A made-up indicator (labelled as such) with counts under 5 in some quantiles, to see them withheld.
  const dir = mkdtempSync(path.join(tmpdir(), 'li-inequality-'));
  writeFileSync(
    path.join(dir, 'catalogue.json'),
    JSON.stringify([
      {
        id: 'test-rare-events',
        name: 'Rare events (TEST DATA)',
        definition: 'Made up for this test.',
        unit: 'per 1,000',
        valueType: 'RATE',
        multiplier: 1000,
        aggregation: 'RATIO',
        polarity: 'HIGHER_IS_WORSE',
        population: 'all ages',
        theme: 'health',
        source: 'GENERATED TEST DATA',
        release: 'test',
        licence: 'none',
      },
    ]),
  );
  // One event in each LSOA of decile 9 and 10, three in the others.
  const lines = ['indicator_id,area_code,period,numerator,denominator,value,standard_error'];
  for (const [code, decile] of decileOf) lines.push(`test-rare-events,${code},2019,${decile >= 9 ? 0 : 3},1000,,`);
  writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'catalogue.json'), data: path.join(dir, 'data.csv') });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('inequality by deprivation', () => {
  it('gives each IMD quintile’s value and Wilson limits as summed from the raw files, with the SII and RII of phe_sii', async () => {
    const { data, errors } = await t.gql(QUERY, { indicator: 'iod2019-population-aged-60-plus-pc' });
    expect(errors).toBeUndefined();
    const county = data.county.inequality;
    const sums = expected(null, false);
    expect(county.values.map((v: any) => v.quantile)).toEqual([1, 2, 3, 4, 5]);
    for (const v of county.values) {
      const s = sums.get(v.quantile)!;
      expect(v.smallAreas).toBe(s.areas);
      expect(v.numerator).toBe(s.x);
      expect(v.denominator).toBe(s.n);
      expect(v.value).toBeCloseTo((100 * s.x) / s.n, 9);
      const [lower, upper] = wilson(s.x, s.n, 1.959963984540054);
      expect(v.lowerCI95).toBeCloseTo(lower!, 9);
      expect(v.upperCI95).toBeCloseTo(upper!, 9);
    }
    // The SII: weighted least squares of the value on the midpoint of cumulative population share.
    const groups = [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
    const total = groups.reduce((sum, g) => sum + g.n, 0);
    let cumulative = 0;
    const points = groups.map((g) => {
      const mid = (cumulative + g.n / 2) / total;
      cumulative += g.n;
      return { w: g.n / total, x: mid, y: (100 * g.x) / g.n };
    });
    const mx = points.reduce((s, p) => s + p.w * p.x, 0);
    const my = points.reduce((s, p) => s + p.w * p.y, 0);
    const slope = points.reduce((s, p) => s + p.w * (p.x - mx) * (p.y - my), 0) / points.reduce((s, p) => s + p.w * (p.x - mx) ** 2, 0);
    const intercept = my - slope * mx;
    expect(county.slopeIndex.sii).toBeCloseTo(slope, 9);
    expect(county.slopeIndex.rii).toBeCloseTo((intercept + slope) / intercept, 9);
    expect(county.slopeIndex.siiLower).toBeLessThan(county.slopeIndex.sii);
    expect(county.slopeIndex.siiUpper).toBeGreaterThan(county.slopeIndex.sii);
    // Older residents live more in the less deprived areas of Herefordshire: a positive gradient.
    expect(county.slopeIndex.siiLower).toBeGreaterThan(0);
  });

  it('breaks each locality down, and says why there is no SII where a locality has no small area in a quantile', async () => {
    const { data } = await t.gql(QUERY, { indicator: 'iod2019-population-aged-60-plus-pc', by: 'DECILE' });
    expect(data.county.localities).toHaveLength(9);
    for (const locality of data.county.localities) {
      const sums = expected(locality.code, true);
      const values = locality.inequality.values;
      expect(values).toHaveLength(10);
      for (const v of values) {
        const s = sums.get(v.quantile);
        if (!s) {
          expect(v).toMatchObject({ smallAreas: 0, value: null, note: expect.stringMatching(/No small area/) });
        } else {
          expect(v.numerator).toBe(s.x);
          expect(v.denominator).toBe(s.n);
        }
      }
      if (sums.size < 10) {
        expect(locality.inequality.slopeIndex).toBeNull();
        expect(locality.inequality.slopeIndexNote).toMatch(/every quantile/);
      }
    }
  });

  it('withholds a breakdown all or nothing (disclosure rule 7): never one part that the area’s total less the others would give', async () => {
    const { data } = await t.gql(QUERY, { indicator: 'test-rare-events', by: 'DECILE' });
    const profile = await t.gql(`{ county { profile(indicators: ["test-rare-events"]) { numerator suppressed } }
      localities { code profile(indicators: ["test-rare-events"]) { numerator suppressed } } }`);
    // Independently: each area's events per decile (3 a small area, none in deciles 9 and 10).
    const events = (locality: string | null) => {
      const sums = new Map<number, number>();
      for (const [code, decile] of decileOf) {
        if (locality && localityOf.get(code) !== locality) continue;
        sums.set(decile, (sums.get(decile) ?? 0) + (decile >= 9 ? 0 : 3));
      }
      return sums;
    };
    const clean = (locality: string | null, published: boolean) => published && [...events(locality).values()].every((x) => x >= 5);
    const localityClean = new Map<string, boolean>(
      profile.data.localities.map((l: any) => [l.code, clean(l.code, !l.profile[0].suppressed)]),
    );
    const check = (values: any[], publish: boolean, sums: Map<number, number>) => {
      for (const v of values) {
        if (v.smallAreas === 0) continue;
        if (publish) expect(v).toMatchObject({ suppressed: false, numerator: sums.get(v.quantile) });
        else expect(v).toMatchObject({ suppressed: true, value: null, numerator: null, denominator: null, note: expect.stringMatching(/^Withheld/) });
      }
      // The attack: published parts with the area's published total never leave exactly one part open.
      const open = values.filter((v) => v.smallAreas > 0 && v.suppressed).length;
      expect(open === 0 || open === values.filter((v) => v.smallAreas > 0).length).toBe(true);
    };
    for (const l of data.county.localities) check(l.inequality.values, localityClean.get(l.code)!, events(l.code));
    const countyPublish = clean(null, !profile.data.county.profile[0].suppressed) && [...localityClean.values()].every(Boolean);
    check(data.county.inequality.values, countyPublish, events(null));
    // Deciles 9 and 10 hold no events here, so the county's breakdown is withheld, with no SII.
    expect(countyPublish).toBe(false);
    expect(data.county.inequality.values.find((v: any) => v.smallAreas > 0).note).toMatch(/count under 5, so every part is withheld/);
    expect(data.county.inequality.slopeIndex).toBeNull();
    expect(data.county.inequality.slopeIndexNote).toMatch(/withheld/);
  });

  it('answers the county and all nine localities with one analytics query for the breakdown', async () => {
    const { analytics } = await t.countStatements(() => t.gql(QUERY, { indicator: 'iod2019-population-aged-0-15-pc' }));
    // The catalogue (one) and the breakdown (one), whatever the number of localities.
    expect(analytics).toBe(2);
  });

  it('refuses an unknown indicator with NOT_FOUND', async () => {
    const { errors } = await t.gql(QUERY, { indicator: 'no-such-indicator' });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('funnel plot of the localities', () => {
  const FUNNEL = `query($indicator: ID!) { county { funnel(indicator: $indicator) { countyValue note
    points { localityCode value denominator position limits { lower95 upper95 lower998 upper998 } }
    curve { denominator lower95 upper95 } } } }`;

  it('places every locality against Wilson-based limits around the county proportion', async () => {
    const { data, errors } = await t.gql(FUNNEL, { indicator: 'iod2019-population-aged-60-plus-pc' });
    expect(errors).toBeUndefined();
    const funnel = data.county.funnel;
    const all = expected(null, false);
    const x = [...all.values()].reduce((s, v) => s + v.x, 0);
    const n = [...all.values()].reduce((s, v) => s + v.n, 0);
    expect(funnel.countyValue).toBeCloseTo((100 * x) / n, 9);
    expect(funnel.points).toHaveLength(9);
    const p = x / n;
    for (const point of funnel.points) {
      // At the limit, the Wilson interval of a locality of this size just touches the county value.
      const touching = (value: number, z: number) => wilson((value / 100) * point.denominator, point.denominator, z);
      expect(touching(point.limits.upper95, 1.959963984540054)[0]! / 100).toBeCloseTo(p, 9);
      expect(touching(point.limits.lower95, 1.959963984540054)[1]! / 100).toBeCloseTo(p, 9);
      expect(touching(point.limits.upper998, 3.090232306167813)[0]! / 100).toBeCloseTo(p, 9);
      const expectedPosition =
        point.value > point.limits.upper998 ? 'HIGH_998'
        : point.value > point.limits.upper95 ? 'HIGH_95'
        : point.value < point.limits.lower998 ? 'LOW_998'
        : point.value < point.limits.lower95 ? 'LOW_95' : 'WITHIN';
      expect(point.position).toBe(expectedPosition);
    }
    expect(funnel.curve).toHaveLength(100);
    // The funnel narrows as the denominator grows.
    expect(funnel.curve[99].upper95 - funnel.curve[99].lower95).toBeLessThan(funnel.curve[0].upper95 - funnel.curve[0].lower95);
  });

  it('gives no funnel for a count, saying why', async () => {
    const { data } = await t.gql(FUNNEL, { indicator: 'iod2019-population-total' });
    expect(data.county.funnel.points).toEqual([]);
    expect(data.county.funnel.note).toMatch(/proportions and rates/);
  });
});

describe('the public health profiles’ export layout', () => {
  it('writes Fingertips’ columns in order, the area’s row, then its deprivation quintiles as category rows with the same figures', async () => {
    const response = await fetch(`${t.url}/exports/fingertips.csv?area=county&indicators=iod2019-population-aged-60-plus-pc,test-rare-events`);
    expect(response.status).toBe(200);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'Indicator ID', 'Indicator Name', 'Parent Code', 'Parent Name', 'Area Code', 'Area Name', 'Area Type', 'Sex', 'Age',
      'Category Type', 'Category', 'Time period', 'Value', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Lower CI 99.8 limit',
      'Upper CI 99.8 limit', 'Count', 'Denominator', 'Value note', 'Recent Trend', 'Compared to Herefordshire value or percentiles',
      'Time period Sortable',
    ]);
    const older = rows.filter((r) => r['Indicator ID'] === 'iod2019-population-aged-60-plus-pc');
    expect(older.map((r) => r.Category)).toEqual(['', 'Most deprived quintile', 'Second most deprived quintile', 'Third more deprived quintile', 'Second least deprived quintile', 'Least deprived quintile']);
    const { data } = await t.gql(QUERY, { indicator: 'iod2019-population-aged-60-plus-pc' });
    data.county.inequality.values.forEach((v: any, i: number) => {
      const row = older[i + 1]!;
      expect(Number(row.Value)).toBe(v.value);
      expect(Number(row.Count)).toBe(v.numerator);
      expect(Number(row.Denominator)).toBe(v.denominator);
      expect(Number(row['Lower CI 95.0 limit'])).toBe(v.lowerCI95);
    });
    // Withheld quintiles stay withheld in the download.
    const rare = rows.filter((r) => r['Indicator ID'] === 'test-rare-events' && r.Category !== '');
    const { data: rareData } = await t.gql(QUERY, { indicator: 'test-rare-events' });
    rareData.county.inequality.values.forEach((v: any, i: number) => {
      if (v.suppressed) expect(rare[i]).toMatchObject({ Value: '', Count: '', Denominator: '', 'Value note': expect.stringMatching(/Withheld/) });
    });
  });
});
