/**
 * Consultations: a subject put to an audience from a day until a deadline (the last day to
 * respond), with the responses received. One stays OVERDUE from the day after its deadline until
 * it is closed (its responses considered), so open and overdue ones can be listed by locality.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, found } from '../errors.js';
import type { ConsultationAudience } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { localityByCode } from '../geography/localities.js';
import { checkRange, today } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkRevision, requireContributorOrLead, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const AUDIENCES = ['PARISH_COUNCILS', 'RESIDENTS', 'PARTNERS', 'LOCALITY_NETWORK', 'BUSINESSES'] as const satisfies readonly ConsultationAudience[];
export type ConsultationState = 'UPCOMING' | 'OPEN' | 'OVERDUE' | 'CLOSED';

export const createConsultationInput = z.object({
  localityCode: z.string().trim().min(1).nullish(),
  boardId: globalId('Board').nullish(),
  subject: text(300),
  description: optionalText(20000),
  audience: z.enum(AUDIENCES),
  opensOn: day,
  deadline: day,
});
export type CreateConsultation = z.output<typeof createConsultationInput>;

export const updateConsultationInput = z.object({
  subject: text(300).optional(),
  description: optionalText(20000),
  audience: z.enum(AUDIENCES).optional(),
  opensOn: day.optional(),
  deadline: day.optional(),
});
export type UpdateConsultation = z.output<typeof updateConsultationInput>;

export const responseInput = z
  .object({
    consultationId: globalId('Consultation'),
    personId: globalId('Person').nullish(),
    partnerId: globalId('Partner').nullish(),
    respondentName: optionalText(200),
    text: text(20000),
    receivedAt: z.date().nullish(),
  })
  .refine((row) => (row.personId ?? row.partnerId ?? row.respondentName ?? null) !== null, {
    message: 'name the respondent: a person, a partner or a name',
    path: ['personId'],
  });
export type ResponseInput = z.output<typeof responseInput>;

/** Where a consultation stands on `on`. */
export function consultationState(row: { opensOn: Date; deadline: Date; closedOn: Date | null }, on: Date = today()): ConsultationState {
  if (row.closedOn !== null && row.closedOn <= on) return 'CLOSED';
  if (row.opensOn > on) return 'UPCOMING';
  return row.deadline >= on ? 'OPEN' : 'OVERDUE';
}

/** The Prisma filter for consultations in `state` on `on` (the same rule as consultationState). */
export function stateWhere(state: ConsultationState, on: Date) {
  const notClosed = { OR: [{ closedOn: null }, { closedOn: { gt: on } }] };
  switch (state) {
    case 'CLOSED':
      return { closedOn: { lte: on } };
    case 'UPCOMING':
      return { ...notClosed, opensOn: { gt: on } };
    case 'OPEN':
      return { ...notClosed, opensOn: { lte: on }, deadline: { gte: on } };
    case 'OVERDUE':
      return { ...notClosed, deadline: { lt: on } };
  }
}

async function placeOf(tx: Tx, viewer: Viewer, input: CreateConsultation): Promise<{ localityId: number | null; boardId: number | null }> {
  const board = input.boardId
    ? found(await tx.board.findUnique({ where: { id: input.boardId }, select: { id: true, localityId: true } }), 'Board', input.boardId)
    : null;
  const locality = input.localityCode
    ? await localityByCode(tx, input.localityCode)
    : null;
  // Every record it names must be the viewer's (the locality, and the board: a county board is an
  // ADMIN's), decided before how they fit together, so a refusal tells nothing about the board.
  await requireLeadOf(tx, viewer, [locality?.id ?? board?.localityId ?? null, ...(board ? [board.localityId] : [])], 'The consultation');
  if (!locality) return { localityId: board?.localityId ?? null, boardId: board?.id ?? null };
  if (board && board.localityId !== null && board.localityId !== locality.id) {
    throw new BadUserInputError('input.boardId: the board is in another locality', { field: 'input.boardId' });
  }
  return { localityId: locality.id, boardId: board?.id ?? null };
}

/** The consultation for a change: locked, read, the viewer's to change (its locality's lead or ADMIN), at the client's revision. */
async function changeableConsultation(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'Consultation', target.id);
  const consultation = found(await tx.consultation.findUnique({ where: { id: target.id } }), 'Consultation', target.id);
  await requireLeadOf(tx, viewer, [consultation.localityId], 'The consultation');
  checkRevision('Consultation', consultation, target.expectedRevision);
  return consultation;
}

export async function createConsultation(db: RecordsClient, viewer: Viewer, input: CreateConsultation): Promise<number> {
  checkRange(input.opensOn, input.deadline, 'input.deadline');
  return db.$transaction(async (tx) => {
    const { localityCode: _code, boardId: _board, ...columns } = input;
    const place = await placeOf(tx, viewer, input);
    const created = await tx.consultation.create({ data: { ...columns, ...place } });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Consultation', entityId: created.id, after: created });
    return created.id;
  });
}

export async function updateConsultation(db: RecordsClient, viewer: Viewer, target: Target, input: UpdateConsultation): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableConsultation(tx, viewer, target);
    if (before.closedOn) throw new ConflictError('The consultation is closed');
    checkRange(input.opensOn ?? before.opensOn, input.deadline ?? before.deadline, 'input.deadline');
    const after = await tx.consultation.update({ where: { id }, data: { ...input, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Consultation', entityId: id, before, after });
    return id;
  });
}

/** Close a consultation on `closedOn` (default today), its responses considered. */
export async function closeConsultation(db: RecordsClient, viewer: Viewer, target: Target, closedOn: Date = today()): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableConsultation(tx, viewer, target);
    if (before.closedOn) throw new ConflictError(`The consultation was closed on ${before.closedOn.toISOString().slice(0, 10)}`);
    checkRange(before.opensOn, closedOn, 'closedOn');
    const after = await tx.consultation.update({ where: { id }, data: { closedOn, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Consultation', entityId: id, before, after });
    return id;
  });
}

/** Record a response; a closed consultation takes none (CONFLICT). */
export async function respond(db: RecordsClient, viewer: Viewer, input: ResponseInput): Promise<number> {
  return db.$transaction(async (tx) => {
    const consultation = found(await tx.consultation.findUnique({ where: { id: input.consultationId } }), 'Consultation', input.consultationId);
    await requireContributorOrLead(tx, viewer, consultation.localityId, 'The consultation');
    if (consultation.closedOn) throw new ConflictError('The consultation is closed: it takes no more responses');
    if ((input.receivedAt ?? new Date()).getTime() < consultation.opensOn.getTime()) {
      throw new BadUserInputError(`input.receivedAt: must not be before the consultation opened (${consultation.opensOn.toISOString().slice(0, 10)})`, { field: 'input.receivedAt' });
    }
    if (input.receivedAt && input.receivedAt.getTime() > Date.now()) {
      throw new BadUserInputError('input.receivedAt: must not be in the future', { field: 'input.receivedAt' });
    }
    const person = input.personId
      ? found(await tx.person.findUnique({ where: { id: input.personId }, select: { partnerId: true } }), 'Person', input.personId)
      : null;
    if (input.partnerId) found(await tx.partner.findUnique({ where: { id: input.partnerId }, select: { id: true } }), 'Partner', input.partnerId);
    const created = await tx.consultationResponse.create({
      data: {
        consultationId: input.consultationId,
        personId: input.personId ?? null,
        partnerId: input.partnerId ?? person?.partnerId ?? null,
        respondentName: input.respondentName ?? null,
        text: input.text,
        ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
      },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'ConsultationResponse', entityId: created.id, after: created });
    return created.id;
  });
}
