/**
 * Test servers: the real server (src/server.ts) on a fresh record store and a fresh DuckDB file,
 * listening on a free loopback port. The record store is a new SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database created on it for this server and
 * dropped when it stops. Nothing is mocked.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { databaseUrl, onAdmin, templateDatabasePrefix } from './postgres.js';
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

/** A PostgreSQL database name for this process, unique within the run. */
const databaseName = (prefix: string) => {
  created += 1;
  return `${prefix}_${process.pid}_${created}_${Date.now() % 100000}`;
};

/**
 * A fresh record-store URL (and a cleanup) in `dir`, on PostgreSQL when TEST_DATABASE_URL is set;
 * a copy of the database `template` when one is named (PostgreSQL's CREATE DATABASE ... TEMPLATE).
 */
export async function freshDatabase(dir: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) return { url: `file:${path.join(dir, 'records.db')}`, drop: async () => {} };
  const name = databaseName('li_test');
  await onAdmin(async (c) => {
    // Two copies of one template at once can meet "source database is being accessed by other
    // users" while the other CREATE DATABASE reads it: wait and try again.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      } catch (error) {
        if (!template || attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: () => onAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Stores already made, copied for each test server (test/support/global-setup.ts):
 * loading the sample takes a server seconds (every import, then the precomputed profiles), and
 * most test files start a server on it, so it is loaded once per run (per kind of start) and each
 * server starts on a copy: the files of its folder (SQLite record store, analytics snapshots,
 * release store), or a PostgreSQL database made from the template one. A copy holds exactly what
 * a fresh start would have made; the server's own start-up still runs on it (migrations, the
 * geography mirror, the precomputed profiles for its settings), so only the loading is skipped.
 * The first worker to need a template makes it (others wait for it); templates live for the run.
 */
interface Template {
  dir: string;
  database?: string;
}

/**
 * What a start loads: the sample (or the dataset at DATASET_DIR), or nothing. Other settings
 * that change what a start loads or where (below) make a server start from nothing, as the tests
 * of loading and starting need.
 */
interface TemplateKind {
  sample: boolean;
  datasetDir?: string;
}
const LOADING_SETTINGS = ['LOAD_SAMPLE_DATA', 'DATABASE_URL', 'DUCKDB_PATH', 'ANALYTICS_SNAPSHOT_DIR', 'RELEASE_STORE_DIR', 'MIGRATE_ON_START'];

function templateRoot(): string | undefined {
  try {
    return inject('storeTemplates');
  } catch {
    return undefined; // outside a vitest run with the global setup
  }
}

async function template(kind: TemplateKind): Promise<Template | undefined> {
  const root = templateRoot();
  if (!root) return undefined;
  const name = !kind.sample
    ? 'empty'
    : kind.datasetDir
      ? `dataset_${createHash('sha256').update(path.resolve(kind.datasetDir)).digest('hex').slice(0, 12)}`
      : 'sample';
  const ready = path.join(root, name);
  const describe = (): Template => ({
    dir: path.join(ready, 'stores'),
    database: process.env.TEST_DATABASE_URL ? `${templateDatabasePrefix(root)}${name}` : undefined,
  });
  const claim = path.join(root, `${name}.making`);
  for (;;) {
    if (existsSync(ready)) return describe();
    try {
      mkdirSync(claim); // one maker per run: mkdir is atomic
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    break;
  }
  try {
    const building = mkdtempSync(path.join(root, `${name}-`));
    const stores = path.join(building, 'stores');
    mkdirSync(stores);
    const { database } = describe();
    if (database) await onAdmin((c) => c.query(`CREATE DATABASE ${database}`));
    const made = await startIn(stores, database ? { url: databaseUrl(database), drop: async () => {} } : { url: `file:${path.join(stores, 'records.db')}`, drop: async () => {} }, {
      sample: kind.sample,
      env: kind.datasetDir ? { DATASET_DIR: kind.datasetDir } : {},
    });
    await made.server.stop();
    renameSync(building, ready);
    return describe();
  } catch (error) {
    rmSync(claim, { recursive: true, force: true }); // a waiting worker tries again, and reports its own failure
    throw error;
  }
}

export async function startTestServer(options: { sample?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-test-'));
  const env = options.env ?? {};
  const fromScratch = Object.keys(env).some((key) => LOADING_SETTINGS.includes(key));
  const copy = fromScratch ? undefined : await template({ sample: options.sample !== false, datasetDir: env.DATASET_DIR });
  if (copy) cpSync(copy.dir, dir, { recursive: true });
  const database = await freshDatabase(dir, copy?.database);
  return startIn(dir, database, options);
}

async function startIn(
  dir: string,
  database: { url: string; drop(): Promise<void> },
  options: { sample?: boolean; env?: Record<string, string> },
): Promise<TestServer> {
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
