/**
 * The police.uk street-level crime importer on the five monthly West Mercia files as downloaded
 * (data/herefordshire/statistics/crime, Herefordshire's rows): counts per small area, month and
 * crime type become rates per 1,000 residents over the nearest mid-year estimate, equal to those
 * computed here from the raw rows; a re-downloaded month replaces only itself; rows without an
 * LSOA are counted and reported; bad rows are refused by file and line, writing nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPoliceCrime } from '../../src/statistics/import/police-crime.js';
import { importPopulationEstimates } from '../../src/statistics/import/population-estimates.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { cli, ownLines } from '../support/cli.js';
import { CsvCopy, expectRejectedWritingNothing, GEOGRAPHY, loadRealGeography, newTempDir, STATISTICS } from './import-support.js';

const DIR = path.join(STATISTICS, 'crime');
const MONTHS = readdirSync(DIR).filter((n) => n.endsWith('.csv')).sort().map((n) => path.join(DIR, n));
const POPULATION = ['2017', '2019', '2020'].map((y) => path.join(STATISTICS, 'population', `sape_mid${y}_lsoa11_syoa.herefordshire.csv`));
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe('police.uk street-level crime, five months at once', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importPoliceCrime>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importPopulationEstimates(t.server.stores.analytics, POPULATION);
    summary = await importPoliceCrime(t.server.stores.analytics, MONTHS);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts every row of the five files for the 116 small areas, 14 crime types and all crime', () => {
    expect(MONTHS).toHaveLength(5);
    expect(summary).toMatchObject({ files: 5, rows: 6661, withoutLocation: 0, outsideGeography: 0, smallAreas: 116, indicators: 15, observations: 116 * 5 * 15 });
    expect(summary.months).toEqual(['2018-10', '2018-11', '2018-12', '2019-01', '2019-02']);
    expect(summary.crimeTypes).toHaveLength(14);
  });

  it('gives each locality its violent crime rate per 1,000 over the mid-2019 estimate (the nearest), with a trend', async () => {
    const locality = new Map(csv(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const residents = new Map<string, number>();
    for (const row of csv(POPULATION[1]!)) residents.set(locality.get(row.lsoa11_code!)!, (residents.get(locality.get(row.lsoa11_code!)!) ?? 0) + Number(row.total_population));
    const violence = new Map<string, number>();
    for (const row of MONTHS.flatMap(csv)) {
      if (row.Month === '2019-02' && row['Crime type'] === 'Violence and sexual offences') {
        const l = locality.get(row['LSOA code']!)!;
        violence.set(l, (violence.get(l) ?? 0) + 1);
      }
    }
    const res = await t.gql(`{ localities { code profile(indicators: ["police-violence-and-sexual-offences-per-1000"]) { period value numerator denominator trend indicator { unit valueType polarity theme licence } } } }`);
    expect(res.errors).toBeUndefined();
    for (const l of res.data.localities as { code: string; profile: { period: string; value: number; numerator: number; denominator: number; trend: string; indicator: object }[] }[]) {
      const [row] = l.profile;
      expect(row).toMatchObject({ period: '2019-02', numerator: violence.get(l.code) ?? 0, denominator: residents.get(l.code) });
      expect(row!.value).toBeCloseTo((1000 * row!.numerator) / row!.denominator, 9);
      expect(row!.trend).not.toBe('NOT_ENOUGH_DATA');
      expect(row!.indicator).toEqual({ unit: 'per 1,000 residents', valueType: 'RATE', polarity: 'HIGHER_IS_WORSE', theme: 'crime', licence: 'Open Government Licence v3.0' });
    }
  });

  it('replaces only the month re-imported, and counts rows without an LSOA instead of dropping them silently', async () => {
    const copy = new CsvCopy(MONTHS[4]!);
    const fields = copy.fields(2);
    fields[7] = '';
    fields[8] = '';
    copy.append(fields);
    copy.append(fields);
    const again = await importPoliceCrime(t.server.stores.analytics, [copy.write()]);
    expect(again).toMatchObject({ rows: 1159, withoutLocation: 2, months: ['2019-02'], observations: 116 * 15, replaced: 116 * 15 });
    const [count] = await t.server.stores.analytics.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM observation WHERE indicator_id LIKE 'police-%'`);
    expect(count!.n).toBe(116 * 5 * 15);
  });

  it('refuses a bad month, a malformed LSOA code and an empty crime type, each by line, writing nothing', async () => {
    const copy = new CsvCopy(MONTHS[0]!).set(3, 'Month', 'Oct 2018').set(7, 'LSOA code', 'E0101398').set(9, 'Crime type', '');
    const file = copy.write();
    const problems = await expectRejectedWritingNothing(t, () => importPoliceCrime(t.server.stores.analytics, [file]));
    expect(problems.map((p) => [p.file, p.line, p.column])).toEqual([
      [path.basename(MONTHS[0]!), 3, 'Month'],
      [path.basename(MONTHS[0]!), 7, 'LSOA code'],
      [path.basename(MONTHS[0]!), 9, 'Crime type'],
    ]);
  });

  it('refuses rows in another council’s small areas unless asked to count them as skipped', async () => {
    const fields = new CsvCopy(MONTHS[0]!).fields(2);
    fields[7] = 'E01028000'; // a Shropshire LSOA in West Mercia's file
    const file = new CsvCopy(MONTHS[0]!).setLine(2, fields).write();
    const problems = await expectRejectedWritingNothing(t, () => importPoliceCrime(t.server.stores.analytics, [file]));
    expect(problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^1 small areas are in no geography version loaded.*--only-loaded-areas/)]);
    const loaded = await importPoliceCrime(t.server.stores.analytics, [file], { onlyLoadedAreas: true });
    expect(loaded.outsideGeography).toBe(1);
  });
});

describe('police crime without population estimates', () => {
  it('is refused: a rate needs the residents of each small area', async () => {
    const t = await startTestServer({ sample: false });
    try {
      await loadRealGeography(t);
      const problems = await expectRejectedWritingNothing(t, () => importPoliceCrime(t.server.stores.analytics, [MONTHS[0]!]));
      expect(problems).toHaveLength(116);
      expect(problems[0]!.reason).toMatch(/^no population estimate for small area E01\d+: import population estimates first/);
    } finally {
      await t.stop();
    }
  });
});

describe('the import:police-crime command', { timeout: 240_000 }, () => {
  it('prints what it added, replaced and skipped', async () => {
    const dir = newTempDir();
    const geography = await cli(dir, [
      'import-geography', '--version', 'hfd-2019', '--effective-from', '2019-12-01', '--county-code', 'E06000019',
      '--county-name', 'Herefordshire', '--localities', GEOGRAPHY.localities, '--small-areas', GEOGRAPHY.smallAreas,
    ]);
    expect(geography.code).toBe(0);
    expect((await cli(dir, ['import-population-estimates', ...POPULATION])).code).toBe(0);
    const run = await cli(dir, ['import-police-crime', ...MONTHS.slice(0, 2)]);
    expect(ownLines(run.stderr)).toEqual([]);
    expect(ownLines(run.stdout)).toEqual([
      'police.uk crime loaded from 2 files (2,848 rows, 2018-10, 2018-11) for 116 small areas: 15 indicators, 3,480 observations for 2018-10, 2018-11 ' +
        '(3,480 added, 0 replaced); skipped: 0 rows without an LSOA (police.uk could not place them)',
    ]);
  });
});
