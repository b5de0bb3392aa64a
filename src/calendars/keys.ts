/**
 * Personal calendar feed keys. A calendar application cannot send a bearer token, so a signed-in
 * person's feed URL carries `?key=<person id>.<MAC>`: HMAC-SHA256 under the calendar key (from
 * CALENDAR_SECRET, else derived from the token secret) of the person's id, truncated to 128 bits.
 * A key names one person, works for every feed, and is compared in constant time; a feed asked
 * for with a key that does not verify is refused (401), never served as anonymous.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

let key: Buffer | null = null;

/** Set the key (at server start). */
export function useCalendarKey(secret: string | Uint8Array): void {
  key = createHash('sha256').update('locality-intelligence calendar key\n').update(secret).digest();
}

const mac = (personId: number) => {
  if (!key) throw new Error('the calendar key is not set (useCalendarKey)');
  return createHmac('sha256', key).update(`calendar-feed:${personId}`).digest().subarray(0, 16);
};

/** The feed key of a person. */
export const feedKeyFor = (personId: number): string => `${personId}.${mac(personId).toString('base64url')}`;

/** The person a feed key names, or null when it does not verify. */
export function personOfFeedKey(text: string): number | null {
  const match = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{22})$/.exec(text);
  if (!match) return null;
  const personId = Number(match[1]);
  if (!Number.isSafeInteger(personId)) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(personId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null;
}
