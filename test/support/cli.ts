/**
 * The command line in-process: src/cli.ts's run(), the code `npm run db:migrate`, `import:...` and
 * `token` run, with its output captured and its settings given here instead of the process's
 * environment. test/server/process.test.ts runs it as a process, once per exit code.
 */
import path from 'node:path';
import { run } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where the command keeps its stores: a folder (a SQLite file and a DuckDB file in it), or given URLs. */
export type CliStores = string | { databaseUrl: string; duckdbPath: string };

/** Run `args` (e.g. `['import-contacts', '--file', f]`) on `stores`; `env` adds or overrides settings. */
export async function cli(stores: CliStores, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { databaseUrl, duckdbPath } =
    typeof stores === 'string' ? { databaseUrl: `file:${path.join(stores, 'r.db')}`, duckdbPath: path.join(stores, 'a.duckdb') } : stores;
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: { DATABASE_URL: databaseUrl, DUCKDB_PATH: duckdbPath, LOG_LEVEL: 'silent', ...env },
  });
  return { code, stdout, stderr };
}

/** Output lines of the command itself (a command started with npx may add its own `npm warn` lines). */
export const ownLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !/^npm (warn|notice)/.test(line));
