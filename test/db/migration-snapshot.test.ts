/**
 * A forgotten migration fails here: each migration folder keeps the schema it leads to
 * (scripts/new-migration.ts), so the newest folder's copy must say what prisma/schema.prisma says,
 * for SQLite and for PostgreSQL (whose schema is generated from it). Comments and layout may
 * differ; models, fields, attributes and the datasource may not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The schema without comments or layout: one statement a line, single spaces. */
function schemaStatements(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, '').trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '');
}

function newestSnapshot(migrations: string): { name: string; text: string } {
  const dir = path.join(root, migrations);
  const name = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .at(-1);
  if (!name) throw new Error(`no migrations in ${migrations}`);
  return { name, text: readFileSync(path.join(dir, name, 'schema.prisma'), 'utf8') };
}

describe('the newest migration', () => {
  it.each([
    ['SQLite', 'prisma/schema.prisma', 'prisma/migrations'],
    ['PostgreSQL', 'prisma/postgresql/schema.prisma', 'prisma/postgresql/migrations'],
  ])('leads to the current schema on %s (else: npm run db:migration -- <name>)', (_provider, schema, migrations) => {
    const newest = newestSnapshot(migrations);
    expect(schemaStatements(newest.text), `${migrations}/${newest.name}/schema.prisma differs from ${schema}`).toEqual(
      schemaStatements(readFileSync(path.join(root, schema), 'utf8')),
    );
  });

  it('is told apart from a schema with a field more, and not from one with a comment more', () => {
    const schema = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
    const withField = schema.replace(/(model Locality \{\n)/, '$1  extra String?\n');
    expect(withField).not.toBe(schema);
    expect(schemaStatements(withField)).not.toEqual(schemaStatements(schema));
    expect(schemaStatements(schema.replace(/(model Locality \{\n)/, '$1  // a note\n'))).toEqual(schemaStatements(schema));
  });
});
