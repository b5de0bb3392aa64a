/**
 * Text search over shared records (intelligence items, assets, issues): each keeps a lower-cased
 * `searchText` column written with the record, and a search term is lower-cased too, so `contains`
 * matches in any case on both SQLite and PostgreSQL (Prisma's `mode: 'insensitive'` exists only on
 * PostgreSQL). The term is literal text: its `%`, `_` and `\` are escaped (src/db/like.ts).
 */
import { likeLiteral } from '../db/like.js';

/** The `searchText` of a record: its searchable parts, lower-cased. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join('\n').toLowerCase();
}

/** A search term as a where-clause on `searchText` (none for a blank term). */
export function searchWhere(term: string | null | undefined) {
  const trimmed = term?.trim().toLowerCase();
  return trimmed ? { searchText: { contains: likeLiteral(trimmed) } } : {};
}
