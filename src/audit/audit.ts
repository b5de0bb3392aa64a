/**
 * The audit trail: every change to a partnership record (create, update, end/delete) and every read
 * of a RESTRICTED item is an AuditEvent row: who (person, partner, token subject), when, what,
 * which record, and the record before and after a change.
 *
 * Write it in the same transaction as the change it records, so a change is never left without its
 * event nor an event without its change. Events are append-only: nothing in the API updates or
 * deletes them.
 */
import type { AuditAction } from '../generated/prisma/sqlite/enums.js';
import type { Viewer } from '../auth/viewer.js';

/** The slice of a Prisma client (or transaction client) that writes audit events. */
export interface AuditWriter {
  auditEvent: {
    create(args: { data: AuditEventData }): Promise<unknown>;
    createMany(args: { data: AuditEventData[] }): Promise<unknown>;
  };
}

interface AuditEventData {
  action: AuditAction;
  entity: string;
  entityId: string;
  actorPersonId: number | null;
  actorPartnerId: number | null;
  actorSubject: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditChange {
  action: AuditAction;
  /** The GraphQL type name of the record, e.g. "Priority". */
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Records as JSON text: dates as ISO strings, bigints as decimal strings. */
function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function row(viewer: Viewer, change: AuditChange): AuditEventData {
  return {
    action: change.action,
    entity: change.entity,
    entityId: String(change.entityId),
    actorPersonId: viewer.personId,
    actorPartnerId: viewer.partnerId,
    actorSubject: viewer.subject,
    before: snapshot(change.before),
    after: snapshot(change.after),
  };
}

/** Writes one audit event; pass the transaction client of the change it records. */
export async function recordAudit(db: AuditWriter, viewer: Viewer, change: AuditChange): Promise<void> {
  await db.auditEvent.create({ data: row(viewer, change) });
}

/** Writes many audit events in one statement (e.g. a bulk import, or reads of restricted items). */
export async function recordAudits(db: AuditWriter, viewer: Viewer, changes: readonly AuditChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.auditEvent.createMany({ data: changes.map((change) => row(viewer, change)) });
}
