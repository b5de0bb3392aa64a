/**
 * Locality roles: a person's role in a locality (or a service area) from one day to another, so
 * "who leads Leominster today" and "who led it in 2012" both answer. The rule kept here: one
 * single point of contact per agency (partner) per locality at a time; overlapping date ranges
 * are a CONFLICT. Concurrent changes in one locality are serialised by locking its row.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient } from '../db/records.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import type { LocalityRoleKind } from '../generated/prisma/sqlite/enums.js';
import { audit, checkRange, day, found, globalId, lockRow, overlapping, today, type Tx } from './common.js';
import { checkRevision, lockRecord, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';

export const ROLE_KINDS = [
  'SENIOR_MANAGER_LEAD',
  'SINGLE_POINT_OF_CONTACT',
  'WARD_MEMBER',
  'COMMUNITY_AMBASSADOR',
  'NETWORK_CONTACT',
] as const satisfies readonly LocalityRoleKind[];

export const createRoleInput = z.object({
  personId: globalId('Person'),
  kind: z.enum(ROLE_KINDS),
  localityCode: z.string().trim().min(1).nullish(),
  serviceAreaCode: z.string().trim().min(1).nullish(),
  partnerId: globalId('Partner').nullish(),
  startsOn: day,
  endsOn: day.nullish(),
});
export type CreateRole = z.output<typeof createRoleInput>;

export const updateRoleInput = z.object({
  kind: z.enum(ROLE_KINDS).optional(),
  partnerId: globalId('Partner').nullish(),
  startsOn: day.optional(),
  endsOn: day.nullish(),
});
export type UpdateRole = z.output<typeof updateRoleInput>;

interface RoleShape {
  id?: number;
  kind: LocalityRoleKind;
  partnerId: number | null;
  localityId: number | null;
  serviceAreaId: number | null;
  startsOn: Date;
  endsOn: Date | null;
}

/** Refuse a second single point of contact of the same agency for the same place and days. */
async function checkSinglePointOfContact(tx: Tx, role: RoleShape): Promise<void> {
  if (role.kind !== 'SINGLE_POINT_OF_CONTACT') return;
  if (role.partnerId === null) {
    throw new BadUserInputError('input.partnerId: a single point of contact is held for an agency: name the partner', { field: 'input.partnerId' });
  }
  const clash = await tx.localityRole.findFirst({
    where: {
      kind: 'SINGLE_POINT_OF_CONTACT',
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
      `The agency already has a single point of contact there for those dates (${clash.person.name}, from ${clash.startsOn.toISOString().slice(0, 10)})`,
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
    await lockRow(tx, 'Locality', locality.id);
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
    const role: RoleShape = {
      kind: input.kind,
      partnerId: input.partnerId ?? person.partnerId,
      ...(await place(tx, input)),
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    };
    await checkSinglePointOfContact(tx, role);
    const created = await tx.localityRole.create({ data: { ...role, personId: input.personId } });
    await audit(tx, viewer, { action: 'CREATE', entity: 'LocalityRole', id: created.id, after: created });
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
    if (before.localityId !== null) await lockRow(tx, 'Locality', before.localityId);
    const role: RoleShape = {
      id,
      kind: input.kind ?? before.kind,
      partnerId: input.partnerId === undefined ? before.partnerId : input.partnerId,
      localityId: before.localityId,
      serviceAreaId: before.serviceAreaId,
      startsOn: input.startsOn ?? before.startsOn,
      endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
    };
    checkRange(role.startsOn, role.endsOn, input.endsOn === undefined ? 'input.startsOn' : 'input.endsOn');
    await checkSinglePointOfContact(tx, role);
    const { id: _id, ...data } = role;
    const after = await tx.localityRole.update({ where: { id }, data: { ...data, ...REVISE } });
    await audit(tx, viewer, { action: 'UPDATE', entity: 'LocalityRole', id, before, after });
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
    await audit(tx, viewer, { action: 'UPDATE', entity: 'LocalityRole', id, before, after });
    return id;
  });
}
