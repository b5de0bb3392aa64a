/**
 * Once per `vitest run`: a folder for the run's store templates (test/support/server.ts makes them
 * when a test first needs one), named to the workers with `provide`, and removed at the end with
 * the PostgreSQL template databases made in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's template folder (test/support/server.ts). */
    storeTemplates: string;
  }
}

export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'li-templates-'));
  project.provide('storeTemplates', root);
  return async () => {
    rmSync(root, { recursive: true, force: true });
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) return;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      const prefix = `li_tpl_${path.basename(root)}_`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
