/**
 * The typed errors every module throws. Each is a GraphQLError carrying `extensions.code`, so it
 * reaches a client as it is; anything else thrown is unexpected and is masked by the server
 * (logged in full, a generic INTERNAL_SERVER_ERROR to the client: see src/server.ts).
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
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
