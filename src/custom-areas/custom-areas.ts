/**
 * Custom areas: a named area a signed-in user saves from the small areas of one geography version,
 * either as a list of small-area codes with weights (the share of each it takes, 0 < w <= 1) or as
 * a set of localities (resolved to their small areas with the weights the geography gives them).
 * It is shared like an intelligence item (src/sharing/visibility.ts): a custom area the viewer
 * cannot see is NOT_FOUND, exactly as a missing one, in every path.
 *
 * Every change is one transaction through the write boundary (src/writes/boundary.ts): the row
 * locked, read with the sharing rule, the revision checked, written with REVISE and audited with
 * the whole record before and after. Invalid input is BAD_USER_INPUT naming its field, and
 * nothing is written.
 *
 * Its profile is computed by the one profile query (src/statistics/profile.sql) with its membership
 * as a parameter: `membershipOf` gives that membership.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.js';
import { optionalText, text } from '../schema/input.js';
import { checkPartners, newSharing, registerSnapshot, sharingInput } from '../sharing/change.js';
import { authorPartnerOf, canEdit, visibleWhere } from '../sharing/visibility.js';
import type { CustomMembership } from '../statistics/profile.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

/** At most this many small areas in one custom area (England has about 33,800 LSOAs). */
export const MAX_SMALL_AREAS = 5000;

const smallAreaInput = z.object({
  code: z.string().trim().min(1, 'must not be blank'),
  weight: z.number().gt(0, 'must be more than 0').lte(1, 'must be at most 1').default(1),
});

/** The membership as inputs carry it: small areas with weights, or localities (one of the two). */
const membership = {
  smallAreas: z.array(smallAreaInput).max(MAX_SMALL_AREAS, `names at most ${MAX_SMALL_AREAS} small areas`).optional(),
  localityCodes: z.array(z.string().trim().min(1, 'must not be blank')).max(200, 'names at most 200 localities').optional(),
  geographyVersion: z.string().trim().min(1).nullish(),
};

type MembershipInput = { smallAreas?: { code: string; weight: number }[]; localityCodes?: string[] };

function checkMembership(input: MembershipInput, ctx: z.RefinementCtx, required: boolean): void {
  const given = [input.smallAreas !== undefined, input.localityCodes !== undefined].filter(Boolean).length;
  if (given > 1) {
    ctx.addIssue({ code: 'custom', path: ['localityCodes'], message: 'give either smallAreas or localityCodes, not both' });
    return;
  }
  if (given === 0) {
    if (required) ctx.addIssue({ code: 'custom', path: ['smallAreas'], message: 'name at least one small area (or give localityCodes)' });
    return;
  }
  if (input.smallAreas !== undefined && input.smallAreas.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['smallAreas'], message: 'an area needs at least one small area' });
  }
  if (input.localityCodes !== undefined && input.localityCodes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['localityCodes'], message: 'an area needs at least one locality' });
  }
  const seen = new Set<string>();
  input.smallAreas?.forEach((area, i) => {
    if (seen.has(area.code)) ctx.addIssue({ code: 'custom', path: ['smallAreas', i, 'code'], message: `${area.code} is named twice` });
    seen.add(area.code);
  });
}

export const createCustomAreaInput = z
  .object({ name: text(200), description: optionalText(2000), ...membership, ...sharingInput })
  .superRefine((input, ctx) => checkMembership(input, ctx, true));
export type CreateCustomArea = z.output<typeof createCustomAreaInput>;

export const updateCustomAreaInput = z
  .object({ name: text(200).optional(), description: optionalText(2000), ...membership })
  .superRefine((input, ctx) => {
    checkMembership(input, ctx, false);
    if (input.geographyVersion && input.smallAreas === undefined && input.localityCodes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['geographyVersion'], message: 'a new geography version needs the area’s smallAreas or localityCodes again' });
    }
  });
export type UpdateCustomArea = z.output<typeof updateCustomAreaInput>;

interface ResolvedMembers {
  basis: 'SMALL_AREAS' | 'LOCALITIES';
  members: { smallAreaId: number; weight: number }[];
  localityIds: number[];
}

/**
 * The small areas of `versionId` the input names, with their weights; for localities, each of
 * their small areas with the weight the version gives it (summed over the localities named, a
 * small area split between two of them counting whole). BAD_USER_INPUT naming the unknown codes.
 */
async function resolveMembers(db: Db, versionId: string, input: MembershipInput): Promise<ResolvedMembers> {
  if (input.smallAreas !== undefined) {
    const codes = input.smallAreas.map((area) => area.code);
    const found = await db.smallArea.findMany({
      where: { code: { in: codes }, weights: { some: { versionId } } },
      select: { id: true, code: true },
    });
    const ids = new Map(found.map((row) => [row.code, row.id]));
    const unknown = codes.filter((code) => !ids.has(code));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
      throw new BadUserInputError(`input.smallAreas: no small area ${shown} in geography version ${versionId}`, { field: 'input.smallAreas' });
    }
    return { basis: 'SMALL_AREAS', members: input.smallAreas.map((area) => ({ smallAreaId: ids.get(area.code)!, weight: area.weight })), localityIds: [] };
  }
  const codes = [...new Set(input.localityCodes ?? [])];
  const localities = await db.locality.findMany({
    where: { code: { in: codes }, versions: { some: { versionId } } },
    select: { id: true, code: true },
  });
  const unknown = codes.filter((code) => !localities.some((l) => l.code === code));
  if (unknown.length > 0) {
    throw new BadUserInputError(`input.localityCodes: no locality ${unknown.join(', ')} in geography version ${versionId}`, { field: 'input.localityCodes' });
  }
  const weights = await db.smallAreaWeight.findMany({
    where: { versionId, localityId: { in: localities.map((l) => l.id) } },
    select: { smallAreaId: true, weight: true },
  });
  const sums = new Map<number, number>();
  for (const row of weights) sums.set(row.smallAreaId, (sums.get(row.smallAreaId) ?? 0) + row.weight);
  return {
    basis: 'LOCALITIES',
    // Weights of a small area sum to 1 up to rounding: never more than the whole of it.
    members: [...sums].map(([smallAreaId, weight]) => ({ smallAreaId, weight: Math.min(1, weight) })),
    localityIds: localities.map((l) => l.id).sort((a, b) => a - b),
  };
}

async function checkVersion(db: Db, versionId: string): Promise<void> {
  const found = await db.geographyVersion.findUnique({ where: { id: versionId }, select: { id: true } });
  if (!found) throw new BadUserInputError(`input.geographyVersion: there is no geography version ${versionId}`, { field: 'input.geographyVersion' });
}

const SNAPSHOT = {
  id: true,
  revision: true,
  name: true,
  description: true,
  versionId: true,
  basis: true,
  sharingLevel: true,
  authorPartnerId: true,
  authorPersonId: true,
  members: { select: { weight: true, smallArea: { select: { code: true } } }, orderBy: { smallArea: { code: 'asc' } } },
  localities: { select: { locality: { select: { code: true } } }, orderBy: { locality: { code: 'asc' } } },
  sharedWith: { select: { partnerId: true }, orderBy: { partnerId: 'asc' } },
} as const;

async function snapshot(tx: Tx, id: number) {
  const row = await tx.customArea.findUniqueOrThrow({ where: { id }, select: SNAPSHOT });
  return {
    ...row,
    members: row.members.map((m) => ({ code: m.smallArea.code, weight: m.weight })),
    localities: row.localities.map((l) => l.locality.code),
  };
}
registerSnapshot('CustomArea', snapshot);

/** Save a new custom area (any signed-in viewer with a partner); returns its id. */
export async function createCustomArea(prisma: RecordsClient, viewer: Viewer, defaultVersionId: string, input: CreateCustomArea): Promise<number> {
  const authorPartnerId = authorPartnerOf(viewer);
  const versionId = input.geographyVersion ?? defaultVersionId;
  return prisma.$transaction(async (tx) => {
    await checkVersion(tx, versionId);
    const resolved = await resolveMembers(tx, versionId, input);
    const partners = await checkPartners(tx, input.sharedWithPartnerIds);
    const area = await tx.customArea.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        versionId,
        basis: resolved.basis,
        ...newSharing(viewer, authorPartnerId, input.sharingLevel, partners),
        members: { create: resolved.members },
        localities: { create: resolved.localityIds.map((localityId) => ({ localityId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'CustomArea', entityId: area.id, after: await snapshot(tx, area.id) });
    return area.id;
  });
}

/**
 * Who may change or delete a custom area: the person who saved it, or whoever may edit its
 * partner's shared records (canEdit: an ADMIN, a CONTRIBUTOR or LOCALITY_LEAD of that partner).
 */
export function mayChange(viewer: Viewer, area: { authorPartnerId: number; authorPersonId: number | null }): boolean {
  if (viewer.personId !== null && viewer.personId === area.authorPersonId) return true;
  return canEdit(viewer, { authorPartnerId: area.authorPartnerId, localityCodes: [] });
}

/** The area locked and read in the write transaction: NOT_FOUND when hidden or missing, FORBIDDEN, or CONFLICT when stale. */
async function changeable(tx: Tx, viewer: Viewer, target: Target) {
  await lockRecord(tx, 'CustomArea', target.id);
  const row = await tx.customArea.findFirst({
    where: { id: target.id, AND: [visibleWhere(viewer)] },
    select: { id: true, revision: true, versionId: true, authorPartnerId: true, authorPersonId: true },
  });
  if (!row) throw new NotFoundError('CustomArea', String(target.id));
  if (!mayChange(viewer, row)) throw new ForbiddenError('Only the person who saved this custom area, a CONTRIBUTOR or LOCALITY_LEAD of its partner, or an ADMIN may change it');
  checkRevision('CustomArea', row, target.expectedRevision);
  return row;
}

export async function updateCustomArea(prisma: RecordsClient, viewer: Viewer, target: Target, input: UpdateCustomArea): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const current = await changeable(tx, viewer, target);
    const before = await snapshot(tx, target.id);
    const versionId = input.geographyVersion ?? current.versionId;
    if (input.geographyVersion) await checkVersion(tx, versionId);
    const resolved = input.smallAreas === undefined && input.localityCodes === undefined ? null : await resolveMembers(tx, versionId, input);
    await tx.customArea.update({
      where: { id: target.id },
      data: {
        name: input.name,
        description: input.description,
        ...REVISE,
        ...(resolved === null
          ? {}
          : {
              versionId,
              basis: resolved.basis,
              members: { deleteMany: {}, create: resolved.members },
              localities: { deleteMany: {}, create: resolved.localityIds.map((localityId) => ({ localityId })) },
            }),
      },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'CustomArea', entityId: target.id, before, after: await snapshot(tx, target.id) });
  });
}

export async function deleteCustomArea(prisma: RecordsClient, viewer: Viewer, target: Target): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await changeable(tx, viewer, target);
    const before = await snapshot(tx, target.id);
    await tx.customArea.delete({ where: { id: target.id } });
    await recordAudit(tx, viewer, { action: 'DELETE', entity: 'CustomArea', entityId: target.id, before });
  });
}

/**
 * A custom area as the profile query takes it: its small areas and weights (by code), and the
 * localities it is exactly made of, if any (for disclosure control, disclosure.ts rule 5): the
 * localities it was built from, or, for a list of small areas, the localities its small areas
 * touch when every small area of those localities is in it with exactly their weights.
 */
export async function membershipOf(db: Db, area: { id: number; versionId: string }): Promise<CustomMembership> {
  const [members, built] = await Promise.all([
    db.customAreaMember.findMany({ where: { customAreaId: area.id }, select: { smallAreaId: true, weight: true, smallArea: { select: { code: true } } } }),
    db.customAreaLocality.findMany({ where: { customAreaId: area.id }, select: { locality: { select: { code: true } } } }),
  ]);
  members.sort((a, b) => (a.smallArea.code < b.smallArea.code ? -1 : a.smallArea.code > b.smallArea.code ? 1 : 0));
  const codes = members.map((m) => m.smallArea.code);
  const weights = members.map((m) => m.weight);
  if (built.length > 0) return { codes, weights, localities: built.map((l) => l.locality.code).sort() };
  const touched = await db.smallAreaWeight.findMany({
    where: { versionId: area.versionId, smallAreaId: { in: members.map((m) => m.smallAreaId) } },
    select: { localityId: true },
    distinct: ['localityId'],
  });
  const parts = await db.smallAreaWeight.findMany({
    where: { versionId: area.versionId, localityId: { in: touched.map((row) => row.localityId) } },
    select: { smallAreaId: true, weight: true, locality: { select: { code: true } } },
  });
  const given = new Map(members.map((m) => [m.smallAreaId, m.weight]));
  // The localities it holds whole: each of their small areas in it with at least their share.
  const held = new Set(
    [...new Set(parts.map((part) => part.locality.code))].filter((code) =>
      parts.every((part) => part.locality.code !== code || (given.get(part.smallAreaId) ?? 0) >= part.weight - 1e-9),
    ),
  );
  // Exactly those: every small area's weight is the sum of its shares in them.
  const expected = new Map<number, number>();
  for (const part of parts) if (held.has(part.locality.code)) expected.set(part.smallAreaId, (expected.get(part.smallAreaId) ?? 0) + part.weight);
  const exact =
    held.size > 0 && expected.size === given.size && [...given].every(([id, weight]) => Math.abs(Math.min(1, expected.get(id) ?? 0) - weight) < 1e-9);
  return { codes, weights, localities: exact ? [...held].sort() : null };
}
