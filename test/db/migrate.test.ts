import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrate, MigrationChecksumError, readMigrations } from '../../src/db/migrate.js';
import { freshDatabase } from '../support/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'li-migrate-'));
let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase(dir);
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function tamperLedger(url: string) {
  const target = loadConfig({ DATABASE_URL: url }).DATABASE_URL;
  const sql = `UPDATE "_li_migrations" SET "checksum" = 'edited'`;
  if (target.kind === 'sqlite') {
    const db = new Database(target.file);
    db.exec(sql);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query(sql);
    await client.end();
  }
}

describe('migrations', () => {
  it('apply once, record what they applied, and are a no-op the second time', async () => {
    const target = loadConfig({ DATABASE_URL: database.url }).DATABASE_URL;
    const all = readMigrations(target.kind).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(target)).toEqual({ applied: all, alreadyApplied: 0 });
    expect(await migrate(target)).toEqual({ applied: [], alreadyApplied: all.length });
  });

  it('SQLite and PostgreSQL have the same migrations', () => {
    expect(readMigrations('postgresql').map((m) => m.name)).toEqual(readMigrations('sqlite').map((m) => m.name));
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    await tamperLedger(database.url);
    await expect(migrate(loadConfig({ DATABASE_URL: database.url }).DATABASE_URL)).rejects.toThrow(MigrationChecksumError);
  });
});
