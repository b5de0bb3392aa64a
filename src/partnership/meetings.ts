/**
 * Meetings of boards and who came. Each locality holds at least one annual conversation a year,
 * to which the whole locality network is invited: `localitiesWithoutAnnualConversation` finds the
 * ones that have not.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, found } from '../errors.js';
import type { MeetingKind } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { globalId, optionalText } from '../schema/input.js';
import { checkRevision, requireContributorOrLead, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const MEETING_KINDS = ['ORDINARY', 'ANNUAL_CONVERSATION', 'STAKEHOLDER_WORKSHOP', 'FORUM', 'EXTRAORDINARY'] as const satisfies readonly MeetingKind[];

const attendee = z
  .object({
    personId: globalId('Person').nullish(),
    partnerId: globalId('Partner').nullish(),
    guestName: optionalText(200),
    apologies: z.boolean().nullish().transform((value) => value ?? false),
  })
  .refine((row) => (row.personId ?? null) !== null || (row.guestName ?? null) !== null, {
    message: 'name a person or a guest',
    path: ['personId'],
  });
export type Attendee = z.output<typeof attendee>;

const decisions = z.array(z.string().trim().min(1, 'must not be blank').max(2000)).max(200).nullish();

export const createMeetingInput = z.object({
  boardId: globalId('Board'),
  kind: z.enum(MEETING_KINDS),
  startsAt: z.date(),
  location: optionalText(300),
  minutes: optionalText(100000),
  decisions,
  attendance: z.array(attendee).max(1000).nullish(),
});
export type CreateMeeting = z.output<typeof createMeetingInput>;

export const updateMeetingInput = z.object({
  kind: z.enum(MEETING_KINDS).optional(),
  startsAt: z.date().optional(),
  location: optionalText(300),
  minutes: optionalText(100000),
  decisions,
});
export type UpdateMeeting = z.output<typeof updateMeetingInput>;

export const attendanceInput = z.object({ meetingId: globalId('Meeting'), attendance: z.array(attendee).min(1).max(1000) });

/** Decisions are held one per line. */
export function decisionsText(list: readonly string[] | null | undefined): string | null | undefined {
  return list === undefined ? undefined : list === null || list.length === 0 ? null : list.map((d) => d.replaceAll('\n', ' ')).join('\n');
}

/**
 * Add attendance rows to a meeting: each attendee's partner defaults to their own; a person listed
 * twice (in the input or already recorded) is a CONFLICT.
 */
async function addAttendance(tx: Tx, meetingId: number, rows: readonly Attendee[], field: string): Promise<number[]> {
  const personIds = rows.flatMap((row) => (row.personId ? [row.personId] : []));
  const repeated = personIds.find((id, index) => personIds.indexOf(id) !== index);
  if (repeated !== undefined) throw new BadUserInputError(`${field}: a person is listed twice`, { field });
  const people = await tx.person.findMany({ where: { id: { in: personIds } }, select: { id: true, partnerId: true } });
  const partnerOf = new Map(people.map((person) => [person.id, person.partnerId]));
  const missing = personIds.find((id) => !partnerOf.has(id));
  if (missing !== undefined) found(null, 'Person', missing);
  const already = await tx.meetingAttendance.findFirst({ where: { meetingId, personId: { in: personIds } }, select: { personId: true } });
  if (already) throw new ConflictError('Someone listed is already recorded at this meeting', { field, personId: already.personId });
  const partnerIds = [...new Set(rows.flatMap((row) => (row.partnerId ? [row.partnerId] : [])))];
  const partners = await tx.partner.count({ where: { id: { in: partnerIds } } });
  if (partners !== partnerIds.length) throw new BadUserInputError(`${field}: an unknown partner is named`, { field });
  const created = await tx.meetingAttendance.createManyAndReturn({
    data: rows.map((row) => ({
      meetingId,
      personId: row.personId ?? null,
      partnerId: row.partnerId ?? (row.personId ? (partnerOf.get(row.personId) ?? null) : null),
      guestName: row.guestName ?? null,
      apologies: row.apologies,
    })),
    select: { id: true },
  });
  return created.map((row) => row.id);
}

async function snapshot(tx: Tx, id: number) {
  return tx.meeting.findUnique({ where: { id }, include: { attendance: { orderBy: { id: 'asc' } } } });
}

export async function createMeeting(db: RecordsClient, viewer: Viewer, input: CreateMeeting): Promise<number> {
  return db.$transaction(async (tx) => {
    const board = found(await tx.board.findUnique({ where: { id: input.boardId }, select: { localityId: true } }), 'Board', input.boardId);
    await requireContributorOrLead(tx, viewer, board.localityId, 'The board');
    const { attendance, decisions: list, ...columns } = input;
    const meeting = await tx.meeting.create({ data: { ...columns, decisions: decisionsText(list) ?? null }, select: { id: true } });
    if (attendance && attendance.length > 0) await addAttendance(tx, meeting.id, attendance, 'input.attendance');
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Meeting', entityId: meeting.id, after: await snapshot(tx, meeting.id) });
    return meeting.id;
  });
}

/** The meeting for a change: locked, read, at the client's revision, with its board's locality for the caller's rule. */
async function lockedMeeting(tx: Tx, target: Target) {
  await lockRecord(tx, 'Meeting', target.id);
  const meeting = found(await snapshot(tx, target.id), 'Meeting', target.id);
  const board = await tx.board.findUniqueOrThrow({ where: { id: meeting.boardId }, select: { localityId: true } });
  return { meeting, localityId: board.localityId };
}

export async function updateMeeting(db: RecordsClient, viewer: Viewer, target: Target, input: Partial<UpdateMeeting>, cancel = false): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const { meeting: before, localityId } = await lockedMeeting(tx, target);
    await requireLeadOf(tx, viewer, [localityId], "The meeting's board");
    checkRevision('Meeting', before, target.expectedRevision);
    if (cancel && before.cancelled) throw new ConflictError('The meeting is already cancelled');
    const { decisions: list, ...columns } = input;
    await tx.meeting.update({ where: { id }, data: { ...columns, decisions: decisionsText(list), ...(cancel ? { cancelled: true } : {}), ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Meeting', entityId: id, before, after: await snapshot(tx, id) });
    return id;
  });
}

export async function recordAttendance(db: RecordsClient, viewer: Viewer, target: Target, rows: readonly Attendee[]): Promise<number> {
  const meetingId = target.id;
  return db.$transaction(async (tx) => {
    const { meeting: before, localityId } = await lockedMeeting(tx, target);
    await requireContributorOrLead(tx, viewer, localityId, "The meeting's board");
    checkRevision('Meeting', before, target.expectedRevision);
    await addAttendance(tx, meetingId, rows, 'input.attendance');
    await tx.meeting.update({ where: { id: meetingId }, data: REVISE });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Meeting', entityId: meetingId, before, after: await snapshot(tx, meetingId) });
    return meetingId;
  });
}

/** The first and last instants of a calendar year (UTC), for `startsAt` ranges. */
export function yearRange(year: number): { gte: Date; lt: Date } {
  return { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** Localities of a geography version with no (uncancelled) annual conversation in `year`. */
export function localitiesWithoutAnnualConversationWhere(versionId: string, year: number) {
  return {
    versions: { some: { versionId } },
    boards: { none: { meetings: { some: { kind: 'ANNUAL_CONVERSATION' as const, cancelled: false, startsAt: yearRange(year) } } } },
  };
}
