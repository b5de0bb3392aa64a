/**
 * New analytics snapshots announced on PostgreSQL with NOTIFY, heard with LISTEN: a server on a
 * PostgreSQL record store switches to a snapshot published by any importer (another server, the
 * command line) as soon as its record commits, instead of at its next poll.
 *
 * - `announceSnapshot(tx, id)` runs in the record-store transaction that records the snapshot, so
 *   PostgreSQL delivers the notice when, and only if, that transaction commits.
 * - `SnapshotListener` holds one connection of its own (`pg`, outside Prisma's pool: a pooled
 *   connection cannot stay in LISTEN) and calls `onNotice` with the snapshot's id. A lost
 *   connection is reopened after `retryMs`, and `onNotice(null)` is called once it listens again
 *   (a notice sent meanwhile is lost: the caller checks for a newer snapshot then).
 * Polling (SNAPSHOT_POLL_MS) stays the fallback: on SQLite, which has no notifications, and while
 * the connection is down.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { RecordsClient } from './records.js';

/** The channel; notices are per database, so deployments on one PostgreSQL server do not hear each other. */
export const SNAPSHOT_CHANNEL = 'analytics_snapshot';

/** Announce snapshot `id` on commit of `tx` (PostgreSQL only). */
export async function announceSnapshot(tx: RecordsClient, id: number): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', SNAPSHOT_CHANNEL, String(id));
}

export class SnapshotListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    /** A snapshot's id from a notice, or null after a reconnection (notices may have been missed). */
    private readonly onNotice: (id: number | null) => void,
    private readonly logger: Logger,
    private readonly retryMs = 5000,
  ) {}

  /** Connect and LISTEN; resolves once listening (or once the first attempt failed: it retries). */
  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(again: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn({ err: error }, 'lost the connection listening for new analytics snapshots: polling until it is back');
      this.retry = setTimeout(() => void this.connect(true), this.retryMs);
      this.retry.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== SNAPSHOT_CHANNEL) return;
      const id = Number(message.payload);
      this.onNotice(Number.isInteger(id) && id > 0 ? id : null);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SNAPSHOT_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      if (again) {
        this.logger.info('listening for new analytics snapshots again');
        this.onNotice(null);
      }
    } catch (error) {
      onLost(error as Error);
    }
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners('notification');
    client?.end().catch(() => undefined);
  }
}
