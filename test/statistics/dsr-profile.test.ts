/**
 * Directly standardised rates as a value type, end to end: a GENERATED fixture of age-banded
 * events and populations (test/fixtures/dsr, not real data) goes through the tidy importer, and
 * the profile's DSR and Dobson limits for a locality (one with a small area split with another
 * locality) and the county are checked against the formula of METHODS.md written out here by
 * hand from the fixture file (not by calling dsr.ts); under 10 events there is no DSR, with a
 * note; and an unknown age band is refused with its line, writing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, expectRejectedWritingNothing, PROJECT } from './import-support.js';
import { expectFigures } from './precision.js';

const FIXTURE = {
  catalogue: path.join(PROJECT, 'test', 'fixtures', 'dsr', 'catalogue.json'),
  data: path.join(PROJECT, 'test', 'fixtures', 'dsr', 'observations.csv'),
};
const read = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
const fixtureRows = read(FIXTURE.data);
const smallAreas = read(path.join(PROJECT, 'test', 'fixtures', 'sample', 'small_areas.csv'));

// European Standard Population 2013 (METHODS.md), band by band.
const ESP: Record<string, number> = {
  '0-4': 5000, '5-9': 5500, '10-14': 5500, '15-19': 5500, '20-24': 6000, '25-29': 6000, '30-34': 6500, '35-39': 7000,
  '40-44': 7000, '45-49': 7000, '50-54': 7000, '55-59': 6500, '60-64': 6000, '65-69': 5500, '70-74': 5000, '75-79': 4000,
  '80-84': 2500, '85-89': 1500, '90+': 1000,
};
const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;

/** Events and population per band over an area's small areas, each times its weight in the area (null: the county). */
function bandSums(indicator: string, locality: string | readonly string[] | null) {
  const localities = typeof locality === 'string' ? [locality] : locality;
  const weightOf = new Map<string, number>();
  for (const row of smallAreas) {
    if (localities === null || localities.includes(row.locality_code!)) {
      weightOf.set(row.small_area_code!, (weightOf.get(row.small_area_code!) ?? 0) + Number(row.weight));
    }
  }
  const sums = new Map<string, { x: number; n: number }>();
  for (const row of fixtureRows) {
    const w = weightOf.get(row.area_code!);
    if (row.indicator_id !== indicator || w === undefined) continue;
    const band = sums.get(row.age_band!) ?? { x: 0, n: 0 };
    band.x += w * Number(row.numerator);
    band.n += w * Number(row.denominator);
    sums.set(row.age_band!, band);
  }
  return sums;
}

/** METHODS.md: DSR = sum(w x/n)/sum(w); var = sum(x (w/n)^2)/(sum w)^2; limits = DSR + sqrt(var/O)(Byar(O) - O); x 100,000. */
function dobson(sums: Map<string, { x: number; n: number }>) {
  let sumW = 0, weighted = 0, variance = 0, O = 0, N = 0;
  for (const [band, { x, n }] of sums) {
    const w = ESP[band]!;
    sumW += w;
    weighted += (w * x) / n;
    variance += x * (w / n) ** 2;
    O += x;
    N += n;
  }
  const dsr = weighted / sumW;
  const spread = Math.sqrt(variance / sumW ** 2 / O);
  const lower = (z: number) => O * (1 - 1 / (9 * O) - z / (3 * Math.sqrt(O))) ** 3;
  const upper = (z: number) => (O + 1) * (1 - 1 / (9 * (O + 1)) + z / (3 * Math.sqrt(O + 1))) ** 3;
  return {
    O,
    N,
    value: dsr * 100_000,
    lower95: (dsr + spread * (lower(Z95) - O)) * 100_000,
    upper95: (dsr + spread * (upper(Z95) - O)) * 100_000,
    lower998: (dsr + spread * (lower(Z998) - O)) * 100_000,
    upper998: (dsr + spread * (upper(Z998) - O)) * 100_000,
  };
}

const ROW = 'indicator { id valueType } value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998 countyValue comparison suppressed note';
type Row = { indicator: { id: string; valueType: string }; value: number | null; numerator: number | null; denominator: number | null; lowerCI95: number | null; upperCI95: number | null; lowerCI998: number | null; upperCI998: number | null; countyValue: number | null; comparison: string; suppressed: boolean; note: string | null };

describe('directly standardised rates (value type DSR) from age-banded counts', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    const summary = await importIndicators(t.server.stores.analytics, FIXTURE);
    expect(summary).toMatchObject({ indicators: 2, ageBandRows: fixtureRows.length, observations: fixtureRows.length / 19 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const profiles = async (indicator: string) => {
    const res = await t.gql(`{ localities { code profile(indicators: ["${indicator}"]) { ${ROW} } } county { profile(indicators: ["${indicator}"]) { ${ROW} } } }`);
    expect(res.errors).toBeUndefined();
    const localities = new Map((res.data.localities as { code: string; profile: Row[] }[]).map((l) => [l.code, l.profile[0]!]));
    return { localities, county: (res.data.county.profile as Row[])[0]! };
  };

  it('gives a locality its DSR and Dobson limits from its small areas\u2019 summed bands (a split small area by its weight), compared with the county by interval', async () => {
    const { localities, county } = await profiles('dsr-generated-admissions');
    const expectedCounty = dobson(bandSums('dsr-generated-admissions', null));
    expect(county.indicator.valueType).toBe('DSR');
    for (const key of ['value', 'lower95', 'upper95', 'lower998', 'upper998'] as const) {
      const got = { value: county.value, lower95: county.lowerCI95, upper95: county.upperCI95, lower998: county.lowerCI998, upper998: county.upperCI998 }[key]!;
      expectFigures(got, expectedCounty[key], 9);
    }
    // Weobley holds 65% of a small area it shares with Hereford City.
    expect(smallAreas.some((row) => row.locality_code === 'weobley' && Number(row.weight) < 1)).toBe(true);
    for (const code of ['weobley', 'hereford-city', 'mortimer']) {
      const row = localities.get(code)!;
      const expected = dobson(bandSums('dsr-generated-admissions', code));
      expect(row.suppressed).toBe(false);
      expectFigures(row.numerator!, expected.O, 9);
      expectFigures(row.denominator!, expected.N, 9);
      expectFigures(row.value!, expected.value, 9);
      expectFigures(row.lowerCI95!, expected.lower95, 9);
      expectFigures(row.upperCI95!, expected.upper95, 9);
      expectFigures(row.lowerCI998!, expected.lower998, 9);
      expectFigures(row.upperCI998!, expected.upper998, 9);
      // Standardised, not crude: the crude rate of the same counts differs.
      expect(Math.abs(row.value! - (expected.O / expected.N) * 100_000)).toBeGreaterThan(1e-6);
      expectFigures(row.countyValue!, expectedCounty.value, 9);
      const inside = expectedCounty.value >= expected.lower95 && expectedCounty.value <= expected.upper95;
      expect(row.comparison).toBe(inside ? 'SIMILAR' : expected.lower95 > expectedCounty.value ? 'WORSE' : 'BETTER');
    }
  });

  it('standardises localities combined into one area from their summed bands (the on-request path)', async () => {
    const res = await t.gql('{ compare(localityCodes: ["weobley", "mortimer"], combined: true, indicators: ["dsr-generated-admissions"]) { area { kind } rows { value lowerCI95 upperCI998 } } }');
    expect(res.errors).toBeUndefined();
    const combined = (res.data.compare as { area: { kind: string }; rows: { value: number; lowerCI95: number; upperCI998: number }[] }[]).find((a) => a.area.kind === 'GROUP')!.rows[0]!;
    const expected = dobson(bandSums('dsr-generated-admissions', ['weobley', 'mortimer']));
    expectFigures(combined.value, expected.value, 9);
    expectFigures(combined.lowerCI95, expected.lower95, 9);
    expectFigures(combined.upperCI998, expected.upper998, 9);
  });

  it('computes no DSR under 10 events (null, with a note) while the county, with 10 or more, has one', async () => {
    const { localities, county } = await profiles('dsr-generated-rare');
    const countyExpected = dobson(bandSums('dsr-generated-rare', null));
    expect(countyExpected.O).toBeGreaterThanOrEqual(10);
    expectFigures(county.value!, countyExpected.value, 9);
    expectFigures(county.lowerCI95!, countyExpected.lower95, 9);
    for (const [code, row] of localities) {
      const events = dobson(bandSums('dsr-generated-rare', code)).O;
      expect(events).toBeLessThan(10);
      expect(row.numerator).toBeCloseTo(events, 9);
      expect(row.value).toBeNull();
      expect(row.lowerCI95).toBeNull();
      expect(row.comparison).toBe('NOT_COMPARED');
      expect(row.note).toMatch(/needs at least 10 events/);
    }
  });

  it('is refused where figures come from summed counts (by deprivation, funnel plot, small-area map: BAD_USER_INPUT on indicator), never given as a crude rate', async () => {
    const DSR = 'dsr-generated-admissions';
    const refused = { code: 'BAD_USER_INPUT', field: 'indicator', valueType: 'DSR' };
    for (const query of [
      `{ locality(code: "weobley") { inequality(indicator: "${DSR}") { values { value } } } }`,
      `{ county { inequality(indicator: "${DSR}", by: DECILE) { slopeIndex { sii } } } }`,
      `{ county { funnel(indicator: "${DSR}") { points { value } } } }`,
    ]) {
      const res = await t.gql(query);
      expect(res.errors?.[0]?.extensions, query).toMatchObject(refused);
      expect(res.errors?.[0]?.message, query).toMatch(/directly standardised rate/);
    }
    const map = await fetch(`${t.url}/maps/localities/weobley/small-areas.geojson?indicator=${DSR}`);
    expect(map.status).toBe(400);
    expect(await map.text()).toMatch(/directly standardised rate/);
    // The Fingertips layout: the DSR's own row, and no rows by deprivation quintile, where a rate
    // has them (the sample's small areas given IMD deciles here, as the IoD importer writes them).
    await t.server.stores.analytics.run(
      `INSERT INTO small_area_deprivation
       SELECT small_area_code, 'IoD2019', row_number() OVER (ORDER BY small_area_code), 1 + (row_number() OVER (ORDER BY small_area_code) % 10)
       FROM (SELECT DISTINCT small_area_code FROM small_area_locality)`,
    );
    const csvLines = async (indicator: string) =>
      (await (await fetch(`${t.url}/exports/fingertips.csv?area=weobley&indicators=${indicator}`)).text()).trim().split('\n').filter((line) => line.includes(indicator));
    expect((await csvLines('crime-rate-per-1000')).filter((line) => line.includes('Deprivation quintile')).length).toBeGreaterThan(0);
    expect(await csvLines(DSR)).toHaveLength(1);
    // The page's analysis section says why instead of drawing crude figures.
    const page = await (await fetch(`${t.url}/profiles/weobley?indicator=${DSR}`)).text();
    expect(page).toContain('Not shown for a directly standardised rate');
    expect(page).toContain('No funnel plot for a directly standardised rate');
  });

  it('refuses an unknown age band with its file and line (and the small area left short of a band), writing nothing', async () => {
    const copy = new CsvCopy(FIXTURE.data).set(5, 'age_band', '90-94');
    const [before] = await t.server.stores.analytics.query<{ n: bigint }>('SELECT count(*) AS n FROM observation_band');
    const problems = await expectRejectedWritingNothing(t, () => importIndicators(t.server.stores.analytics, { catalogue: FIXTURE.catalogue, data: copy.write() }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 5, column: 'age_band', reason: expect.stringContaining('unknown age band "90-94"') }));
    // Its small area then lacks a band: a missing band is reported, not taken as zero.
    expect(problems).toContainEqual(expect.objectContaining({ column: 'age_band', reason: expect.stringMatching(/E01990001, 2022: a DSR needs all 19 ESP2013 age bands; missing 15-19$/) }));
    const [after] = await t.server.stores.analytics.query<{ n: bigint }>('SELECT count(*) AS n FROM observation_band');
    expect(after!.n).toBe(before!.n);
  });
});
