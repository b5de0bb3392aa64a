/**
 * The ONS small-area population estimates importer on the files copied into data/herefordshire/statistics/population:
 * three single-year-of-age releases give three mid-years of populations and indicators for every
 * locality (the county's published totals, the bands equal to the broad-ages file derived from
 * the same releases); a second import changes nothing; and bad input is refused with its file
 * and line, writing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPopulation } from '../../src/population/import.js';
import { importPopulationEstimates } from '../../src/statistics/import/population-estimates.js';
import { cli, ownLines } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, expectRejectedWritingNothing, GEOGRAPHY, loadRealGeography, newTempDir, PROJECT, statisticsSnapshot, STATISTICS } from './import-support.js';

const DIR = path.join(STATISTICS, 'population');
const SYOA = ['2017', '2019', '2020'].map((year) => path.join(DIR, `sape_mid${year}_lsoa11_syoa.herefordshire.csv`));
/** DERIVED by summing the single years (test/fixtures/derived; data/README.md). */
const BROAD = path.join(PROJECT, 'test', 'fixtures', 'derived', 'population_lsoa11_broad_ages.herefordshire.csv');
/** County totals (README). */
const COUNTY = { '2017': 191041, '2019': 192801, '2020': 193615 };

describe('ONS small-area population estimates, three mid-years', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importPopulationEstimates>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    summary = await importPopulationEstimates(t.server.stores.analytics, SYOA);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads 116 LSOAs for 2017, 2019 and 2020: eight age bands and three indicators each', () => {
    expect(summary).toMatchObject({ files: 3, smallAreas: 116, skippedAreas: 0, indicators: 3, observations: 3 * 116 * 3, periods: ['2017', '2019', '2020'] });
    // 8 broad bands and 19 five-year bands (0-4 ... 85-89, 90+) per LSOA and year.
    expect(summary.populationRows).toBe(3 * 116 * (8 + 19));
  });

  it('derives the same bands as the broad-ages file built from the same releases', async () => {
    const broad = parse(readFileSync(BROAD, 'utf8'), { columns: true }) as Record<string, string>[];
    const stored = await t.server.stores.analytics.query<{ small_area_code: string; period: string; age_band: string; population: number }>(
      'SELECT * FROM small_area_population',
    );
    const byKey = new Map(stored.map((r) => [`${r.small_area_code} ${r.period} ${r.age_band}`, r.population]));
    let compared = 0;
    for (const row of broad) {
      for (const [band, value] of Object.entries(row)) {
        if (band === 'lsoa11_code' || band === 'period') continue;
        expect(byKey.get(`${row.lsoa11_code} ${row.period} ${band}`)).toBe(Number(value));
        compared += 1;
      }
    }
    expect(compared).toBe(348 * 8);
  });

  it('gives series of three years that sum, locality by locality, to the county’s published totals', async () => {
    const res = await t.gql(`{
      total: indicator(id: "population-total") { series(area: { kind: COUNTY, code: "COUNTY" }) { period value } }
      older: indicator(id: "population-aged-65-plus-pc") { valueType polarity series(area: { kind: COUNTY, code: "COUNTY" }) { period value numerator denominator } }
      localities { code population(period: "2019") { count } profile(indicators: ["population-total", "population-aged-0-15-pc"], period: "2019") { indicator { id } value } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.total.series).toEqual(Object.entries(COUNTY).map(([period, value]) => ({ period, value })));
    expect(res.data.older).toMatchObject({ valueType: 'PROPORTION', polarity: 'NO_JUDGEMENT' });
    for (const point of res.data.older.series) {
      expect(point.denominator).toBe(COUNTY[point.period as keyof typeof COUNTY]);
      expect(point.value).toBeCloseTo((100 * point.numerator) / point.denominator, 9);
    }
    const localities = res.data.localities as { code: string; population: { count: number }; profile: { indicator: { id: string }; value: number }[] }[];
    expect(localities.reduce((s, l) => s + l.population.count, 0)).toBe(COUNTY['2019']);
    for (const locality of localities) {
      expect(locality.profile.find((r) => r.indicator.id === 'population-total')?.value).toBe(locality.population.count);
    }
  });

  it('is the one population importer: import:population (--file) reads the official single-year files too', async () => {
    const before = await statisticsSnapshot(t);
    const loaded = await importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, SYOA);
    // 8 broad bands and the 19 five-year bands of the population pyramid (src/population/pyramid.ts).
    expect(loaded).toMatchObject({ rows: 3 * 116 * 27, periods: ['2017', '2019', '2020'], files: 3 });
    expect(loaded.ageBands).toEqual(expect.arrayContaining(['all_ages', 'aged_0_15', 'aged_65_plus', 'aged_85_plus']));
    expect(await statisticsSnapshot(t)).toEqual(before);
  });

  it('changes nothing when the same releases are imported again', async () => {
    const before = await statisticsSnapshot(t);
    const again = await importPopulationEstimates(t.server.stores.analytics, SYOA);
    expect(again.replaced).toBe(3 * 116 * 3);
    expect(await statisticsSnapshot(t)).toEqual(before);
  });
});

describe('bad population estimate files are refused with their file and line, writing nothing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importPopulationEstimates(t.server.stores.analytics, SYOA);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const refused = (files: string[]) => expectRejectedWritingNothing(t, () => importPopulationEstimates(t.server.stores.analytics, files));
  const FILE = path.basename(SYOA[1]!);

  it('refuses an LSOA of no loaded geography on its line', async () => {
    const problems = await refused([new CsvCopy(SYOA[1]!).set(8, 'lsoa11_code', 'E01099999').write()]);
    expect(problems).toEqual([
      { file: FILE, line: 8, reason: 'unknown small area "E01099999": it is in no geography version loaded (load the geography first)' },
    ]);
  });

  it('refuses an age count that is not a number', async () => {
    const copy = new CsvCopy(SYOA[1]!);
    const code = copy.get(12, 'lsoa11_code');
    const problems = await refused([copy.set(12, '47', 'abc').write()]);
    expect(problems).toEqual([{ file: FILE, line: 12, reason: `age 47 "abc" of ${code} must be a number of people, 0 or more (a whole number)` }]);
  });

  it('refuses single years that do not sum to the total', async () => {
    const copy = new CsvCopy(SYOA[1]!);
    const code = copy.get(5, 'lsoa11_code');
    const total = Number(copy.get(5, 'total_population'));
    const problems = await refused([copy.set(5, 'total_population', String(total + 10)).write()]);
    expect(problems).toEqual([{ file: FILE, line: 5, reason: `the single years of age of ${code} sum to ${total}, not its total ${total + 10}` }]);
  });

  it('refuses a zero population, the denominator of the proportions', async () => {
    const copy = new CsvCopy(SYOA[1]!);
    const code = copy.get(3, 'lsoa11_code');
    for (const column of copy.header.slice(2)) copy.set(3, column, '0');
    const problems = await refused([copy.write()]);
    expect(problems.map((p) => [p.file, p.line, p.reason])).toEqual([
      [FILE, 3, `population-aged-0-15-pc, ${code}, 2019: denominator 0 must be above 0`],
      [FILE, 3, `population-aged-65-plus-pc, ${code}, 2019: denominator 0 must be above 0`],
    ]);
  });

  it('refuses an LSOA given twice for one mid-year, also across files', async () => {
    const copy = new CsvCopy(SYOA[1]!);
    const code = copy.get(2, 'lsoa11_code');
    const line = copy.append(copy.fields(2));
    const problems = await refused([copy.write(), BROAD]);
    const withinFile = problems.find((p) => p.file === FILE);
    expect(withinFile).toEqual({ file: FILE, line, reason: `duplicate small area ${code} for 2019 (first on line 2)` });
    // The broad-ages file holds mid-2019 again (besides 2017 and 2020): each of its 2019 rows is a duplicate.
    const across = problems.filter((p) => p.file === path.basename(BROAD));
    expect(across).toHaveLength(116);
    for (const problem of across) expect(problem.reason).toMatch(new RegExp(`^duplicate small area E\\d+ for 2019 \\(first on line \\d+ of ${FILE.replaceAll('.', '\\.')}\\)$`));
    expect(problems).toHaveLength(117);
  });

  it('refuses a wrong header once, on the header line', async () => {
    const copy = new CsvCopy(SYOA[1]!);
    const problems = await refused([copy.setLine(1, copy.header.map((h) => (h === 'lsoa11_code' ? 'area' : h))).write()]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: FILE, line: 1 });
    expect(problems[0]!.reason).toMatch(/^wrong header: missing column code \("LSOA Code" or "small_area_code" or .*\); the header is: area, lsoa11_name, total_population, 0, 1/);
  });

  it('refuses a file whose mid-year it cannot tell', async () => {
    const file = new CsvCopy(SYOA[1]!).write(newTempDir(), 'estimates.csv');
    const problems = await refused([file]);
    expect(problems).toEqual([{ file: 'estimates.csv', line: 1, reason: 'no mid-year: add a period column or name the file after it (e.g. sape_mid2019_...)' }]);
  });
});

describe('the import-population-estimates command', { timeout: 240_000 }, () => {
  it('loads several files with a one-line summary, and the broad-ages file is read as well', async () => {
    const dir = newTempDir();
    const geography = await cli(dir, [
      'import-geography', '--version', 'hfd-2019', '--effective-from', '2019-12-01', '--county-code', 'E06000019',
      '--county-name', 'Herefordshire', '--localities', GEOGRAPHY.localities, '--small-areas', GEOGRAPHY.smallAreas,
    ]);
    expect(geography.code).toBe(0);
    const run = await cli(dir, ['import-population-estimates', ...SYOA]);
    expect(ownLines(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    expect(ownLines(run.stdout)).toEqual([
      'population estimates loaded from 3 files for 116 small areas: 3 indicators, 1,044 observations for 2017, 2019, 2020 ' +
        '(1,044 added, 0 replaced), 9,396 small-area populations',
    ]);
    const broad = await cli(dir, ['import-population-estimates', BROAD]);
    expect(broad.code).toBe(0);
    // The same figures from the derived file: the observations are replaced, none added.
    // The broad-ages file has no single years of age, so no five-year bands: 116 x 3 x 8.
    expect(ownLines(broad.stdout)).toEqual([
      'population estimates loaded from 1 files for 116 small areas: 3 indicators, 1,044 observations for 2017, 2019, 2020 ' +
        '(0 added, 1,044 replaced), 2,784 small-area populations',
    ]);
  });
});
