/**
 * Page cursors are signed, so a cursor cannot be forged into an existence oracle (issue 15, item 5).
 *
 * A Prisma cursor is the id of a row; Prisma finds the cursor's row without the sharing rule, so a
 * forged cursor at a hidden row returned the rows around it while one at a missing row returned
 * none: anyone could tell which restricted ids exist. Every cursor the server gives out carries an
 * HMAC-SHA256 of itself under the server's key (`<cursor>.<mac>`); a cursor whose mac does not
 * match (forged, edited, garbage, or from a server with another key) is BAD_USER_INPUT before any
 * query runs. The server only gives out cursors of rows the viewer saw, and a cursor is bound to
 * what its viewer may see (anonymous, a partner's people, an admin: `visibilityOf`), so a cursor at
 * a row one viewer may see is refused from a viewer who may not see it.
 *
 * The `Cursor` scalar (src/schema/builder.ts) signs on output and checks on input, so every
 * connection (Prisma's, and the array and offset ones) and every path to its arguments (the
 * resolver's args and the Prisma plugin's own reading of nested arguments) goes through here.
 * The key is set once when the server starts (`useCursorKey`); the viewer's visibility rides with
 * the request (`withCursorScope`, an AsyncLocalStorage entered by the server's viewer middleware,
 * since a scalar sees no context).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Viewer } from '../auth/viewer.js';
import { BadUserInputError } from '../errors.js';

const scope = new AsyncLocalStorage<string>();

/** What a viewer may see, as the sharing and consent rules tell viewers apart. */
export function visibilityOf(viewer: Viewer): string {
  if (viewer.roles.has('ADMIN')) return 'admin';
  if (viewer.anonymous) return 'anonymous';
  return viewer.partnerId === null ? 'signed-in' : `partner:${viewer.partnerId}`;
}

/** Runs `work` (and everything it starts) with cursors bound to `viewer`'s visibility. */
export function withCursorScope<T>(viewer: Viewer, work: () => T): T {
  return scope.run(visibilityOf(viewer), work);
}

let key: Buffer = randomBytes(32);

/** Sets the signing key: derived from a secret (so every server sharing it accepts the others' cursors). */
export function useCursorKey(secret: string | Uint8Array): void {
  key = createHash('sha256').update('locality-intelligence cursor key\n').update(secret).digest();
}

const MAC_BYTES = 16;

function mac(raw: string): Buffer {
  return createHmac('sha256', key)
    .update(`${scope.getStore() ?? 'none'}\n${raw}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signCursor(raw: string): string {
  return `${raw}.${mac(raw).toString('base64url')}`;
}

/** The cursor the server signed, or BAD_USER_INPUT. */
export function openCursor(signed: unknown): string {
  if (typeof signed === 'string' && signed.length <= 1000) {
    const dot = signed.lastIndexOf('.');
    if (dot > 0) {
      const raw = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1), 'base64url');
      if (given.length === MAC_BYTES && timingSafeEqual(given, mac(raw))) return raw;
    }
  }
  throw new BadUserInputError('is not a cursor this server gave out: start again from the first page', { field: 'cursor' });
}
