/**
 * The partnership rules, through the GraphQL API over HTTP, on SQLite (and PostgreSQL when
 * TEST_DATABASE_URL is set): five live priorities per board (also under concurrent requests), one
 * single point of contact per agency per locality, ends after starts, plan supersession. Every
 * refusal asserts its error code and that nothing changed: the tables the mutation could touch,
 * including the audit trail, are read straight from the record store before and after.
 *
 * And the dashboard screen of one locality is one request whose statement count does not grow
 * with the number of boards, priorities or meetings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId, recordId } from '../support/ids.js';
import { refusedWritingNothing } from '../support/refused.js';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
});
afterAll(async () => {
  await t?.stop();
});

const prisma = () => t.server.stores.records.prisma;

/** Every row a partnership mutation can write, with the audit trail, as one comparable value. */
async function snapshot() {
  const db = prisma();
  const [priorities, evidence, roles, plans, boards, meetings, audit, kinds] = await Promise.all([
    db.priority.findMany({ orderBy: { id: 'asc' } }),
    db.priorityEvidence.findMany({ orderBy: [{ priorityId: 'asc' }, { indicatorId: 'asc' }] }),
    db.localityRole.findMany({ orderBy: { id: 'asc' } }),
    db.localityPlan.findMany({ orderBy: { id: 'asc' } }),
    db.board.findMany({ orderBy: { id: 'asc' } }),
    db.meeting.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.count(),
    db.localityRoleKind.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { priorities, evidence, roles, plans, boards, meetings, audit, kinds };
}

/** Run `mutation`, expect one error with `code`, and that the record store is unchanged. */
const refusedWithoutChange = (code: string, query: string, variables: Record<string, unknown>) =>
  refusedWritingNothing(t, snapshot, { code, query, variables, token: admin, only: true });

const CREATE_PRIORITY = `mutation($input: CreatePriorityInput!) { createPriority(input: $input) { id status } }`;

/** A new board of the locality, with `live` live priorities, made through the API. */
async function boardWithLivePriorities(locality: string, live: number): Promise<string> {
  const board = await t.gql(
    `mutation($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
    { input: { name: `Test board ${Math.random()}`, kind: 'TASK_AND_FINISH_GROUP', localityCode: locality, startsOn: '2024-01-01' } },
    { token: admin },
  );
  expect(board.errors).toBeUndefined();
  const boardId = board.data.createBoard.id as string;
  for (let i = 0; i < live; i++) {
    const res = await t.gql(CREATE_PRIORITY, { input: { boardId, title: `Priority ${i + 1}`, theme: 'Health', status: 'LIVE' } }, { token: admin });
    expect(res.errors).toBeUndefined();
  }
  return boardId;
}

async function liveCount(boardId: string): Promise<number> {
  const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Board { livePriorityCount } } }`, { id: boardId });
  return res.data.node.livePriorityCount;
}

describe('five live priorities per board', () => {
  it('refuses a sixth live priority with CONFLICT and writes nothing', async () => {
    const boardId = await boardWithLivePriorities('kington', 5);
    const error = await refusedWithoutChange('CONFLICT', CREATE_PRIORITY, {
      input: { boardId, title: 'One too many', theme: 'Housing', status: 'LIVE', evidence: ['crime-rate-per-1000'] },
    });
    expect(error.message).toMatch(/at most 5/);
    expect(error.extensions?.rule).toBe('FIVE_LIVE_PRIORITIES');
    expect(await liveCount(boardId)).toBe(5);
  });

  it('refuses making a draft live on a full board, and accepts it once one is achieved', async () => {
    const boardId = await boardWithLivePriorities('bromyard', 5);
    const draft = await t.gql(CREATE_PRIORITY, { input: { boardId, title: 'Waiting', theme: 'Economy' } }, { token: admin });
    expect(draft.data.createPriority.status).toBe('DRAFT');
    const update = `mutation($id: ID!) { updatePriority(id: $id, input: { status: LIVE }) { status } }`;
    await refusedWithoutChange('CONFLICT', update, { id: draft.data.createPriority.id });

    const live = await t.gql(`query($id: ID!) { node(id: $id) { ... on Board { livePriorities { id } } } }`, { id: boardId });
    const ended = await t.gql(
      `mutation($id: ID!) { endPriority(id: $id, status: ACHIEVED) { status } }`,
      { id: live.data.node.livePriorities[0].id },
      { token: admin },
    );
    expect(ended.data.endPriority.status).toBe('ACHIEVED');
    const promoted = await t.gql(update, { id: draft.data.createPriority.id }, { token: admin });
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data.updatePriority.status).toBe('LIVE');
    expect(await liveCount(boardId)).toBe(5);
  });

  it('lets exactly enough of many concurrent requests in, never a sixth', async () => {
    const boardId = await boardWithLivePriorities('weobley', 3);
    const attempts = 8;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        t.gql(CREATE_PRIORITY, { input: { boardId, title: `Concurrent ${i}`, theme: 'Crime', status: 'LIVE' } }, { token: admin }),
      ),
    );
    const accepted = results.filter((res) => !res.errors);
    const refused = results.filter((res) => res.errors);
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(attempts - 2);
    for (const res of refused) expect(res.errors!.map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
    expect(await liveCount(boardId)).toBe(5);
    expect(await prisma().priority.count({ where: { title: { startsWith: 'Concurrent' } } })).toBe(2);
  });
});

describe('one single point of contact per agency per locality', () => {
  const CREATE_ROLE = `mutation($input: CreateLocalityRoleInput!) { createLocalityRole(input: $input) { id } }`;

  it('refuses a second one for overlapping dates with CONFLICT and writes nothing, and accepts a successor', async () => {
    const current = await prisma().localityRole.findFirstOrThrow({
      where: { kind: { code: 'single-point-of-contact' }, endsOn: null, localityId: { not: null }, partnerId: { not: null } },
      include: { locality: true },
    });
    const other = await prisma().person.findFirstOrThrow({ where: { id: { not: current.personId } } });
    const input = {
      personId: globalId('Person', other.id),
      partnerId: globalId('Partner', current.partnerId!),
      localityCode: current.locality!.code,
      kind: 'single-point-of-contact',
      startsOn: '2030-01-01',
    };
    const error = await refusedWithoutChange('CONFLICT', CREATE_ROLE, { input });
    expect(error.extensions?.rule).toBe('ONE_SINGLE_POINT_OF_CONTACT');

    // A successor starting the day after the current contact's last day is no clash.
    await prisma().localityRole.update({ where: { id: current.id }, data: { endsOn: new Date('2029-12-31') } });
    const accepted = await t.gql(CREATE_ROLE, { input }, { token: admin });
    expect(accepted.errors).toBeUndefined();
    const successor = await prisma().localityRole.findFirstOrThrow({ where: { kind: { code: 'single-point-of-contact' }, personId: other.id, localityId: current.localityId } });
    expect(successor.startsOn.toISOString().slice(0, 10)).toBe('2030-01-01');
  });
});

describe('kinds of locality role are data; the single-point-of-contact rule follows the flag', () => {
  const CREATE_ROLE = `mutation($input: CreateLocalityRoleInput!) { createLocalityRole(input: $input) { id kind { code singlePointOfContact } } }`;
  const CREATE_KIND = `mutation($input: CreateLocalityRoleKindInput!) { createLocalityRoleKind(input: $input) { id code name singlePointOfContact aliases revision } }`;
  const UPDATE_KIND = `mutation($id: ID!, $input: UpdateLocalityRoleKindInput!, $rev: Int) { updateLocalityRoleKind(id: $id, input: $input, expectedRevision: $rev) { id revision singlePointOfContact } }`;
  let people: { id: number }[];
  let partnerId: number;
  beforeAll(async () => {
    people = await prisma().person.findMany({ orderBy: { id: 'asc' }, take: 10, select: { id: true } });
    partnerId = (await prisma().partner.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
  });
  const roleInput = (kind: string, person: number, startsOn: string, locality = 'bromyard') => ({
    personId: globalId('Person', people[person]!.id),
    partnerId: globalId('Partner', partnerId),
    localityCode: locality,
    kind,
    startsOn,
  });
  async function createKind(input: Record<string, unknown>) {
    const res = await t.gql(CREATE_KIND, { input }, { token: admin });
    expect(res.errors).toBeUndefined();
    return res.data.createLocalityRoleKind;
  }

  it('lists the dataset’s kinds, and an unknown kind is BAD_USER_INPUT on input.kind, writing nothing', async () => {
    const res = await t.gql('{ localityRoleKinds { code name singlePointOfContact leadsLocality } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.localityRoleKinds.map((k: any) => k.code)).toEqual(['senior-manager-lead', 'single-point-of-contact', 'ward-member', 'community-ambassador', 'network-contact']);
    expect(res.data.localityRoleKinds.filter((k: any) => k.singlePointOfContact).map((k: any) => k.code)).toEqual(['single-point-of-contact']);
    const error = await refusedWithoutChange('BAD_USER_INPUT', CREATE_ROLE, { input: roleInput('captain', 0, '2031-01-01') });
    expect(error.extensions?.field).toBe('input.kind');
    expect(error.message).toContain('single-point-of-contact');
  });

  it('an ADMIN defines a kind with the flag: an overlapping second holder for one agency and place is CONFLICT, another kind is not bound', async () => {
    const kind = await createKind({ code: 'community-connector', name: 'Community connector', singlePointOfContact: true, aliases: ['connector'] });
    expect(kind).toMatchObject({ code: 'community-connector', singlePointOfContact: true, aliases: ['connector'], revision: 1 });
    const audited = await prisma().auditEvent.count({ where: { entity: 'LocalityRoleKind', action: 'CREATE', entityId: String(recordId(kind.id)) } });
    expect(audited).toBe(1);

    const first = await t.gql(CREATE_ROLE, { input: roleInput('community-connector', 0, '2031-01-01') }, { token: admin });
    expect(first.errors).toBeUndefined();
    expect(first.data.createLocalityRole.kind).toEqual({ code: 'community-connector', singlePointOfContact: true });
    const error = await refusedWithoutChange('CONFLICT', CREATE_ROLE, { input: roleInput('community-connector', 1, '2031-06-01') });
    expect(error.extensions?.rule).toBe('ONE_SINGLE_POINT_OF_CONTACT');

    // A kind without the flag takes overlapping holders of one agency.
    await createKind({ code: 'link-worker', name: 'Link worker' });
    for (const person of [0, 1]) expect((await t.gql(CREATE_ROLE, { input: roleInput('link-worker', person, '2031-01-01') }, { token: admin })).errors).toBeUndefined();
    // ...and cannot be given the flag while they overlap; a stale revision is refused first.
    const linkWorker = (await t.gql('{ localityRoleKinds { id code } }')).data.localityRoleKinds.find((k: any) => k.code === 'link-worker');
    const stale = await refusedWithoutChange('CONFLICT', UPDATE_KIND, { id: linkWorker.id, rev: 7, input: { singlePointOfContact: true } });
    expect(stale.extensions?.rule).toBe('STALE_WRITE');
    const broken = await refusedWithoutChange('CONFLICT', UPDATE_KIND, { id: linkWorker.id, input: { singlePointOfContact: true } });
    expect(broken.extensions?.rule).toBe('ONE_SINGLE_POINT_OF_CONTACT');
  });

  it('refuses a malformed or taken code and a blank name, naming the field', async () => {
    expect((await refusedWithoutChange('BAD_USER_INPUT', CREATE_KIND, { input: { code: 'Area Lead', name: 'Area lead' } })).extensions?.field).toBe('input.code');
    expect((await refusedWithoutChange('BAD_USER_INPUT', CREATE_KIND, { input: { code: 'area-lead', name: '  ' } })).extensions?.field).toBe('input.name');
    const taken = await refusedWithoutChange('CONFLICT', CREATE_KIND, { input: { code: 'ward-member', name: 'Another' } });
    expect(taken.extensions).toMatchObject({ field: 'input.code', rule: 'DUPLICATE_CODE' });
  });

  it('lets exactly one of many concurrent holders of a flagged kind in, for one agency and locality', async () => {
    await createKind({ code: 'parallel-contact', name: 'Parallel contact', singlePointOfContact: true });
    const attempts = 8;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) => t.gql(CREATE_ROLE, { input: roleInput('parallel-contact', i, `2032-0${1 + (i % 3)}-01`, 'kington') }, { token: admin })),
    );
    const refused = results.filter((res) => res.errors);
    expect(results.filter((res) => !res.errors)).toHaveLength(1);
    for (const res of refused) expect(res.errors!.map((error) => [error.extensions?.code, error.extensions?.rule])).toEqual([['CONFLICT', 'ONE_SINGLE_POINT_OF_CONTACT']]);
    expect(await prisma().localityRole.count({ where: { kind: { code: 'parallel-contact' } } })).toBe(1);
  });
});

describe('ends come after starts', () => {
  it('refuses a priority, a board and a role ending on or before they start with BAD_USER_INPUT naming the field', async () => {
    const boardId = await boardWithLivePriorities('ledbury', 0);
    const priority = await refusedWithoutChange('BAD_USER_INPUT', CREATE_PRIORITY, {
      input: { boardId, title: 'Backwards', theme: 'Health', startsOn: '2025-04-01', endsOn: '2025-03-31' },
    });
    expect(priority.extensions?.field).toBe('input.endsOn');

    const board = await refusedWithoutChange('BAD_USER_INPUT', `mutation($input: CreateBoardInput!) { createBoard(input: $input) { id } }`, {
      input: { name: 'Backwards board', kind: 'LOCALITY_FORUM', localityCode: 'ledbury', startsOn: '2025-04-01', endsOn: '2025-04-01' },
    });
    expect(board.extensions?.field).toBe('input.endsOn');

    const person = await prisma().person.findFirstOrThrow();
    const role = await refusedWithoutChange('BAD_USER_INPUT', `mutation($input: CreateLocalityRoleInput!) { createLocalityRole(input: $input) { id } }`, {
      input: {
        personId: globalId('Person', person.id),
        localityCode: 'ledbury',
        kind: 'ward-member',
        startsOn: '2025-04-01',
        endsOn: '2024-04-01',
      },
    });
    expect(role.extensions?.field).toBe('input.endsOn');
  });
});

describe('plan supersession', () => {
  const CREATE_PLAN = `mutation($input: CreateLocalityPlanInput!) { createLocalityPlan(input: $input) { id version status } }`;
  const APPROVE = `mutation($id: ID!) { approveLocalityPlan(id: $id) { id status } }`;

  it('supersedes the approved version when a new one is approved, keeps it readable, and refuses to approve it again', async () => {
    const before = await t.gql(`{ locality(code: "mortimer") { plan { id version status } } }`);
    const previous = before.data.locality.plan;
    expect(previous.status).toBe('APPROVED');

    const draft = await t.gql(CREATE_PLAN, { input: { localityCode: 'mortimer', title: 'Mortimer plan, next', approach: 'MANAGED' } }, { token: admin });
    expect(draft.data.createLocalityPlan).toMatchObject({ version: previous.version + 1, status: 'DRAFT' });
    const approved = await t.gql(APPROVE, { id: draft.data.createLocalityPlan.id }, { token: admin });
    expect(approved.data.approveLocalityPlan.status).toBe('APPROVED');

    const after = await t.gql(`query($id: ID!) {
      locality(code: "mortimer") { plan { id } }
      node(id: $id) { ... on LocalityPlan { status supersededOn version } }
    }`, { id: previous.id });
    expect(after.data.locality.plan.id).toBe(draft.data.createLocalityPlan.id);
    expect(after.data.node).toMatchObject({ status: 'SUPERSEDED', version: previous.version });
    expect(after.data.node.supersededOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await prisma().localityPlan.count({ where: { locality: { code: 'mortimer' }, status: 'APPROVED' } })).toBe(1);

    const error = await refusedWithoutChange('CONFLICT', APPROVE, { id: previous.id });
    expect(error.extensions?.rule).toBe('PLAN_SUPERSESSION');
    const edit = await refusedWithoutChange('CONFLICT', `mutation($id: ID!) { updateLocalityPlan(id: $id, input: { title: "Rewritten" }) { id } }`, { id: previous.id });
    expect(edit.message).toMatch(/superseded/);
  });
});

describe('the dashboard screen of a locality', () => {
  const SCREEN = `query($code: String!) {
    locality(code: $code) {
      name
      leads { person { name jobTitle partner { name } } startsOn }
      boards(first: 50) { totalCount edges { node {
        name kind livePriorityCount
        livePriorities { title theme evidenceIndicatorIds }
        nextMeeting { startsAt location kind }
      } } }
      plan { version status approach approvedOn priorities { title status } }
    }
  }`;

  it('is one request whose statement count does not grow with boards, priorities or meetings', async () => {
    const first = await t.countStatements(async () => {
      const res = await t.gql(SCREEN, { code: 'golden-valley' });
      expect(res.errors).toBeUndefined();
      expect(res.data.locality.boards.edges.length).toBeGreaterThan(0);
    });

    const db = prisma();
    const locality = await db.locality.findUniqueOrThrow({ where: { code: 'golden-valley' } });
    for (let b = 0; b < 6; b++) {
      const board = await db.board.create({
        data: { name: `Extra board ${b}`, kind: 'TASK_AND_FINISH_GROUP', scope: 'LOCALITY', localityId: locality.id, startsOn: new Date('2024-01-01') },
      });
      await db.priority.createMany({
        data: Array.from({ length: 4 }, (_, p) => ({ boardId: board.id, localityId: locality.id, title: `P${p}`, theme: 'Health', status: 'LIVE' as const })),
      });
      await db.meeting.createMany({
        data: Array.from({ length: 3 }, (_, m) => ({ boardId: board.id, kind: 'ORDINARY' as const, startsAt: new Date(Date.UTC(2031, m, 1)) })),
      });
    }

    let boards = 0;
    const second = await t.countStatements(async () => {
      const res = await t.gql(SCREEN, { code: 'golden-valley' });
      expect(res.errors).toBeUndefined();
      boards = res.data.locality.boards.edges.length;
      const extra = res.data.locality.boards.edges.filter((edge: any) => edge.node.name.startsWith('Extra board'));
      expect(extra).toHaveLength(6);
      for (const edge of extra) {
        expect(edge.node.livePriorities).toHaveLength(4);
        expect(edge.node.nextMeeting.startsAt).toBe('2031-01-01T00:00:00.000Z');
      }
    });
    expect(boards).toBeGreaterThanOrEqual(7);
    expect(second.records).toBe(first.records);
    // Measured: 11 (the locality, its leads, boards with live priorities and next meetings, the plan
    // and its priorities, each a batched query planned by the Prisma plugin).
    expect(second.records).toBeLessThanOrEqual(12);
  });
});
