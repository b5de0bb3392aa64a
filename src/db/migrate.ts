/**
 * Apply the record store's migrations, the same way on SQLite and PostgreSQL.
 *
 * Why not `prisma migrate deploy`: on PostgreSQL through the driver adapter it fails (a Prisma 6.x
 * bug: "Column type 'name' could not be deserialized"), so the project applies the SQL files that
 * `prisma migrate diff --script` wrote (prisma/migrations for SQLite, prisma/postgresql/migrations
 * for PostgreSQL) itself, for both databases, so there is one way to migrate and one to test.
 *
 * Each migration runs in its own transaction and is recorded in `_li_migrations` with a SHA-256
 * of its SQL; an applied migration whose file has since changed stops the run (edit history by
 * adding a migration, never by rewriting one). On PostgreSQL an advisory lock keeps two starting
 * servers from migrating at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { projectRoot } from '../project-root.js';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_li_migrations" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "appliedAt" TEXT NOT NULL
)`;

/** Arbitrary constant identifying this project's migration lock in pg_advisory_lock. */
const POSTGRES_LOCK_KEY = 726_451_903;

/** The migrations for a database kind, in the order they apply. */
export function readMigrations(kind: DatabaseTarget['kind']): Migration[] {
  const dir =
    kind === 'sqlite'
      ? path.join(projectRoot, 'prisma', 'migrations')
      : path.join(projectRoot, 'prisma', 'postgresql', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationChecksumError extends Error {
  constructor(name: string) {
    super(`migration ${name} was applied with different SQL than prisma now holds; add a new migration instead of editing an applied one`);
    this.name = 'MigrationChecksumError';
  }
}

function pending(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new MigrationChecksumError(migration.name);
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

/**
 * Apply the pending migrations; `through` stops after the migration of that name (a test brings a
 * database to an older schema, writes rows as they were, then migrates the rest).
 */
export async function migrate(target: DatabaseTarget, options: { through?: string } = {}): Promise<MigrationResult> {
  const all = readMigrations(target.kind);
  const migrations = options.through === undefined ? all : all.filter((m) => m.name <= options.through!);
  return target.kind === 'sqlite'
    ? migrateSqlite(target.file, migrations)
    : migratePostgres(target.url, migrations);
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  if (!existsSync(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(LEDGER);
    const rows = db.prepare('SELECT "name", "checksum" FROM "_li_migrations"').all() as {
      name: string;
      checksum: string;
    }[];
    const todo = pending(migrations, new Map(rows.map((row) => [row.name, row.checksum])));
    const record = db.prepare('INSERT INTO "_li_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)');
    for (const migration of todo) {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.name, migration.checksum, new Date().toISOString());
      }).immediate();
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: migrations.length - todo.length };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [POSTGRES_LOCK_KEY]);
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT "name", "checksum" FROM "_li_migrations"',
    );
    const todo = pending(migrations, new Map(rows.map((row) => [row.name, row.checksum])));
    for (const migration of todo) {
      await client.query('BEGIN');
      try {
        // The simple query protocol runs the file's several statements in one call.
        await client.query(migration.sql);
        await client.query('INSERT INTO "_li_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)', [
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: migrations.length - todo.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [POSTGRES_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
