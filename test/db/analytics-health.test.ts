/**
 * The analytics store's loss or damage is seen (issue 15, item 11): every load ends with a
 * checkpoint, so the `.duckdb` file alone holds it; `/healthz` answers 503 `analytics: "lost"`
 * when the file of a running server is deleted, and when a server restarts on an empty store
 * while the records name indicators; a damaged file stops the start with its own message (not
 * "open in another process").
 */
import { copyFileSync, existsSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
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

/** Another server on the same record store and the given DuckDB file. */
function serverOn(duckdbPath: string) {
  const config = loadConfig({
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

describe('the analytics store', () => {
  it('is healthy after the sample load, and the .duckdb file alone (no WAL) holds every load', async () => {
    expect(await healthOf(t.url)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', records: 'ok', analytics: 'ok' }) });
    const wal = `${t.duckdbPath}.wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const copy = path.join(dir, 'backup.duckdb');
    copyFileSync(t.duckdbPath, copy);
    const backup = await AnalyticsStore.open(copy, { connections: 1 });
    try {
      const count = 'SELECT (SELECT count(*) FROM observation) AS observations, (SELECT count(*) FROM indicator) AS indicators, (SELECT count(*) FROM geography_version) AS versions';
      const [live] = await t.server.stores.analytics.query(count);
      const [alone] = await backup.query(count);
      expect(live!.observations).toBeGreaterThan(0);
      expect(alone).toEqual(live);
    } finally {
      backup.close();
    }
  });

  it('a server restarted on an empty store, while the records name indicators, is unhealthy and says why', async () => {
    const second = await serverOn(path.join(dir, 'empty.duckdb'));
    try {
      const { status, body } = await healthOf(second.url);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'degraded', records: 'ok', analytics: 'lost' });
      expect(body.problem).toMatch(/lost data the records expect: the records name indicators and it holds no indicator/);
    } finally {
      await second.stop();
    }
  });

  it('a damaged file stops the start with its own message, never "open in another process"', async () => {
    const garbage = path.join(dir, 'garbage.duckdb');
    writeFileSync(garbage, Buffer.alloc(64 * 1024, 'block '));
    const damaged = path.join(dir, 'damaged.duckdb');
    copyFileSync(t.duckdbPath, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096); // both database headers
    closeSync(fd);
    for (const file of [garbage, damaged]) {
      const error = await AnalyticsStore.open(file, { connections: 1 }).then(
        (store) => (store.close(), null),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AnalyticsStoreCorruptError);
      expect((error as Error).message).not.toMatch(/another process/);
      await expect(serverOn(file)).rejects.toThrow(/DUCKDB_PATH .*not a readable DuckDB database/);
    }
  });

  it('deleting the file of a running server makes /healthz say so (its data would go with the process)', async () => {
    unlinkSync(t.duckdbPath);
    const { status, body } = await healthOf(t.url);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', records: 'ok', analytics: 'lost' });
    expect(body.problem).toMatch(/was deleted while the server runs/);
  });
});
