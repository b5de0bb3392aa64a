/**
 * Figures carried between generations of small areas through the ONS LSOA 2011 to 2021 lookup
 * (src/geography/small-area-lookup.ts): IMD 2019 (2011 LSOAs) on the 2021-LSOA geography and
 * Census 2021 (2021 LSOAs) on the 2011-LSOA one keep the whole area's numerator and denominator
 * (worked out here from the raw files), rows say how they were carried, the split LSOA E01014007 is
 * shared by residents where its parts lie in different localities, and the CSV download reads
 * the version it is asked for exactly as GraphQL does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSmallAreaLookup } from '../../src/geography/small-area-lookup.js';
import { ImportProblems, ImportRejectedError } from '../../src/importing/problems.js';
import { importCensus2021 } from '../../src/statistics/import/census2021.js';
import { importIod2019, iod2019FilesIn } from '../../src/statistics/import/iod2019.js';
import { HEREFORDSHIRE_DATA, startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, loadGeographyVersion, splitApartSmallAreas } from './import-support.js';

const GEO = path.join(HEREFORDSHIRE_DATA, 'geography');
const STATS = path.join(HEREFORDSHIRE_DATA, 'statistics');
const LOOKUP = path.join(GEO, 'herefordshire_lsoa11_lsoa21.csv');
const POPULATIONS = path.join(GEO, 'herefordshire_lsoa_populations.csv');
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
const number = (text: string) => Number(text.replaceAll(',', ''));

let t: TestServer;
const version = (versionId: string, smallAreas: string) => loadGeographyVersion(t, versionId, smallAreas);

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  // A crafted version: the 2021 geography with E01035056 (one half of the split E01014007) in Weobley.
  await version('split-apart', splitApartSmallAreas());
  await version('hfd-2021-lsoa21', path.join(GEO, 'herefordshire_lsoa21_localities_by_ward.csv'));
  // Loaded last with the same date: the version in force.
  await version('hfd-2019', path.join(GEO, 'herefordshire_lsoa11_localities.csv'));
  await importSmallAreaLookup(t.server.stores.analytics, { lookup: LOOKUP, populations: POPULATIONS });
  await importIod2019(t.server.stores.analytics, iod2019FilesIn(path.join(STATS, 'imd2019'), new ImportProblems()));
  await importCensus2021(t.server.stores.analytics, [path.join(STATS, 'census2021', 'ts038_disability.herefordshire.csv')]);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const ROW = 'area { kind code } value numerator denominator coverage incomplete smallAreaLookup';
const county = async (versionId: string, indicator: string) => {
  const res = await t.gql(`{ county(geographyVersion: "${versionId}") { profile(indicators: ["${indicator}"]) { ${ROW} } } }`);
  expect(res.errors).toBeUndefined();
  return res.data.county.profile[0];
};

/** IMD 2019, independently: residents (File 6, mid-2015) of LSOAs in deciles 1-2 (File 1), and all residents. */
function imdFromFiles() {
  const decile = new Map(
    csv(path.join(STATS, 'imd2019', 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.herefordshire.csv')).map((r) => [
      r['LSOA code (2011)']!,
      Number(Object.entries(r).find(([k]) => k.startsWith('Index of Multiple Deprivation (IMD) Decile'))![1]),
    ]),
  );
  const people = new Map(
    csv(path.join(STATS, 'imd2019', 'File_6_-_IoD2019_Population_Denominators.herefordshire.csv')).map((r) => [
      r['LSOA code (2011)']!,
      number(r['Total population: mid 2015 (excluding prisoners)']!),
    ]),
  );
  let x = 0;
  let n = 0;
  for (const [code, p] of people) {
    n += p;
    if (decile.get(code)! <= 2) x += p;
  }
  return { x, n, people };
}

describe('a release on 2011 LSOAs served on the 2021 LSOAs (ONS lookup)', () => {
  it('keeps the county’s IMD numerator and denominator: 14,297 of 188,522 on both versions', async () => {
    const { x, n } = imdFromFiles();
    expect([x, n]).toEqual([14_297, 188_522]);
    const on2011 = await county('hfd-2019', 'imd-most-deprived-20pc');
    const on2021 = await county('hfd-2021-lsoa21', 'imd-most-deprived-20pc');
    for (const row of [on2011, on2021]) {
      expect(row.numerator).toBeCloseTo(x, 6);
      expect(row.denominator).toBeCloseTo(n, 6);
      expect(row.value).toBeCloseTo((100 * x) / n, 9);
      expect(row.coverage).toBeCloseTo(1, 12);
      expect(row.incomplete).toBe(false);
    }
    expect(on2011.smallAreaLookup).toBeNull();
    expect(on2021.smallAreaLookup).toContain('ONS LSOA (2011) to LSOA (2021) lookup: published on 2011 LSOAs, read on 2021 LSOAs');
    expect(on2021.smallAreaLookup).toContain('1 published small area carried, 1 of them shared');
  });

  it('shares the split E01014007 between its 2021 parts by their Census 2021 residents', async () => {
    // E01035056 (1,526 residents) of E01014007's 3,122 (with E01035055's 1,596) goes to Weobley.
    const { people } = imdFromFiles();
    const residents = new Map<string, number>();
    for (const r of csv(path.join(STATS, 'census2021', 'ts007a_age6.herefordshire.csv'))) {
      residents.set(r.lsoa21_code!, (residents.get(r.lsoa21_code!) ?? 0) + Number(r.usual_residents));
    }
    const share = residents.get('E01035056')! / (residents.get('E01035056')! + residents.get('E01035055')!);
    expect(share).toBeCloseTo(1526 / 3122, 15);
    const weobleyOwn = csv(path.join(GEO, 'herefordshire_lsoa11_localities.csv'))
      .filter((r) => r.locality_code === 'weobley')
      .reduce((sum, r) => sum + people.get(r.lsoa11cd!)!, 0);
    const res = await t.gql(`{
      a: locality(code: "weobley", geographyVersion: "split-apart") { profile(indicators: ["imd-most-deprived-20pc"]) { ${ROW} } }
    }`);
    const b = await t.gql(`{ locality(code: "weobley", geographyVersion: "hfd-2019") { profile(indicators: ["imd-most-deprived-20pc"]) { ${ROW} } } }`);
    expect(res.errors).toBeUndefined();
    const split = res.data.a.profile[0];
    expect(split.denominator).toBeCloseTo(weobleyOwn + people.get('E01014007')! * share, 6);
    expect(b.data.locality.profile[0].denominator).toBeCloseTo(weobleyOwn, 6);
    // The county is the same whatever the locality assignment.
    expect((await county('split-apart', 'imd-most-deprived-20pc')).denominator).toBeCloseTo(188_522, 6);
  });
});

describe('a release on 2021 LSOAs served on the 2011 LSOAs', () => {
  it('keeps Census 2021 disability: every 2021 LSOA counted on the 2011 geography, the split parts summed', async () => {
    const rows = csv(path.join(STATS, 'census2021', 'ts038_disability.herefordshire.csv'));
    const totals = new Map<string, number>();
    let disabled = 0;
    for (const r of rows) {
      totals.set(r.lsoa21_code!, Number(r.total));
      if (r[Object.keys(r)[1]!] === 'Disabled under the Equality Act') disabled += Number(r.count);
    }
    const residents = [...totals.values()].reduce((a, b) => a + b, 0);
    expect(totals.size).toBe(117);
    const on2011 = await county('hfd-2019', 'census2021-disabled-pc');
    const on2021 = await county('hfd-2021-lsoa21', 'census2021-disabled-pc');
    for (const row of [on2011, on2021]) {
      expect(row.numerator).toBeCloseTo(disabled, 6);
      expect(row.denominator).toBeCloseTo(residents, 6);
      expect(row.coverage).toBeCloseTo(1, 12);
    }
    expect(on2021.smallAreaLookup).toBeNull();
    expect(on2011.smallAreaLookup).toContain('published on 2021 LSOAs, read on 2011 LSOAs');
    expect(on2011.smallAreaLookup).toContain('2 published small areas carried, 0 of them shared');
  });
});

describe('the lookup import', () => {
  it('refuses a bad lookup with every bad line, writing nothing', async () => {
    const before = await t.server.stores.analytics.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM small_area_bridge');
    const copy = new CsvCopy(LOOKUP);
    copy.set(3, 'LSOA21CD', 'E01099999'); // marked U with another code
    copy.set(5, 'LSOA11CD', 'Herefordshire'); // not a code
    copy.set(7, 'CHGIND', 'Q');
    const file = copy.write();
    const error = await importSmallAreaLookup(t.server.stores.analytics, { lookup: file, populations: POPULATIONS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'CHGIND'],
      [5, 'LSOA11CD'],
      [7, 'CHGIND'],
    ]);
    expect(await t.server.stores.analytics.query('SELECT count(*)::INTEGER AS n FROM small_area_bridge')).toEqual(before);
  });
});

describe('the CSV download honours geographyVersion as GraphQL does', () => {
  const get = async (route: string) => {
    const response = await fetch(new URL(route, t.url));
    return { status: response.status, rows: response.ok ? (parse(await response.text(), { columns: true }) as Record<string, string>[]) : [] };
  };

  it('gives the same figures for a locality on each version, different between versions', async () => {
    const values: Record<string, string> = {};
    for (const versionId of ['hfd-2019', 'split-apart']) {
      const res = await t.gql(`{ locality(code: "weobley", geographyVersion: "${versionId}") {
        profile(indicators: ["imd-most-deprived-20pc"]) { value numerator denominator lowerCI95 upperCI95 smallAreaLookup } } }`);
      const row = res.data.locality.profile[0];
      const { status, rows } = await get(`/profiles/weobley.csv?indicators=imd-most-deprived-20pc&geographyVersion=${versionId}`);
      expect(status).toBe(200);
      expect(rows).toHaveLength(1);
      const line = rows[0]!;
      expect([line.Value, line.Count, line.Denominator, line['Lower CI 95.0 limit'], line['Upper CI 95.0 limit']].map(Number)).toEqual([
        row.value,
        row.numerator,
        row.denominator,
        row.lowerCI95,
        row.upperCI95,
      ]);
      expect(line['Small area lookup'] || null).toBe(row.smallAreaLookup);
      values[versionId] = line.Denominator!;
    }
    expect(values['hfd-2019']).not.toBe(values['split-apart']);
  });

  it('reads the county and the whole-set download on the version asked for', async () => {
    const res = await t.gql(`{ county(geographyVersion: "hfd-2021-lsoa21") { profile(indicators: ["census2021-disabled-pc"]) { value smallAreaLookup } } }`);
    const county2011 = await get('/profiles/county.csv?indicators=census2021-disabled-pc&geographyVersion=hfd-2019');
    const county2021 = await get('/profiles/county.csv?indicators=census2021-disabled-pc&geographyVersion=hfd-2021-lsoa21');
    expect(Number(county2021.rows[0]!.Value)).toBe(res.data.county.profile[0].value);
    expect(county2021.rows[0]!['Small area lookup']).toBe('');
    expect(county2011.rows[0]!['Small area lookup']).toContain('published on 2021 LSOAs');
    const all = await get('/profiles.csv?indicators=imd-most-deprived-20pc&geographyVersion=split-apart');
    expect(all.rows.find((r) => r['Area Code'] === 'weobley')!.Denominator).toBe(
      (await get('/profiles/weobley.csv?indicators=imd-most-deprived-20pc&geographyVersion=split-apart')).rows[0]!.Denominator,
    );
  });

  it('names the method on the page too (the version in force, hfd-2019, reads Census 2021 through the lookup)', async () => {
    const response = await fetch(new URL('/profiles/county', t.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('published on 2021 LSOAs, read on 2011 LSOAs');
  });

  it('answers 404 for a version there is not', async () => {
    const response = await fetch(new URL('/profiles/county.csv?geographyVersion=hfd-1066', t.url));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('hfd-1066');
  });
});
