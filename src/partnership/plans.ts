/**
 * Locality plans, in versions: a draft is written (version n+1), consulted on, then approved by a
 * board on a date. Approving a version supersedes the approved one before it in the same
 * transaction, so a locality has at most one approved plan; older versions stay readable and are
 * never changed again. Approving a superseded (or an already approved, or an older) version is a
 * CONFLICT. Changes to one locality's plans are serialised by locking its row.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, found } from '../errors.js';
import type { PlanApproach } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { localityByCode } from '../geography/localities.js';
import { today } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkPastDay, checkRevision, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const PLAN_APPROACHES = ['CORE', 'CO_ORDINATED', 'MANAGED'] as const satisfies readonly PlanApproach[];

export const createPlanInput = z.object({
  localityCode: z.string().trim().min(1, 'must not be blank'),
  approach: z.enum(PLAN_APPROACHES),
  title: text(300),
  summary: optionalText(20000),
  engagementMechanisms: optionalText(20000),
  multiAgencyArrangements: optionalText(20000),
});
export type CreatePlan = z.output<typeof createPlanInput>;

export const updatePlanInput = z.object({
  approach: z.enum(PLAN_APPROACHES).optional(),
  title: text(300).optional(),
  summary: optionalText(20000),
  engagementMechanisms: optionalText(20000),
  multiAgencyArrangements: optionalText(20000),
  status: z.enum(['DRAFT', 'CONSULTED']).optional(),
});
export type UpdatePlan = z.output<typeof updatePlanInput>;

export const approvePlanInput = z.object({
  boardId: globalId('Board').nullish(),
  approvedOn: day.nullish(),
});

export async function createPlan(db: RecordsClient, viewer: Viewer, input: CreatePlan): Promise<number> {
  return db.$transaction(async (tx) => {
    const locality = await localityByCode(tx, input.localityCode);
    await lockRecord(tx, 'Locality', locality.id);
    const latest = await tx.localityPlan.findFirst({ where: { localityId: locality.id }, orderBy: { version: 'desc' }, select: { version: true } });
    const { localityCode: _code, ...columns } = input;
    const plan = await tx.localityPlan.create({
      data: { ...columns, localityId: locality.id, version: (latest?.version ?? 0) + 1, status: 'DRAFT' },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'LocalityPlan', entityId: plan.id, after: plan });
    return plan.id;
  });
}

/** Only a draft or consulted version changes; approved and superseded versions are the record. */
/** The plan for a change: locked, read, the viewer's to change (its locality's lead or ADMIN), at the client's revision. */
async function changeablePlan(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'LocalityPlan', target.id);
  const plan = found(await tx.localityPlan.findUnique({ where: { id: target.id } }), 'Locality plan', target.id);
  await requireLeadOf(tx, viewer, [plan.localityId], 'The plan');
  checkRevision('LocalityPlan', plan, target.expectedRevision);
  return plan;
}

export async function updatePlan(db: RecordsClient, viewer: Viewer, target: Target, input: UpdatePlan): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeablePlan(tx, viewer, target);
    if (before.status === 'APPROVED' || before.status === 'SUPERSEDED') {
      throw new ConflictError(`Version ${before.version} is ${before.status.toLowerCase()}: write a new version instead`, { status: before.status });
    }
    const after = await tx.localityPlan.update({ where: { id }, data: { ...input, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityPlan', entityId: id, before, after });
    return id;
  });
}

/**
 * Approve a version: the approved version before it becomes SUPERSEDED on the same day, in the
 * same transaction. The approving board, if named, is one of the locality's or a county board.
 */
export async function approvePlan(
  db: RecordsClient,
  viewer: Viewer,
  target: Target,
  input: { boardId?: number | null | undefined; approvedOn?: Date | null | undefined },
): Promise<number> {
  const { id } = target;
  const approvedOn = input.approvedOn ?? today();
  checkPastDay(approvedOn, 'input.approvedOn');
  return db.$transaction(async (tx) => {
    // The plan first, then its locality (the lock every approval of that locality takes, so two
    // approvals supersede one after the other), then the approved version it supersedes.
    const before = await changeablePlan(tx, viewer, target);
    await lockRecord(tx, 'Locality', before.localityId);
    if (before.status === 'APPROVED' || before.status === 'SUPERSEDED') {
      throw new ConflictError(`Version ${before.version} is already ${before.status.toLowerCase()}`, { rule: 'PLAN_SUPERSESSION', status: before.status });
    }
    if (input.boardId !== null && input.boardId !== undefined) {
      const board = found(await tx.board.findUnique({ where: { id: input.boardId }, select: { localityId: true, scope: true } }), 'Board', input.boardId);
      if (board.localityId !== before.localityId && board.scope !== 'COUNTY') {
        throw new BadUserInputError('input.boardId: the approving board must be one of the locality’s or a county board', { field: 'input.boardId' });
      }
    }
    const approved = await tx.localityPlan.findFirst({ where: { localityId: before.localityId, status: 'APPROVED' }, select: { id: true } });
    if (approved) await lockRecord(tx, 'LocalityPlan', approved.id);
    const current = approved ? await tx.localityPlan.findUnique({ where: { id: approved.id } }) : null;
    if (current && current.version > before.version) {
      throw new ConflictError(`Version ${current.version}, later than ${before.version}, is already approved`, { rule: 'PLAN_SUPERSESSION' });
    }
    if (current?.approvedOn && approvedOn < current.approvedOn) {
      throw new BadUserInputError(`input.approvedOn: must not be before the approval of version ${current.version}`, { field: 'input.approvedOn' });
    }
    if (current) {
      const superseded = await tx.localityPlan.update({ where: { id: current.id }, data: { status: 'SUPERSEDED', supersededOn: approvedOn, ...REVISE } });
      await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityPlan', entityId: current.id, before: current, after: superseded });
    }
    const after = await tx.localityPlan.update({
      where: { id },
      data: { status: 'APPROVED', approvedOn, approvedByBoardId: input.boardId ?? null, ...REVISE },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityPlan', entityId: id, before, after });
    return id;
  });
}
