/**
 * Partners: the organisations of the partnership, and the service areas each runs (the geography's
 * ServiceArea, linked here through PartnerServiceArea so the geography importer stays as it is).
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { ConflictError, NotFoundError, found } from '../errors.js';
import type { PartnerKind } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { day, optionalText, text } from '../schema/input.js';
import { checkRevision, requirePartnerKeeper, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const PARTNER_KINDS = [
  'COUNCIL',
  'POLICE',
  'HEALTH_TRUST',
  'CLINICAL_COMMISSIONING',
  'FIRE',
  'PARISH_COUNCIL',
  'VOLUNTARY_SECTOR',
  'HOUSING',
  'SCHOOLS',
  'PROBATION',
  'BUSINESS',
  'OTHER',
] as const satisfies readonly PartnerKind[];

const serviceAreaCodes = z.array(text(100)).max(50, 'at most 50 service areas');

/** A web site: an http(s) address only (a `javascript:` or `data:` link would run in a reader's browser). */
const website = z
  .url('must be a web address')
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// address')
  .nullish();

export const createPartnerInput = z.object({
  name: text(200),
  kind: z.enum(PARTNER_KINDS),
  shortName: optionalText(40),
  website,
  serviceAreaCodes: serviceAreaCodes.nullish(),
});
export type CreatePartner = z.output<typeof createPartnerInput>;

export const updatePartnerInput = z.object({
  name: text(200).optional(),
  kind: z.enum(PARTNER_KINDS).optional(),
  shortName: optionalText(40),
  website,
  serviceAreaCodes: serviceAreaCodes.optional(),
});
export type UpdatePartner = z.output<typeof updatePartnerInput>;

export const endPartnerInput = z.object({ endedOn: day });

/** A partner as the audit trail records it: its columns and its service area codes. */
async function snapshot(tx: Tx, id: number) {
  const partner = await tx.partner.findUnique({
    where: { id },
    include: { serviceAreas: { select: { serviceArea: { select: { code: true } } } } },
  });
  if (!partner) return null;
  const { serviceAreas, ...columns } = partner;
  return { ...columns, serviceAreaCodes: serviceAreas.map((link) => link.serviceArea.code).sort() };
}

/** Partner names are unique ignoring case ("Police" and "POLICE" are one partner): CONFLICT otherwise. */
async function assertNameFree(tx: Tx, name: string, except?: number): Promise<void> {
  // Partners are a short list (tens), and SQLite has no case-insensitive mode in Prisma: compare here.
  const all = await tx.partner.findMany({ select: { id: true, name: true } });
  const other = all.find((partner) => partner.id !== except && partner.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (other) throw new ConflictError(`A partner named "${other.name}" already exists`, { field: 'input.name', rule: 'DUPLICATE_NAME' });
}

/** The partner for a change: locked, read, kept by the viewer, at the client's revision. */
async function changeablePartner(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'Partner', target.id);
  const partner = found(await snapshot(tx, target.id), 'Partner', target.id);
  requirePartnerKeeper(viewer, partner.id, 'The partner');
  checkRevision('Partner', partner, target.expectedRevision);
  return partner;
}

/**
 * Make `codes` the partner's service areas. A service area belongs to one partner: one that
 * another partner runs is a CONFLICT, an unknown code NOT_FOUND.
 */
export async function setServiceAreas(tx: Tx, partnerId: number, codes: readonly string[]): Promise<void> {
  const areas = await tx.serviceArea.findMany({
    where: { code: { in: [...codes] } },
    select: { id: true, code: true, partnerLink: { select: { partnerId: true } } },
  });
  const missing = codes.find((code) => !areas.some((area) => area.code === code));
  if (missing !== undefined) throw new NotFoundError('Service area', missing);
  const taken = areas.find((area) => area.partnerLink && area.partnerLink.partnerId !== partnerId);
  if (taken) throw new ConflictError(`Service area "${taken.code}" belongs to another partner`, { field: 'input.serviceAreaCodes' });
  await tx.partnerServiceArea.deleteMany({ where: { partnerId, serviceAreaId: { notIn: areas.map((area) => area.id) } } });
  await tx.partnerServiceArea.createMany({
    data: areas.filter((area) => !area.partnerLink).map((area) => ({ partnerId, serviceAreaId: area.id })),
  });
}

export async function createPartner(db: RecordsClient, viewer: Viewer, input: CreatePartner): Promise<number> {
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const { serviceAreaCodes: codes, ...columns } = input;
    const partner = await tx.partner.create({ data: columns, select: { id: true } });
    if (codes) await setServiceAreas(tx, partner.id, codes);
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Partner', entityId: partner.id, after: await snapshot(tx, partner.id) });
    return partner.id;
  });
}

export async function updatePartner(db: RecordsClient, viewer: Viewer, target: Target, input: UpdatePartner): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeablePartner(tx, viewer, target);
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    const { serviceAreaCodes: codes, ...columns } = input;
    await tx.partner.update({ where: { id }, data: { ...columns, ...REVISE } });
    if (codes !== undefined) await setServiceAreas(tx, id, codes);
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Partner', entityId: id, before, after: await snapshot(tx, id) });
    return id;
  });
}

/** A partner leaves the partnership: its record stays, with the day it left. */
export async function endPartner(db: RecordsClient, viewer: Viewer, target: Target, endedOn: Date): Promise<number> {
  const { id } = target;
  return db.$transaction(async (tx) => {
    const before = await changeablePartner(tx, viewer, target);
    if (before.endedOn) throw new ConflictError(`The partner already left on ${before.endedOn.toISOString().slice(0, 10)}`);
    await tx.partner.update({ where: { id }, data: { endedOn, ...REVISE } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Partner', entityId: id, before, after: await snapshot(tx, id) });
    return id;
  });
}
