/**
 * Connection (relay page) helpers every list field uses: the complexity of a page and the
 * descriptions of its page and edge types.
 */
import { DEFAULT_PAGE_SIZE } from './builder.js';

/** The complexity of a connection page: its size times what is selected on each node. */
export const pageComplexity = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: args.first ?? args.last ?? DEFAULT_PAGE_SIZE,
});

/** Descriptions of a connection's page and edge types (the `connectionOptions`, `edgeOptions`). */
export function pageTypes(what: string): [{ description: string }, { description: string }] {
  return [{ description: `A page of ${what}, with the total count over all pages.` }, { description: `One of ${what}, with its cursor.` }];
}
