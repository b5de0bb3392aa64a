/**
 * A request that must be refused, and must write nothing: its first error carries `code` (and
 * `field`, where given), the mutation's field has no data, and `footprint` (whatever the test
 * counts of the tables the request could write, the audit trail among them) reads the same after
 * as before. `only`: the error is the answer's only one and the answer has no data at all.
 * Returns the error, for checks of its message or other extensions.
 */
import { expect } from 'vitest';
import type { GraphQLResponse, TestServer } from './server.js';

type GraphQLError = NonNullable<GraphQLResponse['errors']>[number];

export async function refusedWritingNothing(
  t: TestServer,
  footprint: () => Promise<unknown>,
  request: { query: string; variables?: Record<string, unknown>; token?: string; code: string; field?: string; only?: boolean },
): Promise<GraphQLError> {
  const before = await footprint();
  const res = await t.gql(request.query, request.variables ?? {}, request.token === undefined ? {} : { token: request.token });
  expect(res.errors?.[0]?.extensions, JSON.stringify(res)).toMatchObject({ code: request.code, ...(request.field === undefined ? {} : { field: request.field }) });
  if (request.only) {
    expect(res.data ?? null).toBeNull();
    expect(res.errors!.map((error) => error.extensions?.code)).toEqual([request.code]);
  }
  expect(res.data?.[Object.keys(res.data ?? {})[0] ?? ''] ?? null).toBeNull();
  expect(await footprint()).toEqual(before);
  return res.errors![0]!;
}
