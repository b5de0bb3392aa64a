/**
 * Input helpers every mutation and filter uses: zod schemas for texts, days and global ids, and
 * `parseInput`, which reports the first problem as BAD_USER_INPUT with its input path in
 * `extensions.field`. Global ids go through the one decoder (`decodeRecordId`, also relay's for
 * `node(id:)`).
 */
import { z } from 'zod';
import { decodeRecordId, inputError } from './builder.js';

/** Parse `value` with `schema`; the first problem becomes a BAD_USER_INPUT naming its input path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw inputError(result.error.issues, root);
}

/** A required text: trimmed, not blank, at most `max` characters. */
export const text = (max = 200) => z.string().trim().min(1, 'must not be blank').max(max, `must be at most ${max} characters`);

/** An optional text: blank or null clears it (null), absent leaves it (undefined). */
export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value === '' ? null : value));

/** A calendar day (the Date scalar gives midnight UTC). */
export const day = z.date();

/**
 * A global id of one of `typenames`, decoded to its type and the record's integer id by the one
 * decoder every id goes through (`decodeRecordId`, also relay's for `node(id:)`): anything else,
 * malformed or of another type, is "is not <what> id".
 */
export const recordIdOf = <T extends string>(typenames: readonly T[], what: string) =>
  z.string().transform((value, ctx) => {
    let decoded: { typename: string; id: string } | null = null;
    try {
      decoded = decodeRecordId(value);
    } catch {
      // Malformed, or not the id of any record: the same answer as an id of another type.
    }
    const id = Number(decoded?.id);
    if (!decoded || !typenames.includes(decoded.typename as T) || !Number.isSafeInteger(id) || id <= 0) {
      ctx.addIssue({ code: 'custom', message: `is not ${what} id` });
      return z.NEVER;
    }
    return { typename: decoded.typename as T, id };
  });

/** A global id of `typename`, decoded to the record's integer id (see recordIdOf). */
export const globalId = (typename: string) => recordIdOf([typename], `a ${typename}`).transform((decoded) => decoded.id);

/** Decode a global id argument outside an input object (e.g. `id` of an update). */
export function idOf(typename: string, value: string, field = 'id'): number {
  return parseInput(globalId(typename), value, field);
}

/** Parse an optional global id filter argument (null when absent). */
export function optionalId(typename: string, value: string | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : idOf(typename, value, field);
}
