/**
 * The write boundary: what every change to an existing record goes through, whatever its domain.
 *
 * 1. `lockRecord` (src/db/locks.ts) first, inside the write transaction: a no-op UPDATE of the
 *    record's row, the one statement that takes a row lock on both stores. On PostgreSQL it waits for any other
 *    transaction holding the row (as SELECT ... FOR UPDATE would) and every statement after it
 *    sees what that one committed; on SQLite the write lock serialises the transactions. So the
 *    row read next (the audit event's `before`) is the current row, and no other change to it can
 *    commit until this transaction ends: the row written is the row locked, and each audit
 *    event's `before` is exactly the previous event's `after`.
 * 2. Authorisation on the rows read in that transaction, for every record the change reads,
 *    links or changes (`mayLead`, and each domain's own rule), never on a read made before it.
 * 3. `checkRevision`: when the client sent the revision it last saw (`expectedRevision`) and the
 *    record has changed since, the change is refused as CONFLICT, `extensions.rule: STALE_WRITE`,
 *    with the current revision. Checked after authorisation, so a hidden record stays NOT_FOUND.
 * 4. The write carries `REVISE` (revision + 1), and the audit event is written in the same
 *    transaction with the true before and after.
 *
 * Without `expectedRevision` a change is applied on the current row (last writer wins per field,
 * never a lost update of another field); with it, the client gets optimistic concurrency.
 */
import type { Tx } from '../db/records.js';
import type { Role, Viewer } from '../auth/viewer.js';
import { BadUserInputError, ConflictError, ForbiddenError } from '../errors.js';
import { today } from '../days.js';

/** The record a change names: its id and, optionally, the revision the client last saw. */
export interface Target {
  id: number;
  expectedRevision?: number | null;
}

/** CONFLICT (STALE_WRITE) when the client's revision is no longer the record's. */
export function checkRevision(entity: string, current: { revision: number }, expected: number | null | undefined): void {
  if (expected === null || expected === undefined || expected === current.revision) return;
  throw new ConflictError(
    `The ${entity} has changed since revision ${expected} (it is now at revision ${current.revision}): read it again and reapply your change`,
    { rule: 'STALE_WRITE', currentRevision: current.revision, expectedRevision: expected },
  );
}

/** The data that marks a write as one more revision of the record. */
export const REVISE = { revision: { increment: 1 } } as const;

/**
 * A LOCALITY_LEAD's (or an ADMIN's) right over a record of a locality, judged on a row read in the
 * write transaction. A record with no locality (a county board, a county-wide plan) is an ADMIN's.
 */
export function mayLead(viewer: Viewer, localityCode: string | null | undefined): boolean {
  if (viewer.roles.has('ADMIN')) return true;
  return localityCode !== null && localityCode !== undefined && viewer.roles.has('LOCALITY_LEAD') && viewer.localityCodes.has(localityCode);
}

/** FORBIDDEN unless `mayLead` for every locality the change touches or links (null: a county record). */
export function requireLead(viewer: Viewer, localityCodes: readonly (string | null | undefined)[], what: string): void {
  const refused = localityCodes.find((code) => !mayLead(viewer, code));
  if (refused !== undefined) {
    throw new ForbiddenError(
      refused === null ? `${what} is a county record: only an ADMIN may change it` : `${what} is of a locality you do not lead (${refused})`,
    );
  }
}

/**
 * The earliest day a partnership record may carry (a close, an escalation, an approval, a due
 * day): the localities' partnership records start in the 1990s, so a day before 1990 is a typing
 * mistake (an asset "closed in 1900"), refused rather than stored.
 */
export const EARLIEST_RECORD_DAY = new Date(Date.UTC(1990, 0, 1));

/** BAD_USER_INPUT on `field` unless `value` lies between 1990-01-01 and today (or `latest`). */
export function checkPastDay(value: Date | null | undefined, field: string, latest: Date = today()): void {
  if (value === null || value === undefined) return;
  if (value.getTime() < EARLIEST_RECORD_DAY.getTime()) {
    throw new BadUserInputError(`${field}: must not be before ${EARLIEST_RECORD_DAY.toISOString().slice(0, 10)}`, { field });
  }
  if (value.getTime() > latest.getTime()) throw new BadUserInputError(`${field}: must not be in the future`, { field });
}

/** `requireLead` for records known by locality id (null: a county record), reading the codes in the transaction. */
export async function requireLeadOf(tx: Tx, viewer: Viewer, localityIds: readonly (number | null)[], what: string): Promise<void> {
  if (viewer.roles.has('ADMIN')) return;
  const ids = [...new Set(localityIds.filter((id): id is number => id !== null))];
  const rows = ids.length === 0 ? [] : await tx.locality.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } });
  const codes = new Map(rows.map((row) => [row.id, row.code]));
  requireLead(viewer, localityIds.map((id) => (id === null ? null : (codes.get(id) ?? null))), what);
}

/**
 * What a CONTRIBUTOR may record on any board (meetings, attendance, consultation responses, a
 * commission's report, a proposal), or the lead of the record's locality, or an ADMIN. `roles`:
 * the roles that may do it anywhere (default CONTRIBUTOR).
 */
export async function requireContributorOrLead(
  tx: Tx,
  viewer: Viewer,
  localityId: number | null,
  what: string,
  roles: readonly Role[] = ['CONTRIBUTOR'],
): Promise<void> {
  if (roles.some((role) => viewer.roles.has(role))) return;
  await requireLeadOf(tx, viewer, [localityId], what);
}

/** Whether the viewer holds one of `roles` in the partner `partnerId` (null: nobody does). */
export function memberWith(viewer: Viewer, partnerId: number | null | undefined, roles: readonly Role[]): boolean {
  return partnerId !== null && partnerId !== undefined && viewer.partnerId === partnerId && roles.some((role) => viewer.roles.has(role));
}

/** What keeps a partner's own records (the partner, its people): an ADMIN, or a CONTRIBUTOR of that partner (null: ADMIN only). */
export function requirePartnerKeeper(viewer: Viewer, partnerId: number | null | undefined, what: string): void {
  if (viewer.roles.has('ADMIN')) return;
  if (partnerId !== null && partnerId !== undefined && viewer.roles.has('CONTRIBUTOR') && viewer.partnerId === partnerId) return;
  throw new ForbiddenError(`${what}: only an ADMIN or a CONTRIBUTOR of that partner may do this`);
}
