/**
 * The leak matrix, extended to people (directory consent) and to cursors (issue 15, items 4 and 5).
 *
 * A person who did not consent to be listed reaches no anonymous viewer by any path: the people
 * list, node(id:), a locality role's holder, a board's chair and members, a meeting's attendance,
 * /exports/roles.csv; a signed-in viewer sees them on every path. A cursor is signed: a forged
 * cursor at a hidden row and one at a missing row answer the same error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid } from '../support/sharing-matrix.js';

let t: TestServer;
let reader: string;
let unlistedId: number;
let boardId: number;

const UNLISTED = 'Una Unlisted-Person';
const LISTED = 'Lister Listed-Person';

beforeAll(async () => {
  t = await startTestServer();
  const db = t.server.stores.records.prisma;
  const partner = await db.partner.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const leominster = await db.locality.findUniqueOrThrow({ where: { code: 'leominster' } });
  reader = await tokenFor({ partnerId: partner.id, roles: ['READER'] });
  const unlisted = await db.person.create({ data: { name: UNLISTED, partnerId: partner.id, directoryConsent: false, email: 'una@example.org' } });
  const listed = await db.person.create({ data: { name: LISTED, partnerId: partner.id, directoryConsent: true } });
  unlistedId = unlisted.id;
  for (const person of [unlisted, listed]) {
    await db.localityRole.create({ data: { personId: person.id, partnerId: partner.id, localityId: leominster.id, kindId: (await db.localityRoleKind.findUniqueOrThrow({ where: { code: 'network-contact' } })).id, startsOn: new Date('2025-01-01') } });
  }
  const board = await db.board.create({
    data: { name: 'Consent Test Board', kind: 'LOCALITY_BOARD', scope: 'LOCALITY', localityId: leominster.id, chairId: unlisted.id, startsOn: new Date('2025-01-01') },
  });
  boardId = board.id;
  for (const person of [unlisted, listed]) {
    await db.membership.create({ data: { boardId: board.id, personId: person.id, role: 'MEMBER', startsOn: new Date('2025-01-01') } });
  }
  const meeting = await db.meeting.create({ data: { boardId: board.id, kind: 'ORDINARY', startsAt: new Date('2026-03-01T10:00:00Z') } });
  for (const person of [unlisted, listed]) await db.meetingAttendance.create({ data: { meetingId: meeting.id, personId: person.id } });
});
afterAll(async () => t?.stop());

const EVERY_PATH = `query($id: ID!, $board: ID!) {
  people(first: 500, nameContains: "isted-Person") { totalCount edges { node { name } } }
  byId: node(id: $id) { ... on Person { name email } }
  localityRoles(localityCode: "leominster", first: 500) { edges { node { person { name } } } }
  board: node(id: $board) { ... on Board { chair { name } members(first: 50) { edges { node { person { name } } } } meetings(first: 5) { edges { node { attendance { person { name } } } } } } }
}`;

function namesIn(data: unknown): string[] {
  const text = JSON.stringify(data);
  return [UNLISTED, LISTED].filter((name) => text.includes(name));
}

describe('people who did not consent to be listed', () => {
  it('reach no anonymous viewer by any path', async () => {
    const res = await t.gql(EVERY_PATH, { id: gid('Person', unlistedId), board: gid('Board', boardId) });
    expect(res.errors).toBeUndefined();
    expect(namesIn(res.data)).toEqual([LISTED]);
    expect(res.data.people.totalCount).toBe(1);
    expect(res.data.byId).toBeNull();
    expect(res.data.board.chair).toBeNull();
    // The roles and places stay (a locality has a network contact), their holder withheld.
    expect(res.data.localityRoles.edges.some((e: any) => e.node.person === null)).toBe(true);
    const missing = await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: gid('Person', 999_999) });
    expect(missing).toEqual({ status: 200, data: { node: null } });
  });

  it('are seen by a signed-in viewer on every path', async () => {
    const res = await t.gql(EVERY_PATH, { id: gid('Person', unlistedId), board: gid('Board', boardId) }, { token: reader });
    expect(res.errors).toBeUndefined();
    expect(namesIn(res.data)).toEqual([UNLISTED, LISTED]);
    expect(res.data.people.totalCount).toBe(2);
    expect(res.data.byId).toEqual({ name: UNLISTED, email: 'una@example.org' });
    expect(res.data.board.chair).toEqual({ name: UNLISTED });
  });

  it('are not in an anonymous download of the roles, and are in a signed-in one', async () => {
    const anonymous = await (await fetch(`${t.url}/exports/roles.csv?locality=leominster`)).text();
    expect(anonymous).toContain(LISTED);
    expect(anonymous).not.toContain(UNLISTED);
    expect(anonymous).not.toContain('una@example.org');
    const signedIn = await (await fetch(`${t.url}/exports/roles.csv?locality=leominster`, { headers: { authorization: `Bearer ${reader}` } })).text();
    expect(signedIn).toContain(UNLISTED);
  });
});

describe('cursors', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('a cursor the server gave pages on; one forged, edited or given to another viewer is refused', async () => {
    const first = await t.gql('{ intelligence(first: 1) { pageInfo { endCursor hasNextPage } edges { cursor node { id } } } }', {}, { token: reader });
    expect(first.errors).toBeUndefined();
    const cursor = first.data.intelligence.pageInfo.endCursor as string;
    expect(first.data.intelligence.edges[0].cursor).toBe(cursor);
    const page = 'query($after: Cursor) { intelligence(first: 1, after: $after) { edges { node { id } } } }';
    const next = await t.gql(page, { after: cursor }, { token: reader });
    expect(next.errors).toBeUndefined();
    expect(next.data.intelligence.edges[0].node.id).not.toBe(first.data.intelligence.edges[0].node.id);
    // The same cursor from a viewer who may see less (anonymous) is refused.
    const elsewhere = await t.gql(page, { after: cursor });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a forged cursor at a hidden row and one at a missing row answer alike', async () => {
    const db = t.server.stores.records.prisma;
    const hidden = await db.intelligenceItem.findFirstOrThrow({ where: { sharingLevel: { not: 'PUBLIC' } }, orderBy: { id: 'asc' } });
    const anonymousCursor = (await t.gql('{ intelligence(first: 1) { pageInfo { endCursor } } }')).data.intelligence.pageInfo.endCursor as string;
    const query = `{ intelligence(before: $before) { totalCount edges { node { id } } } }`;
    const answers: string[] = [];
    for (const id of [hidden.id, 999_999]) {
      for (const forged of [b64(`GPC:N:${id}`), `${b64(`GPC:N:${id}`)}.${anonymousCursor.split('.').pop()}`, `${b64(`GPC:N:${id}`)}.AAAAAAAAAAAAAAAAAAAAAA`]) {
        const res = await t.gql(`query($before: Cursor) ${query}`, { before: forged });
        expect(res.data).toBeUndefined();
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        answers.push(res.errors![0]!.message.replace(forged, 'CURSOR'));
      }
    }
    expect(new Set(answers).size).toBe(1);
  });
});
