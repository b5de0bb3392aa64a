/**
 * Bearer tokens through HTTP: every kind of bad token is refused with 401 UNAUTHENTICATED and no
 * data, on /graphql and on a CSV download, never served as anonymous; a good token is the viewer,
 * and a LOCALITY_LEAD changes their own locality's records only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { TEST_JWT_SECRET, tokenFor } from '../support/tokens.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.stop());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Each bad Authorization header, with why it must fail. */
async function badHeaders(): Promise<[string, string][]> {
  const valid = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
  const [header, payload] = valid.split('.');
  const now = Math.floor(Date.now() / 1000);
  return [
    ['expired', `Bearer ${await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'], expiresIn: now - 3600 })}`],
    ['wrong signature', `Bearer ${await tokenFor({ roles: ['ADMIN'], secret: `${TEST_JWT_SECRET}-but-another` })}`],
    ['wrong audience', `Bearer ${await tokenFor({ roles: ['ADMIN'], audience: 'someone-else' })}`],
    ['wrong issuer', `Bearer ${await tokenFor({ roles: ['ADMIN'], issuer: 'https://evil.example' })}`],
    ['malformed', 'Bearer not.a.token'],
    ['truncated', `Bearer ${header}.${payload}`],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
    ['alg none, no dot', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}`],
    ['tampered payload', `Bearer ${header}.${b64({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['ADMIN', 'DATA_PROTECTION_OFFICER'] })}.${valid.split('.')[2]}`],
    ['unknown role', `Bearer ${await tokenFor({ roles: ['ADMIN', 'SUPERUSER' as 'ADMIN'] })}`],
    ['not Bearer', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['Bearer without token', 'Bearer '],
  ];
}

describe('bad tokens', () => {
  it('are refused on /graphql with 401 UNAUTHENTICATED and no data', async () => {
    for (const [why, authorization] of await badHeaders()) {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ localities { totalCount } viewer { signedIn } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect([why, response.status], why).toEqual([why, 401]);
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
      expect(body.data, why).toBeUndefined();
      expect(body.errors.map((e) => e.extensions.code), why).toEqual(['UNAUTHENTICATED']);
      // The message says nothing about why (no "expired", no "signature").
      expect(body.errors[0]!.message).toBe('The bearer token is not valid: sign in again');
    }
    // Each refusal is logged with its reason, for the operator.
    expect(t.logs.filter((l) => l.msg === 'refused a bearer token').length).toBeGreaterThanOrEqual(12);
  });

  it('are refused on a CSV download and a page too', async () => {
    for (const [why, authorization] of await badHeaders()) {
      for (const route of ['/profiles/county.csv', '/profiles/leominster']) {
        const response = await fetch(`${t.url}${route}`, { headers: { authorization } });
        expect([why, route, response.status]).toEqual([why, route, 401]);
        expect(await response.text()).not.toContain('Leominster');
      }
    }
  });
});

describe('good tokens', () => {
  it('no token is the anonymous viewer', async () => {
    const res = await t.gql('{ viewer { signedIn subject roles person { name } } }');
    expect(res.data.viewer).toEqual({ signedIn: false, subject: null, roles: [], person: null });
  });

  it('a valid token is its viewer, with the person and partner it names', async () => {
    const people = await t.server.stores.records.prisma.person.findMany({ take: 1, include: { partner: true }, where: { partnerId: { not: null } } });
    const person = people[0]!;
    const token = await tokenFor({ personId: person.id, partnerId: person.partnerId!, roles: ['READER', 'LOCALITY_LEAD'], localities: ['leominster'], subject: 'sso|42' });
    const res = await t.gql('{ viewer { signedIn subject roles localityCodes person { name } partner { name } } }', {}, { token });
    expect(res.data.viewer).toEqual({
      signedIn: true,
      subject: 'sso|42',
      roles: ['LOCALITY_LEAD', 'READER'],
      localityCodes: ['leominster'],
      person: { name: person.name },
      partner: { name: person.partner!.name },
    });
  });

  it('a LOCALITY_LEAD creates boards in their own locality, and is FORBIDDEN elsewhere', async () => {
    const lead = await tokenFor({ personId: 1, partnerId: 1, roles: ['LOCALITY_LEAD'], localities: ['leominster'] });
    const create = 'mutation($input: CreateBoardInput!) { createBoard(input: $input) { name locality { code } } }';
    const input = (localityCode: string) => ({ name: `Lead's group ${localityCode}`, kind: 'TASK_AND_FINISH_GROUP', localityCode, startsOn: '2026-01-01' });
    const before = await t.server.stores.records.prisma.board.count();

    const own = await t.gql(create, { input: input('leominster') }, { token: lead });
    expect(own.errors).toBeUndefined();
    expect(own.data.createBoard).toEqual({ name: "Lead's group leominster", locality: { code: 'leominster' } });

    const other = await t.gql(create, { input: input('kington') }, { token: lead });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await t.gql(create, { input: input('kington') });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await t.server.stores.records.prisma.board.count()).toBe(before + 1);
  });
});
