/**
 * The analytics store's migrations, versioned as the record store's are (src/db/migrate.ts):
 * ordered SQL files in src/db/analytics-migrations/ (`NNN_name.sql`, applied in name order), each
 * recorded in the store's `_li_analytics_migrations` table with a SHA-256 of its SQL.
 *
 * - A snapshot is built (SnapshotStore.publish) by applying the pending migrations to the copy
 *   being built, each in its own transaction with its ledger row, before the build's own work.
 *   Published snapshots are never written: a server that starts on a snapshot with pending
 *   migrations publishes a migrated copy (MIGRATE_ON_START) or refuses to start
 *   (src/importing/releases.ts `ensureAnalytics`).
 * - A store without the ledger (created before migrations existed) is adopted: 001_initial keeps
 *   today's `CREATE TABLE IF NOT EXISTS`, so it leaves existing tables and rows as they are, and is
 *   recorded like any other.
 * - An applied migration whose file has since changed, or one the code does not know (a snapshot
 *   built by newer code), is refused: edit history by adding a migration, never by rewriting one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import type { AnalyticsQueries, AnalyticsStore } from './analytics.js';

export interface AnalyticsMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** src/ (not dist/: the TypeScript build does not copy .sql files, as for sqlFile). */
export const ANALYTICS_MIGRATIONS_DIR = path.join(projectRoot, 'src', 'db', 'analytics-migrations');

const FILE = /^(\d{3}_[a-z0-9_]+)\.sql$/;

const LEDGER = `CREATE TABLE IF NOT EXISTS _li_analytics_migrations (
  name       VARCHAR NOT NULL,
  checksum   VARCHAR NOT NULL,
  applied_at TIMESTAMP NOT NULL
)`;

/** The migrations in `dir`, in the order they apply; a file not named `NNN_name.sql` is an error. */
export function readAnalyticsMigrations(dir = ANALYTICS_MIGRATIONS_DIR): AnalyticsMigration[] {
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const name = FILE.exec(file)?.[1];
      if (!name) throw new Error(`${path.join(dir, file)} is not an analytics migration: name it NNN_name.sql`);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** A store's migrations set against the code's: what is pending, and what must stop a start. */
export interface AnalyticsMigrationState {
  applied: string[];
  pending: AnalyticsMigration[];
  /** Applied in the store, absent from the code (the store was built by newer code). */
  unknown: string[];
  /** Applied with other SQL than the file now holds. */
  changed: string[];
}

export class AnalyticsMigrationError extends Error {
  constructor(file: string, state: Pick<AnalyticsMigrationState, 'unknown' | 'changed'>) {
    const reasons = [
      state.changed.length > 0 &&
        `migration ${state.changed.join(', ')} was applied with different SQL than src/db/analytics-migrations/ now holds (add a new migration instead of editing an applied one)`,
      state.unknown.length > 0 && `it holds migration ${state.unknown.join(', ')}, which this code does not know (built by a newer version?)`,
    ].filter(Boolean);
    super(`the analytics store ${file}: ${reasons.join('; ')}`);
    this.name = 'AnalyticsMigrationError';
  }
}

/** Read-only: what `store` has applied, compared with `migrations` (2 statements). */
export async function analyticsMigrationState(
  store: AnalyticsQueries,
  migrations: readonly AnalyticsMigration[] = readAnalyticsMigrations(),
): Promise<AnalyticsMigrationState> {
  const [ledger] = await store.query<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '_li_analytics_migrations'",
  );
  const rows = ledger!.n === 0
    ? []
    : await store.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _li_analytics_migrations ORDER BY name');
  const known = new Map(migrations.map((m) => [m.name, m.checksum]));
  const applied = new Map(rows.map((row) => [row.name, row.checksum]));
  return {
    applied: rows.map((row) => row.name),
    pending: migrations.filter((m) => !applied.has(m.name)),
    unknown: rows.filter((row) => !known.has(row.name)).map((row) => row.name),
    changed: rows.filter((row) => known.has(row.name) && known.get(row.name) !== row.checksum).map((row) => row.name),
  };
}

/**
 * Apply the pending migrations to a store opened read-write (a snapshot being built, never a
 * published one); the names applied. Throws AnalyticsMigrationError, writing nothing, when an
 * applied migration changed or is unknown.
 */
export async function migrateAnalytics(
  store: AnalyticsStore,
  migrations: readonly AnalyticsMigration[] = readAnalyticsMigrations(),
): Promise<string[]> {
  const state = await analyticsMigrationState(store, migrations);
  if (state.unknown.length > 0 || state.changed.length > 0) throw new AnalyticsMigrationError(store.file, state);
  for (const migration of state.pending) {
    await store.transaction(async (tx) => {
      await tx.run(LEDGER);
      await tx.run(migration.sql);
      await tx.run('INSERT INTO _li_analytics_migrations VALUES ($name, $checksum, now())', {
        name: migration.name,
        checksum: migration.checksum,
      });
    });
  }
  return state.pending.map((m) => m.name);
}
