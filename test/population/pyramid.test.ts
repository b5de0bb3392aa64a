/**
 * Population pyramids: five-year bands of the real ONS mid-2020 small-area estimates
 * (data/herefordshire/statistics/population, OGL) summed here from the single years of the raw file, for a locality and
 * the county; and a sex split where a broad-band file carries males_/females_ bands (a small
 * generated file, labelled as such).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPopulationEstimates } from '../../src/statistics/import/population-estimates.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DATA, HEREFORDSHIRE, loadHerefordshire, readCsv } from '../support/real-data.js';

const SAPE = path.join(DATA, 'statistics', 'population', 'sape_mid2020_lsoa11_syoa.herefordshire.csv');
let t: TestServer;
const QUERY = `query($year: String) { county { populationPyramid(year: $year) { period bySex bands { label from to persons males females } }
  localities { code populationPyramid(year: $year) { period bands { label persons } } } } }`;

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  await loadHerefordshire(t, { imd: false });
  await importPopulationEstimates(t.server.stores.analytics, [SAPE]);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

function expectedBands(codes: Set<string> | null) {
  const sums = new Array(19).fill(0);
  for (const row of readCsv(SAPE)) {
    if (codes && !codes.has(row.lsoa11_code!)) continue;
    for (let age = 0; age <= 89; age++) sums[Math.floor(age / 5)] += Number(row[String(age)]);
    sums[18] += Number(row['90+']);
  }
  return sums;
}

describe('population pyramid', () => {
  it('sums the single years of age into five-year bands for the county and each locality', async () => {
    const { data, errors } = await t.gql(QUERY);
    expect(errors).toBeUndefined();
    const county = data.county.populationPyramid;
    expect(county.period).toBe('2020');
    expect(county.bySex).toBe(false);
    expect(county.bands.map((b: any) => b.label)).toEqual([...Array.from({ length: 18 }, (_, i) => `${5 * i}-${5 * i + 4}`), '90+']);
    expect(county.bands.map((b: any) => b.persons)).toEqual(expectedBands(null));
    expect(county.bands.reduce((s: number, b: any) => s + b.persons, 0)).toBe(193_615);
    expect(county.bands.every((b: any) => b.males === null && b.females === null)).toBe(true);
    const lookup = readCsv(HEREFORDSHIRE.smallAreas);
    for (const locality of data.county.localities) {
      const codes = new Set(lookup.filter((r) => r.locality_code === locality.code).map((r) => r.lsoa11cd!));
      expect(locality.populationPyramid.bands.map((b: any) => b.persons)).toEqual(expectedBands(codes));
    }
  });

  it('splits by sex where the estimates carry males_ and females_ bands', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'li-pyramid-'));
    const bands = [...Array.from({ length: 18 }, (_, i) => `aged_${5 * i}_${5 * i + 4}`), 'aged_90_plus'];
    const header = ['lsoa11_code', 'period', 'all_ages', 'aged_0_15', 'aged_65_plus', ...bands.flatMap((b) => [`males_${b}`, `females_${b}`])];
    // GENERATED TEST DATA: 10 males and 11 females in every band of every LSOA, year 2030.
    const lines = [header.join(',')];
    for (const row of readCsv(HEREFORDSHIRE.smallAreas)) lines.push([row.lsoa11cd, '2030', 21 * 19, 70, 126, ...bands.flatMap(() => [10, 11])].join(','));
    const file = path.join(dir, 'sex-bands-2030.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await importPopulationEstimates(t.server.stores.analytics, [file]).catch((e) => {
      throw new Error(JSON.stringify(e.problems?.slice(0, 3)));
    });
    const { data } = await t.gql(QUERY, { year: '2030' });
    const county = data.county.populationPyramid;
    expect(county.bySex).toBe(true);
    for (const band of county.bands) expect(band).toMatchObject({ males: 1160, females: 1276, persons: 2436 });
  });
});
