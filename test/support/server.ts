/**
 * Test servers: the real server (src/server.ts) on a fresh record store and a fresh DuckDB file,
 * listening on a free loopback port. The record store is a new SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database created on it for this server and
 * dropped when it stops. Nothing is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { loadGeographyScope } from '../../src/geography/versions.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { TEST_JWT_SECRET } from './tokens.js';

/** The repository's root: tests read nothing outside it (test/repository/stands-alone.test.ts). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The real Herefordshire files bundled in data/ (geography/, statistics/), OGL v3.0 (data/README.md). */
export const HEREFORDSHIRE_DATA = path.join(PROJECT_ROOT, 'data', 'herefordshire');
/** The invented sample most tests start on (GENERATED; data/README.md). */
export const SAMPLE_DATASET = path.join(PROJECT_ROOT, 'test', 'fixtures', 'sample');

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  server: RunningServer;
  url: string;
  /** Log lines the server wrote (JSON objects). */
  logs: Record<string, any>[];
  /** Record-store URL and analytics file, for a second process or direct checks. */
  databaseUrl: string;
  duckdbPath: string;
  /** POSTs to /graphql; `token` is sent as `Authorization: Bearer <token>` (see test/support/tokens.ts). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string }): Promise<GraphQLResponse<T>>;
  /** SQL statements sent to [records, analytics] while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<{ records: number; analytics: number; recordsSql: string[] }>;
  stop(): Promise<void>;
}

let created = 0;

/** A fresh record-store URL (and a cleanup) in `dir`, on PostgreSQL when TEST_DATABASE_URL is set. */
export async function freshDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { url: `file:${path.join(dir, 'records.db')}`, drop: async () => {} };
  created += 1;
  const name = `li_test_${process.pid}_${created}_${Date.now() % 100000}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestServer(options: { sample?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-test-'));
  const database = await freshDatabase(dir);
  const duckdbPath = path.join(dir, 'analytics.duckdb');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    DUCKDB_PATH: duckdbPath,
    LOG_LEVEL: 'info',
    LOAD_SAMPLE_DATA: String(options.sample ?? true),
    DATASET_DIR: SAMPLE_DATASET,
    JWT_SECRET: TEST_JWT_SECRET,
    // No background polling for new analytics snapshots: it would add record-store statements to
    // the counts tests take (test/importing/ turns it on where it is the subject).
    SNAPSHOT_POLL_MS: '0',
    // No answers kept in memory: the statement counts tests take measure the work of answering
    // (test/http/answer-cache.test.ts turns it on, as production runs).
    ANSWER_CACHE_MEGABYTES: '0',
    ...options.env,
  });
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const server = await startServer(config, pino({ level: 'info' }, sink));
  const gql = async (query: string, variables?: Record<string, unknown>, options: { token?: string } = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  return {
    server,
    url: server.url,
    logs,
    databaseUrl: database.url,
    duckdbPath,
    gql,
    countStatements: async (work) => {
      // The geography version list is read once per process (and again after an import), not
      // per request: read it first, so the count is what every request costs.
      await loadGeographyScope(server.stores.records.prisma, server.stores.analytics);
      const records = server.stores.records.statementCount();
      const analytics = server.stores.analytics.statementCount();
      await work();
      // Prisma emits query events just after each statement: let them land.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const count = server.stores.records.statementCount() - records;
      return {
        records: count,
        analytics: server.stores.analytics.statementCount() - analytics,
        recordsSql: count === 0 ? [] : server.stores.records.recentStatements().slice(-count),
      };
    },
    stop: async () => {
      await server.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
