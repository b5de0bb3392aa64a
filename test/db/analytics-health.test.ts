/**
 * The analytics store's loss or damage is seen (issue 15, item 11), with analytics snapshots
 * (issue 18, src/db/snapshots.ts): every load ends with a checkpoint, so a snapshot's `.duckdb`
 * file alone holds it; `/healthz` answers 503 `analytics: "lost"` when the snapshot file of a
 * running server is deleted; a server restarted on an empty snapshot directory never serves an
 * empty store: it rebuilds the snapshot from the kept releases, or refuses to start when they are
 * lost too; a damaged file stops the start with its own message (not "open in another process").
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AnalyticsStore, AnalyticsStoreCorruptError } from '../../src/db/analytics.js';
import { startServer } from '../../src/server.js';
import { SAMPLE_DATASET, startTestServer, type TestServer } from '../support/server.js';
import { TEST_JWT_SECRET } from '../support/tokens.js';

let t: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'li-health-'));

beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const healthOf = async (url: string) => {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

/** Another server on the same record store, its DuckDB files beside the given path. */
function serverOn(duckdbPath: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    SNAPSHOT_POLL_MS: '0',
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: t.databaseUrl,
    DUCKDB_PATH: duckdbPath,
    LOAD_SAMPLE_DATA: 'true',
    DATASET_DIR: SAMPLE_DATASET,
    JWT_SECRET: TEST_JWT_SECRET,
    MIGRATE_ON_START: 'false',
  });
  return startServer(config, pino({ level: 'silent' }));
}

const COUNT = 'SELECT (SELECT count(*) FROM observation) AS observations, (SELECT count(*) FROM indicator) AS indicators, (SELECT count(*) FROM geography_version) AS versions';

describe('the analytics store', () => {
  it('is healthy after the sample load, and the snapshot file alone (no WAL) holds every load', async () => {
    expect(await healthOf(t.url)).toMatchObject({ status: 200, body: { status: 'ok', records: 'ok', analytics: 'ok' } });
    const served = t.server.stores.analytics.file;
    expect(path.dirname(served)).toBe(path.join(path.dirname(t.duckdbPath), 'analytics-snapshots'));
    const wal = `${served}.wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const copy = path.join(dir, 'backup.duckdb');
    copyFileSync(served, copy);
    const backup = await AnalyticsStore.open(copy, { connections: 1 });
    try {
      const [live] = await t.server.stores.analytics.query(COUNT);
      const [alone] = await backup.query(COUNT);
      expect(live!.observations).toBeGreaterThan(0);
      expect(alone).toEqual(live);
    } finally {
      backup.close();
    }
  });

  it('a server restarted on an empty snapshot directory never serves an empty store: no kept releases, no start; with them, rebuilt', async () => {
    const empty = path.join(dir, 'empty');
    await expect(
      serverOn(path.join(empty, 'analytics.duckdb'), { RELEASE_STORE_DIR: path.join(empty, 'no-releases') }),
    ).rejects.toThrow(/ANALYTICS_SNAPSHOT_DIR .*is missing from the release store/);

    const second = await serverOn(path.join(dir, 'rebuilt', 'analytics.duckdb'), { RELEASE_STORE_DIR: t.server.stores.releaseStore });
    try {
      expect(await healthOf(second.url)).toMatchObject({ status: 200, body: { status: 'ok', records: 'ok', analytics: 'ok' } });
      const [rebuilt] = await second.stores.analytics.query(COUNT);
      const [live] = await t.server.stores.analytics.query(COUNT);
      expect(rebuilt).toEqual(live);
    } finally {
      await second.stop();
    }
  });

  it('a damaged file stops the start with its own message, never "open in another process"', async () => {
    const garbage = path.join(dir, 'garbage.duckdb');
    writeFileSync(garbage, Buffer.alloc(64 * 1024, 'block '));
    const damaged = path.join(dir, 'damaged.duckdb');
    copyFileSync(t.server.stores.analytics.file, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096); // both database headers
    closeSync(fd);
    const newest = await t.server.stores.records.prisma.analyticsSnapshot.findFirstOrThrow({ orderBy: { id: 'desc' } });
    for (const [n, file] of [garbage, damaged].entries()) {
      const error = await AnalyticsStore.open(file, { connections: 1 }).then(
        (store) => (store.close(), null),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AnalyticsStoreCorruptError);
      expect((error as Error).message).not.toMatch(/another process/);
      // The newest announced snapshot's file, damaged so, in a server's snapshot directory.
      const snapshots = path.join(dir, `damaged-${n}`);
      mkdirSync(snapshots, { recursive: true });
      copyFileSync(file, path.join(snapshots, newest.file));
      await expect(serverOn(path.join(dir, `damaged-${n}.duckdb`), { ANALYTICS_SNAPSHOT_DIR: snapshots })).rejects.toThrow(
        /ANALYTICS_SNAPSHOT_DIR .*not a readable DuckDB database/,
      );
    }
  });

  it('deleting the snapshot file of a running server makes /healthz say so (an import could not build on it)', async () => {
    const served = t.server.stores.analytics.file;
    unlinkSync(served);
    const { status, body } = await healthOf(t.url);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', records: 'ok', analytics: 'lost' });
    expect(body.problem).toMatch(/snapshot file .* was deleted while the server runs/);
    expect(body.problem).toContain(served);
    // An import (any write) refuses to build on the missing snapshot rather than publish one holding only itself.
    await expect(t.server.stores.analytics.run('CREATE TABLE scratch (x INTEGER)')).rejects.toThrow(/is missing: restart a server to rebuild it/);
  });
});
