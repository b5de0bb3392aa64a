/**
 * The one Pothos schema builder. Plugins are listed once here:
 * - scope-auth: who may read or change what, declared on types and fields (`authScopes`) with the
 *   named scopes below, never as checks inside resolvers; a refusal is FORBIDDEN;
 * - prisma: object types from the Prisma models, relations loaded in the parent's query;
 * - relay: global ids, `node(id:)`, cursor connections;
 * - complexity: depth, breadth and cost limits on every request (limits from the config,
 *   carried on the context).
 * Every domain adds its types with this builder (src/<domain>/types.ts); src/schema/index.ts
 * imports the domains and builds the schema.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type PrismaTypes from '../generated/prisma/pothos-types.js';
import { getDatamodel } from '../generated/prisma/pothos-types.js';
import type { Role } from '../auth/viewer.js';
import { ErrorCode, ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Context } from './context.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
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
  // scope-auth first, so no other plugin's wrapper runs before the check.
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin, PrismaPlugin],
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
    cursorType: 'String',
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

builder.queryType({ description: 'Everything a partner can read: localities, their geography and statistics.' });
builder.mutationType({
  description: 'Every change to the records: each validated, typed on error, written whole or not at all, and audited.',
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

builder.scalarType('Date', {
  description: 'A calendar date, ISO 8601 (YYYY-MM-DD).',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: (value) => {
    if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError('A Date is written YYYY-MM-DD', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return new Date(`${value}T00:00:00.000Z`);
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with time zone (e.g. 2026-11-22T10:00:00.000Z).',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) {
      throw new GraphQLError('A DateTime is an ISO 8601 timestamp', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return parsed;
  },
});
