/**
 * The shareable record, written once: what every record shared at a sharing level (an
 * intelligence item, a community asset, an issue, an action, a fund contribution, a custom area)
 * holds in the record store under the same names, and how one is created. Its GraphQL half is
 * src/sharing/shareable.schema.ts; who sees one, and finding one by id, is src/sharing/visibility.ts
 * (`visibleWhere`, `visibleById`).
 *
 * - `SHARING_COLUMNS`: the sharing columns an audit snapshot of the record carries.
 * - `newShareable`: the sharing columns of a new record, authored by the viewer's partner and
 *   person, its named partners checked; every create goes through it (or `newSharing`, when the
 *   partners are checked another way), so no create sets them by hand.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/records.js';
import type { SharingLevel } from '../generated/prisma/sqlite/enums.js';
import { checkPartners } from './change.js';

/** The sharing columns of an audit snapshot (the same on every shareable record). */
export const SHARING_COLUMNS = {
  sharingLevel: true,
  authorPartnerId: true,
  authorPersonId: true,
  sharedWith: { select: { partnerId: true }, orderBy: { partnerId: 'asc' } },
} as const;

/** A sharing choice as create inputs carry it (src/sharing/change.ts `sharingInput`). */
export interface SharingChoice {
  sharingLevel: SharingLevel;
  sharedWithPartnerIds: readonly number[];
}

/** The sharing columns of a new shareable record whose partners are already checked. */
export function newSharing(viewer: Viewer, authorPartnerId: number, level: SharingLevel, partnerIds: readonly number[]) {
  return {
    sharingLevel: level,
    authorPartnerId,
    authorPersonId: viewer.personId,
    sharedWith: { create: partnerIds.map((partnerId) => ({ partnerId })) },
  };
}

/**
 * The sharing columns of a new shareable record authored by `authorPartnerId` (authorPartnerOf)
 * and the viewer: the named partners must exist (BAD_USER_INPUT on input.sharedWithPartnerIds).
 */
export async function newShareable(db: Db, viewer: Viewer, authorPartnerId: number, choice: SharingChoice) {
  const partnerIds = await checkPartners(db, choice.sharedWithPartnerIds);
  return newSharing(viewer, authorPartnerId, choice.sharingLevel, partnerIds);
}
