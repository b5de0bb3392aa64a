/**
 * The typed errors every module throws. Each is a GraphQLError carrying `extensions.code`, so it
 * reaches a client as it is; anything else thrown is unexpected and is masked by the server
 * (logged in full, a generic INTERNAL_SERVER_ERROR to the client: see src/server.ts).
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** One client holds more requests at once than the server allows a client (HTTP 429). */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** The HTTP request itself is malformed (a body that is not JSON, or too large). */
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a client may see with their message; anything else is masked. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.CONFLICT,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.TOO_MANY_REQUESTS,
  // graphql-js and Apollo's own request errors: the client's document is at fault.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

abstract class TypedError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** The input breaks a rule the caller can fix. `details` (e.g. `field`, `rows`) go to the client. */
export class BadUserInputError extends TypedError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, details);
  }
}

export class NotFoundError extends TypedError {
  constructor(what: string, key: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(key)} was not found`, { what, key });
  }
}

/** Throw NOT_FOUND unless `row` exists. */
export function found<T>(row: T | null | undefined, what: string, id: number | string): T {
  if (row === null || row === undefined) throw new NotFoundError(what, String(id));
  return row;
}

/** The request breaks a rule about the records as they stand (a limit, a duplicate, a superseded version). */
export class ConflictError extends TypedError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class ForbiddenError extends TypedError {
  constructor(message = 'You may not do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UnauthenticatedError extends TypedError {
  constructor(message = 'The request could not be authenticated') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** The store is busy (a lock held too long, too many connections): the same request may succeed later. */
export class ServiceUnavailableError extends TypedError {
  constructor(message = 'The records are busy: try again in a moment', retryAfterSeconds = 2) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
  }
}

/** SQLite's busy and locked states; PostgreSQL's lock, deadlock, serialisation, timeout and capacity states. */
const BUSY_STORE = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i;
const BUSY_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '53300', '53400']);

function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let e: unknown = error; e && typeof e === 'object' && !seen.includes(e) && seen.length < 8; ) {
    seen.push(e);
    const next: unknown = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return seen;
}

/**
 * The typed error for a failure a library raised that is the client's mistake or a passing state
 * of the store, not a fault of ours: Pothos' own argument checks (a negative `first`, a cursor it
 * cannot read, a global id of no type) are BAD_USER_INPUT; a busy or locked store is
 * SERVICE_UNAVAILABLE with a retry hint. Anything else: null (the server masks and logs it).
 */
export function typedErrorFor(error: unknown): GraphQLError | null {
  for (const e of chain(error)) {
    if (e instanceof PothosValidationError) return new BadUserInputError(e.message);
    const message = e instanceof Error ? e.message : '';
    const code = String((e as { code?: unknown }).code ?? '');
    const cause = (e as { cause?: { originalCode?: unknown; code?: unknown } }).cause;
    const sqlState = String(cause?.originalCode ?? cause?.code ?? code);
    if (BUSY_STORE.test(message) || BUSY_STORE.test(code) || BUSY_SQLSTATES.has(sqlState) || code === 'P2034' || code === 'P1008') {
      return new ServiceUnavailableError();
    }
  }
  return null;
}

/** A start-up failure caused by one setting (not a request's error): its message is one line naming it. */
export class StartupError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Cannot start: ${variable} ${reason}`);
    this.name = 'StartupError';
  }
}
