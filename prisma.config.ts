// Prisma CLI configuration (Prisma 6.19, offline): the JS engine with a driver adapter, so the CLI
// never downloads a Rust engine. Only `prisma generate` and `prisma migrate diff` are used by this
// project (scripts/generate.ts, scripts/new-migration.ts), and neither touches a real database:
// the adapter opens an in-memory SQLite database. Migrations are applied by src/db/migrate.ts for
// both databases, because `migrate deploy` cannot work against PostgreSQL through the driver
// adapter (see README, "Migrations").
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaBetterSQLite3({ url: ':memory:' }),
});
