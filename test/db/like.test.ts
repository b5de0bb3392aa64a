/**
 * The SQLite like() that src/db/like.ts registers agrees with SQLite's own LIKE on every pattern
 * without a backslash (the same wildcards, the same ASCII-only case folding), and reads a
 * backslash as the escape character, as PostgreSQL does; likeLiteral's output matches only itself.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { likeLiteral, sqlLike } from '../../src/db/like.js';

const VALUES = ['abc', 'ABC', 'a_c', 'a%c', 'axc', 'ac', '', 'Ünïcode', 'ünïcode', 'line\nbreak', '100%', '1000', 'back\\slash', 'a😀c', 'partner-owned', 'x.y*z', '(a)[b]{c}|d^$?+/'];
const PATTERNS = ['abc', 'a_c', 'a%c', '%', '_', '%b%', 'A%', '%C', 'ünï%', 'Ü%', '%\n%', '___', 'a_c%', '%0%', 'partner-owned%', '%-%', 'x.y*z', '%(a)[b]{c}|d^$?+/%', '%]%'];

describe('like()', () => {
  const sqlite = new Database(':memory:');
  const builtin = sqlite.prepare('SELECT ? LIKE ? AS m').pluck();

  it.each(PATTERNS)('%j matches what SQLite’s own LIKE matches', (pattern) => {
    for (const value of VALUES) expect([value, sqlLike(pattern, value)]).toEqual([value, builtin.get(value, pattern) === 1]);
  });

  it('is NULL when either side is NULL', () => {
    expect(sqlLike(null, 'a')).toBeNull();
    expect(sqlLike('a', null)).toBeNull();
  });

  it.each(VALUES)('the escaped %j, inside %…%, matches exactly the values that contain it', (term) => {
    if (term === '') return;
    const pattern = `%${likeLiteral(term)}%`;
    const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (const value of VALUES) expect([value, sqlLike(pattern, value)]).toEqual([value, lower(value).includes(lower(term))]);
  });
});
