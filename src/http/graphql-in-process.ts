/**
 * The pages and the downloads read the graph itself: each runs a GraphQL document in-process
 * against the one schema, with a context made for its HTTP request exactly as /graphql makes one
 * (the same viewer, loaders and limits). So a page, a CSV and the API cannot disagree about a
 * value, and the sharing rules that guard a field guard its download too.
 *
 * Documents are parsed and validated once, when the module that owns them loads: a document
 * that does not fit the schema is a programming error and stops the server at start.
 */
import { flushRestrictedReads } from '../sharing/read-audit.js';
import { type DocumentNode, execute, GraphQLError, parse, validate } from 'graphql';
import { BadUserInputError, ErrorCode, typedErrorFor } from '../errors.js';
import { checkVariables } from '../schema/input-checks.js';
import type { Context } from '../schema/context.js';
import { schema } from '../schema/index.js';

export interface PreparedQuery<TData> {
  readonly document: DocumentNode;
  /** Phantom: the shape of `data` the document selects. */
  readonly data?: TData;
}

export function prepareQuery<TData>(source: string): PreparedQuery<TData> {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`a page query does not fit the schema: ${errors.map((e) => e.message).join('; ')}`);
  return { document };
}

/**
 * Runs a prepared document; resolves to its data, or rejects with the first error: a typed error
 * as it was thrown (NOT_FOUND, FORBIDDEN...), anything else as it came.
 */
export async function runQuery<TData>(
  query: PreparedQuery<TData>,
  context: Context,
  variables: Record<string, unknown> = {},
): Promise<TData> {
  checkVariables(variables);
  const result = await execute({ schema, document: query.document, contextValue: context, variableValues: variables });
  // Reads of restricted items are on record before anything is sent (src/sharing/read-audit.ts).
  await flushRestrictedReads(context);
  const first = result.errors?.[0];
  if (!first) return result.data as TData;
  const original = first.originalError;
  if (original instanceof GraphQLError && original.extensions.code) throw original;
  // The documents are validated at start, so an error outside execution (no path) is a variable
  // the request gave that does not fit its type (say an unknown enum value): the caller's to fix.
  if (!first.path) throw new BadUserInputError(first.message);
  throw typedErrorFor(first) ?? original ?? first;
}

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** The HTTP status for an error a query threw, and whether its message may be shown (typed errors only). */
export function httpStatusOf(error: unknown): { status: number; message: string | null } {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  const status = typeof code === 'string' ? STATUS[code] : undefined;
  return status ? { status, message: (error as GraphQLError).message } : { status: 500, message: null };
}
