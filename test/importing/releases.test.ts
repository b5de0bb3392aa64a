/**
 * Imports while serving, and nothing imported lost (issue 18, target 4), on one server over the
 * invented sample: an ANALYST uploads a release over HTTP (the CLI's report back, kept
 * content-addressed, recorded and audited); a bad release is refused with file:line problems and
 * changes nothing; a second importer gets CONFLICT; requests in flight during an import each
 * answer wholly from the old data or wholly from the new; and after the analytics snapshots of
 * the stopped server are deleted, starting it again rebuilds them to identical profile rows.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { PROJECT_ROOT, SAMPLE_DATASET, startTestServer, type TestServer } from '../support/server.js';
import { TEST_JWT_SECRET, tokenFor } from '../support/tokens.js';

const CODES = [...new Set(readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'sample', 'small_areas.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]!))];

const CATALOGUE = JSON.stringify([
  {
    id: 'uploaded-visits', name: 'Uploaded visits', definition: 'Visits, uploaded while serving.', unit: 'visits',
    valueType: 'COUNT', multiplier: 1, aggregation: 'SUM', polarity: 'NO_JUDGEMENT', population: 'all ages',
    theme: 'uploads', source: 'the test', release: 'upload-1', licence: 'OGL',
  },
]);
/** One year of visits in every small area: `base + i` in the i-th. */
const year = (period: string, base: number) =>
  `indicator_id,area_code,period,numerator,denominator,value\n${CODES.map((code, i) => `uploaded-visits,${code},${period},${base + i},,`).join('\n')}\n`;

let t: TestServer;
let analyst: string;
const snapshotDir = () => path.join(path.dirname(t.duckdbPath), 'analytics-snapshots');

const upload = (importer: string, body: string, query: string, token: string | null = analyst) =>
  fetch(`${t.url}/imports/${importer}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    body,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

beforeAll(async () => {
  t = await startTestServer();
  analyst = await tokenFor({ roles: ['ANALYST'], subject: 'analyst-1' });
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const PROBE = `{
  indicator(id: "uploaded-visits") { series(area: { kind: COUNTY }) { period numerator } }
  county { profile(indicators: ["uploaded-visits"]) { period numerator } }
}`;

describe('uploading a release to the running server', () => {
  it('is for an ANALYST or ADMIN only', async () => {
    expect((await upload('indicators', CATALOGUE, 'name=c.json', null)).status).toBe(401);
    const reader = await tokenFor({ roles: ['READER'] });
    const refused = await upload('indicators', CATALOGUE, 'name=c.json', reader);
    expect(refused).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
  });

  it('imports all or nothing, answers with the command line’s report, keeps the file by its sha256 and audits it', async () => {
    const before = t.server.stores.analytics.snapshotId;
    const catalogue = await upload('indicators', CATALOGUE, 'name=catalogue.json');
    expect(catalogue.status).toBe(200);
    const data = await upload('indicators', year('2020', 10), 'name=visits-2020.csv');
    expect(data.body.report).toBeUndefined();
    expect(data.status).toBe(200);
    expect(data.body.summary).toBe(`indicators loaded: 0 indicators, ${CODES.length} observations for 2020 (${CODES.length} added, 0 replaced)`);
    expect(data.body.snapshot).toBeGreaterThan(before);
    const [file] = data.body.release.files;
    expect(file.name).toBe('visits-2020.csv');
    const kept = path.join(path.dirname(t.duckdbPath), 'releases', file.sha256.slice(0, 2), file.sha256);
    expect(readFileSync(kept, 'utf8')).toBe(year('2020', 10));

    const release = await t.server.stores.records.prisma.analyticsRelease.findUniqueOrThrow({ where: { id: data.body.release.id } });
    expect(release).toMatchObject({ kind: 'statistics', importedBy: 'analyst-1', summary: data.body.summary });
    const audit = await t.server.stores.records.prisma.auditEvent.findMany({ where: { entity: 'AnalyticsRelease', entityId: String(release.id) } });
    expect(audit).toMatchObject([{ action: 'CREATE', actorSubject: 'analyst-1' }]);

    const res = await t.gql(PROBE);
    const sum = CODES.reduce((total, _code, i) => total + 10 + i, 0);
    expect(res.data.county.profile).toEqual([{ period: '2020', numerator: sum }]);
    // The import's precomputed profile rows (src/statistics/aggregates.ts) are in the snapshot it published.
    const [precomputed] = await t.server.stores.analytics.query<{ n: number }>(
      "SELECT count(*) AS n FROM profile_aggregate WHERE indicator_id = 'uploaded-visits'",
    );
    expect(precomputed!.n).toBeGreaterThan(0);
  });

  it('refuses a bad release with every problem as file:line, changing nothing', async () => {
    const before = t.server.stores.analytics.snapshotId;
    const releases = await t.server.stores.records.prisma.analyticsRelease.count();
    const bad = `${year('2021', 1).trimEnd()}\nuploaded-visits,E01999999,2021,3,,\nuploaded-visits,${CODES[1]},2020,lots,,\n`;
    const refused = await upload('indicators', bad, 'name=bad.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problemCount: 2 });
    expect(refused.body.report).toMatch(new RegExp(`bad\\.csv:${CODES.length + 2}: .*unknown small area "E01999999"`));
    expect(refused.body.report).toMatch(new RegExp(`bad\\.csv:${CODES.length + 3}: `));
    expect(t.server.stores.analytics.snapshotId).toBe(before);
    expect(await t.server.stores.records.prisma.analyticsRelease.count()).toBe(releases);
    expect((await t.gql(PROBE)).data.county.profile[0].period).toBe('2020');
  });

  it('refuses a second importer with CONFLICT while one holds the lock', async () => {
    const { prisma } = t.server.stores.records;
    await prisma.importLock.create({ data: { name: 'analytics', holder: 'another-server', expiresAt: new Date(Date.now() + 60_000) } });
    try {
      const refused = await upload('indicators', year('2021', 1), 'name=v.csv');
      expect(refused).toMatchObject({ status: 409, body: { errors: [{ extensions: { code: 'CONFLICT', rule: 'ONE_IMPORT_AT_A_TIME' } }] } });
      expect(refused.body.errors[0].message).toMatch(/another-server/);
    } finally {
      await prisma.importLock.delete({ where: { name: 'analytics' } });
    }
  });

  it('lets requests in flight during an import finish, each wholly on the old data or wholly on the new', async () => {
    const answers: { ok: boolean; periods: string; profile: string }[] = [];
    let importing = true;
    const reader = async () => {
      // Bounded: the import takes a few hundred requests' time at most.
      while (importing && answers.length < 400) {
        const res = await t.gql(PROBE);
        answers.push({
          ok: res.status === 200 && res.errors === undefined,
          periods: res.data?.indicator?.series.map((p: { period: string }) => p.period).join(','),
          profile: res.data?.county?.profile[0]?.period,
        });
      }
    };
    const readers = [reader(), reader(), reader()];
    const done = await upload('indicators', year('2021', 20), 'name=visits-2021.csv');
    importing = false;
    await Promise.all(readers);
    expect(done.status).toBe(200);
    expect(answers.every((a) => a.ok)).toBe(true);
    // The new year is of the same release, so it replaces the old (src/statistics/import/commit.ts).
    // Old: the series and the profile on 2020. New: both on 2021. Never one of each.
    const kinds = new Set(answers.map((a) => `${a.periods}|${a.profile}`));
    for (const kind of kinds) expect(['2020|2020', '2021|2021']).toContain(kind);
    // Requests were in flight while it imported: they answered from the old data meanwhile.
    expect(kinds).toContain('2020|2020');
    expect((await t.gql(PROBE)).data.county.profile[0].period).toBe('2021');
  });
});

describe('losing the analytics store', () => {
  const ROW = 'indicator { id } period value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998 countyValue comparison trend rank rankOutOf quintile suppressed note coverage incomplete';
  const EVERY_ROW = `{
    localities { code population { period count } profile { ${ROW} } }
    localityGroups { areaCode profile { ${ROW} } }
    county { population { period count } profile { ${ROW} } }
  }`;

  it('is rebuilt at start from the geography and the kept releases, to identical profile rows', async () => {
    const before = await t.gql(EVERY_ROW);
    expect(before.errors).toBeUndefined();
    const rows = JSON.stringify(before.data);
    expect(rows).toContain('uploaded-visits');
    expect(before.data.county.profile.length).toBeGreaterThan(5);

    await t.server.stop();
    rmSync(snapshotDir(), { recursive: true, force: true });
    const logs: any[] = [];
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATABASE_URL: t.databaseUrl, DUCKDB_PATH: t.duckdbPath, LOG_LEVEL: 'info',
      DATASET_DIR: SAMPLE_DATASET, JWT_SECRET: TEST_JWT_SECRET, SNAPSHOT_POLL_MS: '0',
    });
    let again: RunningServer | undefined;
    try {
      again = await startServer(config, pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }));
      expect(logs.find((line) => /rebuilt from the record store/.test(line.msg))).toMatchObject({ releases: 8 });
      expect(existsSync(snapshotDir())).toBe(true);
      const res = await fetch(`${again.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: EVERY_ROW }),
      });
      const after = (await res.json()) as any;
      expect(after.errors).toBeUndefined();
      expect(JSON.stringify(after.data)).toBe(rows);

      // A start with nothing missing (the snapshot and its precomputed profiles there) publishes nothing.
      const published = await again.stores.records.prisma.analyticsSnapshot.count();
      const served = again.stores.analytics.snapshotId;
      await again.stop();
      again = undefined;
      again = await startServer(config, pino({ level: 'silent' }));
      expect(again.stores.analytics.snapshotId).toBe(served);
      expect(await again.stores.records.prisma.analyticsSnapshot.count()).toBe(published);
    } finally {
      await again?.stop();
    }
  });
});
