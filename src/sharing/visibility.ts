/**
 * Who sees a shareable record (an intelligence item, a community asset, an issue, an action):
 *
 * - an ADMIN sees everything;
 * - an anonymous viewer sees PUBLIC items only;
 * - a signed-in viewer sees PUBLIC and PARTNERSHIP items, and a RESTRICTED item only when their
 *   partner is its author's partner or is named in its `sharedWith`.
 *
 * `visibleWhere` is the rule as a Prisma where-clause, the same shape for every shareable model, so
 * the rule is applied by the database in every list, count, search, node lookup and nested edge
 * (never by filtering rows in memory after fetching them). `canSee` is the same rule for a row
 * already loaded, used only as a second line of defence on the object types.
 */
import type { Viewer } from '../auth/viewer.js';
import { ForbiddenError } from '../errors.js';
import type { SharingLevel } from '../generated/prisma/sqlite/enums.js';

export const SHARING_LEVELS = ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'] as const satisfies readonly SharingLevel[];

/** The where-clause fragment; structurally valid on every shareable model's WhereInput. */
export interface VisibleWhere {
  sharingLevel?: { in: SharingLevel[] };
  OR?: ({ sharingLevel: { in: SharingLevel[] } } | { authorPartnerId: number } | { sharedWith: { some: { partnerId: number } } })[];
}

/**
 * "Record `id`, if `viewer` may see it" (`where`: a record type's own rule, visibleWhere by
 * default): a hidden record is found exactly as a missing one, not at all. For node(id:) and the
 * read before a change.
 */
export function visibleById<W extends object = VisibleWhere>(
  viewer: Viewer,
  id: number,
  where: (viewer: Viewer) => W = visibleWhere as unknown as (viewer: Viewer) => W,
): { id: number; AND: W[] } {
  return { id, AND: [where(viewer)] };
}

export function seesEverything(viewer: Viewer): boolean {
  return viewer.roles.has('ADMIN');
}

export function visibleWhere(viewer: Viewer): VisibleWhere {
  if (seesEverything(viewer)) return {};
  if (viewer.anonymous) return { sharingLevel: { in: ['PUBLIC'] } };
  const open = { sharingLevel: { in: ['PUBLIC', 'PARTNERSHIP'] as SharingLevel[] } };
  if (viewer.partnerId === null) return open;
  return { OR: [open, { authorPartnerId: viewer.partnerId }, { sharedWith: { some: { partnerId: viewer.partnerId } } }] };
}

/** The fields of a loaded row the rule needs (the object types always select them). */
export interface Shareable {
  sharingLevel: SharingLevel;
  authorPartnerId: number;
  sharedWith?: readonly { partnerId: number }[];
}

export function canSee(viewer: Viewer, item: Shareable): boolean {
  if (seesEverything(viewer) || item.sharingLevel === 'PUBLIC') return true;
  if (viewer.anonymous) return false;
  if (item.sharingLevel === 'PARTNERSHIP') return true;
  return viewer.partnerId !== null && (item.authorPartnerId === viewer.partnerId || (item.sharedWith ?? []).some((s) => s.partnerId === viewer.partnerId));
}

/**
 * Changing who may see an item needs the role that changes an item: an ADMIN, or a CONTRIBUTOR or
 * LOCALITY_LEAD of its author's partner (a READER, ANALYST or DATA_PROTECTION_OFFICER of that
 * partner may not).
 */
export function canChangeSharing(viewer: Viewer, item: { authorPartnerId: number }): boolean {
  if (seesEverything(viewer)) return true;
  const ownPartner = viewer.partnerId !== null && viewer.partnerId === item.authorPartnerId;
  return ownPartner && (viewer.roles.has('CONTRIBUTOR') || viewer.roles.has('LOCALITY_LEAD'));
}

/**
 * Editing a shareable record (not its sharing): an ADMIN; a CONTRIBUTOR or LOCALITY_LEAD of its
 * author's partner; or the LOCALITY_LEAD of a locality it is about. Asked only of a record the
 * viewer can see (one they cannot see is NOT_FOUND first).
 */
export function canEdit(viewer: Viewer, item: { authorPartnerId: number; localityCodes: readonly string[] }): boolean {
  if (seesEverything(viewer)) return true;
  const ownPartner = viewer.partnerId !== null && viewer.partnerId === item.authorPartnerId;
  if (ownPartner && (viewer.roles.has('CONTRIBUTOR') || viewer.roles.has('LOCALITY_LEAD'))) return true;
  return viewer.roles.has('LOCALITY_LEAD') && item.localityCodes.some((code) => viewer.localityCodes.has(code));
}

/** The partner a new shareable record is authored by: the viewer's own (FORBIDDEN without one). */
export function authorPartnerOf(viewer: Viewer): number {
  if (viewer.partnerId === null) throw new ForbiddenError('Your token names no partner: a shared record needs an author partner');
  return viewer.partnerId;
}
