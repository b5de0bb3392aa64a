/**
 * The analytics store: the one module that owns the DuckDB instance (`@duckdb/node-api`) and its
 * connections. Everything else asks it for rows.
 *
 * Contract:
 * - Values are always bound as named parameters (`$code`), never spliced into SQL; identifiers
 *   that must be dynamic go through `quoteIdentifier`.
 * - Rows come back as plain objects with JS values; BIGINT/HUGEINT (which DuckDB returns as JS
 *   `bigint`, e.g. from SUM or COUNT) are converted to `number` here, at the boundary, and a value
 *   beyond 2^53 is refused rather than silently rounded.
 * - Reads share a small pool of connections (a DuckDB connection runs one statement at a time);
 *   a transaction holds one connection to itself until it commits or rolls back.
 * - `statementCount()` counts statements sent, so tests can check a request's query budget.
 *
 * A DuckDB file can be open for writing in one process only: a second process (say an import
 * command while the server runs on the same file) gets a clear `AnalyticsStoreLockedError`; a
 * file that is not a DuckDB database, or is damaged, gets its own `AnalyticsStoreCorruptError`.
 *
 * Durability: every transaction (each load: an import, the geography mirror) ends with a
 * `FORCE CHECKPOINT`, so what a load acknowledged is in the database file itself, not only in
 * its write-ahead log: a process killed with SIGKILL loses nothing, and a copy of the `.duckdb`
 * file alone (a backup) holds every load (DuckDB manual, "CHECKPOINT Statement": it "synchronizes
 * data in the write-ahead log (WAL) to the database data file"; FORCE waits for the checkpoint
 * lock instead of failing while readers run).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  DOUBLE,
  VARCHAR,
} from '@duckdb/node-api';

export type SqlParam = string | number | boolean | null;
/** A named parameter: a scalar, or a list of strings (bound as VARCHAR[], e.g. `list_contains($ids, id)`). */
export type SqlParams = Record<string, SqlParam | readonly string[] | readonly number[]>;
export type Row = Record<string, unknown>;

export class AnalyticsStoreLockedError extends Error {
  constructor(file: string) {
    super(`the analytics store ${file} is open in another process (a running server?): stop it, or set DUCKDB_PATH to another file`);
    this.name = 'AnalyticsStoreLockedError';
  }
}

export class AnalyticsStoreCorruptError extends Error {
  constructor(file: string, reason: string) {
    super(
      `the analytics store ${file} is not a readable DuckDB database (${reason}): restore it from a backup, or move it away and load the statistics again`,
    );
    this.name = 'AnalyticsStoreCorruptError';
  }
}

/** DuckDB's words for a file another process holds ("Could not set lock on file ... Conflicting lock is held"), not any "lock" (as in "block"). */
const LOCKED = /could not set lock on file|conflicting lock is held/i;

/** Quote an identifier for DuckDB SQL (doubling any embedded quote). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function toJs(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`integer ${value} is beyond what a JS number holds exactly`);
    }
    return Number(value);
  }
  return value;
}

/** Values and, for lists, their types: DuckDB cannot infer a list parameter's type by itself. */
function bind(params?: SqlParams): [Record<string, DuckDBValue> | undefined, Record<string, DuckDBType> | undefined] {
  if (!params) return [undefined, undefined];
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      values[name] = listValue([...value]);
      // A list of numbers is DOUBLE[] (an empty list stays VARCHAR[]: the SQL casts where it needs numbers).
      types[name] = value.length > 0 && value.every((item) => typeof item === 'number') ? LIST(DOUBLE) : LIST(VARCHAR);
    } else {
      values[name] = value as SqlParam;
    }
  }
  return [values, Object.keys(types).length > 0 ? types : undefined];
}

async function readRows<T extends Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, ...bind(params));
  // The rows are fresh objects: their integers are converted in place, with no copy of each row.
  const rows = reader.getRowObjectsJS() as Row[];
  for (const row of rows) {
    for (const key in row) {
      const value = row[key];
      if (typeof value === 'bigint') row[key] = toJs(value);
    }
  }
  return rows as T[];
}

/** A query surface: the pool or one transaction. */
export interface AnalyticsQueries {
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  run(sql: string, params?: SqlParams): Promise<void>;
}

export interface AnalyticsTransaction extends AnalyticsQueries {
  /** Append many rows to a table with DuckDB's appender (column order as the table's). */
  append(table: string, rows: readonly (readonly SqlParam[])[]): Promise<void>;
}

/**
 * What every module is given: a store of analytics rows. Served, it is a `SnapshotStore`
 * (src/db/snapshots.ts: the current immutable snapshot, read-only, where a write publishes a new
 * snapshot); while a snapshot is built, the `DuckDBStore` of the file being built.
 */
export interface AnalyticsStore extends AnalyticsQueries {
  readonly file: string;
  /** Run `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: AnalyticsTransaction) => Promise<T>): Promise<T>;
  statementCount(): number;
  close(): void;
  /** What caches of data derived from the store's contents key on: the same while the contents are. */
  readonly cacheKey: object;
}

/** Opening options of one DuckDB file. */
export interface DuckDBOptions {
  connections: number;
  /** Open a published snapshot read-only (any number of processes may). */
  readOnly?: boolean;
  /** DuckDB's threads for one query; unset: every core. */
  threads?: number;
  /** DuckDB's memory limit (e.g. '1GB'); unset: 80% of memory. */
  memoryLimit?: string;
}

/** Opening one DuckDB file: `AnalyticsStore.open(file, { connections })`. */
export const AnalyticsStore = {
  open: (file: string, options: DuckDBOptions) => DuckDBStore.open(file, options),
};

/** One row: the token of the store's latest committed change (see `changeToken`). */
const CHANGE_TABLE = 'CREATE TABLE IF NOT EXISTS analytics_change (token VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL)';

/** One DuckDB file (read-write, or read-only for a published snapshot) and its pool of connections. */
export class DuckDBStore implements AnalyticsStore {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];
  private open = 0;
  private statements = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    private readonly maxConnections: number,
    /** The file's identity when it was opened (null in memory): a deleted or replaced file is told apart. */
    private readonly identity: { dev: number; ino: number } | null,
  ) {}

  get cacheKey(): object {
    return this;
  }

  static async open(file: string, options: DuckDBOptions): Promise<DuckDBStore> {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    let instance: DuckDBInstance;
    const settings: Record<string, string> = {};
    if (options.threads !== undefined) settings.threads = String(options.threads);
    if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
    if (options.readOnly) settings.access_mode = 'READ_ONLY';
    try {
      instance = await DuckDBInstance.create(file, settings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (LOCKED.test(message)) throw new AnalyticsStoreLockedError(file);
      // A file that is there and cannot be opened as a database is damaged (or not DuckDB's);
      // anything else (no permission, no such directory) is reported as DuckDB says it.
      if (file !== ':memory:' && existsSync(file) && !/permission denied/i.test(message)) {
        throw new AnalyticsStoreCorruptError(file, message.split('\n')[0]!.trim());
      }
      throw error;
    }
    const identity = file === ':memory:' ? null : (({ dev, ino }) => ({ dev, ino }))(statSync(file));
    const store = new DuckDBStore(file, instance, options.connections, identity);
    // The change token (changeToken): a store opened read-only has none to create.
    if (!options.readOnly) await store.withConnection((connection) => connection.run(CHANGE_TABLE)).catch(() => undefined);
    return store;
  }

  /**
   * Why the file on disk is no longer the one this store opened (deleted, or replaced by another
   * file), or null. The open store still answers from the file it holds, but that file is gone
   * from its path: whatever is only in it is lost when the process stops. (A served snapshot's
   * loss is reported by `SnapshotStore.fileProblem`, in its own words.)
   */
  fileProblem(): string | null {
    if (this.identity === null) return null;
    let now: { dev: number; ino: number };
    try {
      now = statSync(this.file);
    } catch {
      return `the analytics store file ${this.file} was deleted while the server runs: its data will be lost when the server stops`;
    }
    if (now.dev !== this.identity.dev || now.ino !== this.identity.ino) {
      return `the analytics store file ${this.file} was replaced by another file while the server runs`;
    }
    return null;
  }

  /**
   * A token that changes with every committed write transaction (a new random one each time), read
   * from the store itself so every process sharing it agrees: HTTP validators (src/http/caching.ts)
   * are derived from it. 'none' before the first write.
   */
  async changeToken(): Promise<string> {
    try {
      const [row] = await this.withConnection((connection) =>
        readRows<{ token: string }>(connection, 'SELECT token FROM analytics_change LIMIT 1'),
      );
      return row?.token ?? 'none';
    } catch {
      return 'none';
    }
  }

  statementCount(): number {
    return this.statements;
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('the analytics store is closed');
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.open < this.maxConnections) {
      this.open += 1;
      return this.instance.connect();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    this.statements += 1;
    return this.withConnection((connection) => readRows<T>(connection, sql, params));
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    this.statements += 1;
    await this.withConnection((connection) => connection.run(sql, ...bind(params)));
  }

  /** Run `work` in one transaction: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (tx: AnalyticsTransaction) => Promise<T>): Promise<T> {
    return this.withConnection(async (connection) => {
      let wrote = false;
      const count = () => {
        this.statements += 1;
      };
      const tx: AnalyticsTransaction = {
        query: <R extends Row = Row>(sql: string, params?: SqlParams) => {
          count();
          return readRows<R>(connection, sql, params);
        },
        run: async (sql, params) => {
          count();
          wrote = true;
          await connection.run(sql, ...bind(params));
        },
        append: async (table, rows) => {
          count();
          wrote = true;
          const appender = await connection.createAppender(table);
          try {
            for (const row of rows) {
              for (const value of row) appender.appendValue(value as DuckDBValue);
              appender.endRow();
            }
            appender.flushSync();
          } finally {
            appender.closeSync();
          }
        },
      };
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(tx);
        // A new change token with the change itself (not counted: it is not the caller's statement).
        if (wrote) await connection.run(`${CHANGE_TABLE}; DELETE FROM analytics_change; INSERT INTO analytics_change VALUES (CAST(gen_random_uuid() AS VARCHAR), now())`);
        await connection.run('COMMIT');
        count();
        await connection.run('FORCE CHECKPOINT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  /** Whether close() has been called. */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.instance.closeSync();
  }
}
