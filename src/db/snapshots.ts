/**
 * The served analytics store: immutable DuckDB snapshots in a shared directory
 * (ANALYTICS_SNAPSHOT_DIR), announced through the record store (`AnalyticsSnapshot`: the newest row
 * is the one served), so any number of server processes on one record store serve the same data.
 *
 * - Reading: a server opens the newest snapshot READ-ONLY (DuckDB lets any number of processes
 *   read one file so). A request pins the snapshot it started on (`pin()`) and reads only it, so a
 *   request never mixes two snapshots; a snapshot replaced by a newer one is closed when its last
 *   request ends.
 * - Writing: nothing writes a published file. `publish(work)` takes the one-importer lock in the
 *   record store (`ImportLock`; a second importer gets CONFLICT, rule ONE_IMPORT_AT_A_TIME), copies
 *   the newest snapshot to a file being built, runs `work` on it read-write, checkpoints and
 *   closes it, renames it into place, records it (with the release that made it, in one
 *   record-store transaction) and switches this server to it. Readers keep the previous snapshot
 *   until the new one is complete; a failed `work` leaves nothing behind. `run()` and
 *   `transaction()` on this store are each one such publish, so every write, whoever makes it,
 *   goes through the same path.
 * - Other servers hear of the new row at once on PostgreSQL (NOTIFY in the transaction that
 *   records it, LISTEN on a connection of their own: snapshot-notices.ts), and by polling its id
 *   everywhere (`startWatching`, SNAPSHOT_POLL_MS: one indexed read of the newest id), the fallback
 *   on SQLite and while the listening connection is down; then open the new file and switch, as above.
 * - The lock lives IMPORT_LOCK_TTL_SECONDS from its last heartbeat: the importer renews it every
 *   fifth of that while it builds, so a long import keeps it and a crashed importer's lapses. An
 *   importer that lost it (its heartbeats failed for longer than that, and another took it)
 *   publishes nothing: the check is in the transaction that would record its snapshot.
 * - The newest SNAPSHOT_KEEP files are kept (older ones deleted after a publish); the releases they
 *   were built from are kept for ever in the release store (src/importing/releases.ts), so any
 *   snapshot can be rebuilt.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConflictError } from '../errors.js';
import type { AnalyticsStore, AnalyticsTransaction, Row, SqlParams } from './analytics.js';
import { DuckDBStore, type DuckDBOptions } from './analytics.js';
import { AnalyticsMigrationError, analyticsMigrationState, migrateAnalytics, type AnalyticsMigrationState } from './analytics-migrate.js';
import type { RecordsClient } from './records.js';
import { announceSnapshot, SnapshotListener } from './snapshot-notices.js';

const LOCK = 'analytics';

/** Another import holds the lock: one importer at a time. */
export class ImportInProgressError extends ConflictError {
  constructor(holder: string, since: Date) {
    super(`another import is in progress (${holder}, since ${since.toISOString()}): try again when it has finished`, {
      rule: 'ONE_IMPORT_AT_A_TIME',
    });
  }
}

/** The lock lapsed while this importer built (its heartbeats failed) and another importer took it. */
export class ImportLockLostError extends ConflictError {
  constructor() {
    super('the import lock lapsed while this import was being built, and another import took it: nothing was published; try again', {
      rule: 'ONE_IMPORT_AT_A_TIME',
    });
  }
}

interface Snapshot {
  id: number;
  file: string;
  store: DuckDBStore;
  pins: number;
  retired: boolean;
}

export interface SnapshotSettings {
  dir: string;
  connections: number;
  /** DuckDB's threads for one query and its memory limit (DUCKDB_THREADS, DUCKDB_MEMORY_LIMIT), for every file opened. */
  threads?: number;
  memoryLimit?: string;
  /** How long a lock lives after its last heartbeat (its importer renews it every fifth of this). */
  lockTtlMs: number;
  /** The PostgreSQL record store's URL: snapshots are announced with NOTIFY and heard with LISTEN. Unset (SQLite): polling only. */
  postgresUrl?: string;
  /** Published files kept (the newest ones). */
  keep: number;
}

export interface PublishMeta<T> {
  /** What made it: "import", "geography", "rebuild", "dataset", "write"... */
  reason: string;
  /** Who: a token's subject, cli:<user>, dataset:<name>. */
  createdBy: string;
  /** Record what `work` did in the record store, in the transaction that records the snapshot; returns the release id. */
  record?: (tx: RecordsClient, result: T) => Promise<number | undefined>;
  /** Build from this file rather than the newest snapshot (adopting a DUCKDB_PATH store). */
  baseFile?: string;
  /** Build from nothing (a rebuild from the record store and the kept releases), whatever is announced. */
  fromEmpty?: boolean;
}

export class SnapshotStore implements AnalyticsStore {
  private current: Snapshot | undefined;
  private statements = 0;
  private closed = false;
  private poller: NodeJS.Timeout | undefined;
  private listener: SnapshotListener | undefined;
  /** The newest snapshot this store published (its own announcements are not news). */
  private ownNewest = 0;
  private switching: Promise<unknown> = Promise.resolve();
  /** A newer snapshot not served because its migrations are not this code's (switchTo). */
  private refused = 0;
  private readonly holder = `${process.pid}-${randomBytes(4).toString('hex')}`;

  private constructor(
    private readonly records: RecordsClient,
    readonly settings: SnapshotSettings,
    private readonly logger: Logger,
  ) {}

  /** Open the newest published snapshot, if there is one and its file is there (`hasSnapshot` says). */
  static async open(records: RecordsClient, settings: SnapshotSettings, logger: Logger): Promise<SnapshotStore> {
    mkdirSync(settings.dir, { recursive: true });
    const store = new SnapshotStore(records, settings, logger);
    await store.refresh();
    return store;
  }

  private duckdb(): DuckDBOptions {
    const { connections, threads, memoryLimit } = this.settings;
    return { connections, threads, memoryLimit };
  }

  get hasSnapshot(): boolean {
    return this.current !== undefined;
  }

  /** The id of the snapshot served now (0: none yet). */
  get snapshotId(): number {
    return this.current?.id ?? 0;
  }

  get file(): string {
    return this.current?.file ?? this.settings.dir;
  }

  get cacheKey(): object {
    return this.current ?? this;
  }

  statementCount(): number {
    return this.statements;
  }

  /**
   * Why the served snapshot is lost, or null: its file was deleted or replaced under this server
   * (by hand: a publish never deletes the file a server serves, unless that server lags
   * SNAPSHOT_KEEP snapshots behind). The server still answers from the file it holds open, but
   * the next publish (an import) would build on a file that is not there. A newer snapshot that
   * is there is switched to first, which mends it; otherwise a restart rebuilds the snapshot
   * from the record store and the kept releases (src/importing/releases.ts).
   */
  async fileProblem(): Promise<string | null> {
    const current = this.current;
    if (!current || current.store.fileProblem() === null) return null;
    if (await this.refresh().catch(() => false)) return this.fileProblem();
    const gone = existsSync(current.file) ? 'was replaced by another file' : 'was deleted';
    return `the analytics snapshot file ${current.file} ${gone} while the server runs: imports cannot build on it; restart the server to rebuild it from the record store and the kept releases`;
  }

  /** The served snapshot's migrations against the code's (src/db/analytics-migrate.ts); read-only. */
  async migrationState(): Promise<AnalyticsMigrationState> {
    const view = this.pin();
    try {
      return await analyticsMigrationState(view);
    } finally {
      view.close();
    }
  }

  /** A read-only view of the snapshot served now, for one request: call `close()` when it ends. */
  pin(): AnalyticsStore {
    const snapshot = this.current;
    if (!snapshot) throw new Error('no analytics snapshot is published yet');
    snapshot.pins += 1;
    let released = false;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const owner = this;
    return {
      file: snapshot.file,
      cacheKey: snapshot,
      query<T extends Row = Row>(sql: string, params?: SqlParams) {
        owner.statements += 1;
        return snapshot.store.query<T>(sql, params);
      },
      run: (sql, params) => owner.run(sql, params),
      transaction: (work) => owner.transaction(work),
      statementCount: () => owner.statementCount(),
      close: () => {
        if (released) return;
        released = true;
        owner.unpin(snapshot);
      },
    };
  }

  private unpin(snapshot: Snapshot): void {
    snapshot.pins -= 1;
    if (snapshot.retired && snapshot.pins === 0) snapshot.store.close();
  }

  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const view = this.pin();
    try {
      return await view.query<T>(sql, params);
    } finally {
      view.close();
    }
  }

  /** A write: published as a new snapshot. */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.publish((store) => store.run(sql, params), { reason: 'write', createdBy: `process:${this.holder}` });
  }

  /** A transaction: published as a new snapshot when it commits. */
  transaction<T>(work: (tx: AnalyticsTransaction) => Promise<T>): Promise<T> {
    return this.publish((store) => store.transaction(work), { reason: 'write', createdBy: `process:${this.holder}` });
  }

  private async lock(): Promise<void> {
    const now = new Date();
    await this.records.importLock.deleteMany({ where: { name: LOCK, expiresAt: { lt: now } } });
    try {
      await this.records.importLock.create({
        data: { name: LOCK, holder: this.holder, acquiredAt: now, expiresAt: new Date(now.getTime() + this.settings.lockTtlMs) },
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002' && !/unique/i.test(String((error as Error).message))) throw error;
      const held = await this.records.importLock.findUnique({ where: { name: LOCK } });
      throw new ImportInProgressError(held?.holder ?? 'another importer', held?.acquiredAt ?? now);
    }
  }

  /** Renew the lock every fifth of its lifetime while `publish` builds; stop() ends it. */
  private heartbeat(): { stop(): void } {
    const every = Math.max(50, Math.floor(this.settings.lockTtlMs / 5));
    const timer = setInterval(() => {
      this.records.importLock
        .updateMany({ where: { name: LOCK, holder: this.holder }, data: { expiresAt: new Date(Date.now() + this.settings.lockTtlMs) } })
        .then(({ count }) => {
          if (count === 0) this.logger.warn({ holder: this.holder }, 'the import lock was lost while building a snapshot: it will not be published');
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not renew the import lock'));
    }, every);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  private async unlock(): Promise<void> {
    await this.records.importLock.deleteMany({ where: { name: LOCK, holder: this.holder } });
  }

  /**
   * Build a new snapshot from the newest one with `work` (given the file being built, read-write),
   * publish it and serve it; all or nothing. Throws ImportInProgressError while another import
   * builds one (in this process or any other).
   */
  async publish<T>(work: (store: DuckDBStore) => Promise<T>, meta: PublishMeta<T>): Promise<T> {
    if (this.closed) throw new Error('the analytics store is closed');
    await this.lock();
    const beat = this.heartbeat();
    const building = path.join(this.settings.dir, `.building-${randomBytes(6).toString('hex')}.duckdb`);
    let store: DuckDBStore | undefined;
    try {
      const base = await this.records.analyticsSnapshot.findFirst({ orderBy: { id: 'desc' }, select: { file: true } });
      const baseFile = meta.fromEmpty ? undefined : (meta.baseFile ?? (base && path.join(this.settings.dir, base.file)));
      // Never built on nothing by accident: a newest snapshot announced but gone would otherwise
      // publish a snapshot holding only this write (a restart rebuilds the missing one).
      if (baseFile && !existsSync(baseFile)) {
        throw new Error(`the newest analytics snapshot ${baseFile} is missing: restart a server to rebuild it from the record store and the kept releases`);
      }
      if (baseFile) await copyFile(baseFile, building);
      store = await DuckDBStore.open(building, this.duckdb());
      // The copy gets the code's schema first (a changed or unknown applied migration stops here).
      await migrateAnalytics(store);
      const result = await work(store);
      await store.run('CHECKPOINT');
      store.close();
      store = undefined;
      const name = `snapshot-${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}.duckdb`;
      await rename(building, path.join(this.settings.dir, name));
      const row = await this.records.$transaction(async (tx) => {
        // Still the one importer? A lock lost (expired, then taken) publishes nothing.
        const held = await tx.importLock.findFirst({ where: { name: LOCK, holder: this.holder }, select: { name: true } });
        if (!held) throw new ImportLockLostError();
        const releaseId = meta.record ? await meta.record(tx as unknown as RecordsClient, result) : undefined;
        const created = await tx.analyticsSnapshot.create({
          data: { file: name, releaseId: releaseId ?? null, reason: meta.reason, createdBy: meta.createdBy },
        });
        this.ownNewest = Math.max(this.ownNewest, created.id);
        // Delivered when this transaction commits, and only then.
        if (this.settings.postgresUrl) await announceSnapshot(tx as unknown as RecordsClient, created.id);
        return created;
        // A few rows, but on a busy machine Prisma's 5 s default could lapse and lose the snapshot.
      }, { maxWait: 30_000, timeout: 60_000 });
      this.logger.info({ snapshot: row.id, file: name, reason: meta.reason, by: meta.createdBy }, 'analytics snapshot published');
      await this.switchTo(row);
      await this.prune();
      return result;
    } finally {
      beat.stop();
      store?.close();
      await rm(building, { force: true });
      await rm(`${building}.wal`, { force: true });
      await this.unlock();
    }
  }

  /** Serve the newest published snapshot if it is newer than the one served; whether it switched. */
  async refresh(): Promise<boolean> {
    const latest = await this.records.analyticsSnapshot.findFirst({ orderBy: { id: 'desc' }, select: { id: true, file: true } });
    if (!latest || latest.id <= this.snapshotId) return false;
    if (!existsSync(path.join(this.settings.dir, latest.file))) {
      if (!this.current) return false; // the caller rebuilds (src/importing/releases.ts)
      throw new Error(`analytics snapshot ${latest.file} is announced but missing from ${this.settings.dir}`);
    }
    if (latest.id === this.refused) return false;
    // At start the caller checks the first snapshot's migrations (and may publish a migrated one).
    return this.switchTo(latest, this.current !== undefined);
  }

  /**
   * Switches are one at a time, and only ever to a newer snapshot. `checked`: a snapshot another
   * server published is served only when its migrations are exactly this code's (one built by an
   * older or newer version, during an upgrade, is refused once with a warning; this server keeps
   * the snapshot it serves).
   */
  private switchTo(target: { id: number; file: string }, checked = false): Promise<boolean> {
    const next = this.switching.then(async () => {
      if (this.closed || target.id <= this.snapshotId) return false;
      const file = path.join(this.settings.dir, target.file);
      const store = await DuckDBStore.open(file, { ...this.duckdb(), readOnly: true });
      if (checked) {
        const state = await analyticsMigrationState(store).catch((error: unknown) => {
          store.close();
          throw error;
        });
        if (state.pending.length + state.unknown.length + state.changed.length > 0) {
          store.close();
          this.refused = target.id;
          const problem = state.pending.length > 0 ? `lacks migration ${state.pending.map((m) => m.name).join(', ')}` : new AnalyticsMigrationError(file, state).message;
          throw new Error(`not serving analytics snapshot ${target.file}: ${problem}; still serving snapshot ${this.snapshotId}`);
        }
      }
      const previous = this.current;
      this.current = { id: target.id, file, store, pins: 0, retired: false };
      if (previous) {
        previous.retired = true;
        if (previous.pins === 0) previous.store.close();
        this.logger.info({ snapshot: target.id, previous: previous.id }, 'serving a new analytics snapshot');
      }
      return true;
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  /** Delete the files of all but the newest `keep` snapshots (their releases stay in the release store). */
  private async prune(): Promise<void> {
    const old = await this.records.analyticsSnapshot.findMany({ orderBy: { id: 'desc' }, skip: this.settings.keep, select: { file: true } });
    for (const { file } of old) {
      const full = path.join(this.settings.dir, file);
      if (full !== this.current?.file) await rm(full, { force: true });
    }
  }

  private checkForNewer(): void {
    this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'could not check for a new analytics snapshot'));
  }

  /**
   * Follow snapshots published by other importers: on PostgreSQL, LISTEN for their announcements
   * (resolves once listening); and poll the record store every `pollMs` (0: never), the fallback.
   */
  async startWatching(pollMs: number): Promise<void> {
    if (this.closed) return;
    if (pollMs > 0 && !this.poller) {
      this.poller = setInterval(() => this.checkForNewer(), pollMs);
      this.poller.unref();
    }
    if (this.settings.postgresUrl && !this.listener) {
      // A notice of a snapshot this store published or already serves costs nothing; after a
      // reconnection (id null) notices may have been missed, so check.
      this.listener = new SnapshotListener(this.settings.postgresUrl, (id) => {
        if (id === null || id > Math.max(this.snapshotId, this.ownNewest)) this.checkForNewer();
      }, this.logger);
      await this.listener.start();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    this.listener?.close();
    this.current?.store.close();
  }
}
