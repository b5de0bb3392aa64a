/**
 * Business cases: appraisals saved under a name, linked to the priority they serve and the
 * locality they target. Each save or update is one transaction with its audit event; the name is
 * unique per priority (CONFLICT otherwise). The appraisal input is stored whole so the case can be
 * recomputed when unit costs or deflators are revised; the central NPV and BCR are stored for
 * lists.
 */
import { checkRevision, memberWith, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { localityByCode } from '../geography/localities.js';
import { globalId, text } from '../schema/input.js';
import type { AppraisalResult } from './appraisal.js';

export const saveBusinessCaseInput = z.object({
  name: text(200),
  priorityId: globalId('Priority'),
  localityCode: z.string().trim().min(1, 'must not be blank'),
});

export const updateBusinessCaseInput = z.object({ name: text(200).optional() });

export interface Appraised {
  /** The client's appraisal input as sent (validated), stored as JSON text. */
  raw: unknown;
  priceBase: string;
  result: AppraisalResult;
}

const central = (result: AppraisalResult) => result.scenarios.find((s) => s.name === 'CENTRAL')!;
const results = (appraised: Appraised) => ({
  input: JSON.stringify(appraised.raw),
  priceBase: appraised.priceBase,
  centralNpvPence: BigInt(Math.round(central(appraised.result).netPresentValue * 100)),
  centralBcr: central(appraised.result).benefitCostRatio,
});

async function checkName(tx: Tx, priorityId: number, name: string, except?: number): Promise<void> {
  const clash = await tx.businessCase.findFirst({ where: { priorityId, name, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  if (clash) {
    throw new ConflictError(`The priority already has a business case named "${name}"`, { rule: 'UNIQUE_BUSINESS_CASE_NAME', field: 'input.name' });
  }
}

/**
 * The database's unique index on (priority, name) decides a race that checkName cannot (two saves
 * of one name at once): its violation is the same CONFLICT.
 */
async function nameIsUnique<T>(work: Promise<T>, name: string | undefined): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new ConflictError(`The priority already has a business case named "${name ?? ''}"`, { rule: 'UNIQUE_BUSINESS_CASE_NAME', field: 'input.name' });
    }
    throw error;
  }
}

/** Save a new business case; its id. */
export async function saveBusinessCase(
  db: RecordsClient,
  viewer: Viewer,
  input: z.output<typeof saveBusinessCaseInput>,
  appraised: Appraised,
): Promise<number> {
  return nameIsUnique(db.$transaction(async (tx) => {
    const priority = await tx.priority.findUnique({ where: { id: input.priorityId }, select: { id: true, locality: { select: { code: true } } } });
    if (!priority) throw new NotFoundError('Priority', String(input.priorityId));
    const locality = await localityByCode(tx, input.localityCode);
    if (priority.locality && priority.locality.code !== locality.code) {
      throw new BadUserInputError(`input.localityCode: the priority belongs to ${priority.locality.code}`, { field: 'input.localityCode' });
    }
    await checkName(tx, priority.id, input.name);
    const created = await tx.businessCase.create({
      data: {
        name: input.name,
        priorityId: priority.id,
        localityId: locality.id,
        ...results(appraised),
        createdByPersonId: viewer.personId,
        createdByPartnerId: viewer.partnerId,
      },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'BusinessCase', entityId: created.id, after: created });
    return created.id;
  }), input.name);
}

/** Rename a business case and/or replace its appraisal. */
export async function updateBusinessCase(
  db: RecordsClient,
  viewer: Viewer,
  target: Target,
  input: z.output<typeof updateBusinessCaseInput>,
  appraised: Appraised | null,
): Promise<void> {
  const { id } = target;
  await nameIsUnique(db.$transaction(async (tx) => {
    await lockRecord(tx, 'BusinessCase', id);
    const before = await tx.businessCase.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('BusinessCase', String(id));
    // A CONTRIBUTOR or ANALYST of the partner that saved it, or the lead of its locality (or an ADMIN), on the row read here.
    if (!memberWith(viewer, before.createdByPartnerId, ['CONTRIBUTOR', 'ANALYST'])) await requireLeadOf(tx, viewer, [before.localityId], 'The business case');
    checkRevision('BusinessCase', before, target.expectedRevision);
    if (input.name !== undefined) await checkName(tx, before.priorityId, input.name, id);
    const after = await tx.businessCase.update({
      where: { id },
      data: { ...(input.name === undefined ? {} : { name: input.name }), ...(appraised ? results(appraised) : {}), ...REVISE },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'BusinessCase', entityId: id, before, after });
  }), input.name);
}

/** The locality code and authoring partner of a business case (null when there is none). */
export async function businessCaseOwners(db: RecordsClient, id: number | null): Promise<{ code: string; partnerId: number | null } | null> {
  if (id === null) return null;
  const found = await db.businessCase.findUnique({ where: { id }, select: { createdByPartnerId: true, locality: { select: { code: true } } } });
  return found ? { code: found.locality.code, partnerId: found.createdByPartnerId } : null;
}
