/**
 * The tidy importer (a catalogue in JSON or CSV, observations in a tidy CSV): the bundled sample
 * loads on first start and shows every kind of answer; real police counts (test/fixtures/derived)
 * turned into a tidy file load on the real geography and add up to the file; importing a release
 * twice changes nothing and a revised release replaces only the periods it covers; and each kind
 * of bad input is refused with its file, line and reason, writing nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPopulation } from '../../src/population/import.js';
import { importIndicators } from '../../src/statistics/import/tidy.js';
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
} from './import-support.js';

const SAMPLE = {
  catalogue: path.join(PROJECT, 'test', 'fixtures', 'sample', 'statistics', 'catalogue.json'),
  data: path.join(PROJECT, 'test', 'fixtures', 'sample', 'statistics', 'observations.csv'),
};
const sampleCatalogue = JSON.parse(readFileSync(SAMPLE.catalogue, 'utf8')) as Record<string, unknown>[];
const sampleRows = parse(readFileSync(SAMPLE.data, 'utf8'), { columns: true }) as Record<string, string>[];

/** The first data line of the sample file holding `indicator` (line = row index + 2). */
const lineOf = (indicator: string, from = 0) => sampleRows.findIndex((row, i) => i >= from && row.indicator_id === indicator) + 2;

describe('the sample statistics, loaded on first start through the tidy importer', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('holds every row of the sample files, each value type and aggregation, over five years and five financial years', async () => {
    const snapshot = await statisticsSnapshot(t);
    expect(Number(snapshot.indicators)).toBe(sampleCatalogue.length);
    expect(Number(snapshot.observations)).toBe(sampleRows.length);
    const res = await t.gql('{ themes indicators { id valueType aggregation series(area: { kind: COUNTY, code: "COUNTY" }) { period } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.themes).toEqual(expect.arrayContaining(['crime', 'deprivation', 'economy', 'health', 'housing', 'population']));
    const kinds = new Set((res.data.indicators as { valueType: string; aggregation: string }[]).map((i) => `${i.valueType}/${i.aggregation}`));
    expect([...kinds].sort()).toEqual(['COUNT/SUM', 'MEAN/WEIGHTED_MEAN', 'PROPORTION/RATIO', 'RATE/RATIO', 'SCORE/NOT_ADDITIVE']);
    const admissions = res.data.indicators.find((i: { id: string }) => i.id === 'emergency-admissions-per-1000');
    expect(admissions.series.map((p: { period: string }) => p.period)).toEqual(['2016/17', '2017/18', '2018/19', '2019/20', '2020/21']);
    const crime = res.data.indicators.find((i: { id: string }) => i.id === 'crime-rate-per-1000');
    expect(crime.series.map((p: { period: string }) => p.period)).toEqual(['2016', '2017', '2018', '2019', '2020']);
  });

  it('stores a weighted mean given as value and weight with its numerator computed (value x weight)', async () => {
    const given = sampleRows.filter((row) => row.indicator_id === 'life-satisfaction-mean');
    expect(given.every((row) => row.numerator === '' && row.value !== '' && row.denominator !== '')).toBe(true);
    const stored = await t.server.stores.analytics.query<{ small_area_code: string; period: string; numerator: number; denominator: number; value: number }>(
      "SELECT small_area_code, period, numerator, denominator, value FROM observation WHERE indicator_id = 'life-satisfaction-mean'",
    );
    expect(stored).toHaveLength(given.length);
    const byKey = new Map(given.map((row) => [`${row.area_code} ${row.period}`, row]));
    for (const row of stored) {
      const source = byKey.get(`${row.small_area_code} ${row.period}`)!;
      expect(row.value).toBe(Number(source.value));
      expect(row.numerator).toBeCloseTo(Number(source.value) * Number(source.denominator), 9);
    }
  });

  it('shows real answers in every locality: withheld small counts, better and worse than the county, significant trends', async () => {
    const res = await t.gql(`{ localities { code profile { indicator { id valueType } period value lowerCI95 upperCI95 comparison trend suppressed note } } }`);
    expect(res.errors).toBeUndefined();
    const rows = (res.data.localities as { profile: { indicator: { id: string; valueType: string }; value: number | null; lowerCI95: number | null; comparison: string; trend: string; suppressed: boolean; note: string | null }[] }[]).flatMap((l) => l.profile);
    expect(rows).toHaveLength(9 * sampleCatalogue.length);
    const comparisons = new Set(rows.map((r) => r.comparison));
    for (const comparison of ['BETTER', 'SIMILAR', 'WORSE', 'HIGHER', 'LOWER']) expect(comparisons).toContain(comparison);
    const trends = new Set(rows.map((r) => r.trend));
    for (const trend of ['INCREASING', 'DECREASING', 'NO_SIGNIFICANT_CHANGE']) expect(trends).toContain(trend);
    const withheld = rows.filter((r) => r.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    for (const row of withheld) {
      expect(row.value).toBeNull();
      expect(row.note).toBeTruthy();
    }
    for (const row of rows.filter((r) => r.indicator.valueType === 'MEAN')) {
      expect(row.lowerCI95).toBeLessThan(row.value!);
    }
  });

  it('changes nothing when the sample is imported again', async () => {
    const before = await statisticsSnapshot(t);
    const again = await importIndicators(t.server.stores.analytics, SAMPLE);
    expect(again).toMatchObject({ indicators: sampleCatalogue.length, observations: sampleRows.length, replaced: sampleRows.length });
    expect(await statisticsSnapshot(t)).toEqual(before);
  });

  it('lets a revised release replace the periods it covers and keeps the older ones', async () => {
    const dir = newTempDir();
    const revised = sampleCatalogue.filter((entry) => entry.id === 'crime-rate-per-1000').map((entry) => ({ ...entry, release: 'sample-2021' }));
    writeFileSync(path.join(dir, 'revised.json'), JSON.stringify(revised));
    const rows = sampleRows.filter((row) => row.indicator_id === 'crime-rate-per-1000' && ['2019', '2020'].includes(row.period!));
    writeFileSync(
      path.join(dir, 'revised.csv'),
      ['indicator_id,area_code,period,numerator,denominator,value', ...rows.map((r) => `${r.indicator_id},${r.area_code},${r.period},${Number(r.numerator) + 1},${r.denominator},`)].join('\n'),
    );
    const before = Number((await statisticsSnapshot(t)).observations);
    const summary = await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'revised.json'), data: path.join(dir, 'revised.csv') });
    expect(summary).toMatchObject({ indicators: 1, observations: rows.length, replaced: rows.length, periods: ['2019', '2020'] });
    expect(Number((await statisticsSnapshot(t)).observations)).toBe(before);
    const releases = await t.server.stores.analytics.query<{ period: string; release: string; numerator: number }>(
      "SELECT period, min(release) AS release, sum(numerator) AS numerator FROM observation WHERE indicator_id = 'crime-rate-per-1000' GROUP BY period ORDER BY period",
    );
    const fileSum = (period: string) => sampleRows.filter((r) => r.indicator_id === 'crime-rate-per-1000' && r.period === period).reduce((s, r) => s + Number(r.numerator), 0);
    expect(releases).toEqual([
      { period: '2016', release: 'sample-2020', numerator: fileSum('2016') },
      { period: '2017', release: 'sample-2020', numerator: fileSum('2017') },
      { period: '2018', release: 'sample-2020', numerator: fileSum('2018') },
      { period: '2019', release: 'sample-2021', numerator: fileSum('2019') + rows.length / 2 },
      { period: '2020', release: 'sample-2021', numerator: fileSum('2020') + rows.length / 2 },
    ]);
    const res = await t.gql('{ indicator(id: "crime-rate-per-1000") { release } }');
    expect(res.data.indicator.release).toBe('sample-2021');
    // Put the sample back as it was, for the tests that follow.
    await importIndicators(t.server.stores.analytics, SAMPLE);
  });
});

describe('bad tidy files are refused with their file, line and reason, writing nothing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const refused = (files: { catalogue?: string; data?: string }) =>
    expectRejectedWritingNothing(t, () => importIndicators(t.server.stores.analytics, { ...SAMPLE, ...files }));
  const data = () => new CsvCopy(SAMPLE.data);

  it('refuses an unknown small area', async () => {
    const problems = await refused({ data: data().set(10, 'area_code', 'E01999999').write() });
    expect(problems).toEqual([{ file: 'observations.csv', line: 10, reason: 'unknown small area "E01999999": it is in no geography version loaded (load the geography first)' }]);
  });

  it('refuses an indicator that is neither in the catalogue nor loaded', async () => {
    const problems = await refused({ data: data().set(20, 'indicator_id', 'no-such-indicator').write() });
    expect(problems).toEqual([
      { file: 'observations.csv', line: 20, reason: 'unknown indicator "no-such-indicator": it is neither in this catalogue nor loaded', column: 'indicator_id' },
    ]);
  });

  it('refuses a number that is not one', async () => {
    const problems = await refused({ data: data().set(30, 'numerator', 'twelve').write() });
    expect(problems).toEqual([{ file: 'observations.csv', line: 30, reason: 'numerator "twelve" is not a number', column: 'numerator' }]);
  });

  it('refuses a proportion whose denominator is 0', async () => {
    const line = lineOf('children-low-income-pc');
    const { area_code, period } = sampleRows[line - 2]!;
    const problems = await refused({ data: data().set(line, 'denominator', '0').set(line, 'value', '').write() });
    expect(problems).toEqual([{ file: 'observations.csv', line, reason: `children-low-income-pc, ${area_code}, ${period}: denominator 0 must be above 0` }]);
  });

  it('refuses a proportion whose numerator is above its denominator', async () => {
    const line = lineOf('adults-active-pc') + 3;
    const { area_code, period, denominator } = sampleRows[line - 2]!;
    const above = String(Number(denominator) + 1);
    const problems = await refused({ data: data().set(line, 'numerator', above).set(line, 'value', '').write() });
    expect(problems).toEqual([
      { file: 'observations.csv', line, reason: `adults-active-pc, ${area_code}, ${period}: numerator ${above} is above the denominator ${denominator}: a proportion is at most 100%` },
    ]);
  });

  it('refuses a value that its numerator and denominator contradict, and a negative count', async () => {
    const proportion = lineOf('fuel-poverty-pc');
    const count = lineOf('asb-incidents') + 1;
    const problems = await refused({ data: data().set(proportion, 'value', '99.5').set(count, 'numerator', '-3').write() });
    expect(problems.map((p) => p.line)).toEqual([count, proportion]);
    expect(problems[0]!.reason).toMatch(/^asb-incidents, E0199\d+, \d{4}: numerator -3 is negative: a count is 0 or more$/);
    expect(problems[1]!.reason).toMatch(/^fuel-poverty-pc, E0199\d+, \d{4}: value 99.5 does not match numerator \/ denominator x 100 = [\d.]+$/);
  });

  it('refuses a row given twice, naming the first', async () => {
    const copy = data();
    const line = copy.append(copy.fields(2));
    const { indicator_id, area_code, period } = sampleRows[0]!;
    const problems = await refused({ data: copy.write() });
    expect(problems).toEqual([{ file: 'observations.csv', line, reason: `duplicate row for ${indicator_id}, ${area_code}, ${period} (first on line 2 of observations.csv)` }]);
  });

  it('refuses a wrong header once, on the header line, naming the missing columns', async () => {
    const copy = data();
    const problems = await refused({ data: copy.setLine(1, copy.header.map((h) => (h === 'denominator' ? 'denom' : h === 'value' ? 'val' : h))).write() });
    expect(problems).toEqual([
      {
        file: 'observations.csv',
        line: 1,
        reason: 'wrong header: missing columns denominator ("denominator"), value ("value"); the header is: indicator_id, area_code, period, numerator, denom, val, standard_error',
      },
    ]);
  });

  it('refuses a period it cannot place', async () => {
    const problems = await refused({ data: data().set(40, 'period', '2019/21').write() });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'observations.csv', line: 40 });
    expect(problems[0]!.reason).toMatch(/period "2019\/21" is not a year \(2019\), a financial year \(2019\/20\)/);
  });

  it('refuses a catalogue entry the schema rejects, on the line of the entry in the JSON', async () => {
    const dir = newTempDir();
    const entries = sampleCatalogue.map((entry) => (entry.id === 'crime-rate-per-1000' ? { ...entry, valueType: 'PERCENT' } : entry));
    const file = path.join(dir, 'catalogue.json');
    const text = JSON.stringify(entries, null, 2);
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('"id": "crime-rate-per-1000"'));
    const problems = await refused({ catalogue: file });
    // The entry's opening brace is the line before its id; the rows of the indicator it would have
    // defined are still checked against the one already loaded.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'catalogue.json', line, column: 'value_type' });
    expect(problems[0]!.reason).toMatch(/^indicator "crime-rate-per-1000": value_type: /);
  });

  it('refuses a CSV catalogue row with a missing field and a proportion not aggregated as a ratio', async () => {
    const dir = newTempDir();
    const file = path.join(dir, 'catalogue.csv');
    writeFileSync(
      file,
      [
        'id,name,definition,unit,value_type,multiplier,polarity,aggregation,weight_population,population,theme,source,release,licence,disclosure_control',
        'new-a,New A,Defined,%,PROPORTION,100,HIGHER_IS_WORSE,SUM,,all ages,health,Test,r1,OGL,yes',
        'new-b,,Defined,%,PROPORTION,100,HIGHER_IS_WORSE,RATIO,,all ages,health,Test,r1,OGL,',
      ].join('\n'),
    );
    const problems = await refused({ catalogue: file, data: undefined });
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'aggregation'],
      [3, 'name'],
    ]);
    expect(problems[0]!.reason).toBe('indicator "new-a": aggregation: a PROPORTION aggregates as a RATIO of summed numerators and denominators');
  });

  it('reports every problem of a file at once, in line order', async () => {
    const copy = data()
      .set(50, 'area_code', 'E01999999')
      .set(60, 'value', 'n/a')
      .set(70, 'indicator_id', 'nope');
    const problems = await refused({ data: copy.write() });
    expect(problems.map((p) => p.line)).toEqual([50, 60, 70]);
  });
});

describe('real counts as a tidy file: police.uk street-level crime on the real geography', () => {
  const COUNTS = path.join(PROJECT, 'test', 'fixtures', 'derived', 'police_street_crime_counts_lsoa11_month.herefordshire.csv');
  const POPULATION = path.join(PROJECT, 'test', 'fixtures', 'derived', 'population_lsoa11_broad_ages.herefordshire.csv');
  const counts = parse(readFileSync(COUNTS, 'utf8'), { columns: true }) as { lsoa11cd: string; month: string; crime_type: string; count: string }[];
  const population2019 = new Map(
    (parse(readFileSync(POPULATION, 'utf8'), { columns: true }) as Record<string, string>[])
      .filter((row) => row.period === '2019')
      .map((row) => [row.lsoa11_code!, Number(row.all_ages)]),
  );
  const catalogue = [
    {
      id: 'police-asb-incidents', name: 'Anti-social behaviour incidents', definition: 'Incidents reported to the police, by month.',
      unit: 'incidents', valueType: 'COUNT', multiplier: 1, polarity: 'HIGHER_IS_WORSE', aggregation: 'SUM', population: 'all ages',
      theme: 'crime', source: 'police.uk street-level crime, West Mercia Police', release: 'police.uk 2019-02', licence: 'Open Government Licence v3.0',
    },
    {
      id: 'police-crime-rate', name: 'Crimes per 1,000 residents', definition: 'Crimes (not anti-social behaviour) per 1,000 residents (mid-2019), by month.',
      unit: 'per 1,000', valueType: 'RATE', multiplier: 1000, polarity: 'HIGHER_IS_WORSE', aggregation: 'RATIO', population: 'all ages',
      theme: 'crime', source: 'police.uk street-level crime, West Mercia Police; ONS mid-2019 estimates', release: 'police.uk 2019-02', licence: 'Open Government Licence v3.0',
    },
  ];
  const tidy = () => {
    const asb = new Map<string, number>();
    const crimes = new Map<string, number>();
    for (const row of counts) {
      const key = `${row.lsoa11cd},${row.month}`;
      const target = row.crime_type === 'Anti-social behaviour' ? asb : crimes;
      target.set(key, (target.get(key) ?? 0) + Number(row.count));
    }
    return [
      'indicator_id,area_code,period,numerator,denominator,value',
      ...[...asb].map(([key, n]) => `police-asb-incidents,${key},${n},,`),
      ...[...crimes].map(([key, n]) => `police-crime-rate,${key},${n},"${population2019.get(key.split(',')[0]!)!.toLocaleString('en-GB')}",`),
    ].join('\r\n');
  };

  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, POPULATION);
    dir = newTempDir();
    writeFileSync(path.join(dir, 'police.json'), JSON.stringify(catalogue, null, 2));
    writeFileSync(path.join(dir, 'police.csv'), `\uFEFF${tidy()}\r\n`);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads five months for 116 LSOAs, and the county’s figures are the file’s totals', async () => {
    const summary = await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'police.json'), data: path.join(dir, 'police.csv') });
    expect(summary).toMatchObject({ indicators: 2, observations: 2 * 116 * 5, replaced: 0, periods: ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'] });
    const res = await t.gql(`{
      asb: indicator(id: "police-asb-incidents") { series(area: { kind: COUNTY, code: "COUNTY" }) { period value } }
      rate: indicator(id: "police-crime-rate") { series(area: { kind: COUNTY, code: "COUNTY" }) { period value numerator denominator } }
    }`);
    expect(res.errors).toBeUndefined();
    const monthTotal = (month: string, asb: boolean) =>
      counts.filter((r) => r.month === month && (r.crime_type === 'Anti-social behaviour') === asb).reduce((s, r) => s + Number(r.count), 0);
    const months = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'];
    expect(res.data.asb.series).toEqual(months.map((period) => ({ period, value: monthTotal(period, true) })));
    expect(res.data.rate.series.map((p: { period: string }) => p.period)).toEqual(months);
    for (const point of res.data.rate.series) {
      expect(point.numerator).toBe(monthTotal(point.period, false));
      expect(point.denominator).toBe(192801);
      expect(point.value).toBeCloseTo((monthTotal(point.period, false) / 192801) * 1000, 9);
    }
    const all = counts.reduce((s, r) => s + Number(r.count), 0);
    expect(all).toBe(6661);
  });

  it('is refused through the command line with file:line: reason, and loads with a one-line summary', { timeout: 240_000 }, async () => {
    const cliDir = newTempDir();
    const geography = await cli(cliDir, [
      'import-geography', '--version', 'hfd-2019', '--effective-from', '2019-12-01', '--county-code', 'E06000019',
      '--county-name', 'Herefordshire', '--localities', GEOGRAPHY.localities, '--small-areas', GEOGRAPHY.smallAreas,
    ]);
    expect(geography.code).toBe(0);
    const bad = new CsvCopy(path.join(dir, 'police.csv')).set(3, 'numerator', 'x').set(5, 'area_code', 'E01000001').write();
    const refused = await cli(cliDir, ['import-indicators', '--catalogue', path.join(dir, 'police.json'), '--data', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(ownLines(refused.stderr)).toEqual([
      'Indicator import rejected: 2 problems; nothing was written',
      '  police.csv:3: numerator: numerator "x" is not a number',
      '  police.csv:5: unknown small area "E01000001": it is in no geography version loaded (load the geography first)',
    ]);
    const loaded = await cli(cliDir, ['import-indicators', '--catalogue', path.join(dir, 'police.json'), '--data', path.join(dir, 'police.csv')]);
    expect(ownLines(loaded.stderr)).toEqual([]);
    expect(loaded.code).toBe(0);
    expect(ownLines(loaded.stdout)).toEqual([
      'indicators loaded: 2 indicators, 1,160 observations for 2018-10, 2018-11, 2018-12, 2019-01, 2019-02 (1,160 added, 0 replaced)',
    ]);
  });
});
