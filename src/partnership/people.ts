/**
 * People of the partnership: name, job title, partner, contact details (personal data: shown to
 * signed-in viewers only) and their consent to be listed in the locality network directory.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudits, recordAudit } from '../audit/audit.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { ConflictError, found } from '../errors.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkRevision, requirePartnerKeeper, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord, lockRecords } from '../db/locks.js';

const email = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value.toLowerCase()))
  .pipe(z.email('must be an email address').max(200).nullable())
  .nullish();
const phone = z
  .string()
  .trim()
  .regex(/^$|^\+?[0-9 ()-]{6,20}$/, 'must be a telephone number (digits, spaces, brackets, dashes)')
  .transform((value) => (value === '' ? null : value))
  .nullish();

export const createPersonInput = z.object({
  name: text(200),
  jobTitle: optionalText(200),
  partnerId: globalId('Partner').nullish(),
  email,
  phone,
  directoryConsent: z.boolean().nullish().transform((value) => value ?? false),
});
export type CreatePerson = z.output<typeof createPersonInput>;

export const updatePersonInput = z.object({
  name: text(200).optional(),
  jobTitle: optionalText(200),
  partnerId: globalId('Partner').nullish(),
  email,
  phone,
  directoryConsent: z.boolean().optional(),
});
export type UpdatePerson = z.output<typeof updatePersonInput>;

async function assertPartner(tx: Tx, partnerId: number | null | undefined): Promise<void> {
  if (partnerId === null || partnerId === undefined) return;
  found(await tx.partner.findUnique({ where: { id: partnerId }, select: { id: true } }), 'Partner', partnerId);
}

/** One person per email address: CONFLICT when another person has it. */
async function assertEmailFree(tx: Tx, email: string | null | undefined, except?: number): Promise<void> {
  if (!email) return;
  const other = await tx.person.findFirst({ where: { email, ...(except === undefined ? {} : { id: { not: except } }) }, select: { id: true } });
  if (other) throw new ConflictError('Another person on record has this email address', { field: 'input.email', rule: 'DUPLICATE_EMAIL' });
}

/** The person for a change: locked, read, kept by the viewer (ADMIN, or a CONTRIBUTOR of their partner), at the client's revision. */
async function changeablePerson(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'Person', target.id);
  const person = found(await tx.person.findUnique({ where: { id: target.id } }), 'Person', target.id);
  requirePartnerKeeper(viewer, person.partnerId, 'The person');
  checkRevision('Person', person, target.expectedRevision);
  return person;
}

export async function createPerson(db: RecordsClient, viewer: Viewer, input: CreatePerson): Promise<number> {
  return db.$transaction(async (tx) => {
    requirePartnerKeeper(viewer, input.partnerId, 'input.partnerId');
    await assertPartner(tx, input.partnerId);
    await assertEmailFree(tx, input.email);
    const person = await tx.person.create({ data: input });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Person', entityId: person.id, after: person });
    return person.id;
  });
}

export async function updatePerson(db: RecordsClient, viewer: Viewer, target: Target, input: UpdatePerson): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeablePerson(tx, viewer, target);
    // Moving a person to another partner needs the right over that partner too.
    if (input.partnerId !== undefined && input.partnerId !== before.partnerId) requirePartnerKeeper(viewer, input.partnerId, 'input.partnerId');
    await assertPartner(tx, input.partnerId);
    await assertEmailFree(tx, input.email, id);
    const after = await tx.person.update({ where: { id }, data: { ...input, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Person', entityId: id, before, after });
    return id;
  });
}

/**
 * A person leaves: their record stays with the day they left, and the roles and board places they
 * still hold end that day, in the same transaction (each change audited).
 */
export async function endPerson(db: RecordsClient, viewer: Viewer, target: Target, endedOn: Date): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeablePerson(tx, viewer, target);
    if (before.endedOn) throw new ConflictError(`The person already left on ${before.endedOn.toISOString().slice(0, 10)}`);
    const open = { personId: id, OR: [{ endsOn: null }, { endsOn: { gt: endedOn } }] };
    const later = await tx.localityRole.count({ where: { ...open, startsOn: { gte: endedOn } } });
    if (later > 0) throw new ConflictError('The person has roles starting on or after that day: end or change them first', { field: 'endedOn' });
    // The roles and memberships it ends are changed too: locked, read, written and audited as rows of their own.
    await lockRecords(tx, 'LocalityRole', (await tx.localityRole.findMany({ where: open, select: { id: true } })).map((r) => r.id));
    await lockRecords(tx, 'Membership', (await tx.membership.findMany({ where: { ...open, startsOn: { lt: endedOn } }, select: { id: true } })).map((m) => m.id));
    const roles = await tx.localityRole.findMany({ where: open, orderBy: { id: 'asc' } });
    const places = await tx.membership.findMany({ where: { ...open, startsOn: { lt: endedOn } }, orderBy: { id: 'asc' } });
    await tx.localityRole.updateMany({ where: { id: { in: roles.map((r) => r.id) } }, data: { endsOn: endedOn, ...REVISE } });
    await tx.membership.updateMany({ where: { id: { in: places.map((m) => m.id) } }, data: { endsOn: endedOn, ...REVISE } });
    const rolesAfter = await tx.localityRole.findMany({ where: { id: { in: roles.map((r) => r.id) } }, orderBy: { id: 'asc' } });
    const placesAfter = await tx.membership.findMany({ where: { id: { in: places.map((m) => m.id) } }, orderBy: { id: 'asc' } });
    const after = await tx.person.update({ where: { id }, data: { endedOn, ...REVISE } });
    await recordAudits(tx, viewer, [
      { action: 'UPDATE', entity: 'Person', entityId: id, before, after },
      ...roles.map((role, i) => ({ action: 'UPDATE' as const, entity: 'LocalityRole', entityId: role.id, before: role, after: rolesAfter[i] })),
      ...places.map((place, i) => ({ action: 'UPDATE' as const, entity: 'Membership', entityId: place.id, before: place, after: placesAfter[i] })),
    ]);
    return id;
  });
}

export const endPersonInput = z.object({ endedOn: day });

