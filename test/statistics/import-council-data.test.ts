/**
 * A council's own data as a wide CSV (one row per small area, one column per measure) and a small
 * mapping of columns to indicators. The fixture is built from real numbers (ONS mid-2020
 * estimates, test/fixtures/council-data): the importer's defaults make a count and a proportion,
 * a locality's value equals the one computed here, and bad input is refused by file and line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCouncilData } from '../../src/statistics/import/council-data.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, expectRejectedWritingNothing, GEOGRAPHY, loadRealGeography, newTempDir, PROJECT } from './import-support.js';

const DIR = path.join(PROJECT, 'test', 'fixtures', 'council-data');
const DATA = path.join(DIR, 'residents_by_lsoa_2020.csv');
const MAPPING = path.join(DIR, 'mapping.csv');
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe("a council's wide CSV with a mapping", () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importCouncilData>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    summary = await importCouncilData(t.server.stores.analytics, { data: DATA, mapping: MAPPING }, { period: '2020' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('makes a count and a proportion with sensible defaults', async () => {
    expect(summary).toMatchObject({ rows: 116, blanks: 0, indicators: 2, observations: 232, periods: ['2020'] });
    const res = await t.gql('{ a: indicator(id: "council-older-residents-pc") { valueType aggregation multiplier unit polarity theme source release } b: indicator(id: "council-residents") { valueType aggregation unit } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.a).toEqual({ valueType: 'PROPORTION', aggregation: 'RATIO', multiplier: 100, unit: '%', polarity: 'NO_JUDGEMENT', theme: 'population', source: 'residents_by_lsoa_2020.csv', release: '2020' });
    expect(res.data.b).toEqual({ valueType: 'COUNT', aggregation: 'SUM', unit: 'count' });
  });

  it('gives each locality the share computed from the raw rows', async () => {
    const locality = new Map(csv(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const sums = new Map<string, [number, number]>();
    for (const row of csv(DATA)) {
      const s = sums.get(locality.get(row.lsoa11_code!)!) ?? [0, 0];
      sums.set(locality.get(row.lsoa11_code!)!, [s[0] + Number(row.residents_65_plus), s[1] + Number(row.residents)]);
    }
    const res = await t.gql('{ localities { code profile(indicators: ["council-older-residents-pc"]) { value } } }');
    for (const l of res.data.localities as { code: string; profile: { value: number }[] }[]) {
      const [x, n] = sums.get(l.code)!;
      expect(l.profile[0]!.value).toBeCloseTo((100 * x) / n, 9);
    }
  });

  it('refuses a cell that is not a number, a mapped column the data lacks and an unknown value type, by file and line', async () => {
    const data = new CsvCopy(DATA).set(5, 'residents_65_plus', 'many').write();
    const mapping = path.join(newTempDir(), 'mapping.csv');
    const lines = readFileSync(MAPPING, 'utf8').trim().split('\n');
    const withType = [`${lines[0]},value_type`, ...lines.slice(1).map((l) => `${l},`), 'visits,council-visits,Visits,,,', 'residents_0_15,council-young,Young,,population,RATIO'];
    writeFileSync(mapping, `${withType.join('\n')}\n`);
    const problems = await expectRejectedWritingNothing(t, () => importCouncilData(t.server.stores.analytics, { data, mapping }, { period: '2020' }));
    expect(problems.map((p) => [p.file, p.line, p.column])).toEqual([
      ['mapping.csv', 4, 'column'],
      ['mapping.csv', 5, 'value_type'],
      ['residents_by_lsoa_2020.csv', 5, 'residents_65_plus'],
    ]);
  });

  it('refuses data with no period', async () => {
    const problems = await expectRejectedWritingNothing(t, () => importCouncilData(t.server.stores.analytics, { data: DATA, mapping: MAPPING }));
    expect(problems.map((p) => [p.line, p.reason])).toEqual([[1, 'no period: add a period column to the data or give --period (e.g. 2024/25)']]);
  });
});
