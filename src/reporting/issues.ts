/**
 * Issues: the reporting mechanism ("capture issues and actions taken"). An issue is raised in a
 * locality (by a person on record, or someone named in words), has a theme, an owner partner, an
 * optional link to a priority, a status (OPEN, IN_PROGRESS, RESOLVED, ESCALATED), and may be
 * escalated to the county with a reason. It is shared at a sharing level like every shareable
 * record (src/sharing/visibility.ts).
 *
 * Who adds: a CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner (the author partner is theirs; a
 * token naming no partner is FORBIDDEN, as for every shareable record). Who changes: an ADMIN, a
 * member of its author's or owner partner, or the lead of its locality. An issue the viewer
 * cannot see is NOT_FOUND, exactly as a missing one. Each change is one transaction with its
 * audit event (before and after).
 */
import { searchTextOf } from '../sharing/search.js';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { day, globalId, text } from '../schema/input.js';
import { localityFromInput } from '../geography/localities.js';
import { today } from '../days.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';
import { sharingInput, registerSnapshot } from '../sharing/change.js';
import { newShareable, SHARING_COLUMNS } from '../sharing/shareable.js';
import { authorPartnerOf, seesEverything, visibleWhere, visibleById } from '../sharing/visibility.js';

export const ISSUE_STATUSES = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'ESCALATED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
/** The statuses of an issue still being worked on (the default of lists and downloads). */
export const OPEN_ISSUE_STATUSES: IssueStatus[] = ['OPEN', 'IN_PROGRESS', 'ESCALATED'];

const issueFields = {
  title: text(200),
  description: text(20_000),
  theme: text(100),
  raisedOn: day,
  raisedByPersonId: globalId('Person').nullish(),
  raisedByName: text(200).nullish(),
  priorityId: globalId('Priority').nullish(),
  ownerPartnerId: globalId('Partner').nullish(),
};

export const createIssueInput = z.object({ localityCode: text(100), ...issueFields, ...sharingInput });
export type CreateIssue = z.output<typeof createIssueInput>;

export const updateIssueInput = z.object({
  localityCode: text(100).optional(),
  title: issueFields.title.optional(),
  description: issueFields.description.optional(),
  theme: issueFields.theme.optional(),
  raisedOn: day.optional(),
  raisedByPersonId: issueFields.raisedByPersonId,
  raisedByName: issueFields.raisedByName,
  priorityId: issueFields.priorityId,
  ownerPartnerId: issueFields.ownerPartnerId,
  // Working states only: RESOLVED and ESCALATED have their own mutations (with a day and a reason).
  status: z.enum(['OPEN', 'IN_PROGRESS']).optional(),
});
export type UpdateIssue = z.output<typeof updateIssueInput>;

export const resolveIssueInput = z.object({ resolvedOn: day.optional() });
export const escalateIssueInput = z.object({ reason: text(2000), escalatedOn: day.nullish().transform((on) => on ?? undefined) });

/** Lower-cased text that `search` matches (src/sharing/search.ts). */
export function issueSearchText(title: string, description: string, theme: string): string {
  return searchTextOf(title, description, theme);
}

/** Actions the viewer may see: the action's own level, and its issue's (an action of a hidden issue is hidden). */
export function actionVisibleWhere(viewer: Viewer) {
  return { AND: [visibleWhere(viewer), { issue: visibleWhere(viewer) }] };
}

/** Changing an issue: an ADMIN, a member of its author's or owner partner, or the lead of its locality. */
export function canChangeIssue(viewer: Viewer, issue: { authorPartnerId: number; ownerPartnerId: number; localityCode: string }): boolean {
  if (seesEverything(viewer)) return true;
  if (viewer.partnerId !== null && (viewer.partnerId === issue.authorPartnerId || viewer.partnerId === issue.ownerPartnerId)) return true;
  return viewer.roles.has('LOCALITY_LEAD') && viewer.localityCodes.has(issue.localityCode);
}

const SNAPSHOT = {
  id: true,
  revision: true,
  title: true,
  description: true,
  theme: true,
  raisedOn: true,
  raisedByPersonId: true,
  raisedByName: true,
  priorityId: true,
  status: true,
  ownerPartnerId: true,
  resolvedOn: true,
  escalatedOn: true,
  escalationReason: true,
  ...SHARING_COLUMNS,
  locality: { select: { id: true, code: true } },
} as const;

async function snapshot(tx: Tx, id: number) {
  return tx.issue.findUniqueOrThrow({ where: { id }, select: SNAPSHOT });
}
registerSnapshot('Issue', snapshot);

/** The issue as the viewer may see it: NOT_FOUND when hidden or missing. */
export async function visibleIssue(db: Db, viewer: Viewer, id: number) {
  const issue = await db.issue.findFirst({ where: visibleById(viewer, id), select: SNAPSHOT });
  if (!issue) throw new NotFoundError('Issue', String(id));
  return issue;
}

/**
 * The issue for a change, locked and read in the write transaction (src/writes/boundary.ts):
 * NOT_FOUND when hidden, FORBIDDEN when not the viewer's to change, CONFLICT (STALE_WRITE) when the
 * client's revision is no longer current.
 */
async function changeable(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'Issue', target.id);
  const issue = await visibleIssue(tx, viewer, target.id);
  if (!canChangeIssue(viewer, { ...issue, localityCode: issue.locality.code })) {
    throw new ForbiddenError("Only the issue's author or owner partner, the lead of its locality or an ADMIN may change it");
  }
  checkRevision('Issue', issue, target.expectedRevision);
  return issue;
}

/** Whether the viewer's right over a record comes only from leading its locality (not ADMIN, not its partner's). */
export function onlyAsLead(viewer: Viewer, partnerIds: readonly number[]): boolean {
  return !seesEverything(viewer) && (viewer.partnerId === null || !partnerIds.includes(viewer.partnerId));
}

/** The people, partner and priority an issue names exist (and the priority is of its locality): BAD_USER_INPUT otherwise. */
async function checkLinks(db: Db, links: { raisedByPersonId?: number | null; ownerPartnerId?: number | null; priorityId?: number | null }, localityId: number) {
  const [person, partner, priority] = await Promise.all([
    links.raisedByPersonId ? db.person.findUnique({ where: { id: links.raisedByPersonId }, select: { id: true } }) : null,
    links.ownerPartnerId ? db.partner.findUnique({ where: { id: links.ownerPartnerId }, select: { id: true } }) : null,
    links.priorityId ? db.priority.findUnique({ where: { id: links.priorityId }, select: { localityId: true } }) : null,
  ]);
  if (links.raisedByPersonId && !person) throw new BadUserInputError('input.raisedByPersonId: no such person', { field: 'input.raisedByPersonId' });
  if (links.ownerPartnerId && !partner) throw new BadUserInputError('input.ownerPartnerId: no such partner', { field: 'input.ownerPartnerId' });
  if (links.priorityId && !priority) throw new BadUserInputError('input.priorityId: no such priority', { field: 'input.priorityId' });
  if (priority && priority.localityId !== null && priority.localityId !== localityId) {
    throw new BadUserInputError("input.priorityId: the priority is another locality's", { field: 'input.priorityId' });
  }
}

function checkRaised(raisedOn: Date, now = today()): void {
  if (raisedOn.getTime() > now.getTime()) throw new BadUserInputError('input.raisedOn: must not be in the future', { field: 'input.raisedOn' });
}

/** A day of the issue's history (resolved, escalated): not in the future. */
function notInFuture(value: Date, field: string): void {
  if (value.getTime() > today().getTime()) throw new BadUserInputError(`${field}: must not be in the future`, { field });
}

/** A day that must not come before the issue was raised. */
function notBeforeRaised(value: Date, raisedOn: Date, field: string): void {
  if (value.getTime() < raisedOn.getTime()) {
    throw new BadUserInputError(`${field}: must not be before the day it was raised (${raisedOn.toISOString().slice(0, 10)})`, { field });
  }
}

export async function createIssue(prisma: RecordsClient, viewer: Viewer, input: CreateIssue): Promise<number> {
  const authorPartnerId = authorPartnerOf(viewer);
  checkRaised(input.raisedOn);
  return prisma.$transaction(async (tx) => {
    const locality = await localityFromInput(tx, input.localityCode);
    await checkLinks(tx, input, locality.id);
    const sharing = await newShareable(tx, viewer, authorPartnerId, input);
    const issue = await tx.issue.create({
      data: {
        localityId: locality.id,
        title: input.title,
        description: input.description,
        theme: input.theme,
        raisedOn: input.raisedOn,
        raisedByPersonId: input.raisedByPersonId ?? null,
        raisedByName: input.raisedByName ?? null,
        priorityId: input.priorityId ?? null,
        ownerPartnerId: input.ownerPartnerId ?? authorPartnerId,
        searchText: issueSearchText(input.title, input.description, input.theme),
        ...sharing,
      },
      select: { id: true },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Issue', entityId: issue.id, after: await snapshot(tx, issue.id) });
    return issue.id;
  });
}

export async function updateIssue(prisma: RecordsClient, viewer: Viewer, target: Target, input: UpdateIssue): Promise<void> {
  const { id } = target;
  await prisma.$transaction(async (tx) => {
    const before = await changeable(tx, viewer, target);
    const locality = input.localityCode === undefined ? before.locality : await localityFromInput(tx, input.localityCode);
    if (locality.id !== before.locality.id && onlyAsLead(viewer, [before.authorPartnerId, before.ownerPartnerId])) {
      throw new ForbiddenError("Only the issue's author or owner partner or an ADMIN may move it to another locality");
    }
    const raisedOn = input.raisedOn ?? before.raisedOn;
    if (input.raisedOn) checkRaised(input.raisedOn);
    // A resolution or escalation that stays (the issue is not being reopened) must still come after the raising.
    const kept = [!input.status ? before.resolvedOn : null, before.escalatedOn].filter((d): d is Date => d !== null);
    for (const later of kept) {
      if (raisedOn.getTime() > later.getTime()) {
        const what = later === before.resolvedOn ? 'resolved' : 'escalated';
        throw new BadUserInputError(`input.raisedOn: must not be after the day it was ${what} (${later.toISOString().slice(0, 10)})`, { field: 'input.raisedOn' });
      }
    }
    await checkLinks(tx, { ...input, priorityId: input.priorityId === undefined ? before.priorityId : input.priorityId }, locality.id);
    const title = input.title ?? before.title;
    const description = input.description ?? before.description;
    const theme = input.theme ?? before.theme;
    await tx.issue.update({
      where: { id },
      data: {
        localityId: locality.id,
        title,
        description,
        theme,
        raisedOn,
        raisedByPersonId: input.raisedByPersonId,
        raisedByName: input.raisedByName,
        priorityId: input.priorityId,
        ...(input.ownerPartnerId ? { ownerPartnerId: input.ownerPartnerId } : {}),
        // Back to a working state reopens it: the resolution day no longer holds (an escalation stays on record).
        ...(input.status ? { status: input.status, resolvedOn: null } : {}),
        searchText: issueSearchText(title, description, theme),
        ...REVISE,
      },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Issue', entityId: id, before, after: await snapshot(tx, id) });
  });
}

/** Marks an issue RESOLVED on a day (default today), not before it was raised. */
export async function resolveIssue(prisma: RecordsClient, viewer: Viewer, target: Target, resolvedOn: Date = today()): Promise<void> {
  const { id } = target;
  await prisma.$transaction(async (tx) => {
    const before = await changeable(tx, viewer, target);
    notBeforeRaised(resolvedOn, before.raisedOn, 'resolvedOn');
    notInFuture(resolvedOn, 'resolvedOn');
    await tx.issue.update({ where: { id }, data: { status: 'RESOLVED', resolvedOn, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Issue', entityId: id, before, after: await snapshot(tx, id) });
  });
}

/** Escalates an issue to the county with a reason, on a day (default today). */
export async function escalateIssue(prisma: RecordsClient, viewer: Viewer, target: Target, reason: string, escalatedOn: Date = today()): Promise<void> {
  const { id } = target;
  await prisma.$transaction(async (tx) => {
    const before = await changeable(tx, viewer, target);
    notBeforeRaised(escalatedOn, before.raisedOn, 'input.escalatedOn');
    notInFuture(escalatedOn, 'input.escalatedOn');
    if (before.status === 'RESOLVED') throw new ConflictError('A resolved issue is not escalated: reopen it first', { rule: 'RESOLVED_NOT_ESCALATED' });
    await tx.issue.update({ where: { id }, data: { status: 'ESCALATED', escalatedOn, escalationReason: reason, resolvedOn: null, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Issue', entityId: id, before, after: await snapshot(tx, id) });
  });
}
