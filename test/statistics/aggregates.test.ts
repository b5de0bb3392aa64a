/**
 * Precomputed profiles (src/statistics/aggregates.ts): the stored rows of every area equal the rows
 * computed on request from small areas (profile.sql and profile.ts), for every request shape a
 * profile can take without a combined set; an import recomputes only the indicators it touched,
 * and profiles then show its new year; a combined set is still computed on request.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAggregates, refreshAggregates } from '../../src/statistics/aggregates.js';
import { type Indicator, loadCatalogue } from '../../src/statistics/catalogue.js';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { computeProfiles, type ProfileOptions, type ProfileShape } from '../../src/statistics/profile.js';
import { loadGeographyScope } from '../../src/geography/versions.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { seedIndicators } from '../pages/seed.js';
import { newTempDir } from './import-support.js';

let t: TestServer;
let settings: ProfileOptions;

beforeAll(async () => {
  t = await startTestServer({ env: { SMALL_NUMBER_THRESHOLD: '10', PROFILE_MINIMUM_COVERAGE: '0.5' } });
  // Six years of page indicators on top of the sample: trends, withheld small counts, ranks.
  await seedIndicators(t);
  // The server's: every version protected against the version in force (disclosure.ts, rule 6).
  const scope = await loadGeographyScope(t.server.stores.records.prisma, t.server.stores.analytics);
  settings = { smallNumberThreshold: 10, minimumCoverage: 0.5, versionInForce: scope.disclosureReference };
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const catalogue = async () => new Map<string, Indicator>((await loadCatalogue(t.server.stores.analytics)).map((entry) => [entry.id, entry]));

async function versions(): Promise<string[]> {
  const rows = await t.server.stores.analytics.query<{ version_id: string }>('SELECT version_id FROM geography_version ORDER BY 1');
  return rows.map((row) => row.version_id);
}

describe('precomputed profiles', () => {
  it('equal the rows computed on request from small areas, for every area, indicator and shape', async () => {
    const db = t.server.stores.analytics;
    const shapes: Omit<ProfileShape, 'versionId'>[] = [
      { indicatorIds: null, theme: null, period: null, group: [], series: false },
      { indicatorIds: null, theme: null, period: null, group: [], series: true },
      { indicatorIds: null, theme: null, period: '2018', group: [], series: false },
      { indicatorIds: null, theme: null, period: '2018', group: [], series: true },
      { indicatorIds: null, theme: 'crime', period: null, group: [], series: false },
      { indicatorIds: ['asb-incidents', 'crime-rate-per-1000', 'no-such-indicator'], theme: null, period: null, group: [], series: false },
    ];
    const all = await versions();
    expect(all.length).toBeGreaterThan(0);
    let compared = 0;
    for (const versionId of all) {
      for (const partial of shapes) {
        const shape = { ...partial, versionId };
        const computed = await computeProfiles(db, catalogue(), shape, settings);
        const read = await readAggregates(db, catalogue(), shape, settings);
        expect(read, JSON.stringify(shape)).not.toBeNull();
        expect([...read!.keys()].sort()).toEqual([...computed.keys()].sort());
        for (const [area, rows] of computed) {
          expect(read!.get(area), `${area} ${JSON.stringify(shape)}`).toEqual(rows);
          compared += rows.length;
        }
      }
    }
    // Every locality, group and the county, with suppressed rows and trends among them.
    const latest = (await computeProfiles(db, catalogue(), { ...shapes[0]!, versionId: all[0]! }, settings));
    const rows = [...latest.values()].flat();
    expect(new Set(rows.map((row) => row.area.kind))).toEqual(new Set(['LOCALITY', 'LOCALITY_GROUP', 'COUNTY']));
    expect(rows.some((row) => row.suppressed)).toBe(true);
    expect(rows.some((row) => row.trend === 'INCREASING' || row.trend === 'DECREASING')).toBe(true);
    expect(rows.some((row) => row.rank !== null && row.quintile !== null)).toBe(true);
    expect(compared).toBeGreaterThan(1000);
  }, 240_000);

  it('are the same rows whether every indicator is computed by one query or a few at a time (as at national size)', async () => {
    const db = t.server.stores.analytics;
    const stored = () =>
      db.query('SELECT * EXCLUDE (computed_at) FROM profile_aggregate ORDER BY version_id, settings, indicator_id, area_kind, area_code, period_start');
    const before = await stored();
    const indicators = (await catalogue()).size;
    expect(indicators).toBeGreaterThan(8);
    const written = await db.transaction((tx) => refreshAggregates(tx, null, undefined, 4));
    expect(written).toBe(before.length);
    expect(await stored()).toEqual(before);
    await db.transaction((tx) => refreshAggregates(tx, null, undefined, indicators));
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('are not used for a combined set of localities, which is computed on request', async () => {
    const [versionId] = await versions();
    const shape = { versionId: versionId!, indicatorIds: null, theme: null, period: null, group: ['kington', 'leominster'], series: false };
    expect(await readAggregates(t.server.stores.analytics, catalogue(), shape, settings)).toBeNull();
    // Over HTTP, the combined set is one query from small areas, its parts as the stored rows say.
    const res = await t.gql('{ compare(localityCodes: ["kington", "leominster"], combined: true, indicators: ["asb-incidents"]) { area { kind code } rows { value } } }');
    expect(res.errors).toBeUndefined();
    const computed = await computeProfiles(t.server.stores.analytics, catalogue(), { ...shape, indicatorIds: ['asb-incidents'] }, settings);
    const answer = res.data.compare as { area: { kind: string; code: string }; rows: { value: number | null }[] }[];
    expect(answer.map((a) => a.area.kind)).toContain('GROUP');
    for (const area of answer) expect(area.rows.map((r) => r.value)).toEqual(computed.get(`${area.area.kind}:${area.area.code}`)!.map((r) => r.value));
  });

  it('are served by a request: a profile reads one stored query whatever the number of localities', async () => {
    const counts = await t.countStatements(() => t.gql('{ localities { code profile { value } } county { profile { value } } }'));
    // The catalogue and the precomputed rows.
    expect(counts.analytics).toBe(2);
  });

  it('an import recomputes only the indicators it touched, and profiles show its new year', async () => {
    const db = t.server.stores.analytics;
    const stamps = async () =>
      new Map(
        (
          await db.query<{ indicator_id: string; at: string }>(
            `SELECT indicator_id, CAST(max(computed_at) AS VARCHAR) AS at FROM profile_aggregate GROUP BY 1`,
          )
        ).map((row) => [row.indicator_id, row.at]),
      );
    const before = await stamps();
    const areas = await db.query<{ small_area_code: string }>('SELECT DISTINCT small_area_code FROM small_area_locality ORDER BY 1');
    const dir = newTempDir();
    const file = path.join(dir, 'asb-2021.csv');
    writeFileSync(
      file,
      ['indicator_id,area_code,period,numerator,denominator,value,standard_error', ...areas.map((a, i) => `asb-incidents,${a.small_area_code},2021,${40 + (i % 7)},,,`)].join('\n'),
    );
    await importIndicators(db, { data: file });
    const after = await stamps();
    expect(after.get('asb-incidents')).not.toBe(before.get('asb-incidents'));
    for (const [id, at] of before) if (id !== 'asb-incidents') expect(after.get(id), id).toBe(at);

    const res = await t.gql('{ county { profile(indicators: ["asb-incidents"]) { period value } } }');
    expect(res.errors).toBeUndefined();
    const expected = areas.reduce((sum, _a, i) => sum + 40 + (i % 7), 0);
    expect(res.data.county.profile).toEqual([{ period: '2021', value: expected }]);
    // And the stored rows still equal the on-request ones.
    const [versionId] = await versions();
    const shape = { versionId: versionId!, indicatorIds: ['asb-incidents'], theme: null, period: null, group: [], series: true };
    const read = await readAggregates(db, catalogue(), shape, settings);
    expect(read).toEqual(await computeProfiles(db, catalogue(), shape, settings));
  });
});
