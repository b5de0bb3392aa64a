/**
 * What every partnership module shares: input validation (zod, reported as BAD_USER_INPUT with the
 * input path in `extensions.field`), global ids, calendar days, date ranges, row locks, audited
 * writes and connection arguments.
 *
 * Date ranges are half-open: a record starting on `startsOn` and ending on `endsOn` holds from the
 * start of `startsOn` to the start of `endsOn` (the day it ended), so a hand-over on one day does
 * not overlap and an end always comes after its start.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { Tx, Db } from '../db/records.js';
import type { AuditAction } from '../generated/prisma/sqlite/enums.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, decodeRecordId, inputError } from '../schema/builder.js';

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

/** Today as a calendar day (midnight UTC). */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Refuse an end that is not after its start (BAD_USER_INPUT on `field`). */
export function checkRange(startsOn: Date | null | undefined, endsOn: Date | null | undefined, field = 'input.endsOn'): void {
  if (startsOn && endsOn && endsOn.getTime() <= startsOn.getTime()) {
    throw new BadUserInputError(`${field}: must be after the start (${startsOn.toISOString().slice(0, 10)})`, { field });
  }
}

/** Records held on `on` (half-open ranges: started on or before it, not yet ended). */
export function heldOn(on: Date) {
  return { startsOn: { lte: on }, OR: [{ endsOn: null }, { endsOn: { gt: on } }] };
}

/** Records whose range overlaps [startsOn, endsOn). */
export function overlapping(startsOn: Date, endsOn: Date | null) {
  return {
    ...(endsOn ? { startsOn: { lt: endsOn } } : {}),
    OR: [{ endsOn: null }, { endsOn: { gt: startsOn } }],
  };
}

/** Look a locality up by code (NOT_FOUND otherwise). */
export async function localityByCode(db: Db, code: string): Promise<{ id: number; code: string }> {
  const locality = await db.locality.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!locality) throw new NotFoundError('Locality', code);
  return locality;
}

/** A locality named in a mutation's input (BAD_USER_INPUT on `input.localityCode` otherwise). */
export async function localityFromInput(db: Db, code: string): Promise<{ id: number; code: string }> {
  const locality = await db.locality.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!locality) throw new BadUserInputError(`input.localityCode: no locality ${code}`, { field: 'input.localityCode' });
  return locality;
}

/**
 * Ids by name for a bundled sample's references (partners by name, localities by code...): the
 * function throws `<source>: no <what> <name>` for a name the record store does not hold.
 */
export function idLookup<T extends { id: number }>(source: string, rows: readonly T[], key: (row: T) => string, what: string) {
  const ids = new Map(rows.map((row) => [key(row), row.id]));
  return (name: string): number => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`${source}: no ${what} ${name}`);
    return id;
  };
}

/** Throw NOT_FOUND unless `row` exists. */
export function found<T>(row: T | null | undefined, what: string, id: number | string): T {
  if (row === null || row === undefined) throw new NotFoundError(what, String(id));
  return row;
}

export interface AuditedChange {
  action: AuditAction;
  entity: string;
  id: number;
  before?: unknown;
  after?: unknown;
}

/** Record a change in the audit trail, in the transaction that made it. */
export function audit(tx: Tx, viewer: Viewer, change: AuditedChange): Promise<void> {
  return recordAudit(tx, viewer, {
    action: change.action,
    entity: change.entity,
    entityId: change.id,
    before: change.before,
    after: change.after,
  });
}

/** The complexity of a connection page: its size times what is selected on each node. */
export const pageComplexity = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: args.first ?? args.last ?? DEFAULT_PAGE_SIZE,
});

/** Parse an optional global id filter argument (null when absent). */
export function optionalId(typename: string, value: string | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : idOf(typename, value, field);
}

/** Descriptions of a connection's page and edge types (the `connectionOptions`, `edgeOptions`). */
export function pageTypes(what: string): [{ description: string }, { description: string }] {
  return [{ description: `A page of ${what}, with the total count over all pages.` }, { description: `One of ${what}, with its cursor.` }];
}
