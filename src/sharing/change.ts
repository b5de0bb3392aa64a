/**
 * Who an item is shared with: validating a sharing choice, and changing it on any shareable
 * record. The four shareable models hold the rule's fields under the same names (`sharingLevel`,
 * `authorPartnerId`, `sharedWith` of `{ partnerId }`), so one function serves them all.
 *
 * Only the item's author's partner or an ADMIN may change it (canChangeSharing); the change is one
 * transaction with its SHARING_CHANGE audit event (before and after). An item the viewer cannot
 * see is NOT_FOUND, exactly as a missing one.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import { ForbiddenError, NotFoundError, BadUserInputError } from '../errors.js';
import { globalId } from '../schema/input.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import type { SharingLevel } from '../generated/prisma/sqlite/enums.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';
import { canChangeSharing, canEdit, SHARING_LEVELS, visibleById } from './visibility.js';

/** A sharing choice as inputs carry it. */
export const sharingInput = {
  sharingLevel: z.enum(SHARING_LEVELS).nullish().transform((level) => level ?? 'PARTNERSHIP'),
  sharedWithPartnerIds: z
    .array(globalId('Partner'))
    .max(100, 'names at most 100 partners')
    .nullish()
    .transform((ids) => ids ?? []),
};
export const sharingChange = z.object({
  sharingLevel: z.enum(SHARING_LEVELS),
  sharedWithPartnerIds: z
    .array(globalId('Partner'))
    .max(100, 'names at most 100 partners')
    .nullish()
    .transform((ids) => ids ?? []),
});

/** The named partners exist (one query); BAD_USER_INPUT naming the field otherwise. */
export async function checkPartners(db: Db, partnerIds: readonly number[], field = 'input.sharedWithPartnerIds'): Promise<number[]> {
  const unique = [...new Set(partnerIds)];
  if (unique.length === 0) return [];
  const found = await db.partner.findMany({ where: { id: { in: unique } }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((p) => p.id === id));
  if (missing.length > 0) throw new BadUserInputError(`${field}: no partner with id ${missing.join(', ')}`, { field });
  return unique.sort((a, b) => a - b);
}

/** The GraphQL type names of the shareable records and their Prisma delegates. */
export const SHAREABLE = {
  IntelligenceItem: 'intelligenceItem',
  CommunityAsset: 'communityAsset',
  Issue: 'issue',
  Action: 'action',
  FundContribution: 'fundContribution',
  CustomArea: 'customArea',
} as const;
export type ShareableEntity = keyof typeof SHAREABLE;

interface SharingRow {
  id: number;
  revision: number;
  sharingLevel: SharingLevel;
  authorPartnerId: number;
  sharedWith: { partnerId: number }[];
}

/** The slice of a shareable model's delegate this module uses (all four have it). */
interface ShareableDelegate {
  findFirst(args: { where: object; select: object }): Promise<SharingRow | null>;
  update(args: { where: { id: number }; data: object; select: object }): Promise<SharingRow>;
}

const SELECT = { id: true, revision: true, sharingLevel: true, authorPartnerId: true, sharedWith: { select: { partnerId: true }, orderBy: { partnerId: 'asc' } } };

function delegate(tx: Tx, entity: ShareableEntity): ShareableDelegate {
  return tx[SHAREABLE[entity]] as unknown as ShareableDelegate;
}

/**
 * Each shareable record's audit snapshot, registered by its own module (items, assets, issues,
 * actions), so a SHARING_CHANGE event carries the same whole record as that record's other
 * events, and each event's `before` is exactly the previous event's `after`.
 */
const snapshots = new Map<ShareableEntity, (tx: Tx, id: number) => Promise<unknown>>();

/** Entities seen under a narrower rule than their own sharing (an action: only where its issue is seen too). */
const visibility = new Map<ShareableEntity, (viewer: Viewer) => object>();

/**
 * Register an entity's audit snapshot and, where it is narrower than `visibleWhere`, its
 * visibility rule, so changeSharing finds the record exactly as its reads do (hidden = missing).
 */
export function registerSnapshot(
  entity: ShareableEntity,
  snapshot: (tx: Tx, id: number) => Promise<unknown>,
  visible?: (viewer: Viewer) => object,
): void {
  snapshots.set(entity, snapshot);
  if (visible) visibility.set(entity, visible);
}

export async function changeSharing(
  prisma: RecordsClient,
  viewer: Viewer,
  entity: ShareableEntity,
  target: Target,
  change: z.output<typeof sharingChange>,
): Promise<void> {
  const { id } = target;
  const snapshot = snapshots.get(entity);
  if (!snapshot) throw new Error(`no audit snapshot registered for ${entity}`);
  await prisma.$transaction(async (tx) => {
    await lockRecord(tx, entity, id);
    const row = await delegate(tx, entity).findFirst({ where: visibleById(viewer, id, visibility.get(entity)), select: SELECT });
    if (!row) throw new NotFoundError(entity, String(id));
    if (!canChangeSharing(viewer, row)) {
      throw new ForbiddenError(`Only a CONTRIBUTOR or LOCALITY_LEAD of the ${entity}'s author's partner, or an ADMIN, may change who sees it`);
    }
    checkRevision(entity, row, target.expectedRevision);
    const before = await snapshot(tx, id);
    const partnerIds = await checkPartners(tx, change.sharedWithPartnerIds);
    await delegate(tx, entity).update({
      where: { id },
      data: { sharingLevel: change.sharingLevel, sharedWith: { deleteMany: {}, create: partnerIds.map((partnerId) => ({ partnerId })) }, ...REVISE },
      select: SELECT,
    });
    await recordAudit(tx, viewer, { action: 'SHARING_CHANGE', entity, entityId: id, before, after: await snapshot(tx, id) });
  });
}

/**
 * A record about to be changed, loaded with visibleWhere: NOT_FOUND when the viewer cannot see it
 * (as when it does not exist), FORBIDDEN when they can see it but canEdit says no.
 */
export function editableOrThrow<T extends { authorPartnerId: number }>(
  viewer: Viewer,
  entity: ShareableEntity,
  id: number,
  row: T | null,
  localityCodes: (row: T) => readonly string[],
): T {
  if (!row) throw new NotFoundError(entity, String(id));
  if (!canEdit(viewer, { authorPartnerId: row.authorPartnerId, localityCodes: localityCodes(row) })) {
    throw new ForbiddenError(`Only the ${entity}'s author's partner, the lead of its locality or an ADMIN may change it`);
  }
  return row;
}
