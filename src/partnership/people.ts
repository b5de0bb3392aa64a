/**
 * People of the partnership: name, job title, partner, contact details (personal data: shown to
 * signed-in viewers only) and their consent to be listed in the locality network directory.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudits } from '../audit/audit.js';
import type { RecordsClient } from '../db/records.js';
import { ConflictError } from '../errors.js';
import { audit, day, found, globalId, optionalText, text, type Tx } from './common.js';

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

export async function createPerson(db: RecordsClient, viewer: Viewer, input: CreatePerson): Promise<number> {
  return db.$transaction(async (tx) => {
    await assertPartner(tx, input.partnerId);
    const person = await tx.person.create({ data: input });
    await audit(tx, viewer, { action: 'CREATE', entity: 'Person', id: person.id, after: person });
    return person.id;
  });
}

export async function updatePerson(db: RecordsClient, viewer: Viewer, id: number, input: UpdatePerson): Promise<number> {
  return db.$transaction(async (tx) => {
    const before = found(await tx.person.findUnique({ where: { id } }), 'Person', id);
    await assertPartner(tx, input.partnerId);
    const after = await tx.person.update({ where: { id }, data: input });
    await audit(tx, viewer, { action: 'UPDATE', entity: 'Person', id, before, after });
    return id;
  });
}

/**
 * A person leaves: their record stays with the day they left, and the roles and board places they
 * still hold end that day, in the same transaction (each change audited).
 */
export async function endPerson(db: RecordsClient, viewer: Viewer, id: number, endedOn: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const before = found(await tx.person.findUnique({ where: { id } }), 'Person', id);
    if (before.endedOn) throw new ConflictError(`The person already left on ${before.endedOn.toISOString().slice(0, 10)}`);
    const open = { personId: id, OR: [{ endsOn: null }, { endsOn: { gt: endedOn } }] };
    const later = await tx.localityRole.count({ where: { ...open, startsOn: { gte: endedOn } } });
    if (later > 0) throw new ConflictError('The person has roles starting on or after that day: end or change them first', { field: 'endedOn' });
    const roles = await tx.localityRole.findMany({ where: open });
    const places = await tx.membership.findMany({ where: { ...open, startsOn: { lt: endedOn } } });
    await tx.localityRole.updateMany({ where: { id: { in: roles.map((r) => r.id) } }, data: { endsOn: endedOn } });
    await tx.membership.updateMany({ where: { id: { in: places.map((m) => m.id) } }, data: { endsOn: endedOn } });
    const after = await tx.person.update({ where: { id }, data: { endedOn } });
    await recordAudits(tx, viewer, [
      { action: 'UPDATE', entity: 'Person', entityId: id, before, after },
      ...roles.map((role) => ({ action: 'UPDATE' as const, entity: 'LocalityRole', entityId: role.id, before: role, after: { ...role, endsOn: endedOn } })),
      ...places.map((place) => ({ action: 'UPDATE' as const, entity: 'Membership', entityId: place.id, before: place, after: { ...place, endsOn: endedOn } })),
    ]);
    return id;
  });
}

export const endPersonInput = z.object({ endedOn: day });

