/**
 * Once per `vitest run`: a folder for the run's store templates (test/support/server.ts makes them
 * when a test first needs one), named to the workers with `provide`, and removed at the end with
 * the PostgreSQL template databases made in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { onAdmin, templateDatabasePrefix } from './postgres.js';

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
    if (!process.env.TEST_DATABASE_URL) return;
    await onAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [templateDatabasePrefix(root)]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  };
}
