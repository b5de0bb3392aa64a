/**
 * Literal text in a LIKE filter, the same on both record stores (issue 15: a user's `%` and `_`
 * must not be wildcards).
 *
 * Prisma's `contains` is `LIKE '%' || term || '%'` and escapes nothing (prisma/prisma#19506). A
 * term is therefore escaped by `likeLiteral` with a backslash before `\`, `%` and `_`:
 * - PostgreSQL's LIKE takes the backslash as its escape character by default (PostgreSQL manual,
 *   9.7.1 "LIKE": "The default escape character is the backslash").
 * - SQLite's LIKE has no escape character unless the statement says `ESCAPE`, which Prisma never
 *   writes (prisma/prisma#23611). SQLite lets an application replace the function behind the LIKE
 *   operator (SQLite manual, "The LIKE, GLOB, REGEXP, MATCH, and extract operators": `X LIKE Y`
 *   calls `like(Y, X)`, and "the like() function ... can be overridden"). `installLike` registers
 *   `like(pattern, value)` on each SQLite connection the Prisma adapter opens: SQLite's own rules
 *   (`%` any run of characters, `_` one character, case-insensitive for ASCII letters only), with
 *   the backslash as escape character, as PostgreSQL has it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type Factory = Pick<PrismaBetterSQLite3, 'provider' | 'adapterName' | 'connect' | 'connectToShadowDb'>;
type SqlDriverAdapter = Awaited<ReturnType<Factory['connect']>>;

/** A user's text as a LIKE operand that matches only itself. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A LIKE pattern (backslash escapes) as an anchored regular expression. */
export function likePatternRegExp(pattern: string): RegExp {
  let source = '';
  const chars = [...asciiLower(pattern)];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[(i += 1)]!);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** A character as a literal in a 'u' regular expression (only the syntax characters may be escaped there). */
function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** SQLite's LIKE with a backslash escape: true, false, or null when either side is NULL. */
export function sqlLike(pattern: unknown, value: unknown, cache = new Map<string, RegExp>()): boolean | null {
  if (pattern === null || value === null || pattern === undefined || value === undefined) return null;
  const p = String(pattern);
  let regExp = cache.get(p);
  if (!regExp) {
    regExp = likePatternRegExp(p);
    if (cache.size > 200) cache.clear();
    cache.set(p, regExp);
  }
  return regExp.test(asciiLower(String(value)));
}

/** The better-sqlite3 connection inside the Prisma adapter (the adapter keeps it as `client`). */
function connectionOf(adapter: SqlDriverAdapter): BetterSqlite3.Database {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (!client || typeof client.function !== 'function') {
    // A Prisma upgrade that moves it must stop the server, not silently bring the wildcards back.
    throw new Error('The SQLite adapter exposes no connection to register like() on (see src/db/like.ts)');
  }
  return client;
}

/** The adapter factory, with `like()` registered on every connection it opens. */
export function installLike(factory: PrismaBetterSQLite3): Factory {
  const cache = new Map<string, RegExp>();
  const register = (adapter: SqlDriverAdapter) => {
    connectionOf(adapter).function('like', { deterministic: true }, (pattern: unknown, value: unknown) => {
      const match = sqlLike(pattern, value, cache);
      return match === null ? null : match ? 1 : 0;
    });
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => register(await factory.connect()),
    connectToShadowDb: async () => register(await factory.connectToShadowDb()),
  };
}
