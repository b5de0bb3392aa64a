/**
 * Opening and closing both stores together, with start-up problems reported against the setting
 * that caused them (`StartupError`: one line naming DATABASE_URL or ANALYTICS_SNAPSHOT_DIR).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { StartupError } from '../errors.js';
import { ensureAnalytics } from '../importing/releases.js';
import { migrate } from './migrate.js';
import { openRecordStore, type RecordStore } from './records.js';
import { SnapshotStore } from './snapshots.js';

export interface Stores {
  records: RecordStore;
  /** The served analytics snapshot (src/db/snapshots.ts); a write through it publishes a new one. */
  analytics: SnapshotStore;
  /** RELEASE_STORE_DIR: every imported file, content-addressed (src/importing/releases.ts). */
  releaseStore: string;
}

const redact = (url: string) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).trim().split('\n')[0]!.trim();

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
  let analytics: SnapshotStore | undefined;
  try {
    analytics = await SnapshotStore.open(
      records.prisma,
      {
        dir: config.ANALYTICS_SNAPSHOT_DIR,
        connections: config.DUCKDB_CONNECTIONS,
        threads: config.DUCKDB_THREADS,
        memoryLimit: config.DUCKDB_MEMORY_LIMIT,
        lockTtlMs: config.IMPORT_LOCK_TTL_SECONDS * 1000,
        postgresUrl: target.kind === 'postgresql' ? target.url : undefined,
        keep: config.SNAPSHOT_KEEP,
      },
      logger,
    );
    // No snapshot yet, or its file gone: rebuilt from the geography and the kept releases.
    await ensureAnalytics({ records, analytics, releaseStore: config.RELEASE_STORE_DIR }, logger, config.DUCKDB_PATH, config.MIGRATE_ON_START);
  } catch (error) {
    analytics?.close();
    await records.close().catch(() => undefined);
    // The DuckDB file at DUCKDB_PATH (adopted as the first snapshot) is named as itself.
    const legacy = error instanceof Error && config.DUCKDB_PATH !== ':memory:' && error.message.includes(config.DUCKDB_PATH);
    if (legacy) throw new StartupError('DUCKDB_PATH', `(${config.DUCKDB_PATH}): ${oneLine(error)}`);
    throw new StartupError('ANALYTICS_SNAPSHOT_DIR', `(${config.ANALYTICS_SNAPSHOT_DIR}): ${oneLine(error)}`);
  }
  return { records, analytics, releaseStore: config.RELEASE_STORE_DIR };
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.records.close();
  stores.analytics.close();
}
