/**
 * The locality_role_kinds migration (issue 17): on a database whose roles still carry the old
 * LocalityRoleKind enum, it creates the kinds table with the enum's five kinds and turns every
 * role's enum value into a reference to the kind of the same code, keeping every row and its id;
 * an empty database gets no kinds (its dataset names its own). On SQLite and on PostgreSQL
 * (TEST_DATABASE_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openRecordStore } from '../../src/db/records.js';
import { freshDatabase } from '../support/server.js';

const MIGRATION = 'locality_role_kinds';
const dir = mkdtempSync(path.join(tmpdir(), 'li-migrate-kinds-'));
const dropped: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of dropped) await drop();
  rmSync(dir, { recursive: true, force: true });
});

async function database(name: string) {
  const db = await freshDatabase(path.join(dir, name));
  dropped.push(db.drop);
  return loadConfig({ DATABASE_URL: db.url.replace('records.db', `${name}.db`) }).DATABASE_URL;
}

/** Run SQL statements (one per string) on the target with its own driver; returns the last one's rows. */
async function sql(target: Awaited<ReturnType<typeof database>>, statements: string[]): Promise<Record<string, unknown>[]> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.file);
    try {
      let rows: Record<string, unknown>[] = [];
      for (const s of statements) {
        const statement = db.prepare(s);
        rows = statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
      }
      return rows;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const s of statements) rows = (await client.query(s)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

const before = (kind: 'sqlite' | 'postgresql') => {
  const names = readMigrations(kind).map((m) => m.name);
  const at = names.findIndex((name) => name.endsWith(`_${MIGRATION}`));
  expect(at).toBeGreaterThan(0);
  return names[at - 1]!;
};

describe(`the ${MIGRATION} migration`, () => {
  it('turns every role’s enum value into a reference to the kind of that code, keeping every row', async () => {
    const target = await database('upgraded');
    await migrate(target, { through: before(target.kind) });
    const now = target.kind === 'sqlite' ? `'2024-01-01T00:00:00.000+00:00'` : `'2024-01-01'`;
    await sql(target, [
      `INSERT INTO "Locality" ("id", "code", "name") VALUES (7, 'kington', 'Kington')`,
      `INSERT INTO "Partner" ("id", "name", "kind", "updatedAt") VALUES (3, 'West Mercia Police', 'POLICE', ${now})`,
      `INSERT INTO "Person" ("id", "name", "partnerId", "updatedAt") VALUES (5, 'Gwen Eardisley', 3, ${now})`,
      ...(
        [
          [11, 'SINGLE_POINT_OF_CONTACT'],
          [12, 'COMMUNITY_AMBASSADOR'],
          [13, 'SENIOR_MANAGER_LEAD'],
          [14, 'WARD_MEMBER'],
          [15, 'NETWORK_CONTACT'],
          [16, 'SINGLE_POINT_OF_CONTACT'],
        ] as const
      ).map(
        ([id, kind]) =>
          `INSERT INTO "LocalityRole" ("id", "personId", "partnerId", "localityId", "kind", "startsOn", "updatedAt", "revision") VALUES (${id}, 5, 3, 7, '${kind}', ${now}, ${now}, ${id - 10})`,
      ),
    ]);

    const result = await migrate(target);
    expect(result.applied.some((name) => name.endsWith(`_${MIGRATION}`))).toBe(true);

    const rows = await sql(target, [
      `SELECT "r"."id", "r"."revision", "k"."code" FROM "LocalityRole" AS "r" JOIN "LocalityRoleKind" AS "k" ON "k"."id" = "r"."kindId" ORDER BY "r"."id"`,
    ]);
    expect(rows.map((r) => [Number(r.id), Number(r.revision), r.code])).toEqual([
      [11, 1, 'single-point-of-contact'],
      [12, 2, 'community-ambassador'],
      [13, 3, 'senior-manager-lead'],
      [14, 4, 'ward-member'],
      [15, 5, 'network-contact'],
      [16, 6, 'single-point-of-contact'],
    ]);

    // The seeded kinds read through the application's client, the rule and lead flags where the enum had them.
    const store = openRecordStore(target, pino({ level: 'silent' }));
    try {
      const kinds = await store.prisma.localityRoleKind.findMany({ orderBy: { position: 'asc' } });
      expect(kinds.map((k) => [k.code, k.singlePointOfContact, k.leadsLocality])).toEqual([
        ['senior-manager-lead', false, true],
        ['single-point-of-contact', true, false],
        ['ward-member', false, false],
        ['community-ambassador', false, false],
        ['network-contact', false, false],
      ]);
      expect(kinds.find((k) => k.code === 'single-point-of-contact')!.aliases).toBe('SPOC');
      expect(kinds.every((k) => k.updatedAt instanceof Date && !Number.isNaN(k.updatedAt.getTime()))).toBe(true);
      expect(await store.prisma.localityRole.count({ where: { kind: { code: 'single-point-of-contact' } } })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('gives an empty database no kinds: its dataset names its own', async () => {
    const target = await database('empty');
    await migrate(target);
    expect(await sql(target, [`SELECT "code" FROM "LocalityRoleKind"`])).toEqual([]);
  });
});
