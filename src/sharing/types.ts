/**
 * Sharing in the graph: the `SharingLevel` enum, the type-level guard every shareable object type
 * carries (`shareableGuard`), the `sharedWith` partners field, and `changeSharing`.
 */
import type { Context } from '../schema/context.js';
import { builder } from '../schema/builder.js';
import { targetArgs } from '../writes/graphql.js';
import { recordIdOf } from '../schema/input.js';
import { canSee, type Shareable } from './visibility.js';
import { noteRestrictedRead } from './read-audit.js';
import { changeSharing, SHAREABLE, sharingChange, type ShareableEntity } from './change.js';

export const SharingLevelEnum = builder.enumType('SharingLevel', {
  description: 'Who may see an item.',
  values: {
    PUBLIC: { description: 'Anyone, signed in or not.' },
    PARTNERSHIP: { description: 'Any signed-in partner.' },
    RESTRICTED: { description: "Only the partners named on the item, and its author's partner." },
  },
});

/** What a shareable object type always selects, so the guard can judge every row. */
export const SHAREABLE_SELECT = {
  id: true,
  sharingLevel: true,
  authorPartnerId: true,
  // The partners too, for the `sharedWith` field (one batched query per list, not per row).
  sharedWith: { select: { partnerId: true, partner: true }, orderBy: { partnerId: 'asc' } },
} as const;

/**
 * The object types' `authScopes`: every row of a shareable type that reaches a client passes here,
 * whatever path returned it (list, node, nested edge, search). Queries already filter with
 * visibleWhere; this is a second line of defence, and the one place a RESTRICTED read is noted
 * for the audit (once per item per request: see read-audit.ts).
 */
export function shareableGuard(entity: ShareableEntity) {
  return (item: Shareable & { id: number }, ctx: Context) => {
    if (!canSee(ctx.viewer, item)) {
      ctx.logger.error({ entity, id: item.id }, 'a query returned an item its viewer may not see: withheld');
      return false;
    }
    if (item.sharingLevel === 'RESTRICTED') noteRestrictedRead(ctx, entity, item.id);
    return true;
  };
}

const ChangeSharingInput = builder.inputType('ChangeSharingInput', {
  description: 'Who may see an item.',
  fields: (t) => ({
    sharingLevel: t.field({ type: SharingLevelEnum, required: true, description: 'The new level.' }),
    sharedWithPartnerIds: t.idList({
      required: false,
      description: "Partners (global ids) who may see it when RESTRICTED, besides the author's partner. Replaces the list.",
    }),
  }),
}).validate(sharingChange);

/** The id of an item whose sharing can change, decoded to its entity and record id. */
const shareableId = recordIdOf(Object.keys(SHAREABLE) as ShareableEntity[], 'the id of an intelligence item, community asset, issue or action');

builder.mutationField('changeSharing', (t) =>
  t.boolean({
    description:
      "Change who may see an intelligence item, community asset, issue or action (its author's partner or an ADMIN). " +
      'Audited with the levels and partners before and after. An item you cannot see is NOT_FOUND.',
    authScopes: { anyRole: ['CONTRIBUTOR', 'LOCALITY_LEAD', 'ADMIN'] },
    args: {
      ...targetArgs(t.arg, shareableId, 'The global id of the item.'),
      input: t.arg({ type: ChangeSharingInput, required: true, description: 'The new sharing.' }),
    },
    resolve: async (_root, args, ctx) => {
      await changeSharing(ctx.prisma, ctx.viewer, args.id.typename, { id: args.id.id, expectedRevision: args.expectedRevision }, args.input);
      return true;
    },
  }),
);

