/**
 * The default statistics (data/herefordshire/statistics, the published releases) loaded through
 * the importers onto a geography built from the real lookup files: Leominster's deprivation
 * profile gives the published IMD 2019 figures (computed here again from the raw files), police
 * crime has recent trends, and every locality has real indicators from at least five themes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultStatistics } from '../../src/statistics/default-statistics.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { GEOGRAPHY, loadRealGeographies, STATISTICS } from './import-support.js';

const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe('the default statistics on the real 2011 LSOAs', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof loadDefaultStatistics>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeographies(t);
    summary = await loadDefaultStatistics(t.server.stores.analytics);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('gives Leominster 26.42% of residents in the nationally most deprived 20% (25.78 to 27.08), worse than the county’s 7.58%', async () => {
    // Independently: File 1 deciles, File 6 populations, the lookup's localities.
    const file1 = csv(path.join(STATISTICS, 'imd2019', 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.herefordshire.csv'));
    const file6 = csv(path.join(STATISTICS, 'imd2019', 'File_6_-_IoD2019_Population_Denominators.herefordshire.csv'));
    const locality = new Map(csv(GEOGRAPHY.smallAreas).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const population = new Map(file6.map((r) => [r['LSOA code (2011)']!, Number(r['Total population: mid 2015 (excluding prisoners)']!.replaceAll(',', ''))]));
    let x = 0;
    let n = 0;
    let cx = 0;
    let cn = 0;
    for (const row of file1) {
      const code = row['LSOA code (2011)']!;
      const decile = Number(Object.entries(row).find(([k]) => k.startsWith('Index of Multiple Deprivation (IMD) Decile'))![1]);
      const p = population.get(code)!;
      const deprived = decile <= 2 ? p : 0;
      cx += deprived;
      cn += p;
      if (locality.get(code) === 'leominster') {
        x += deprived;
        n += p;
      }
    }
    const z = 1.959963984540054;
    const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
    const lower = ((2 * x + z * z - root) / (2 * (n + z * z))) * 100;
    const upper = ((2 * x + z * z + root) / (2 * (n + z * z))) * 100;

    const res = await t.gql(`{ locality(code: "leominster") { profile(theme: "deprivation") {
      indicator { id licence source } value numerator denominator lowerCI95 upperCI95 countyValue comparison } } }`);
    expect(res.errors).toBeUndefined();
    const rows = res.data.locality.profile as { indicator: { id: string; licence: string; source: string }; value: number; numerator: number; denominator: number; lowerCI95: number; upperCI95: number; countyValue: number; comparison: string }[];
    const imd = rows.find((r) => r.indicator.id === 'imd-most-deprived-20pc')!;
    expect(imd).toMatchObject({ numerator: x, denominator: n, comparison: 'WORSE' });
    expect(imd.value).toBeCloseTo((100 * x) / n, 9);
    expect(imd.value.toFixed(2)).toBe('26.42');
    expect(imd.lowerCI95).toBeCloseTo(lower, 9);
    expect(imd.upperCI95).toBeCloseTo(upper, 9);
    expect([imd.lowerCI95.toFixed(2), imd.upperCI95.toFixed(2)]).toEqual(['25.78', '27.08']);
    expect(imd.countyValue).toBeCloseTo((100 * cx) / cn, 9);
    expect(imd.countyValue.toFixed(2)).toBe('7.58');
    // Sub-domains, File 8 and Census 2021 deprivation indicators are in the theme too.
    expect(rows.map((r) => r.indicator.id)).toEqual(expect.arrayContaining(['imd-indoors-most-deprived-20pc', 'iod2019-income-deprived-pc', 'census2021-households-deprived-pc']));
    for (const row of rows) expect(row.indicator.licence).toBe('Open Government Licence v3.0');
  });

  it('gives police crime rates a recent trend in every locality (five consecutive months)', async () => {
    const res = await t.gql(`{ localities { code profile(indicators: ["police-all-crime-per-1000", "police-anti-social-behaviour-per-1000"]) { indicator { id } period trend value } } }`);
    expect(res.errors).toBeUndefined();
    for (const locality of res.data.localities as { code: string; profile: { period: string; trend: string; value: number }[] }[]) {
      expect(locality.profile).toHaveLength(2);
      for (const row of locality.profile) {
        expect(row.period).toBe('2019-02');
        expect(['INCREASING', 'DECREASING', 'NO_SIGNIFICANT_CHANGE']).toContain(row.trend);
      }
    }
  });

  it('gives every locality real indicators from at least five themes', async () => {
    const res = await t.gql('{ localities { code profile { indicator { theme source } value } } }');
    expect(res.errors).toBeUndefined();
    const localities = res.data.localities as { code: string; profile: { indicator: { theme: string; source: string }; value: number | null }[] }[];
    expect(localities).toHaveLength(9);
    for (const locality of localities) {
      const themes = new Set(locality.profile.filter((r) => r.value !== null).map((r) => r.indicator.theme));
      expect(themes.size, locality.code).toBeGreaterThanOrEqual(5);
      for (const row of locality.profile) expect(row.indicator.source).not.toMatch(/GENERATED|SAMPLE/i);
    }
    expect(summary.indicators).toBeGreaterThan(60);
  });
});
