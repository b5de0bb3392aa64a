/**
 * The record store: one Prisma client over SQLite (embedded default) or PostgreSQL, chosen by
 * DATABASE_URL. Both generated clients come from the same models (prisma/schema.prisma), so the
 * rest of the code is written against the SQLite client's type and runs on either.
 *
 * Every SQL statement Prisma sends is counted (`statementCount`) from Prisma's own `query` event,
 * so tests can check that a request makes a bounded number of queries.
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from 'pino';
import type { DatabaseTarget } from '../config.js';
import { installLike } from './like.js';
import { PrismaClient as PostgresClient } from '../generated/prisma/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/prisma/sqlite/client.js';

import { Prisma } from '../generated/prisma/sqlite/client.js';

export type RecordsClient = SqliteClient;
export { Prisma };

/** The record store, or a transaction on it: data functions take either first. */
export type Db = RecordsClient | Prisma.TransactionClient;
/** A transaction on the record store (what a write runs in). */
export type Tx = Prisma.TransactionClient;

export interface RecordStore {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: RecordsClient;
  /** SQL statements sent since the store opened. */
  statementCount(): number;
  /** The text of the last statements sent (at most 500), oldest first: for tests and diagnostics. */
  recentStatements(): readonly string[];
  close(): Promise<void>;
}

type QueryEvent = { query: string; duration: number };
type QueryEventSource = { $on(event: 'query', listener: (event: QueryEvent) => void): void };

export function openRecordStore(target: DatabaseTarget, logger: Logger): RecordStore {
  const log = [{ emit: 'event', level: 'query' } as const];
  // Prisma's defaults (2 s to start, 5 s to finish an interactive transaction) fail a sample load
  // or a locked write on a busy 2-core machine although nothing is wrong: wait longer by default.
  const transactionOptions = { maxWait: 20_000, timeout: 30_000 };
  const client =
    target.kind === 'sqlite'
      ? new SqliteClient({ adapter: installLike(new PrismaBetterSQLite3({ url: target.url })), log, transactionOptions })
      : // Same models, other provider: the PostgreSQL client is typed as the SQLite one.
        (new PostgresClient({
          adapter: new PrismaPg({ connectionString: target.url }),
          log,
          transactionOptions,
        }) as unknown as SqliteClient);

  let statements = 0;
  const recent: string[] = [];
  (client as unknown as QueryEventSource).$on('query', (event) => {
    statements += 1;
    recent.push(event.query);
    if (recent.length > 500) recent.shift();
    logger.trace({ sql: event.query, ms: event.duration }, 'records query');
  });

  return {
    kind: target.kind,
    prisma: client,
    statementCount: () => statements,
    recentStatements: () => [...recent],
    close: () => client.$disconnect(),
  };
}
