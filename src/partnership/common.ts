/**
 * What every partnership module shares: input validation (zod, reported as BAD_USER_INPUT with the
 * input path in `extensions.field`), global ids, calendar days, date ranges, row locks, audited
 * writes and connection arguments.
 *
 * Date ranges are half-open: a record starting on `startsOn` and ending on `endsOn` holds from the
 * start of `startsOn` to the start of `endsOn` (the day it ended), so a hand-over on one day does
 * not overlap and an end always comes after its start.
 */
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { Tx, Db } from '../db/records.js';
import type { AuditAction } from '../generated/prisma/sqlite/enums.js';

export interface AuditedChange {
  action: AuditAction;
  entity: string;
  id: number;
  before?: unknown;
  after?: unknown;
}

/** Record a change in the audit trail, in the transaction that made it. */
export function audit(tx: Tx, viewer: Viewer, change: AuditedChange): Promise<void> {
  return recordAudit(tx, viewer, {
    action: change.action,
    entity: change.entity,
    entityId: change.id,
    before: change.before,
    after: change.after,
  });
}
