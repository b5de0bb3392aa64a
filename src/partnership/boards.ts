/**
 * Boards (locality boards, forums, executives, task and finish groups, county boards) and their
 * memberships. A board's scope follows from where it sits: a locality, a service area, or the
 * county when neither is given. Its parent is the board it reports to (the governance pathway:
 * health and well-being board -> locality board -> task and finish group), never itself or one of
 * its own descendants.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, found } from '../errors.js';
import type { BoardKind, MeetingFrequency, MembershipRole } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { localityByCode } from '../geography/localities.js';
import { checkRange, today } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkRevision, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const BOARD_KINDS = [
  'LOCALITY_BOARD',
  'LOCALITY_FORUM',
  'LOCALITY_EXECUTIVE',
  'TASK_AND_FINISH_GROUP',
  'WARD_ASSEMBLY',
  'THEME_BOARD',
  'SPECIALIST_GROUP',
  'HEALTH_AND_WELLBEING_BOARD',
  'EXECUTIVE_GROUP',
] as const satisfies readonly BoardKind[];
const FREQUENCIES = ['WEEKLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'TWICE_YEARLY', 'ANNUALLY', 'AS_NEEDED'] as const satisfies readonly MeetingFrequency[];
const MEMBERSHIP_ROLES = ['CHAIR', 'VICE_CHAIR', 'MEMBER', 'OBSERVER'] as const satisfies readonly MembershipRole[];

export const createBoardInput = z.object({
  name: text(200),
  kind: z.enum(BOARD_KINDS),
  localityCode: z.string().trim().min(1).nullish(),
  serviceAreaCode: z.string().trim().min(1).nullish(),
  parentId: globalId('Board').nullish(),
  chairId: globalId('Person').nullish(),
  termsOfReference: optionalText(20000),
  meetingFrequency: z.enum(FREQUENCIES).nullish(),
  startsOn: day,
  endsOn: day.nullish(),
});
export type CreateBoard = z.output<typeof createBoardInput>;

export const updateBoardInput = z.object({
  name: text(200).optional(),
  kind: z.enum(BOARD_KINDS).optional(),
  parentId: globalId('Board').nullish(),
  chairId: globalId('Person').nullish(),
  termsOfReference: optionalText(20000),
  meetingFrequency: z.enum(FREQUENCIES).nullish(),
  startsOn: day.optional(),
  endsOn: day.nullish(),
});
export type UpdateBoard = z.output<typeof updateBoardInput>;

export const membershipInput = z.object({
  boardId: globalId('Board'),
  personId: globalId('Person').nullish(),
  partnerId: globalId('Partner').nullish(),
  role: z.enum(MEMBERSHIP_ROLES),
  startsOn: day,
  endsOn: day.nullish(),
});
export type MembershipInput = z.output<typeof membershipInput>;

export const updateMembershipInput = z.object({
  role: z.enum(MEMBERSHIP_ROLES).optional(),
  startsOn: day.optional(),
  endsOn: day.nullish(),
});

async function scopeOf(tx: Tx, input: CreateBoard) {
  if (input.localityCode && input.serviceAreaCode) {
    throw new BadUserInputError('input.serviceAreaCode: a board sits in a locality or a service area, not both', { field: 'input.serviceAreaCode' });
  }
  if (input.localityCode) {
    const locality = await localityByCode(tx, input.localityCode);
    return { scope: 'LOCALITY' as const, localityId: locality.id, serviceAreaId: null };
  }
  if (input.serviceAreaCode) {
    const area = found(await tx.serviceArea.findUnique({ where: { code: input.serviceAreaCode }, select: { id: true } }), 'Service area', input.serviceAreaCode);
    return { scope: 'SERVICE_AREA' as const, localityId: null, serviceAreaId: area.id };
  }
  return { scope: 'COUNTY' as const, localityId: null, serviceAreaId: null };
}

/** Refuse a parent that is the board itself or reports (at any depth) to it. */
async function checkParent(tx: Tx, boardId: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  let cursor: number | null = found(await tx.board.findUnique({ where: { id: parentId }, select: { id: true } }), 'Board', parentId).id;
  for (let depth = 0; cursor !== null && depth < 100; depth += 1) {
    if (cursor === boardId) throw new ConflictError('A board cannot report to itself or to a board that reports to it', { field: 'input.parentId' });
    cursor = (await tx.board.findUnique({ where: { id: cursor }, select: { parentId: true } }))?.parentId ?? null;
  }
}

async function checkPerson(tx: Tx, personId: number | null | undefined): Promise<void> {
  if (personId !== null && personId !== undefined) found(await tx.person.findUnique({ where: { id: personId }, select: { id: true } }), 'Person', personId);
}

export async function createBoard(db: RecordsClient, viewer: Viewer, input: CreateBoard): Promise<number> {
  checkRange(input.startsOn, input.endsOn);
  return db.$transaction(async (tx) => {
    const { localityCode: _l, serviceAreaCode: _s, ...columns } = input;
    const scope = await scopeOf(tx, input);
    await checkParent(tx, null, input.parentId);
    await checkPerson(tx, input.chairId);
    const board = await tx.board.create({ data: { ...columns, ...scope } });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Board', entityId: board.id, after: board });
    return board.id;
  });
}

/** The board for a change: locked, read, the viewer's to change (its locality's lead or ADMIN), at the client's revision. */
async function changeableBoard(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'Board', target.id);
  const board = found(await tx.board.findUnique({ where: { id: target.id } }), 'Board', target.id);
  await requireLeadOf(tx, viewer, [board.localityId], 'The board');
  checkRevision('Board', board, target.expectedRevision);
  return board;
}

export async function updateBoard(db: RecordsClient, viewer: Viewer, target: Target, input: UpdateBoard): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableBoard(tx, viewer, target);
    checkRange(input.startsOn ?? before.startsOn, input.endsOn === undefined ? before.endsOn : input.endsOn,
      input.endsOn === undefined ? 'input.startsOn' : 'input.endsOn');
    await checkParent(tx, id, input.parentId);
    await checkPerson(tx, input.chairId);
    const after = await tx.board.update({ where: { id }, data: { ...input, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Board', entityId: id, before, after });
    return id;
  });
}

/** Stand a board down on `endsOn` (default today); it and its history stay readable. */
export async function endBoard(db: RecordsClient, viewer: Viewer, target: Target, endsOn: Date = today()): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableBoard(tx, viewer, target);
    if (before.endsOn !== null && before.endsOn <= endsOn) throw new ConflictError(`The board already ended on ${before.endsOn.toISOString().slice(0, 10)}`);
    checkRange(before.startsOn, endsOn, 'endsOn');
    const after = await tx.board.update({ where: { id }, data: { endsOn, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Board', entityId: id, before, after });
    return id;
  });
}

export async function addMember(db: RecordsClient, viewer: Viewer, input: MembershipInput): Promise<number> {
  checkRange(input.startsOn, input.endsOn);
  if ((input.personId ?? null) === null && (input.partnerId ?? null) === null) {
    throw new BadUserInputError('input.personId: name a person or a partner', { field: 'input.personId' });
  }
  return db.$transaction(async (tx) => {
    const board = found(await tx.board.findUnique({ where: { id: input.boardId }, select: { localityId: true } }), 'Board', input.boardId);
    await requireLeadOf(tx, viewer, [board.localityId], 'The board');
    await checkPerson(tx, input.personId);
    if (input.partnerId) found(await tx.partner.findUnique({ where: { id: input.partnerId }, select: { id: true } }), 'Partner', input.partnerId);
    const membership = await tx.membership.create({ data: input });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Membership', entityId: membership.id, after: membership });
    return membership.id;
  });
}

export async function updateMembership(
  db: RecordsClient,
  viewer: Viewer,
  target: Target,
  input: z.output<typeof updateMembershipInput> & { endsOn?: Date | null },
  ending = false,
): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    await lockRecord(tx, 'Membership', id);
    const row = found(await tx.membership.findUnique({ where: { id }, include: { board: { select: { localityId: true } } } }), 'Membership', id);
    const { board, ...before } = row;
    await requireLeadOf(tx, viewer, [board.localityId], "The membership's board");
    checkRevision('Membership', before, target.expectedRevision);
    if (ending && before.endsOn !== null && input.endsOn && before.endsOn <= input.endsOn) {
      throw new ConflictError(`The membership already ended on ${before.endsOn.toISOString().slice(0, 10)}`);
    }
    const field = ending ? 'endsOn' : input.endsOn === undefined ? 'input.startsOn' : 'input.endsOn';
    checkRange(input.startsOn ?? before.startsOn, input.endsOn === undefined ? before.endsOn : input.endsOn, field);
    const after = await tx.membership.update({ where: { id }, data: { ...input, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Membership', entityId: id, before, after });
    return id;
  });
}
