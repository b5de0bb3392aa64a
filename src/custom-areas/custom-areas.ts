/**
 * Custom areas: a named area a signed-in user saves from the small areas of one geography version,
 * as a list of small-area codes with weights (the share of each it takes, 0 < w <= 1), as a set of
 * localities (resolved to their small areas with the weights the geography gives them), as a set
 * of electoral wards, or as a set of civil parishes.
 *
 * Wards and parishes are approximations, since small areas (LSOAs) follow neither boundary: a ward
 * is the small areas whose ONS best-fit ward it is (the ward holding most of each LSOA's
 * population), whole; a set of parishes is the wards they make up (ONS parish-to-ward lookup), so
 * it must name every parish of each ward it touches (one rural parish alone is a part of a ward,
 * which no set of LSOAs represents, and is refused rather than silently widened).
 * It is shared like an intelligence item (src/sharing/visibility.ts): a custom area the viewer
 * cannot see is NOT_FOUND, exactly as a missing one, in every path.
 *
 * Every change is one transaction through the write boundary (src/writes/boundary.ts): the row
 * locked, read with the sharing rule, the revision checked, written with REVISE and audited with
 * the whole record before and after. Invalid input is BAD_USER_INPUT naming its field, and
 * nothing is written.
 *
 * Its profile is computed by the one profile query (src/statistics/profile.sql) with its membership
 * as a parameter: `membershipsOf` gives the memberships of any number of areas at once, and
 * ./profile-loader.ts profiles the custom areas of a request together.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors.js';
import { optionalText, text } from '../schema/input.js';
import { registerSnapshot, sharingInput } from '../sharing/change.js';
import { newShareable } from '../sharing/shareable.js';
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

const codes = (what: string, most: number) => z.array(z.string().trim().min(1, 'must not be blank')).max(most, `names at most ${most} ${what}`).optional();

/** The membership as inputs carry it: small areas with weights, localities, wards or parishes (one of them). */
const membership = {
  smallAreas: z.array(smallAreaInput).max(MAX_SMALL_AREAS, `names at most ${MAX_SMALL_AREAS} small areas`).optional(),
  localityCodes: codes('localities', 200),
  wardCodes: codes('wards', 2000),
  parishCodes: codes('parishes', 5000),
  geographyVersion: z.string().trim().min(1).nullish(),
};

type MembershipInput = { smallAreas?: { code: string; weight: number }[]; localityCodes?: string[]; wardCodes?: string[]; parishCodes?: string[] };

/** The four ways of giving a membership, by input field, and what one member is called. */
const MEMBERSHIP_FIELDS = { smallAreas: 'small area', localityCodes: 'locality', wardCodes: 'ward', parishCodes: 'parish' } as const;

const givenFields = (input: MembershipInput) => (Object.keys(MEMBERSHIP_FIELDS) as (keyof typeof MEMBERSHIP_FIELDS)[]).filter((field) => input[field] !== undefined);

function checkMembership(input: MembershipInput, ctx: z.RefinementCtx, required: boolean): void {
  const given = givenFields(input);
  if (given.length > 1) {
    ctx.addIssue({ code: 'custom', path: [given[1]!], message: `give one of smallAreas, localityCodes, wardCodes or parishCodes, not ${given.join(' and ')}` });
    return;
  }
  if (given.length === 0) {
    if (required) ctx.addIssue({ code: 'custom', path: ['smallAreas'], message: 'name at least one small area (or give localityCodes, wardCodes or parishCodes)' });
    return;
  }
  const field = given[0]!;
  if (input[field]!.length === 0) ctx.addIssue({ code: 'custom', path: [field], message: `an area needs at least one ${MEMBERSHIP_FIELDS[field]}` });
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
    if (input.geographyVersion && givenFields(input).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['geographyVersion'], message: 'a new geography version needs the area’s smallAreas, localityCodes, wardCodes or parishCodes again' });
    }
  });
export type UpdateCustomArea = z.output<typeof updateCustomAreaInput>;

interface ResolvedMembers {
  basis: 'SMALL_AREAS' | 'LOCALITIES' | 'WARDS' | 'PARISHES';
  members: { smallAreaId: number; weight: number }[];
  /** What it was built from (ids), by basis; empty for the others. */
  localityIds: number[];
  wardIds: number[];
  parishIds: number[];
}

const BUILT_FROM_NOTHING = { localityIds: [], wardIds: [], parishIds: [] };

/** BAD_USER_INPUT on `field` naming (up to ten of) the unknown codes. */
function unknownCodes(field: string, what: string, unknown: string[], versionId: string): BadUserInputError {
  const shown = unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
  return new BadUserInputError(`input.${field}: no ${what} ${shown} in geography version ${versionId}`, { field: `input.${field}` });
}

/** Each small area of the wards, whole (by the version's best-fit lookup). */
async function smallAreasOfWards(db: Db, versionId: string, wardIds: number[]) {
  const rows = await db.wardSmallArea.findMany({ where: { versionId, wardId: { in: wardIds } }, select: { smallAreaId: true } });
  return rows.map((row) => ({ smallAreaId: row.smallAreaId, weight: 1 }));
}

/**
 * The wards a set of parishes makes up: every ward one of them lies in, refused (BAD_USER_INPUT
 * on input.parishCodes) when such a ward also holds a parish not named.
 */
async function wardsOfParishes(db: Db, versionId: string, parishIds: number[]): Promise<number[]> {
  const touched = await db.parishWard.findMany({ where: { versionId, parishId: { in: parishIds } }, select: { wardId: true }, distinct: ['wardId'] });
  const wardIds = touched.map((row) => row.wardId);
  const pieces = await db.parishWard.findMany({
    where: { versionId, wardId: { in: wardIds } },
    select: { parishId: true, parish: { select: { name: true } }, ward: { select: { code: true, name: true } } },
  });
  const named = new Set(parishIds);
  const missing = new Map<string, string[]>();
  for (const piece of pieces) {
    if (named.has(piece.parishId)) continue;
    const ward = `${piece.ward.name} (${piece.ward.code})`;
    missing.set(ward, [...(missing.get(ward) ?? []), piece.parish.name]);
  }
  if (missing.size > 0) {
    const shown = [...missing].slice(0, 5).map(([ward, parishes]) => `${ward} also holds ${parishes.sort().join(', ')}`).join('; ');
    throw new BadUserInputError(
      `input.parishCodes: small areas follow wards, not parishes, so an area built from parishes must make up whole wards: ${shown}${missing.size > 5 ? ` and ${missing.size - 5} more wards` : ''}. Name those parishes too, or give wardCodes or smallAreas`,
      { field: 'input.parishCodes' },
    );
  }
  return wardIds;
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
    if (unknown.length > 0) throw unknownCodes('smallAreas', 'small area', unknown, versionId);
    return { basis: 'SMALL_AREAS', members: input.smallAreas.map((area) => ({ smallAreaId: ids.get(area.code)!, weight: area.weight })), ...BUILT_FROM_NOTHING };
  }
  if (input.wardCodes !== undefined) {
    const codes = [...new Set(input.wardCodes)];
    // A ward of the version is one some small area best fits.
    const wards = await db.ward.findMany({ where: { code: { in: codes }, smallAreas: { some: { versionId } } }, select: { id: true, code: true } });
    const unknown = codes.filter((code) => !wards.some((w) => w.code === code));
    if (unknown.length > 0) throw unknownCodes('wardCodes', 'ward', unknown, versionId);
    const wardIds = wards.map((w) => w.id).sort((a, b) => a - b);
    return { basis: 'WARDS', members: await smallAreasOfWards(db, versionId, wardIds), ...BUILT_FROM_NOTHING, wardIds };
  }
  if (input.parishCodes !== undefined) {
    const codes = [...new Set(input.parishCodes)];
    const parishes = await db.parish.findMany({ where: { code: { in: codes }, wards: { some: { versionId } } }, select: { id: true, code: true } });
    const unknown = codes.filter((code) => !parishes.some((p) => p.code === code));
    if (unknown.length > 0) throw unknownCodes('parishCodes', 'parish', unknown, versionId);
    const parishIds = parishes.map((p) => p.id).sort((a, b) => a - b);
    const wardIds = await wardsOfParishes(db, versionId, parishIds);
    return { basis: 'PARISHES', members: await smallAreasOfWards(db, versionId, wardIds), ...BUILT_FROM_NOTHING, parishIds };
  }
  const codes = [...new Set(input.localityCodes ?? [])];
  const localities = await db.locality.findMany({
    where: { code: { in: codes }, versions: { some: { versionId } } },
    select: { id: true, code: true },
  });
  const unknown = codes.filter((code) => !localities.some((l) => l.code === code));
  if (unknown.length > 0) throw unknownCodes('localityCodes', 'locality', unknown, versionId);
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
    ...BUILT_FROM_NOTHING,
    localityIds: localities.map((l) => l.id).sort((a, b) => a - b),
  };
}

/** The links to what a custom area was built from, as Prisma nested writes. */
const builtFrom = (resolved: ResolvedMembers) => ({
  members: { create: resolved.members },
  localities: { create: resolved.localityIds.map((localityId) => ({ localityId })) },
  wards: { create: resolved.wardIds.map((wardId) => ({ wardId })) },
  parishes: { create: resolved.parishIds.map((parishId) => ({ parishId })) },
});

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
  wards: { select: { ward: { select: { code: true } } }, orderBy: { ward: { code: 'asc' } } },
  parishes: { select: { parish: { select: { code: true } } }, orderBy: { parish: { code: 'asc' } } },
  sharedWith: { select: { partnerId: true }, orderBy: { partnerId: 'asc' } },
} as const;

async function snapshot(tx: Tx, id: number) {
  const row = await tx.customArea.findUniqueOrThrow({ where: { id }, select: SNAPSHOT });
  return {
    ...row,
    members: row.members.map((m) => ({ code: m.smallArea.code, weight: m.weight })),
    localities: row.localities.map((l) => l.locality.code),
    wards: row.wards.map((w) => w.ward.code),
    parishes: row.parishes.map((p) => p.parish.code),
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
    const sharing = await newShareable(tx, viewer, authorPartnerId, input);
    const area = await tx.customArea.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        versionId,
        basis: resolved.basis,
        ...sharing,
        ...builtFrom(resolved),
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
    const resolved = givenFields(input).length === 0 ? null : await resolveMembers(tx, versionId, input);
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
              ...Object.fromEntries(Object.entries(builtFrom(resolved)).map(([link, write]) => [link, { deleteMany: {}, ...write }])),
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
 * Custom areas as the profile query takes them, by id: each one's small areas and weights (by
 * code), and the localities it is exactly made of, if any (for disclosure control, disclosure.ts
 * rule 5): the localities it was built from, or, for any other basis, the localities its small
 * areas touch when every small area of those localities is in it with exactly their weights.
 * Batch-shaped: four record-store reads whatever the number of areas.
 */
export async function membershipsOf(db: Db, areas: readonly { id: number; versionId: string }[]): Promise<Map<number, CustomMembership>> {
  const ids = areas.map((area) => area.id);
  const [members, built] = await Promise.all([
    db.customAreaMember.findMany({
      where: { customAreaId: { in: ids } },
      select: { customAreaId: true, smallAreaId: true, weight: true, smallArea: { select: { code: true } } },
    }),
    db.customAreaLocality.findMany({ where: { customAreaId: { in: ids } }, select: { customAreaId: true, locality: { select: { code: true } } } }),
  ]);
  const membersOf = groupBy(members, (m) => m.customAreaId);
  const builtOf = groupBy(built, (b) => b.customAreaId);
  // The areas not built from localities, by version: the localities their small areas touch, and all those localities' parts.
  const open = areas.filter((area) => !builtOf.has(area.id));
  const byVersion = groupBy(open, (area) => area.versionId);
  const where = (select: (version: string, areas: readonly { id: number }[]) => object) =>
    [...byVersion].map(([versionId, list]) => ({ versionId, ...select(versionId, list) }));
  const touched = open.length === 0
    ? []
    : await db.smallAreaWeight.findMany({
        where: { OR: where((_v, list) => ({ smallAreaId: { in: list.flatMap((area) => (membersOf.get(area.id) ?? []).map((m) => m.smallAreaId)) } })) },
        select: { versionId: true, localityId: true },
        distinct: ['versionId', 'localityId'],
      });
  const touchedOf = groupBy(touched, (row) => row.versionId);
  const parts = touched.length === 0
    ? []
    : await db.smallAreaWeight.findMany({
        where: { OR: where((version) => ({ localityId: { in: (touchedOf.get(version) ?? []).map((row) => row.localityId) } })) },
        select: { versionId: true, smallAreaId: true, weight: true, locality: { select: { code: true } } },
      });
  const partsOf = groupBy(parts, (part) => part.versionId);

  const result = new Map<number, CustomMembership>();
  for (const area of areas) {
    const own = [...(membersOf.get(area.id) ?? [])].sort((a, b) => (a.smallArea.code < b.smallArea.code ? -1 : a.smallArea.code > b.smallArea.code ? 1 : 0));
    const codes = own.map((m) => m.smallArea.code);
    const weights = own.map((m) => m.weight);
    const from = builtOf.get(area.id);
    const localities = from ? from.map((l) => l.locality.code).sort() : exactLocalities(own, partsOf.get(area.versionId) ?? []);
    result.set(area.id, { codes, weights, localities });
  }
  return result;
}

/** The localities a set of small areas (with weights) makes up exactly, or null. */
function exactLocalities(
  members: readonly { smallAreaId: number; weight: number }[],
  versionParts: readonly { smallAreaId: number; weight: number; locality: { code: string } }[],
): string[] | null {
  const given = new Map(members.map((m) => [m.smallAreaId, m.weight]));
  // Only the localities its small areas touch.
  const touched = new Set(versionParts.filter((part) => given.has(part.smallAreaId)).map((part) => part.locality.code));
  const parts = versionParts.filter((part) => touched.has(part.locality.code));
  // The localities it holds whole: each of their small areas in it with at least their share.
  const held = new Set(
    [...touched].filter((code) => parts.every((part) => part.locality.code !== code || (given.get(part.smallAreaId) ?? 0) >= part.weight - 1e-9)),
  );
  // Exactly those: every small area's weight is the sum of its shares in them.
  const expected = new Map<number, number>();
  for (const part of parts) if (held.has(part.locality.code)) expected.set(part.smallAreaId, (expected.get(part.smallAreaId) ?? 0) + part.weight);
  const exact =
    held.size > 0 && expected.size === given.size && [...given].every(([id, weight]) => Math.abs(Math.min(1, expected.get(id) ?? 0) - weight) < 1e-9);
  return exact ? [...held].sort() : null;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
