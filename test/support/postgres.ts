/**
 * The PostgreSQL server of a test run (TEST_DATABASE_URL): work on its admin connection, the URL
 * of one of its databases, and the names of the run's template databases (test/support/server.ts
 * makes them, test/support/global-setup.ts drops them). Light on purpose: the global setup runs
 * in the main process, which loads none of the server's code.
 */
import path from 'node:path';
import pg from 'pg';

export async function onAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const databaseUrl = (name: string): string => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The prefix of every template database of the run whose template folder is `root`. */
export const templateDatabasePrefix = (root: string): string => `li_tpl_${path.basename(root)}_`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
