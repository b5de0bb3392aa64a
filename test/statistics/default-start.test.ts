/**
 * The first start on the default dataset, as `npm start` does it (startFromEnvironment, no
 * DATASET_DIR: data/herefordshire with both geography versions, the 117 2021 LSOAs and the 116
 * 2011 LSOAs) on fresh stores: every part loads (a failing import would give no server), and
 * Leominster's deprivation profile gives the published IMD 2019 figure. The police.uk months are
 * on 2011 LSOAs: their rates are written for the 2011 version's small areas only, not for the
 * 2021 LSOAs that exist only in the other version (which have no population estimate). Every
 * query example of the README runs against it and returns data (test/docs/readme.test.ts checks
 * that every example, mutations too, validates).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { startFromEnvironment } from '../../src/start.js';
import { TEST_JWT_SECRET, tokenFor } from '../support/tokens.js';

const dir = mkdtempSync(path.join(tmpdir(), 'li-default-start-'));
let server: RunningServer | null = null;
const stderr: string[] = [];

beforeAll(async () => {
  server = await startFromEnvironment(
    { LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/records.db`, DUCKDB_PATH: `${dir}/analytics.duckdb`, JWT_SECRET: TEST_JWT_SECRET },
    (line) => stderr.push(line),
  );
}, 300_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const gql = async (query: string, token?: string) => {
  const response = await fetch(new URL('/graphql', server!.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
};

describe('the first start on the default dataset', () => {
  it('starts, with both geography versions loaded', async () => {
    expect(stderr).toEqual([]);
    expect(server).not.toBeNull();
    const res = await gql('{ geographyVersions { versionId } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.geographyVersions.map((v: { versionId: string }) => v.versionId).sort()).toEqual(['hfd-2019', 'hfd-2021-lsoa21']);
  });

  it('serves Leominster 26.42% of residents in the nationally most deprived 20% (25.78 to 27.08), worse than the county’s 7.58%', async () => {
    const res = await gql(`{ locality(code: "leominster") { profile(theme: "deprivation") {
      indicator { id } value lowerCI95 upperCI95 countyValue comparison suppressed } } }`);
    expect(res.errors).toBeUndefined();
    const imd = res.data.locality.profile.find((r: { indicator: { id: string } }) => r.indicator.id === 'imd-most-deprived-20pc');
    expect(imd.suppressed).toBe(false);
    expect(imd.value.toFixed(2)).toBe('26.42');
    expect([imd.lowerCI95.toFixed(2), imd.upperCI95.toFixed(2)]).toEqual(['25.78', '27.08']);
    expect(imd.countyValue.toFixed(2)).toBe('7.58');
    expect(imd.comparison).toBe('WORSE');
  });

  it('writes police.uk rates for the 2011 small areas the months are on, none for 2021-only LSOAs', async () => {
    const analytics = server!.stores.analytics;
    const [areas] = await analytics.query<{ with_rates: number; only_2021: number }>(
      `WITH v2011 AS (SELECT DISTINCT small_area_code FROM small_area_locality WHERE version_id = 'hfd-2019'),
            v2021 AS (SELECT DISTINCT small_area_code FROM small_area_locality WHERE version_id = 'hfd-2021-lsoa21')
       SELECT
         (SELECT count(DISTINCT small_area_code)::INTEGER FROM observation WHERE indicator_id = 'police-all-crime-per-1000'
            AND small_area_code IN (SELECT small_area_code FROM v2011)) AS with_rates,
         (SELECT count(*)::INTEGER FROM observation WHERE indicator_id LIKE 'police-%'
            AND small_area_code IN (SELECT small_area_code FROM v2021 EXCEPT SELECT small_area_code FROM v2011)) AS only_2021`,
    );
    expect(areas).toEqual({ with_rates: 116, only_2021: 0 });
    const res = await gql(`{ locality(code: "leominster") { profile(indicators: ["police-all-crime-per-1000"]) { period trend value } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.locality.profile[0].period).toBe('2019-02');
    expect(res.data.locality.profile[0].trend).not.toBe('NOT_ENOUGH_DATA');
  });

  it('answers every query example of the README with data and no error', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((text) => !/^\s*mutation\b/.test(text));
    expect(queries.length).toBeGreaterThanOrEqual(15);
    // An administrator who is also the data-protection officer sees everything the examples ask for (audit events, restricted items).
    const token = await tokenFor({ roles: ['ADMIN', 'DATA_PROTECTION_OFFICER'] });
    const failures: string[] = [];
    for (const query of queries) {
      const res = await gql(query, token);
      const empty = res.data ? Object.entries(res.data).filter(([, value]) => value === null).map(([key]) => key) : ['data'];
      if (res.errors || empty.length > 0) failures.push(`${query.trim().slice(0, 80)}: ${JSON.stringify(res.errors ?? empty).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
