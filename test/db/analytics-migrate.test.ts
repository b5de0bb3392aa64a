/**
 * The analytics store's migrations (issue 21, src/db/analytics-migrate.ts): ordered, checksummed
 * SQL files recorded in the store, applied when a snapshot is built; a start on a snapshot made
 * before migrations existed adopts it (data intact) or, with MIGRATE_ON_START=false, refuses;
 * an edited or unknown applied migration stops the start.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AnalyticsStore } from '../../src/db/analytics.js';
import {
  ANALYTICS_MIGRATIONS_DIR,
  AnalyticsMigrationError,
  analyticsMigrationState,
  migrateAnalytics,
  readAnalyticsMigrations,
} from '../../src/db/analytics-migrate.js';
import { closeStores, openStores } from '../../src/db/stores.js';
import { StartupError } from '../../src/errors.js';
import { cli } from '../support/cli.js';
import { freshDatabase } from '../support/server.js';
import { TEST_JWT_SECRET } from '../support/tokens.js';

const dir = mkdtempSync(path.join(tmpdir(), 'li-duck-migrate-'));
let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase(dir);
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const initial = readAnalyticsMigrations()[0]!;
const TABLES = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1";
const ledger = (store: AnalyticsStore) => store.query('SELECT name, checksum FROM _li_analytics_migrations ORDER BY name');

/** A store as the code before migrations left it: its domains' DDL run as a script, no ledger. */
async function oldStore(file: string): Promise<AnalyticsStore> {
  const store = await AnalyticsStore.open(file, { connections: 1 });
  await store.run(initial.sql);
  await store.run("INSERT INTO locality VALUES ('E1', 'Leominster'), ('E2', 'Ross')");
  return store;
}

const config = (env: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: database.url,
    DUCKDB_PATH: path.join(dir, 'served', 'analytics.duckdb'),
    JWT_SECRET: TEST_JWT_SECRET,
    LOAD_SAMPLE_DATA: 'false',
    SNAPSHOT_POLL_MS: '0',
    ...env,
  });
const silent = pino({ level: 'silent' });

describe('analytics migrations on one store', () => {
  it('a fresh store gets every table of 001_initial and its ledger row; a second run applies nothing', async () => {
    const store = await AnalyticsStore.open(path.join(dir, 'fresh.duckdb'), { connections: 1 });
    try {
      expect(await migrateAnalytics(store)).toEqual(['001_initial']);
      const tables = (await store.query<{ name: string }>(TABLES)).map((row) => row.name);
      const declared = [...initial.sql.matchAll(/CREATE TABLE IF NOT EXISTS\s+(\w+)/g)].map((m) => m[1]!);
      expect(declared.length).toBeGreaterThan(20);
      for (const table of declared) expect(tables).toContain(table);
      expect(await ledger(store)).toEqual([{ name: '001_initial', checksum: initial.checksum }]);
      expect(await migrateAnalytics(store)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('a store made by the code before migrations is adopted as it is, and a second migration adding a column reaches it', async () => {
    const store = await oldStore(path.join(dir, 'old.duckdb'));
    try {
      const before = await store.query(TABLES);
      expect(await migrateAnalytics(store)).toEqual(['001_initial']);
      expect(await store.query(TABLES)).toEqual([...before, { name: '_li_analytics_migrations' }].sort((a, b) => String(a.name).localeCompare(String(b.name))));
      expect(await store.query('SELECT * FROM locality ORDER BY 1')).toEqual([
        { locality_code: 'E1', locality_name: 'Leominster' },
        { locality_code: 'E2', locality_name: 'Ross' },
      ]);

      const next = path.join(dir, 'migrations-next');
      mkdirSync(next);
      copyFileSync(path.join(ANALYTICS_MIGRATIONS_DIR, '001_initial.sql'), path.join(next, '001_initial.sql'));
      writeFileSync(path.join(next, '002_locality_welsh_name.sql'), 'ALTER TABLE locality ADD COLUMN welsh_name VARCHAR;\n');
      const migrations = readAnalyticsMigrations(next);
      expect((await analyticsMigrationState(store, migrations)).pending.map((m) => m.name)).toEqual(['002_locality_welsh_name']);
      expect(await migrateAnalytics(store, migrations)).toEqual(['002_locality_welsh_name']);
      expect(await store.query('SELECT * FROM locality ORDER BY 1')).toEqual([
        { locality_code: 'E1', locality_name: 'Leominster', welsh_name: null },
        { locality_code: 'E2', locality_name: 'Ross', welsh_name: null },
      ]);
      expect((await ledger(store)).map((row) => row.name)).toEqual(['001_initial', '002_locality_welsh_name']);

      // Back on the code without 002, the store holds a migration it does not know.
      await expect(migrateAnalytics(store)).rejects.toThrow(/002_locality_welsh_name, which this code does not know/);
    } finally {
      store.close();
    }
  });

  it('an applied migration whose SQL changed is refused, and nothing is applied', async () => {
    const store = await AnalyticsStore.open(path.join(dir, 'tampered.duckdb'), { connections: 1 });
    try {
      await migrateAnalytics(store);
      const edited = [{ ...initial, sql: `${initial.sql}\n-- edited`, checksum: 'f'.repeat(64) }];
      const error = await migrateAnalytics(store, edited).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AnalyticsMigrationError);
      expect(String(error)).toMatch(/migration 001_initial was applied with different SQL/);
      expect(await ledger(store)).toEqual([{ name: '001_initial', checksum: initial.checksum }]);
    } finally {
      store.close();
    }
  });
});

describe('analytics migrations at start', () => {
  it('a snapshot made before migrations: refused with MIGRATE_ON_START=false, adopted with its rows by db:migrate (a migrated copy published); a tampered or unknown one stops the start', async () => {
    // A first start publishes an empty snapshot, migrated.
    let stores = await openStores(config(), silent);
    const first = stores.analytics.file;
    expect((await stores.analytics.migrationState()).applied).toEqual(['001_initial']);
    await closeStores(stores);

    // Made as the code before migrations made it: the ledger dropped, rows written.
    let raw = await AnalyticsStore.open(first, { connections: 1 });
    await raw.run("DROP TABLE _li_analytics_migrations; INSERT INTO locality VALUES ('E1', 'Leominster')");
    raw.close();

    const refused = await openStores(config({ MIGRATE_ON_START: 'false' }), silent).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StartupError);
    expect((refused as StartupError).variable).toBe('ANALYTICS_SNAPSHOT_DIR');
    expect(String((refused as Error).message)).toMatch(/lacks migration 001_initial and MIGRATE_ON_START is false/);

    // `npm run db:migrate` publishes the migrated copy; then a server starts with MIGRATE_ON_START=false.
    const migrated = await cli({ databaseUrl: database.url, duckdbPath: path.join(dir, 'served', 'analytics.duckdb') }, ['migrate'], { JWT_SECRET: TEST_JWT_SECRET });
    expect(migrated.stdout).toMatch(/analytics store: up to date \(1 migrations, snapshot 2\)/);
    stores = await openStores(config({ MIGRATE_ON_START: 'false' }), silent);
    const adopted = stores.analytics.file;
    expect(adopted).not.toBe(first); // a migrated copy, published; the served file was never written
    expect(await stores.analytics.query('SELECT locality_code, locality_name FROM locality')).toEqual([{ locality_code: 'E1', locality_name: 'Leominster' }]);
    expect((await stores.analytics.migrationState()).applied).toEqual(['001_initial']);

    // Another server (a newer version) publishes a snapshot with a migration this one does not
    // know: polling refuses it once, and this server keeps serving its own.
    const newer = path.join(path.dirname(adopted), 'snapshot-newer.duckdb');
    copyFileSync(adopted, newer);
    raw = await AnalyticsStore.open(newer, { connections: 1 });
    await raw.run("INSERT INTO _li_analytics_migrations VALUES ('002_newer', 'x', now())");
    raw.close();
    await stores.records.prisma.analyticsSnapshot.create({ data: { file: 'snapshot-newer.duckdb', reason: 'write', createdBy: 'test' } });
    const served = stores.analytics.snapshotId;
    await expect(stores.analytics.refresh()).rejects.toThrow(/not serving analytics snapshot snapshot-newer.duckdb: .*002_newer, which this code does not know/);
    expect(await stores.analytics.refresh()).toBe(false);
    expect(stores.analytics.snapshotId).toBe(served);
    await stores.records.prisma.analyticsSnapshot.deleteMany({ where: { file: 'snapshot-newer.duckdb' } });
    await closeStores(stores);

    // The ledger says 001 was applied with other SQL: the start stops, naming the migration.
    raw = await AnalyticsStore.open(adopted, { connections: 1 });
    await raw.run("UPDATE _li_analytics_migrations SET checksum = 'tampered'");
    raw.close();
    for (const env of [{ MIGRATE_ON_START: 'true' }, { MIGRATE_ON_START: 'false' }]) {
      const error = await openStores(config(env), silent).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect(String((error as Error).message)).toMatch(/^Cannot start: ANALYTICS_SNAPSHOT_DIR .*migration 001_initial was applied with different SQL/);
    }

    // A snapshot built by newer code (a migration this code does not know) is refused too.
    raw = await AnalyticsStore.open(adopted, { connections: 1 });
    await raw.run(`UPDATE _li_analytics_migrations SET checksum = '${initial.checksum}'; INSERT INTO _li_analytics_migrations VALUES ('999_future', 'x', now())`);
    raw.close();
    const future = await openStores(config(), silent).catch((e: unknown) => e);
    expect(String((future as Error).message)).toMatch(/999_future, which this code does not know/);
  }, 60_000);
});
