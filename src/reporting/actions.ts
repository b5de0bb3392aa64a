/**
 * Actions: what a partner does about an issue. An action has an owner (a partner, and optionally
 * a person), a due day, a status (OPEN, IN_PROGRESS, DONE, CANCELLED) and, once DONE, the day it
 * was done: a DONE action always has its done day and no other has one. It is shared at its own
 * sharing level, and seen only where its issue is seen too (actionVisibleWhere).
 *
 * Who adds: a CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner, on an issue they can see (a hidden
 * issue is NOT_FOUND). Who changes: an ADMIN, a member of its author's or owner partner, or the
 * lead of its issue's locality. Each change is one transaction with its audit event.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { today } from '../days.js';
import { sharingInput, registerSnapshot } from '../sharing/change.js';
import { newShareable, SHARING_COLUMNS } from '../sharing/shareable.js';
import { authorPartnerOf, visibleById } from '../sharing/visibility.js';
import { actionVisibleWhere, canChangeIssue, visibleIssue } from './issues.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** The statuses of an action still to be done (overdue when past its due day). */
export const OPEN_ACTION_STATUSES: ActionStatus[] = ['OPEN', 'IN_PROGRESS'];

const actionFields = {
  title: text(300),
  ownerPersonId: globalId('Person').nullish(),
  ownerPartnerId: globalId('Partner').nullish(),
  dueOn: day.nullish(),
  note: optionalText(5000),
};

export const createActionInput = z.object({
  issueId: globalId('Issue'),
  ...actionFields,
  status: z.enum(ACTION_STATUSES).default('OPEN'),
  doneOn: day.nullish(),
  ...sharingInput,
});
export type CreateAction = z.output<typeof createActionInput>;

export const updateActionInput = z.object({
  title: actionFields.title.optional(),
  ownerPersonId: actionFields.ownerPersonId,
  ownerPartnerId: actionFields.ownerPartnerId,
  dueOn: actionFields.dueOn,
  note: actionFields.note,
  status: z.enum(ACTION_STATUSES).optional(),
  doneOn: day.nullish(),
});
export type UpdateAction = z.output<typeof updateActionInput>;

export const completeActionInput = z.object({ doneOn: day.optional(), note: optionalText(5000) });

const SNAPSHOT = {
  id: true,
  revision: true,
  issueId: true,
  title: true,
  ownerPersonId: true,
  ownerPartnerId: true,
  dueOn: true,
  doneOn: true,
  status: true,
  note: true,
  ...SHARING_COLUMNS,
  issue: { select: { raisedOn: true, locality: { select: { code: true } } } },
} as const;

async function snapshot(tx: Tx, id: number) {
  const { issue: _issue, ...action } = await tx.action.findUniqueOrThrow({ where: { id }, select: SNAPSHOT });
  return action;
}
registerSnapshot('Action', snapshot, actionVisibleWhere);

/**
 * The status and done day together: DONE needs its day (not before the issue was raised, not in
 * the future); any other status has none.
 */
function checkDone(status: ActionStatus, doneOn: Date | null, raisedOn: Date, field = 'input.doneOn'): void {
  const refuse = (reason: string) => new BadUserInputError(`${field}: ${reason}`, { field });
  if (status === 'DONE' && doneOn === null) throw refuse('a DONE action needs the day it was done');
  if (status !== 'DONE' && doneOn !== null) throw refuse(`only a DONE action has a done day (this one is ${status})`);
  if (doneOn && doneOn.getTime() < raisedOn.getTime()) throw refuse(`must not be before its issue was raised (${raisedOn.toISOString().slice(0, 10)})`);
  if (doneOn && doneOn.getTime() > today().getTime()) throw refuse('must not be in the future');
}

/** A due day: not before its issue was raised. */
function checkDue(dueOn: Date | null | undefined, raisedOn: Date, field = 'input.dueOn'): void {
  if (dueOn && dueOn.getTime() < raisedOn.getTime()) {
    throw new BadUserInputError(`${field}: must not be before its issue was raised (${raisedOn.toISOString().slice(0, 10)})`, { field });
  }
}

/** The owner person and partner exist: BAD_USER_INPUT otherwise. */
async function checkOwners(db: Db, owners: { ownerPersonId?: number | null; ownerPartnerId?: number | null }): Promise<void> {
  const [person, partner] = await Promise.all([
    owners.ownerPersonId ? db.person.findUnique({ where: { id: owners.ownerPersonId }, select: { id: true } }) : null,
    owners.ownerPartnerId ? db.partner.findUnique({ where: { id: owners.ownerPartnerId }, select: { id: true } }) : null,
  ]);
  if (owners.ownerPersonId && !person) throw new BadUserInputError('input.ownerPersonId: no such person', { field: 'input.ownerPersonId' });
  if (owners.ownerPartnerId && !partner) throw new BadUserInputError('input.ownerPartnerId: no such partner', { field: 'input.ownerPartnerId' });
}

export async function createAction(prisma: RecordsClient, viewer: Viewer, input: CreateAction): Promise<number> {
  const authorPartnerId = authorPartnerOf(viewer);
  return prisma.$transaction(async (tx) => {
    const issue = await visibleIssue(tx, viewer, input.issueId);
    checkDone(input.status, input.doneOn ?? null, issue.raisedOn);
    checkDue(input.dueOn, issue.raisedOn);
    await checkOwners(tx, input);
    const sharing = await newShareable(tx, viewer, authorPartnerId, input);
    const action = await tx.action.create({
      data: {
        issueId: issue.id,
        title: input.title,
        ownerPersonId: input.ownerPersonId ?? null,
        ownerPartnerId: input.ownerPartnerId ?? authorPartnerId,
        dueOn: input.dueOn ?? null,
        doneOn: input.doneOn ?? null,
        status: input.status,
        note: input.note ?? null,
        ...sharing,
      },
      select: { id: true },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Action', entityId: action.id, after: await snapshot(tx, action.id) });
    return action.id;
  });
}

/**
 * The action for a change, locked and read in the write transaction: NOT_FOUND when hidden (or its
 * issue is), FORBIDDEN when not the viewer's to change, CONFLICT (STALE_WRITE) on a stale revision.
 */
async function changeable(tx: Tx, viewer: Viewer, target: Target) {
  const { id } = target;
  await lockRecord(tx, 'Action', id);
  const action = await tx.action.findFirst({ where: visibleById(viewer, id, actionVisibleWhere), select: SNAPSHOT });
  if (!action) throw new NotFoundError('Action', String(id));
  if (!canChangeIssue(viewer, { authorPartnerId: action.authorPartnerId, ownerPartnerId: action.ownerPartnerId, localityCode: action.issue.locality.code })) {
    throw new ForbiddenError("Only the action's author or owner partner, the lead of its issue's locality or an ADMIN may change it");
  }
  checkRevision('Action', action, target.expectedRevision);
  return action;
}

export async function updateAction(prisma: RecordsClient, viewer: Viewer, target: Target, input: UpdateAction, doneOnField = 'input.doneOn'): Promise<void> {
  const { id } = target;
  await prisma.$transaction(async (tx) => {
    const { issue, ...before } = await changeable(tx, viewer, target);
    const status = input.status ?? before.status;
    // Leaving DONE drops the done day; staying DONE keeps it unless a new one is given.
    const doneOn = input.doneOn !== undefined ? input.doneOn : status === 'DONE' ? before.doneOn : null;
    checkDone(status, doneOn, issue.raisedOn, doneOnField);
    checkDue(input.dueOn, issue.raisedOn);
    await checkOwners(tx, input);
    await tx.action.update({
      where: { id },
      data: {
        title: input.title,
        ownerPersonId: input.ownerPersonId,
        ...(input.ownerPartnerId ? { ownerPartnerId: input.ownerPartnerId } : {}),
        dueOn: input.dueOn,
        note: input.note,
        status,
        doneOn,
        ...REVISE,
      },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Action', entityId: id, before, after: await snapshot(tx, id) });
  });
}

/** Marks an action DONE on a day (default today), optionally with a closing note. */
export async function completeAction(prisma: RecordsClient, viewer: Viewer, target: Target, input: z.output<typeof completeActionInput>): Promise<void> {
  // Its arguments are top-level (`completeAction(id:, doneOn:)`), so errors name `doneOn`.
  await updateAction(prisma, viewer, target, { status: 'DONE', doneOn: input.doneOn ?? today(), note: input.note }, 'doneOn');
}
