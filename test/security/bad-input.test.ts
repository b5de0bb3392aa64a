/**
 * The bad-input catalogue: every client mistake the adversarial review found (issue 15, item 9 and
 * the low items) answers with a typed error (BAD_USER_INPUT, UNAUTHENTICATED or
 * SERVICE_UNAVAILABLE), never INTERNAL_SERVER_ERROR, and changes no row and writes no audit event.
 * Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid } from '../support/sharing-matrix.js';
import { refusedWritingNothing } from '../support/refused.js';

let t: TestServer;
let admin: string;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  t = await startTestServer();
  const partner = await t.server.stores.records.prisma.partner.findFirstOrThrow({ orderBy: { id: 'asc' } });
  admin = await tokenFor({ partnerId: partner.id, roles: ['ADMIN', 'CONTRIBUTOR', 'DATA_PROTECTION_OFFICER'] });
});
afterAll(async () => t?.stop());

/** Rows and audit events: a refused request must change neither. */
async function footprint() {
  const db = t.server.stores.records.prisma;
  const [items, audit, people, issues] = await Promise.all([db.intelligenceItem.count(), db.auditEvent.count(), db.person.count(), db.issue.count()]);
  return { items, audit, people, issues };
}

const ITEM = { title: 'A title', body: 'A body', source: 'SURVEY', theme: 'Housing', observedOn: '2026-06-01', localityCodes: ['leominster'] };
const CREATE_ITEM = `mutation($input: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $input) { id } }`;
const manyCodes = Array.from({ length: 70_000 }, (_, i) => `code-${i}`);

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code?: string;
  anonymous?: boolean;
}

const CASES: Case[] = [
  { name: 'first: -5', query: '{ intelligence(first: -5) { totalCount } }' },
  { name: 'last: -1', query: '{ people(last: -1) { totalCount } }' },
  { name: 'after: "garbage"', query: '{ intelligence(after: "garbage") { totalCount } }' },
  { name: 'an oversized numeric cursor', query: `{ intelligence(after: "${b64('GPC:N:99999999999999999999999')}") { totalCount } }` },
  { name: 'a cursor of another shape', query: `{ intelligence(before: "${b64('GPC:S:abc')}") { totalCount } }` },
  { name: 'node(id:) of an unknown type', query: `{ node(id: "${b64('Spaceship:1')}") { id } }` },
  { name: 'node(id:) with a non-numeric id', query: `{ node(id: "${b64('IntelligenceItem:abc')}") { id } }` },
  { name: 'node(id:) that is not base64', query: '{ node(id: "!!not an id!!") { id } }' },
  { name: 'node(id:) of an AuditEvent', query: `{ node(id: "${b64('AuditEvent:1')}") { id } }` },
  { name: 'nodes(ids:) with an unknown type', query: `{ nodes(ids: ["${b64('Spaceship:1')}"]) { id } }` },
  { name: 'a filter longer than the parameter limit', query: 'query($codes: [String!]) { intelligence(filter: { localityCodes: $codes }) { totalCount } }', variables: { codes: manyCodes } },
  { name: 'a lone surrogate in a search', query: 'query($s: String) { intelligence(filter: { search: $s }) { totalCount } }', variables: { s: 'ab\ud800cd' } },
  { name: 'a lone surrogate in a new record', query: CREATE_ITEM, variables: { input: { ...ITEM, title: 'x\udc00y' } } },
  { name: 'a NUL byte in a new record', query: CREATE_ITEM, variables: { input: { ...ITEM, body: 'before\u0000after' } } },
  { name: 'a NUL byte in a literal', query: '{ intelligence(filter: { search: "a\\u0000b" }) { totalCount } }' },
  { name: 'the date 0000-01-01', query: CREATE_ITEM, variables: { input: { ...ITEM, observedOn: '0000-01-01' } } },
  { name: 'the date 2026-02-30', query: CREATE_ITEM, variables: { input: { ...ITEM, observedOn: '2026-02-30' } } },
  { name: 'a DateTime beyond the JS range', query: 'query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', variables: { from: '+275761-01-01T00:00:00Z' } },
  { name: 'a DateTime in year 20000', query: 'query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', variables: { from: '20000-01-01T00:00:00Z' } },
  { name: 'a DateTime "1"', query: 'query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', variables: { from: '1' } },
  { name: 'a DateTime "foo 2"', query: 'query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', variables: { from: 'foo 2' } },
  { name: 'a DateTime without a time zone', query: 'query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', variables: { from: '2026-01-01T10:00:00' } },
  { name: 'a Date as a number', query: CREATE_ITEM, variables: { input: { ...ITEM, observedOn: 20260601 } } },
];

describe('client mistakes are typed errors that change nothing', () => {
  it.each(CASES)('$name', async ({ query, variables, code }) => {
    const before = await footprint();
    const logged = t.logs.length;
    const res = await t.gql(query, variables, { token: admin });
    expect(res.errors?.length, JSON.stringify(res)).toBeGreaterThan(0);
    for (const error of res.errors!) expect([error.message, error.extensions?.code]).toEqual([error.message, code ?? 'BAD_USER_INPUT']);
    expect(JSON.stringify(res)).not.toMatch(/INTERNAL_SERVER_ERROR|stack|prisma|sqlite|postgres/i);
    expect(await footprint()).toEqual(before);
    expect(t.logs.slice(logged).filter((line) => line.msg === 'internal error')).toEqual([]);
  });

  it('a token whose partner does not exist is UNAUTHENTICATED, and writes nothing', async () => {
    const before = await footprint();
    for (const token of [await tokenFor({ partnerId: 987_654, roles: ['CONTRIBUTOR'] }), await tokenFor({ personId: 987_654, roles: ['READER'] })]) {
      const res = await t.gql(CREATE_ITEM, { input: ITEM }, { token });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await footprint()).toEqual(before);
  });

  it('a token issued in the future is UNAUTHENTICATED', async () => {
    const { SignJWT } = await import('jose');
    const { TEST_JWT_SECRET, TEST_JWT_ISSUER, TEST_JWT_AUDIENCE } = await import('../support/tokens.js');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['READER'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('future')
      .setIssuer(TEST_JWT_ISSUER)
      .setAudience(TEST_JWT_AUDIENCE)
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await t.gql('{ viewer { signedIn } }', {}, { token });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('node(id:) of a hidden and of a missing record answer alike', async () => {
    const res = await t.gql(`{ a: node(id: "${gid('IntelligenceItem', 999_999)}") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.a).toBeNull();
  });
});

describe('inputs validated once, on the input type (issue 15, the boundary)', () => {
  const UPDATE_ITEM = 'mutation($id: ID!, $input: UpdateIntelligenceItemInput!) { updateIntelligenceItem(id: $id, input: $input) { id } }';
  const CREATE_ACTION = 'mutation($input: CreateActionInput!) { createAction(input: $input) { id } }';
  const CHANGE_SHARING = 'mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }';

  async function refused(query: string, variables: Record<string, unknown>, field: string) {
    const logged = t.logs.length;
    const error = await refusedWritingNothing(t, footprint, { query, variables, token: admin, code: 'BAD_USER_INPUT', field });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(t.logs.slice(logged).filter((line) => line.msg === 'internal error')).toEqual([]);
  }

  it('a field its input type refuses is BAD_USER_INPUT naming the input path, and writes nothing', async () => {
    await refused(CREATE_ITEM, { input: { ...ITEM, title: '   ' } }, 'input.title');
    await refused(CREATE_ITEM, { input: { ...ITEM, theme: 'x'.repeat(500) } }, 'input.theme');
  });

  it('a malformed id, an id of another type, of no type or of an AuditEvent is BAD_USER_INPUT on that argument', async () => {
    const item = await t.server.stores.records.prisma.intelligenceItem.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const partner = await t.server.stores.records.prisma.partner.findFirstOrThrow({ orderBy: { id: 'asc' } });
    for (const id of ['!!not an id!!', gid('Partner', partner.id), b64('Spaceship:1'), b64(`IntelligenceItem:abc`), b64('AuditEvent:1')]) {
      await refused(UPDATE_ITEM, { id, input: { title: 'Renamed' } }, 'id');
      await refused(CHANGE_SHARING, { id }, 'id');
    }
    // A well-formed id of the right type still reaches the resolver.
    const res = await t.gql(UPDATE_ITEM, { id: gid('IntelligenceItem', item.id), input: { theme: item.theme } }, { token: admin });
    expect(res.errors).toBeUndefined();
  });

  it('an id inside an input is decoded by the same rule, and refused with its path', async () => {
    const partner = await t.server.stores.records.prisma.partner.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await refused(CREATE_ACTION, { input: { issueId: gid('Partner', partner.id), title: 'An action' } }, 'input.issueId');
    await refused(CREATE_ITEM, { input: { ...ITEM, sharingLevel: 'RESTRICTED', sharedWithPartnerIds: ['nonsense'] } }, 'input.sharedWithPartnerIds.0');
  });
});

describe('malformed HTTP bodies', () => {
  const post = (body: string, type = 'application/json') =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['not JSON', '{"query": '],
    ['JSON that is not an object', '[1,2,3]'],
    ['a body over 1 MB', JSON.stringify({ query: `{ viewer { signedIn } } # ${'x'.repeat(1_100_000)}` })],
  ])('%s is a JSON GraphQL error with a code, never an HTML page or a stack', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0]!.extensions.code).toMatch(/BAD_REQUEST|BAD_USER_INPUT/);
    expect(JSON.stringify(json)).not.toMatch(/at \w+ \(|node_modules|stack/);
  });
});

describe('query shape', () => {
  it('__typename counts against breadth', async () => {
    const aliases = Array.from({ length: 5_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await t.gql(`{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.data?.a0).toBeUndefined();
  });
});

describe('a busy store', () => {
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('a locked SQLite file is SERVICE_UNAVAILABLE with a retry hint, and nothing is written', async () => {
    // Another process holds the write lock (in this process SQLite's locks would not see each other:
    // the Prisma adapter loads its own copy of the library).
    const { spawn } = await import('node:child_process');
    const file = t.databaseUrl.replace(/^file:/, '');
    const before = await footprint();
    const holder = spawn(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); process.stdin.on('end', () => { db.exec('ROLLBACK'); process.exit(0); }); process.stdin.resume();`,
    ], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      const res = await t.gql(CREATE_ITEM, { input: ITEM }, { token: admin });
      expect(res.errors?.[0]?.extensions, JSON.stringify(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) });
      expect(JSON.stringify(res)).not.toMatch(/INTERNAL_SERVER_ERROR|sqlite/i);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    expect(await footprint()).toEqual(before);
  }, 30_000);
});
