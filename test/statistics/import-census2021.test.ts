/**
 * The Census 2021 importer on the published topic summaries (data/herefordshire/statistics/
 * census2021, long layout) and on a Nomis bulk (wide) file built from the same real numbers
 * (test/fixtures/census2021): the eight tables load onto the 2011 small areas through the ONS
 * lookup, a locality's proportion equals the one computed here from the raw 2021 rows and the
 * 2021 locality assignment, the wide file gives exactly the rows the long one does, and bad input
 * is refused with its file and line, writing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCensus2021 } from '../../src/statistics/import/census2021.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, expectRejectedWritingNothing, loadRealGeography, LSOA21_LOCALITIES, LSOA_LOOKUP, newTempDir, PROJECT, STATISTICS } from './import-support.js';

const DIR = path.join(STATISTICS, 'census2021');
const LOOKUP = LSOA_LOOKUP.lookup;
const TABLES = ['ts007a_age6', 'ts011_household_deprivation', 'ts021_ethnic_group', 'ts030_religion', 'ts038_disability', 'ts044_accommodation_type', 'ts052_occupancy_rating_bedrooms', 'ts054_tenure'].map(
  (name) => path.join(DIR, `${name}.herefordshire.csv`),
);
const TENURE = TABLES.at(-1)!;
const WIDE = path.join(PROJECT, 'test', 'fixtures', 'census2021', 'census2021-ts054-lsoa.csv');
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe('Census 2021 topic summaries, long and Nomis bulk layouts', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importCensus2021>>;
  const socialRented = () =>
    t.server.stores.analytics.query<{ small_area_code: string; numerator: number; denominator: number }>(
      `SELECT small_area_code, numerator, denominator FROM observation WHERE indicator_id = 'census2021-social-rented-pc' ORDER BY small_area_code`,
    );
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    summary = await importCensus2021(t.server.stores.analytics, TABLES, { areaLookup: LOOKUP });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads the eight tables onto the 116 2011 small areas', () => {
    expect(summary.tables.sort()).toEqual(['TS007A', 'TS011', 'TS021', 'TS030', 'TS038', 'TS044', 'TS052', 'TS054']);
    expect(summary).toMatchObject({ files: 8, smallAreas: 116, skippedAreas: 0, indicators: 15, observations: 15 * 116, periods: ['2021'] });
  });

  it('gives each locality the share of households renting socially (council + other) computed from the raw 2021 rows', async () => {
    const locality = new Map(csv(LSOA21_LOCALITIES).map((r) => [r.lsoa21cd!, r.locality_code!]));
    const expected = new Map<string, { x: number; n: number }>();
    for (const row of csv(TENURE)) {
      const code = locality.get(row.lsoa21_code!)!;
      const sum = expected.get(code) ?? { x: 0, n: 0 };
      if (row.tenure!.startsWith('Social rented:')) sum.x += Number(row.count);
      if (row.tenure === 'Lives rent free') sum.n += Number(row.total); // once per area
      expected.set(code, sum);
    }
    const res = await t.gql(`{ localities { code profile(indicators: ["census2021-social-rented-pc"]) { value numerator denominator period indicator { unit valueType population release licence } } } }`);
    expect(res.errors).toBeUndefined();
    for (const l of res.data.localities as { code: string; profile: { value: number; numerator: number; denominator: number; period: string; indicator: Record<string, string> }[] }[]) {
      const [row] = l.profile;
      const e = expected.get(l.code)!;
      expect(row).toMatchObject({ numerator: e.x, denominator: e.n, period: '2021' });
      expect(row!.value).toBeCloseTo((100 * e.x) / e.n, 9);
      expect(row!.indicator).toEqual({ unit: '%', valueType: 'PROPORTION', population: 'households', release: 'Census 2021', licence: 'Open Government Licence v3.0' });
    }
  });

  it('sums the split 2021 area E01014007 -> E01035055 + E01035056 back into its 2011 parent', async () => {
    const raw = csv(TENURE).filter((r) => ['E01035055', 'E01035056'].includes(r.lsoa21_code!) && r.tenure!.startsWith('Social rented:'));
    const parent = (await socialRented()).find((r) => r.small_area_code === 'E01014007')!;
    expect(parent.numerator).toBe(raw.reduce((a, r) => a + Number(r.count), 0));
  });

  it('reads the Nomis bulk layout of the same numbers into exactly the same rows', async () => {
    const fromLong = await socialRented();
    const wide = await importCensus2021(t.server.stores.analytics, [WIDE], { areaLookup: LOOKUP });
    expect(wide).toMatchObject({ tables: ['TS054'], indicators: 3, observations: 3 * 116, replaced: 3 * 116 });
    expect(await socialRented()).toEqual(fromLong);
  });

  it('lets a catalogue file override the defaults (name, polarity)', async () => {
    const dir = newTempDir();
    const overrides = path.join(dir, 'overrides.csv');
    (await import('node:fs')).writeFileSync(overrides, 'id,name,polarity\ncensus2021-social-rented-pc,Social renting,HIGHER_IS_BETTER\n');
    await importCensus2021(t.server.stores.analytics, [TENURE], { areaLookup: LOOKUP, catalogue: overrides });
    const res = await t.gql('{ indicator(id: "census2021-social-rented-pc") { name polarity source } }');
    expect(res.data.indicator).toMatchObject({ name: 'Social renting', polarity: 'HIGHER_IS_BETTER' });
    expect(res.data.indicator.source).toContain('TS054 Tenure');
  });

  it('refuses a long file with a bad count, categories not summing to the total and an area not in the lookup, each by line', async () => {
    const copy = new CsvCopy(TENURE);
    copy.set(5, 'count', 'twelve');
    copy.set(10, 'count', String(Number(copy.get(10, 'count')) + 1)); // its area's categories no longer sum to the total
    const area10 = copy.get(10, 'lsoa21_code');
    const firstOfArea10 = [...Array(copy.lineCount).keys()].map((i) => i + 1).find((n) => n > 1 && copy.get(n, 'lsoa21_code') === area10)!;
    const line = copy.append(['E01099999', 'Lives rent free', '3', '3']);
    const file = copy.write();
    const problems = await expectRejectedWritingNothing(t, () => importCensus2021(t.server.stores.analytics, [file], { areaLookup: LOOKUP }));
    const name = path.basename(TENURE);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: name, line: 5, reason: expect.stringContaining('count of "') }),
        expect.objectContaining({ file: name, line: firstOfArea10, reason: expect.stringContaining(`the categories of ${area10} sum to`) }),
        expect.objectContaining({ file: name, line, reason: '2021 area E01099999 is not in the area lookup' }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('refuses a wide file with a negative count and a missing category column', async () => {
    const copy = new CsvCopy(WIDE).set(3, 'Tenure of household: Lives rent free', '-1');
    const header = copy.header.map((h) => h.replace('Social rented: Other social rented', 'Social rented: Other'));
    const file = copy.setLine(1, header).write();
    const problems = await expectRejectedWritingNothing(t, () => importCensus2021(t.server.stores.analytics, [file], { areaLookup: LOOKUP }));
    expect(problems.map((p) => [p.line, p.reason.slice(0, 40)])).toEqual([
      [1, 'census2021-social-rented-pc: no category'],
      [3, 'Tenure of household: Lives rent free "-1'],
    ]);
  });

  it('refuses a file whose table it cannot tell, and 2021 areas with no lookup on a 2011 geography', async () => {
    const unnamed = new CsvCopy(TENURE).write(newTempDir(), 'tenure.csv');
    const problems = await expectRejectedWritingNothing(t, () => importCensus2021(t.server.stores.analytics, [unnamed, TABLES[4]!]));
    // The two halves of the split area are 2021 codes only: each named on its line, and the hint.
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['arguments', 0],
      ['tenure.csv', 0],
      ['ts038_disability.herefordshire.csv', 232],
      ['ts038_disability.herefordshire.csv', 234],
    ]);
    expect(problems[0]!.reason).toMatch(/^2 small areas are in no geography version loaded/);
    expect(problems[2]!.reason).toMatch(/^unknown small area "E0103505[56]"/);
  });
});
