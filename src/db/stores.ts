/**
 * Opening and closing both stores together, with start-up problems reported against the setting
 * that caused them (`StartupError`: one line naming DATABASE_URL or DUCKDB_PATH).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { projectRoot } from '../project-root.js';
import { AnalyticsStore } from './analytics.js';
import { migrate } from './migrate.js';
import { openRecordStore, type RecordStore } from './records.js';

export interface Stores {
  records: RecordStore;
  analytics: AnalyticsStore;
}

/** A start-up failure caused by one setting; its message is one line naming it. */
export class StartupError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Cannot start: ${variable} ${reason}`);
    this.name = 'StartupError';
  }
}

const redact = (url: string) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();

/** Every domain's analytics tables (`src/<domain>/tables.sql`), created if missing. */
async function createAnalyticsTables(analytics: AnalyticsStore): Promise<void> {
  const src = path.join(projectRoot, 'src');
  const domains = readdirSync(src, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const domain of domains.map((entry) => entry.name).sort()) {
    const file = path.join(src, domain, 'tables.sql');
    if (existsSync(file)) await analytics.run(readFileSync(file, 'utf8'));
  }
}

export async function openStores(config: Config, logger: Logger): Promise<Stores> {
  const target = config.DATABASE_URL;
  if (config.MIGRATE_ON_START) {
    try {
      const result = await migrate(target);
      if (result.applied.length > 0) logger.info({ applied: result.applied }, 'record store migrated');
    } catch (error) {
      throw new StartupError('DATABASE_URL', `(${redact(target.url)}): cannot migrate the record store: ${oneLine(error)}`);
    }
  }
  const records = openRecordStore(target, logger);
  try {
    await records.prisma.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    await records.close().catch(() => undefined);
    throw new StartupError('DATABASE_URL', `(${redact(target.url)}): cannot reach the record store: ${oneLine(error)}`);
  }
  let analytics: AnalyticsStore;
  try {
    analytics = await AnalyticsStore.open(config.DUCKDB_PATH, {
      connections: config.DUCKDB_CONNECTIONS,
      threads: config.DUCKDB_THREADS,
      memoryLimit: config.DUCKDB_MEMORY_LIMIT,
    });
    await createAnalyticsTables(analytics);
  } catch (error) {
    await records.close().catch(() => undefined);
    throw new StartupError('DUCKDB_PATH', `(${config.DUCKDB_PATH}): ${oneLine(error)}`);
  }
  return { records, analytics };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.records.close();
  stores.analytics.close();
}
