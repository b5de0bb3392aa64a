/**
 * Servers polling for new snapshots only once an hour, on a record store that is PostgreSQL when
 * TEST_DATABASE_URL is set, else SQLite:
 * - on PostgreSQL, a second server in this process on the same record store and snapshot
 *   directory hears of a snapshot the first publishes (NOTIFY / LISTEN) and serves it at once, and
 *   again after its listening connection was cut;
 * - on both, the one-importer lock: a long import keeps it alive by its heartbeat past its
 *   lifetime (IMPORT_LOCK_TTL_SECONDS), and a crashed importer's lock lapses after it. The second
 *   importer is the same server (the lock is one per record store, whoever asks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { freshDatabase, SAMPLE_DATASET } from '../support/server.js';
import { TEST_JWT_SECRET } from '../support/tokens.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const dir = mkdtempSync(path.join(tmpdir(), 'li-snapshot-watch-'));
let database: { url: string; drop(): Promise<void> };
let first: RunningServer;
let second: RunningServer;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const start = (name: string, sample: boolean) =>
  startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DUCKDB_PATH: path.join(dir, name, 'unused.duckdb'),
      ANALYTICS_SNAPSHOT_DIR: path.join(dir, 'snapshots'),
      RELEASE_STORE_DIR: path.join(dir, 'releases'),
      LOAD_SAMPLE_DATA: String(sample),
      DATASET_DIR: SAMPLE_DATASET,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      // Polling once an hour: a switch within seconds can only come from the announcement.
      SNAPSHOT_POLL_MS: '3600000',
      IMPORT_LOCK_TTL_SECONDS: '2',
    }),
    pino({ level: 'silent' }),
  );

/** A write through `server`: publishes a new snapshot (nothing in it changes). */
const publishThrough = (server: RunningServer) => server.stores.analytics.transaction((tx) => tx.run('UPDATE indicator SET name = name WHERE false'));

/** How long `server` takes to serve snapshot `id` (gives up after `ms`). */
async function switchTime(server: RunningServer, id: number, ms: number): Promise<number> {
  const started = Date.now();
  while (server.stores.analytics.snapshotId < id && Date.now() - started < ms) await sleep(25);
  return server.stores.analytics.snapshotId >= id ? Date.now() - started : Infinity;
}

beforeAll(async () => {
  database = await freshDatabase(dir);
  first = await start('a', true);
  if (onPostgres) second = await start('b', false);
}, 300_000);

afterAll(async () => {
  await second?.stop();
  await first?.stop();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(onPostgres)('a new snapshot announced on PostgreSQL', () => {
  it('is served by the other server within seconds, though it polls once an hour', async () => {
    expect(second.stores.analytics.snapshotId).toBe(first.stores.analytics.snapshotId);
    await publishThrough(first);
    const published = first.stores.analytics.snapshotId;
    expect(await switchTime(second, published, 5000)).toBeLessThan(5000);
  });

  it('is still heard after the listening connection was cut: the server listens again and catches up', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const cut = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN analytics_snapshot'",
      );
      expect(cut.rowCount).toBeGreaterThanOrEqual(2); // both servers' listening connections
    } finally {
      await admin.end();
    }
    // Published while the second's connection is down: the notice is lost, the reconnection (5 s) checks.
    await publishThrough(first);
    const published = first.stores.analytics.snapshotId;
    expect(await switchTime(second, published, 20_000)).toBeLessThan(20_000);
    // And notices arrive again on the new connection.
    await publishThrough(first);
    expect(await switchTime(second, first.stores.analytics.snapshotId, 5000)).toBeLessThan(5000);
  }, 40_000);
});

describe('the one-importer lock (IMPORT_LOCK_TTL_SECONDS=2)', () => {
  it('is kept alive by its heartbeat through an import longer than its lifetime: another importer is refused meanwhile', async () => {
    const before = first.stores.analytics.snapshotId;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = first.stores.analytics.publish(() => held, { reason: 'test', createdBy: 'test:long-import' });
    await sleep(3500); // past the lock's 2 s lifetime
    await expect(publishThrough(first)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', rule: 'ONE_IMPORT_AT_A_TIME' } });
    release();
    await long;
    expect(first.stores.analytics.snapshotId).toBeGreaterThan(before);
    expect(await first.stores.records.prisma.importLock.count()).toBe(0);
  }, 30_000);

  it("lapses when its importer crashed (no heartbeat): refused while it lives, then another importer takes it", async () => {
    const { prisma } = first.stores.records;
    await prisma.importLock.create({ data: { name: 'analytics', holder: 'crashed-importer', expiresAt: new Date(Date.now() + 1500) } });
    await expect(publishThrough(first)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', rule: 'ONE_IMPORT_AT_A_TIME' } });
    await sleep(2000);
    const before = first.stores.analytics.snapshotId;
    await publishThrough(first);
    expect(first.stores.analytics.snapshotId).toBeGreaterThan(before);
    expect(await prisma.importLock.count()).toBe(0);
  }, 30_000);
});
