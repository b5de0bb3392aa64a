/**
 * The one Pothos schema builder. Plugins are listed once here:
 * - scope-auth: who may read or change what, declared on types and fields (`authScopes`) with the
 *   named scopes below, never as checks inside resolvers; a refusal is FORBIDDEN;
 * - prisma: object types from the Prisma models, relations loaded in the parent's query;
 * - relay: global ids, `node(id:)`, cursor connections;
 * - complexity: depth, breadth and cost limits on every request (limits from the config,
 *   carried on the context);
 * - validation: each input type and argument carries its zod schema (`.validate(schema)`), checked
 *   once before the field's auth scopes and resolver run, which receive the parsed value (trimmed
 *   text, decoded ids); a failure is BAD_USER_INPUT naming the input path (`extensions.field`).
 * Every domain adds its types with this builder (src/<domain>/types.ts); src/schema/index.ts
 * imports the domains and builds the schema.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin, { type StandardSchemaV1 } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type PrismaTypes from '../generated/prisma/pothos-types.js';
import { getDatamodel } from '../generated/prisma/pothos-types.js';
import type { Role } from '../auth/viewer.js';
import { BadUserInputError, ErrorCode, ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Context } from './context.js';
import { openCursor, signCursor } from '../sharing/cursors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    Cursor: { Input: string; Output: string };
  };
  AuthScopes: {
    /** Any viewer with a valid token. */
    signedIn: boolean;
    /** The viewer holds this role. */
    role: Role;
    /** The viewer holds one of these roles. */
    anyRole: readonly Role[];
    /** The viewer may change records of this locality (by code): an ADMIN, or its LOCALITY_LEAD. */
    leadOf: string;
    /** The viewer belongs to this partner (by Partner.id). */
    memberOf: number;
  };
}>({
  // scope-auth first, so no other plugin's wrapper runs before the check. (Argument parsing, the
  // validation plugin's, runs before every wrapper: a scope function sees the parsed arguments.)
  plugins: [ScopeAuthPlugin, ComplexityPlugin, ValidationPlugin, RelayPlugin, PrismaPlugin],
  validation: { validationError: (failure) => inputError(failure.issues) },
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: !ctx.viewer.anonymous,
      role: (role) => ctx.viewer.roles.has(role),
      anyRole: (roles) => roles.some((role) => ctx.viewer.roles.has(role)),
      leadOf: (code) =>
        ctx.viewer.roles.has('ADMIN') || (ctx.viewer.roles.has('LOCALITY_LEAD') && ctx.viewer.localityCodes.has(code)),
      memberOf: (partnerId) => ctx.viewer.partnerId === partnerId,
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer.anonymous ? new UnauthenticatedError('Sign in to do this') : new ForbiddenError('Your roles do not allow this'),
  },
  defaultFieldNullability: false,
  prisma: {
    // One schema serves many servers (tests run several in one process): the client is the
    // request's own.
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    decodeGlobalID: (globalId) => decodeRecordId(globalId),
    // Signed cursors (src/sharing/cursors.ts): the scalar signs what it sends and checks what it gets.
    // (Pothos types the option as 'ID' | 'String'; any scalar name works, and Cursor's shapes are strings.)
    cursorType: 'Cursor' as 'String',
    // A connection field's own complexity multiplies by its page size (first/last); the edges
    // list must not multiply again by the default list multiplier.
    edgesFieldOptions: { complexity: { field: 0, multiplier: 1 } },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (ctx) => ctx.limits,
    complexityError: (kind, result) => {
      const measure = { Complexity: 'complexity', Depth: 'depth', Breadth: 'breadth' } as const;
      const name = measure[kind];
      const max = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[name];
      return new GraphQLError(`The query's ${name} is ${result[name]}, over the limit of ${max}: ask for less in one request`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT, limit: name, actual: result[name], max },
      });
    },
  },
});

/** The builder's type parameters (for helpers that take a field's `t.arg` or return its refs). */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * Pothos 4.15 types some fields (an object field with `select`) as its FieldRef class, which lacks
 * the `validate` method the validation plugin adds to the FieldRef interface: the same ref, typed
 * as the interface the builder's methods expect.
 */
export const asFieldRef = (ref: object) => ref as PothosSchemaTypes.FieldRef<BuilderTypes>;

builder.queryType({ description: 'Everything a partner can read: localities, their geography and statistics.' });
builder.mutationType({
  description: 'Every change to the records: each validated, typed on error, written whole or not at all, and audited.',
});

/** An input path as `extensions.field` names it: `input.endsOn`, `input.attendance.0.personId`, `id`. */
function pathOf(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/**
 * The one shape of an input refusal, whoever found it: BAD_USER_INPUT with the first problem's
 * input path in `extensions.field` and every problem in `extensions.problems`.
 */
export function inputError(issues: readonly StandardSchemaV1.Issue[], root = ''): BadUserInputError {
  const problems = issues.map((issue) => ({ field: [root, pathOf(issue)].filter(Boolean).join('.'), reason: issue.message }));
  const [first] = problems;
  return new BadUserInputError(`${first!.field}: ${first!.reason}`, { field: first!.field, problems });
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** A calendar day that exists (no 2026-02-30 rolling over to March), years 0001 to 9999. */
function calendarDay(year: string, month: string, day: string): Date | null {
  const date = new Date(`${year}-${month}-${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || Number(year) < 1) return null;
  return date.toISOString().slice(0, 10) === `${year}-${month}-${day}` ? date : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

builder.scalarType('Date', {
  description: 'A calendar date, ISO 8601 (YYYY-MM-DD), year 0001 to 9999; a day that does not exist (2026-02-30) is refused.',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: (value) => {
    const parts = typeof value === 'string' ? ISO_DATE.exec(value) : null;
    const date = parts ? calendarDay(parts[1]!, parts[2]!, parts[3]!) : null;
    if (!date) throw badInput('A Date is a day that exists, written YYYY-MM-DD');
    return date;
  },
});

/** RFC 3339 (the internet profile of ISO 8601): a date, a time and a time zone, nothing looser. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-](\d{2}):(\d{2}))$/;

builder.scalarType('DateTime', {
  description:
    'An instant, ISO 8601 / RFC 3339 with a time zone (e.g. 2026-11-22T10:00:00.000Z or 2026-11-22T10:00:00+01:00), year 0001 to 9999.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const parts = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
    const valid =
      parts &&
      calendarDay(parts[1]!, parts[2]!, parts[3]!) &&
      Number(parts[4]) <= 23 &&
      Number(parts[5]) <= 59 &&
      Number(parts[6] ?? 0) <= 59 &&
      Number(parts[9] ?? 0) <= 23 &&
      Number(parts[10] ?? 0) <= 59;
    const parsed = valid ? new Date(value as string) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1 || parsed.getUTCFullYear() > 9999) {
      throw badInput('A DateTime is an ISO 8601 timestamp with a time zone, e.g. 2026-11-22T10:00:00Z');
    }
    return parsed;
  },
});

builder.scalarType('Cursor', {
  description: 'A position in a list, as the server gave it (opaque and signed: a cursor the server did not give is refused).',
  serialize: (value) => signCursor(String(value)),
  parseValue: (value) => openCursor(value),
});

/**
 * The GraphQL types whose global ids `node(id:)` and id arguments accept, and the shape of their
 * key (a whole number, or a code such as a locality's): filled by src/schema/index.ts once the
 * schema is built (every type implementing Node).
 */
export const NODE_TYPES = new Map<string, 'number' | 'code'>();

const GLOBAL_ID = /^([A-Za-z][A-Za-z0-9]*):(.{1,200})$/s;
const KEY_SHAPES = { number: /^[1-9][0-9]{0,14}$/, code: /^[A-Za-z0-9][A-Za-z0-9._-]*$/ } as const;

/**
 * The one decoder of global ids (base64 of `Type:key`): anything else, a type that is not a Node
 * type (an AuditEvent, a made-up name) or a key of the wrong shape (`IntelligenceItem:abc`), is
 * BAD_USER_INPUT rather than a failure deeper down.
 */
export function decodeRecordId(globalId: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9+/]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const parts = GLOBAL_ID.exec(text);
  const shape = parts ? NODE_TYPES.get(parts[1]!) : undefined;
  if (!parts || (NODE_TYPES.size > 0 && (!shape || !KEY_SHAPES[shape].test(parts[2]!)))) {
    throw new GraphQLError(`${JSON.stringify(globalId.slice(0, 100))} is not the id of a record`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return { typename: parts[1]!, id: parts[2]! };
}
