/**
 * The shareable record in the graph, written once: what every shareable object type carries
 * (`shareableNode`: the select its guard needs, the guard, and `node(id:)` finding only a record
 * the viewer may see), its sharing fields (`shareableFields`: sharingLevel, sharedWith, the
 * author's partner and person) and the sharing fields of its create input
 * (`shareableInputFields`). The rules are src/sharing/shareable.ts and visibility.ts.
 *
 * No `Shareable` interface: nothing in the schema returns a mix of shareable types (each list and
 * each mutation returns one type, and `changeSharing` answers a Boolean), so an interface would
 * add names to the schema without a query a client could write with it that it cannot now.
 */
import type { InputFieldBuilder } from '@pothos/core';
import type { Viewer } from '../auth/viewer.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { builder, type BuilderTypes } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { ShareableEntity } from './change.js';
import { SHAREABLE_SELECT, SharingLevelEnum, shareableGuard } from './types.js';
import { visibleById, visibleWhere } from './visibility.js';

/**
 * The options every shareable `prismaNode` spreads: its id, the select and guard every row passes
 * (shareableGuard), and `node(id:)` with the visibility rule, so a hidden record is null exactly
 * as a missing one. `where`: the type's own rule when it has more than visibleWhere (an action
 * is seen only where its issue is).
 */
export function shareableNode(entity: ShareableEntity, where: (viewer: Viewer) => object = visibleWhere) {
  return {
    id: { field: 'id' as const },
    select: SHAREABLE_SELECT,
    authScopes: shareableGuard(entity),
    findUnique: (id: string, ctx: Context) => visibleById(ctx.viewer, Number(id), where),
  };
}

/** The GraphQL types of the shareable records this block's fields are registered on. */
type ShareableType = Extract<ShareableEntity, 'IntelligenceItem' | 'CommunityAsset' | 'Issue' | 'Action'>;

/**
 * Register a shareable type's sharing fields. `authorPartner` (and `authorPerson`, when the type
 * exposes it) say in the type's own words what the author did ("shared", "recorded", "added").
 */
export function shareableFields(
  type: ShareableType,
  text: { authorPartner: string; authorPerson?: string; sharingLevel?: string },
): void {
  // The four models hold these fields under the same names and types (the sharing rule depends
  // on it: src/sharing/change.ts); the field builder of one stands for all.
  builder.prismaObjectFields(type as 'IntelligenceItem', (t) => ({
    sharingLevel: t.expose('sharingLevel', { type: SharingLevelEnum, description: text.sharingLevel ?? 'Who may see it.' }),
    sharedWith: t.field({
      type: [PartnerRef],
      description: "The partners named on it (who, besides the author's partner, may see it when RESTRICTED).",
      // Already in the type's select (SHAREABLE_SELECT); named here so the field's row type has it.
      select: { sharedWith: SHAREABLE_SELECT.sharedWith },
      resolve: (row) => row.sharedWith.map((share) => share.partner),
    }),
    authorPartner: t.relation('authorPartner', { description: text.authorPartner }),
    ...(text.authorPerson === undefined ? {} : { authorPerson: t.relation('authorPerson', { nullable: true, description: text.authorPerson }) }),
  }));
}

/** The sharing fields of a create input (parsed by change.ts `sharingInput`). */
export const shareableInputFields = (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  sharingLevel: t.field({ type: SharingLevelEnum, required: false, description: 'Who may see it (default PARTNERSHIP).' }),
  sharedWithPartnerIds: t.idList({ required: false, description: 'Partners (global ids) who may see it when RESTRICTED.' }),
});
