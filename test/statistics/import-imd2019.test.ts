/**
 * The IoD 2019 importer on the files as released (copied into data/herefordshire/statistics/imd2019): the real Herefordshire
 * extracts load and give every locality its deprivation profile and its mid-2015 population (the
 * nine summing to the county's 188,522); a second import changes nothing; the national gzipped
 * files give exactly the same rows for the loaded geography; and each kind of bad input is
 * refused with its file and line, writing nothing. Expected numbers are computed here from the
 * raw files, independently of the importer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Iod2019Files, importIod2019 } from '../../src/statistics/import/iod2019.js';
import { cli, ownLines } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  CsvCopy,
  expectRejectedWritingNothing,
  GEOGRAPHY,
  loadRealGeography,
  newTempDir,
  PROJECT,
  statisticsSnapshot,
  STATISTICS,
} from './import-support.js';

/** The national files as released (gzip), copied into data/england/imd2019. */
const ENGLAND = path.join(PROJECT, 'data', 'england', 'imd2019');

const IMD = path.join(STATISTICS, 'imd2019');
const FILES: Iod2019Files = {
  file1: path.join(IMD, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.herefordshire.csv'),
  file2: path.join(IMD, 'File_2_-_IoD2019_Domains_of_Deprivation.herefordshire.csv'),
  file6: path.join(IMD, 'File_6_-_IoD2019_Population_Denominators.herefordshire.csv'),
};
const NATIONAL: Iod2019Files = {
  file1: path.join(ENGLAND, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz'),
  file2: path.join(ENGLAND, 'File_2_-_IoD2019_Domains_of_Deprivation.csv.gz'),
  file6: path.join(ENGLAND, 'File_6_-_IoD2019_Population_Denominators.csv.gz'),
};
const name = (file: string) => path.basename(file);

const DOMAINS: [id: string, file: 'file1' | 'file2', decileColumn: string][] = [
  ['imd-most-deprived-20pc', 'file1', 'Index of Multiple Deprivation (IMD) Decile'],
  ['imd-income-most-deprived-20pc', 'file2', 'Income Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-employment-most-deprived-20pc', 'file2', 'Employment Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-education-most-deprived-20pc', 'file2', 'Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-health-most-deprived-20pc', 'file2', 'Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-crime-most-deprived-20pc', 'file2', 'Crime Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-barriers-most-deprived-20pc', 'file2', 'Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)'],
  ['imd-living-environment-most-deprived-20pc', 'file2', 'Living Environment Decile (where 1 is most deprived 10% of LSOAs)'],
];
const TOTAL = 'Total population: mid 2015 (excluding prisoners)';

const readRows = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
const number = (text: string) => Number(text.replaceAll(',', ''));

/** From the raw files: each locality's residents in the most deprived 20% and its population, per domain. */
function expectedByLocality() {
  const localityOf = new Map(readRows(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
  const population = new Map(readRows(FILES.file6).map((r) => [r['LSOA code (2011)']!, number(r[TOTAL]!)]));
  const rows = { file1: readRows(FILES.file1), file2: readRows(FILES.file2) };
  const result = new Map<string, Map<string, { x: number; n: number }>>();
  for (const [id, file, column] of DOMAINS) {
    const byLocality = new Map<string, { x: number; n: number }>();
    for (const row of rows[file]) {
      const code = row['LSOA code (2011)']!;
      const locality = localityOf.get(code)!;
      const n = population.get(code)!;
      const sums = byLocality.get(locality) ?? { x: 0, n: 0 };
      sums.n += n;
      if (Number(row[column]) <= 2) sums.x += n;
      byLocality.set(locality, sums);
    }
    result.set(id, byLocality);
  }
  return result;
}

describe('IoD 2019 from the files as released, for Herefordshire', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importIod2019>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    summary = await importIod2019(t.server.stores.analytics, FILES);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads eleven indicators for the 116 LSOAs and File 6 as the 2015 small-area populations', async () => {
    expect(summary).toMatchObject({ smallAreas: 116, skippedAreas: 0, indicators: 11, observations: 116 * 11, replaced: 0, periods: ['2015', '2019'] });
    expect(summary.populationRows).toBe(116 * 5);
    const res = await t.gql(`{ indicators(theme: "deprivation") { id valueType aggregation polarity multiplier release licence source } }`);
    expect(res.errors).toBeUndefined();
    const ids = (res.data.indicators as { id: string }[]).map((i) => i.id).sort();
    expect(ids).toEqual(DOMAINS.map(([id]) => id).sort());
    for (const indicator of res.data.indicators) {
      expect(indicator).toMatchObject({ valueType: 'PROPORTION', aggregation: 'RATIO', polarity: 'HIGHER_IS_WORSE', multiplier: 100, release: 'IoD2019', licence: 'Open Government Licence v3.0' });
      expect(indicator.source).toMatch(/MHCLG/);
    }
    const bands = await t.server.stores.analytics.query<{ age_band: string; total: number }>(
      "SELECT age_band, sum(population) AS total FROM small_area_population WHERE period = '2015' GROUP BY age_band ORDER BY age_band",
    );
    expect(bands.map((b) => b.age_band)).toEqual(['aged_0_15', 'aged_16_59', 'aged_60_plus', 'all_ages', 'working_age']);
    expect(bands.find((b) => b.age_band === 'all_ages')?.total).toBe(188522);
  });

  it('gives the nine localities mid-2015 populations that sum to the county’s 188,522 exactly', async () => {
    const res = await t.gql('{ county { population(period: "2015") { count } } localities { code population(period: "2015") { period count } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.county.population.count).toBe(188522);
    const localities = res.data.localities as { code: string; population: { period: string; count: number } }[];
    expect(localities).toHaveLength(9);
    expect(localities.reduce((sum, l) => sum + l.population.count, 0)).toBe(188522);
    const fromFile = new Map<string, number>();
    const localityOf = new Map(readRows(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    for (const row of readRows(FILES.file6)) {
      const locality = localityOf.get(row['LSOA code (2011)']!)!;
      fromFile.set(locality, (fromFile.get(locality) ?? 0) + number(row[TOTAL]!));
    }
    expect(Object.fromEntries(localities.map((l) => [l.code, l.population.count]))).toEqual(Object.fromEntries(fromFile));
  });

  it('profiles every locality on each domain: the share in the most deprived 20%, its Wilson interval and the county comparison', async () => {
    const res = await t.gql(`{ localities { code profile(theme: "deprivation") {
      indicator { id } period value numerator denominator lowerCI95 upperCI95 countyValue comparison suppressed } } }`);
    expect(res.errors).toBeUndefined();
    const expected = expectedByLocality();
    const comparisons = new Set<string>();
    for (const locality of res.data.localities) {
      expect(locality.profile).toHaveLength(8);
      for (const row of locality.profile) {
        const { x, n } = expected.get(row.indicator.id)!.get(locality.code)!;
        expect(row.period).toBe('2019');
        expect(row.suppressed).toBe(false);
        expect(row.numerator).toBe(x);
        expect(row.denominator).toBe(n);
        expect(row.value).toBeCloseTo((100 * x) / n, 9);
        // Wilson limits stay within 0-100%, and reach 0 or 100 only where the value does.
        expect(row.lowerCI95).toBeLessThanOrEqual(row.value);
        expect(row.upperCI95).toBeGreaterThanOrEqual(row.value);
        expect(row.upperCI95).toBeGreaterThan(row.lowerCI95);
        expect(row.lowerCI95 === 0).toBe(x === 0);
        expect(row.upperCI95 === 100 || Math.abs(row.upperCI95 - 100) < 1e-9).toBe(x === n);
        expect(row.upperCI95).toBeLessThanOrEqual(100);
        expect(['BETTER', 'SIMILAR', 'WORSE']).toContain(row.comparison);
        comparisons.add(row.comparison);
      }
    }
    // Hereford City holds most of the county's most deprived LSOAs: some localities are worse, some better.
    expect(comparisons).toContain('WORSE');
    expect(comparisons).toContain('BETTER');
  });

  it('changes nothing when the same release is imported again', async () => {
    const before = await statisticsSnapshot(t);
    const again = await importIod2019(t.server.stores.analytics, FILES);
    expect(again.replaced).toBe(116 * 11);
    expect(await statisticsSnapshot(t)).toEqual(before);
  });

  it('reads the national gzipped files, keeping the loaded geography’s LSOAs: exactly the rows of the Herefordshire files', async () => {
    const before = await statisticsSnapshot(t);
    const national = await importIod2019(t.server.stores.analytics, NATIONAL, { onlyLoadedAreas: true });
    expect(national).toMatchObject({ smallAreas: 116, skippedAreas: 32844 - 116, observations: 116 * 11, populationRows: 116 * 5 });
    expect(await statisticsSnapshot(t)).toEqual(before);
  });
});

describe('bad IoD 2019 files are refused with their file and line, writing nothing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importIod2019(t.server.stores.analytics, FILES);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const refused = (files: Partial<Iod2019Files>) => expectRejectedWritingNothing(t, () => importIod2019(t.server.stores.analytics, { ...FILES, ...files }));
  const lineOf = (copy: CsvCopy, code: string) => {
    for (let n = 2; n <= copy.lineCount; n += 1) if (copy.get(n, 'LSOA code (2011)') === code) return n;
    throw new Error(`no ${code}`);
  };

  it('refuses an LSOA of no loaded geography, on its line in each file', async () => {
    const copies = { file1: new CsvCopy(FILES.file1), file2: new CsvCopy(FILES.file2), file6: new CsvCopy(FILES.file6) };
    const code = copies.file1.get(5, 'LSOA code (2011)');
    const lines = { file1: 5, file2: lineOf(copies.file2, code), file6: lineOf(copies.file6, code) };
    for (const key of ['file1', 'file2', 'file6'] as const) copies[key].set(lines[key], 'LSOA code (2011)', 'E01099999');
    const dir = newTempDir();
    const problems = await refused({ file1: copies.file1.write(dir), file2: copies.file2.write(dir), file6: copies.file6.write(dir) });
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['arguments', 0],
      [name(FILES.file1), lines.file1],
      [name(FILES.file2), lines.file2],
      [name(FILES.file6), lines.file6],
    ]);
    expect(problems[0]!.reason).toMatch(/1 small areas are in no geography version loaded.*--only-loaded-areas/);
    for (const problem of problems.slice(1)) expect(problem.reason).toMatch(/unknown small area "E01099999"/);
  });

  it('refuses a decile that is not a number', async () => {
    const copy = new CsvCopy(FILES.file2);
    const code = copy.get(7, 'LSOA code (2011)');
    const problems = await refused({ file2: copy.set(7, /^Income Decile/, 'five').write() });
    expect(problems).toEqual([{ file: name(FILES.file2), line: 7, reason: `Income decile of ${code} "five" must be a whole number from 1 to 10` }]);
  });

  it('refuses a population that is not a number, and a decile out of range', async () => {
    const file6 = new CsvCopy(FILES.file6).set(4, TOTAL, '1,2x4').write();
    const file1 = new CsvCopy(FILES.file1).set(9, 'Index of Multiple Deprivation (IMD) Decile', '11').write();
    const problems = await refused({ file1, file6 });
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [name(FILES.file1), 9],
      [name(FILES.file6), 4],
    ]);
    expect(problems[0]!.reason).toMatch(/Index of Multiple Deprivation \(IMD\) decile of E\d+ "11" must be a whole number from 1 to 10/);
    expect(problems[1]!.reason).toMatch(/all_ages of E\d+ "1,2x4" must be a whole number 0 or more/);
  });

  it('refuses a zero population, the denominator of every proportion', async () => {
    const copy = new CsvCopy(FILES.file6);
    const code = copy.get(9, 'LSOA code (2011)');
    const problems = await refused({ file6: copy.set(9, TOTAL, '0').write() });
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [name(FILES.file6), 9],
      [name(FILES.file6), 9],
    ]);
    expect(problems[0]!.reason).toMatch(new RegExp(`the ages of ${code} .* sum to \\d+, not its total population 0`));
    expect(problems[1]!.reason).toBe(`the total population of ${code} is 0: the proportions of its residents need a population above 0`);
  });

  it('refuses more children than residents: a proportion’s numerator above its denominator', async () => {
    const copy = new CsvCopy(FILES.file6);
    const code = copy.get(6, 'LSOA code (2011)');
    const total = number(copy.get(6, TOTAL));
    const problems = await refused({ file6: copy.set(6, /aged 0-15/, String(total + 1)).write() });
    expect(problems.every((p) => p.file === name(FILES.file6) && p.line === 6)).toBe(true);
    expect(problems.map((p) => p.reason)).toContainEqual(
      `iod2019-population-aged-0-15-pc, ${code}, 2015: numerator ${total + 1} is above the denominator ${total}: a proportion is at most 100%`,
    );
  });

  it('refuses an LSOA listed twice', async () => {
    const copy = new CsvCopy(FILES.file1);
    const code = copy.get(3, 'LSOA code (2011)');
    const line = copy.append(copy.fields(3));
    const problems = await refused({ file1: copy.write() });
    expect(problems).toEqual([{ file: name(FILES.file1), line, reason: `duplicate LSOA ${code} (first on line 3)` }]);
  });

  it('refuses a file whose header lacks a domain’s columns, naming them once on the header line', async () => {
    const copy = new CsvCopy(FILES.file2);
    const header = copy.header.map((h) => h.replace(/^Crime /, 'Crimes '));
    const problems = await refused({ file2: copy.setLine(1, header).write() });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: name(FILES.file2), line: 1 });
    expect(problems[0]!.reason).toMatch(/^wrong header: missing columns Crime Rank .*, Crime Decile .*; the header is: LSOA code \(2011\)/);
  });

  it('refuses an LSOA missing from one of the files, on its line in the others', async () => {
    const file6 = new CsvCopy(FILES.file6);
    const code = file6.get(2, 'LSOA code (2011)');
    file6.set(2, 'LSOA code (2011)', 'E01099998');
    const problems = await refused({ file6: file6.write() });
    const mine = problems.filter((p) => p.reason.includes(code));
    expect(mine.map((p) => p.file).sort()).toEqual([name(FILES.file1), name(FILES.file2)].sort());
    expect(mine[0]!.reason).toContain(`LSOA ${code} is not in ${name(FILES.file6)}`);
  });
});

describe('the import-imd2019 command', { timeout: 240_000 }, () => {
  it('loads a folder of published files for the loaded geography, then exits 1 listing file:line: reason for a bad copy', async () => {
    const dir = newTempDir();
    const geography = await cli(dir, [
      'import-geography', '--version', 'hfd-2019', '--effective-from', '2019-12-01', '--county-code', 'E06000019',
      '--county-name', 'Herefordshire', '--localities', GEOGRAPHY.localities, '--small-areas', GEOGRAPHY.smallAreas,
    ]);
    expect(geography.code).toBe(0);

    const national = await cli(dir, ['import-imd2019', '--dir', ENGLAND, '--only-loaded-areas']);
    expect(ownLines(national.stderr)).toEqual([]);
    expect(national.code).toBe(0);
    expect(ownLines(national.stdout)).toEqual([
      'IoD 2019 loaded for 116 small areas: 11 indicators, 1,276 observations for 2015, 2019 (1,276 added, 0 replaced), ' +
        '580 small-area populations for 2015; 32,728 small areas of no loaded geography skipped',
    ]);

    const bad = newTempDir();
    new CsvCopy(FILES.file1).write(bad);
    new CsvCopy(FILES.file2).set(7, /^Income Decile/, 'five').write(bad);
    new CsvCopy(FILES.file6).write(bad);
    const run = await cli(dir, ['import-imd2019', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('IoD 2019 import rejected: 1 problem; nothing was written');
    expect(run.stderr).toMatch(new RegExp(`${name(FILES.file2).replace(/[.]/g, '\\.')}:7: Income decile of E\\d+ "five" must be a whole number from 1 to 10`));
  });
});
