/**
 * IoD 2019 File 8 (underlying indicators) and the sub-domains, on the real Herefordshire extracts
 * (data/herefordshire/statistics/imd2019), over the File 6 denominators loaded by the IoD 2019
 * importer: proportions and population-weighted means equal those computed here from the raw
 * files; the published column spellings give the same rows as the snake_case ones; blanks are
 * counted; bad cells are refused by file and line, writing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIod2019, iod2019FilesIn } from '../../src/statistics/import/iod2019.js';
import { importIod2019Underlying } from '../../src/statistics/import/iod2019-underlying.js';
import { ImportProblems } from '../../src/importing/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CsvCopy, expectRejectedWritingNothing, GEOGRAPHY, loadRealGeography, statisticsSnapshot, STATISTICS } from './import-support.js';

const DIR = path.join(STATISTICS, 'imd2019');
const FILE8 = path.join(DIR, 'IoD2019_underlying_indicators.herefordshire.csv');
const SUBDOMAINS = path.join(DIR, 'IoD2019_subdomains.herefordshire.csv');
const FILE6 = path.join(DIR, 'File_6_-_IoD2019_Population_Denominators.herefordshire.csv');
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

/** Published headers of File 8 and File 4, as MHCLG writes them. */
const PUBLISHED: Record<string, string> = {
  lsoa11_code: 'LSOA code (2011)',
  income_domain_numerator: 'Income Domain numerator',
  income_deprivation_affecting_children_index_idaci_numerator: 'Income Deprivation Affecting Children Index (IDACI) numerator',
  road_distance_to_a_gp_surgery_indicator_km: 'Road distance to a GP surgery indicator (km)',
  homelessness_indicator_rate_per_1000_households: 'Homelessness indicator (rate per 1000 households)',
  Children_and_young_people_decile: 'Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSOAs)',
  Indoors_decile: 'Indoors Sub-domain Decile (where 1 is most deprived 10% of LSOAs)',
};

describe('IoD 2019 File 8 and sub-domains', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importIod2019Underlying>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importIod2019(t.server.stores.analytics, iod2019FilesIn(DIR, new ImportProblems()));
    summary = await importIod2019Underlying(t.server.stores.analytics, { file8: FILE8, subdomains: SUBDOMAINS });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads 28 underlying indicators and 6 sub-domains for the 116 small areas, counting the 9 blank IDACI numerators', () => {
    expect(summary).toMatchObject({ files: 2, smallAreas: 116, skippedAreas: 0, blanks: 9, indicators: 34, observations: 116 * 34 - 9, periods: ['2019'] });
  });

  it('gives each locality its income deprivation rate and population-weighted GP distance, as computed from the raw files', async () => {
    const locality = new Map(csv(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const population = new Map(csv(FILE6).map((r) => [r['LSOA code (2011)']!, Number(r['Total population: mid 2015 (excluding prisoners)']!.replaceAll(',', ''))]));
    const sums = new Map<string, { income: number; n: number; gp: number }>();
    for (const row of csv(FILE8)) {
      const code = locality.get(row.lsoa11_code!)!;
      const p = population.get(row.lsoa11_code!)!;
      const s = sums.get(code) ?? { income: 0, n: 0, gp: 0 };
      s.income += Number(row.income_domain_numerator);
      s.n += p;
      s.gp += Number(row.road_distance_to_a_gp_surgery_indicator_km) * p;
      sums.set(code, s);
    }
    const res = await t.gql(`{ localities { code profile(indicators: ["iod2019-income-deprived-pc", "iod2019-distance-gp-km"]) { indicator { id theme } value } } }`);
    expect(res.errors).toBeUndefined();
    for (const l of res.data.localities as { code: string; profile: { indicator: { id: string }; value: number }[] }[]) {
      const s = sums.get(l.code)!;
      expect(l.profile.find((r) => r.indicator.id === 'iod2019-income-deprived-pc')!.value).toBeCloseTo((100 * s.income) / s.n, 9);
      expect(l.profile.find((r) => r.indicator.id === 'iod2019-distance-gp-km')!.value).toBeCloseTo(s.gp / s.n, 9);
    }
  });

  it('reads the published column spellings into exactly the same rows', async () => {
    const before = await statisticsSnapshot(t);
    const rename = (file: string) => {
      const copy = new CsvCopy(file);
      return copy.setLine(1, copy.header.map((h) => PUBLISHED[h] ?? h.replaceAll('_', ' '))).write();
    };
    const again = await importIod2019Underlying(t.server.stores.analytics, { file8: rename(FILE8), subdomains: rename(SUBDOMAINS) });
    expect(again.observations).toBe(summary.observations);
    expect(await statisticsSnapshot(t)).toEqual(before);
  });

  it('refuses a cell that is not a number, a decile out of range and an empty LSOA code, each by line', async () => {
    const file8 = new CsvCopy(FILE8).set(4, 'acute_morbidity_indicator', 'n/a').set(6, 'lsoa11_code', '').write();
    const subdomains = new CsvCopy(SUBDOMAINS).set(9, 'Indoors_decile', '11').write();
    const problems = await expectRejectedWritingNothing(t, () => importIod2019Underlying(t.server.stores.analytics, { file8, subdomains }));
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [path.basename(SUBDOMAINS), 9],
      [path.basename(FILE8), 4],
      [path.basename(FILE8), 6],
    ]);
    expect(problems[0]!.reason).toMatch(/^Indoors Sub-domain \(Living Environment\) decile "11" of E01\d+ must be a whole number from 1 to 10/);
  });
});

describe('IoD 2019 File 8 without the File 6 denominators', () => {
  it('is refused, naming the importer to run first', async () => {
    const t = await startTestServer({ sample: false });
    try {
      await loadRealGeography(t);
      const problems = await expectRejectedWritingNothing(t, () => importIod2019Underlying(t.server.stores.analytics, { subdomains: SUBDOMAINS }));
      expect(problems).toHaveLength(116);
      expect(problems[0]!.reason).toMatch(/import IoD 2019 File 6 first \(npm run import:imd2019\)/);
    } finally {
      await t.stop();
    }
  });
});
