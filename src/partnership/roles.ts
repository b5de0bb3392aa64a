/**
 * Locality roles: a person's role in a locality (or a service area) from one day to another, so
 * "who leads Leominster today" and "who led it in 2012" both answer. A role's kind is data
 * (role-kinds.ts), named by its code. The rule kept here, for every kind flagged
 * `singlePointOfContact`: one holder per agency (partner) per place at a time; overlapping date
 * ranges are a CONFLICT. Concurrent changes in one locality are serialised by locking its row,
 * and every role write locks its kind's row, so a kind gaining the flag sees every role of it.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, NotFoundError, found } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { checkRange, overlapping, today } from '../days.js';
import { day, globalId } from '../schema/input.js';
import { roleKindByCode } from './role-kinds.js';
import { checkRevision, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

/** A kind's code as input (checked against the kinds held, in the write: roleKindByCode). */
const kindCode = z.string().trim().min(1, 'must not be blank').max(60, 'must be at most 60 characters');

export const createRoleInput = z.object({
  personId: globalId('Person'),
  kind: kindCode,
  localityCode: z.string().trim().min(1).nullish(),
  serviceAreaCode: z.string().trim().min(1).nullish(),
  partnerId: globalId('Partner').nullish(),
  startsOn: day,
  endsOn: day.nullish(),
});
export type CreateRole = z.output<typeof createRoleInput>;

export const updateRoleInput = z.object({
  kind: kindCode.optional(),
  partnerId: globalId('Partner').nullish(),
  startsOn: day.optional(),
  endsOn: day.nullish(),
});
export type UpdateRole = z.output<typeof updateRoleInput>;

interface RoleShape {
  id?: number;
  kindId: number;
  partnerId: number | null;
  localityId: number | null;
  serviceAreaId: number | null;
  startsOn: Date;
  endsOn: Date | null;
}

/**
 * The kind of a role being written, locked (see the header), by code; BAD_USER_INPUT on `input.kind`
 * for a code no kind has.
 */
async function lockedKind(tx: Tx, code: string) {
  const kind = await roleKindByCode(tx, code, 'input.kind');
  await lockRecord(tx, 'LocalityRoleKind', kind.id);
  return kind;
}

async function lockedKindById(tx: Tx, id: number) {
  await lockRecord(tx, 'LocalityRoleKind', id);
  return tx.localityRoleKind.findUniqueOrThrow({ where: { id } });
}

/** For a kind with the single-point-of-contact flag: refuse a second holder of the same agency for the same place and days. */
async function checkSinglePointOfContact(tx: Tx, role: RoleShape, kind: { singlePointOfContact: boolean; name: string }): Promise<void> {
  if (!kind.singlePointOfContact) return;
  if (role.partnerId === null) {
    throw new BadUserInputError(`input.partnerId: a ${kind.name.toLowerCase()} is held for an agency: name the partner`, { field: 'input.partnerId' });
  }
  const clash = await tx.localityRole.findFirst({
    where: {
      kindId: role.kindId,
      partnerId: role.partnerId,
      localityId: role.localityId,
      serviceAreaId: role.serviceAreaId,
      ...(role.id === undefined ? {} : { id: { not: role.id } }),
      ...overlapping(role.startsOn, role.endsOn),
    },
    select: { id: true, startsOn: true, person: { select: { name: true } } },
  });
  if (clash) {
    throw new ConflictError(
      `The agency already has a ${kind.name.toLowerCase()} there for those dates (${clash.person.name}, from ${clash.startsOn.toISOString().slice(0, 10)}): one per agency per place at a time`,
      { rule: 'ONE_SINGLE_POINT_OF_CONTACT', conflictingRoleId: clash.id },
    );
  }
}

async function place(tx: Tx, input: CreateRole): Promise<{ localityId: number | null; serviceAreaId: number | null }> {
  const given = [input.localityCode, input.serviceAreaCode].filter((code) => code !== null && code !== undefined);
  if (given.length !== 1) {
    throw new BadUserInputError('input.localityCode: give a locality code or a service area code (one of them)', { field: 'input.localityCode' });
  }
  if (input.localityCode) {
    const locality = await tx.locality.findUnique({ where: { code: input.localityCode }, select: { id: true } });
    if (!locality) throw new NotFoundError('Locality', input.localityCode);
    await lockRecord(tx, 'Locality', locality.id);
    return { localityId: locality.id, serviceAreaId: null };
  }
  const area = found(await tx.serviceArea.findUnique({ where: { code: input.serviceAreaCode! }, select: { id: true } }), 'Service area', input.serviceAreaCode!);
  return { localityId: null, serviceAreaId: area.id };
}

export async function createRole(db: RecordsClient, viewer: Viewer, input: CreateRole): Promise<number> {
  checkRange(input.startsOn, input.endsOn);
  return db.$transaction(async (tx) => {
    const person = found(await tx.person.findUnique({ where: { id: input.personId }, select: { partnerId: true } }), 'Person', input.personId);
    if (input.partnerId) found(await tx.partner.findUnique({ where: { id: input.partnerId }, select: { id: true } }), 'Partner', input.partnerId);
    const placed = await place(tx, input);
    const kind = await lockedKind(tx, input.kind);
    const role: RoleShape = {
      kindId: kind.id,
      partnerId: input.partnerId ?? person.partnerId,
      ...placed,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    };
    await checkSinglePointOfContact(tx, role, kind);
    const created = await tx.localityRole.create({ data: { ...role, personId: input.personId } });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'LocalityRole', entityId: created.id, after: created });
    return created.id;
  });
}

/** The role for a change: locked, read, the viewer's to change (its locality's lead or ADMIN), at the client's revision. */
async function changeableRole(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'LocalityRole', target.id);
  const role = found(await tx.localityRole.findUnique({ where: { id: target.id } }), 'Locality role', target.id);
  await requireLeadOf(tx, viewer, [role.localityId], 'The role');
  checkRevision('LocalityRole', role, target.expectedRevision);
  return role;
}

export async function updateRole(db: RecordsClient, viewer: Viewer, target: Target, input: UpdateRole): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableRole(tx, viewer, target);
    if (before.localityId !== null) await lockRecord(tx, 'Locality', before.localityId);
    const kind = input.kind === undefined ? await lockedKindById(tx, before.kindId) : await lockedKind(tx, input.kind);
    const role: RoleShape = {
      id,
      kindId: kind.id,
      partnerId: input.partnerId === undefined ? before.partnerId : input.partnerId,
      localityId: before.localityId,
      serviceAreaId: before.serviceAreaId,
      startsOn: input.startsOn ?? before.startsOn,
      endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
    };
    checkRange(role.startsOn, role.endsOn, input.endsOn === undefined ? 'input.startsOn' : 'input.endsOn');
    await checkSinglePointOfContact(tx, role, kind);
    const { id: _id, ...data } = role;
    const after = await tx.localityRole.update({ where: { id }, data: { ...data, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityRole', entityId: id, before, after });
    return id;
  });
}

/** End a role on `endsOn` (default today): it stays in the history. */
export async function endRole(db: RecordsClient, viewer: Viewer, target: Target, endsOn: Date = today()): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeableRole(tx, viewer, target);
    if (before.endsOn !== null && before.endsOn <= endsOn) {
      throw new ConflictError(`The role already ended on ${before.endsOn.toISOString().slice(0, 10)}`);
    }
    checkRange(before.startsOn, endsOn, 'endsOn');
    const after = await tx.localityRole.update({ where: { id }, data: { endsOn, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityRole', entityId: id, before, after });
    return id;
  });
}
