/**
 * `npm run db:migration -- <name>`: write the next migration for both databases.
 *
 * `prisma migrate dev` does not work offline here, and `migrate diff --from-migrations` needs a
 * shadow database it cannot create, so each migration folder keeps a copy of the schema it leads
 * to (`schema.prisma`), and the next migration is the diff from that copy to the current schema
 * (`prisma migrate diff --from-schema-datamodel ... --to-schema-datamodel ... --script`), once for
 * SQLite (prisma/migrations) and once for PostgreSQL (prisma/postgresql/migrations).
 * Migrations are applied by src/db/migrate.ts.
 *
 * `--replace`: rewrite the newest migration when it has this name (for a migration still being
 * written, before it has been applied anywhere that matters).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const replace = process.argv.includes('--replace');
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <snake_case_name> [--replace]');
  process.exit(2);
}

execFileSync('npx', ['tsx', path.join(root, 'scripts', 'generate.ts')], { cwd: root, stdio: 'inherit' });

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const targets = [
  { provider: 'sqlite', schema: 'prisma/schema.prisma', dir: 'prisma/migrations' },
  { provider: 'postgresql', schema: 'prisma/postgresql/schema.prisma', dir: 'prisma/postgresql/migrations' },
];

for (const target of targets) {
  const dir = path.join(root, target.dir);
  mkdirSync(dir, { recursive: true });
  const folders = () =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  const newest = folders().at(-1);
  if (replace && newest?.endsWith(`_${name}`)) {
    rmSync(path.join(dir, newest), { recursive: true });
    console.log(`${target.provider}: replacing ${newest}`);
  }
  const previous = folders().at(-1);
  const from = previous
    ? ['--from-schema-datamodel', path.join(dir, previous, 'schema.prisma')]
    : ['--from-empty'];
  const sql = execFileSync(
    path.join(root, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'diff', ...from, '--to-schema-datamodel', path.join(root, target.schema), '--script'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log(`${target.provider}: no change`);
    continue;
  }
  const folder = path.join(dir, `${stamp}_${name}`);
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'migration.sql'), sql);
  copyFileSync(path.join(root, target.schema), path.join(folder, 'schema.prisma'));
  const lock = path.join(dir, 'migration_lock.toml');
  if (!existsSync(lock)) writeFileSync(lock, `provider = "${target.provider}"\n`);
  console.log(`${target.provider}: wrote ${path.relative(root, folder)}`);
}
