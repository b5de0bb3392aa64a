/**
 * The community asset register (asset-based community development): buildings, groups,
 * associations, services, green spaces, skills and networks a locality has, owned by the
 * community or by a partner. Any signed-in partner (CONTRIBUTOR and up) may add to it; sharing as
 * for every shareable record (src/sharing/visibility.ts).
 *
 * A parish, when given, must lie in the asset's locality in the current geography version.
 */
import { checkPastDay, checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError } from '../errors.js';
import { globalId, optionalText, text, day } from '../schema/input.js';
import { localityFromInput } from '../geography/localities.js';
import { checkPartners, editableOrThrow, sharingInput, registerSnapshot } from '../sharing/change.js';
import { newShareable, SHARING_COLUMNS } from '../sharing/shareable.js';
import { authorPartnerOf, visibleById } from '../sharing/visibility.js';
import { searchTextOf } from '../sharing/search.js';

export const ASSET_KINDS = ['BUILDING', 'GROUP', 'ASSOCIATION', 'SERVICE', 'GREEN_SPACE', 'SKILL_OR_NETWORK'] as const;

export const createAssetInput = z.object({
  name: text(200),
  kind: z.enum(ASSET_KINDS),
  localityCode: z.string().trim().min(1, 'must not be blank'),
  parishCode: z.string().trim().min(1).nullish(),
  contact: optionalText(500),
  ownerPartnerId: globalId('Partner').nullish(),
  description: optionalText(5000),
  ...sharingInput,
});
export type CreateAsset = z.output<typeof createAssetInput>;

export const updateAssetInput = z.object({
  name: text(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  parishCode: z.string().trim().min(1).nullish(),
  contact: optionalText(500),
  ownerPartnerId: globalId('Partner').nullish(),
  description: optionalText(5000),
  closedOn: day.nullish(),
});
export type UpdateAsset = z.output<typeof updateAssetInput>;

const SNAPSHOT = {
  id: true,
  revision: true,
  name: true,
  kind: true,
  localityId: true,
  parishId: true,
  contact: true,
  ownerPartnerId: true,
  description: true,
  closedOn: true,
  ...SHARING_COLUMNS,
  locality: { select: { code: true } },
} as const;

registerSnapshot('CommunityAsset', (tx, id) => tx.communityAsset.findUniqueOrThrow({ where: { id }, select: SNAPSHOT }));

/** The parish by code, which must lie in the locality in the current geography (BAD_USER_INPUT otherwise). */
async function parishIn(tx: Tx, versionId: string, localityId: number, parishCode: string): Promise<number> {
  const parish = await tx.parish.findUnique({
    where: { code: parishCode },
    select: { id: true, assignments: { where: { versionId }, select: { localityId: true } } },
  });
  if (!parish) throw new BadUserInputError(`input.parishCode: no parish ${parishCode}`, { field: 'input.parishCode' });
  if (!parish.assignments.some((a) => a.localityId === localityId)) {
    throw new BadUserInputError(`input.parishCode: parish ${parishCode} is not in the asset's locality`, { field: 'input.parishCode' });
  }
  return parish.id;
}

async function ownerExists(tx: Tx, ownerPartnerId: number | null | undefined): Promise<void> {
  if (ownerPartnerId) await checkPartners(tx, [ownerPartnerId], 'input.ownerPartnerId');
}

export async function createAsset(prisma: RecordsClient, viewer: Viewer, versionId: string, input: CreateAsset): Promise<number> {
  const authorPartnerId = authorPartnerOf(viewer);
  return prisma.$transaction(async (tx) => {
    const locality = await localityFromInput(tx, input.localityCode);
    const parishId = input.parishCode ? await parishIn(tx, versionId, locality.id, input.parishCode) : null;
    await ownerExists(tx, input.ownerPartnerId);
    const sharing = await newShareable(tx, viewer, authorPartnerId, input);
    const asset = await tx.communityAsset.create({
      data: {
        name: input.name,
        kind: input.kind,
        localityId: locality.id,
        parishId,
        contact: input.contact ?? null,
        ownerPartnerId: input.ownerPartnerId ?? null,
        description: input.description ?? null,
        searchText: searchTextOf(input.name, input.description),
        ...sharing,
      },
      select: SNAPSHOT,
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'CommunityAsset', entityId: asset.id, after: asset });
    return asset.id;
  });
}

export async function updateAsset(prisma: RecordsClient, viewer: Viewer, versionId: string, target: Target, input: UpdateAsset): Promise<void> {
  const { id } = target;
  checkPastDay(input.closedOn, 'input.closedOn');
  await prisma.$transaction(async (tx) => {
    await lockRecord(tx, 'CommunityAsset', id);
    const row = await tx.communityAsset.findFirst({ where: visibleById(viewer, id), select: SNAPSHOT });
    const before = editableOrThrow(viewer, 'CommunityAsset', id, row, (asset) => [asset.locality.code]);
    checkRevision('CommunityAsset', before, target.expectedRevision);
    const parishId =
      input.parishCode === undefined ? undefined : input.parishCode === null ? null : await parishIn(tx, versionId, before.localityId, input.parishCode);
    await ownerExists(tx, input.ownerPartnerId);
    const name = input.name ?? before.name;
    const description = input.description === undefined ? before.description : input.description;
    const after = await tx.communityAsset.update({
      where: { id },
      data: {
        name,
        kind: input.kind,
        parishId,
        contact: input.contact,
        ownerPartnerId: input.ownerPartnerId,
        description,
        closedOn: input.closedOn,
        searchText: searchTextOf(name, description),
        ...REVISE,
      },
      select: SNAPSHOT,
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'CommunityAsset', entityId: id, before, after });
  });
}
