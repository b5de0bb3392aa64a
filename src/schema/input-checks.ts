/**
 * Checks on every value a request sends, before any resolver runs, so no store ever sees them:
 *
 * - text must be well-formed Unicode (no lone surrogate, which neither store can hold as UTF-8)
 *   and hold no NUL character (PostgreSQL refuses it in text; SQLite would cut it short);
 * - a list holds at most MAX_LIST_ITEMS values, far under the databases' limits on bound
 *   parameters (32,766 in SQLite, 65,535 in PostgreSQL), which a longer filter would break.
 *
 * - every field selected counts against the breadth limit, `__typename` included (the complexity
 *   plugin does not count it, so a megabyte of `__typename` aliases was served).
 *
 * Each is BAD_USER_INPUT naming where the value is. Both the variables and the literals written in
 * the document are checked: the Apollo plugin below for /graphql, `checkVariables` for the pages
 * and downloads that run the graph in-process.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Context } from './context.js';

export const MAX_LIST_ITEMS = 1_000;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refuse(where: string, reason: string): never {
  throw new GraphQLError(`${where}: ${reason}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: where, http: { status: 400 } } });
}

function checkText(text: string, where: string): void {
  if (text.includes('\u0000')) refuse(where, 'holds a NUL character');
  if (LONE_SURROGATE.test(text)) refuse(where, 'is not well-formed Unicode (a lone surrogate)');
}

function checkValue(value: unknown, where: string, depth = 0): void {
  if (typeof value === 'string') return checkText(value, where);
  if (value === null || typeof value !== 'object' || depth > 20) return;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) refuse(where, `lists ${value.length} values, more than the ${MAX_LIST_ITEMS} allowed`);
    value.forEach((item, i) => checkValue(item, `${where}[${i}]`, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    checkText(key, where);
    checkValue(item, `${where}.${key}`, depth + 1);
  }
}

/** The variables of a request (BAD_USER_INPUT on the first bad value). */
export function checkVariables(variables: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(variables ?? {})) checkValue(value, `$${name}`);
}

/** The literals written in a document. */
export function checkLiterals(document: DocumentNode): void {
  visit(document, {
    [Kind.STRING]: (node) => checkText(node.value, 'a string in the query'),
    [Kind.LIST]: (node) => {
      if (node.values.length > MAX_LIST_ITEMS) refuse('a list in the query', `lists more than the ${MAX_LIST_ITEMS} values allowed`);
    },
  });
}

/** Fields selected in the document (each written once, `__typename` included) within the breadth limit. */
export function checkBreadth(document: DocumentNode, max: number): void {
  let fields = 0;
  visit(document, { [Kind.FIELD]: () => void (fields += 1) });
  if (fields > max) {
    throw new GraphQLError(`The query's breadth is ${fields}, over the limit of ${max}: ask for less in one request`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'breadth', actual: fields, max, http: { status: 400 } },
    });
  }
}

export const inputChecksPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, contextValue }) {
        checkBreadth(document, contextValue.limits.breadth);
        checkVariables(request.variables);
        checkLiterals(document);
      },
    };
  },
};
