/**
 * Concurrent changes to one record (issue 15, severe 1): for every update mutation, N parallel
 * requests changing disjoint fields of the same record end with every change applied, or the loser
 * told CONFLICT; the record's audit chain is exact (each event's `before` is the previous event's
 * `after`) and its revision counts its changes; `expectedRevision` turns a stale write into
 * CONFLICT / STALE_WRITE. 20 trials per mutation group, one server per file, requests in parallel
 * over HTTP. Run it on PostgreSQL too (TEST_DATABASE_URL): SQLite serialises writers, PostgreSQL
 * is where lost updates showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { recordId } from '../support/ids.js';

const TRIALS = 20;
let t: TestServer;
let admin: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
}, 120_000);
afterAll(() => t?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await t.gql<T>(query, variables, { token: admin });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data as T;
}


/** One change sent in parallel with the others of its group: its document, and what it leaves on the record. */
interface Op {
  doc: string;
  vars: (id: string, trial: number) => Record<string, unknown>;
  /** The record (read back with `read`) shows this change. */
  applied: (node: any, trial: number) => boolean;
  /** The change may lose with CONFLICT (e.g. editing a plan that a parallel request approved). */
  mayConflict?: boolean;
}

interface Group {
  entity: string;
  /** A new record per trial (its global id). */
  create: (trial: number) => Promise<string>;
  /** The fields the ops change, read back with `node(id:)`. */
  read: string;
  ops: Op[];
}

let seq = 0;
const unique = (what: string) => `${what} ${Date.now() % 100000}-${(seq += 1)}`;

async function newPerson(): Promise<string> {
  const d = await ok(`mutation($n: String!) { createPerson(input: { name: $n, partnerId: $p }) { id } }`.replace('$p', JSON.stringify(await partnerId())), {
    n: unique('Person'),
  });
  return d.createPerson.id;
}
let partner: string | undefined;
async function partnerId(): Promise<string> {
  partner ??= (await ok(`{ partners(first: 1) { edges { node { id } } } }`)).partners.edges[0].node.id;
  return partner!;
}
async function newBoard(): Promise<string> {
  const d = await ok(`mutation($n: String!) { createBoard(input: { name: $n, kind: TASK_AND_FINISH_GROUP, localityCode: "kington", startsOn: "2020-01-01" }) { id } }`, {
    n: unique('Board'),
  });
  return d.createBoard.id;
}
async function newIssue(): Promise<string> {
  const d = await ok(
    `mutation($n: String!) { createIssue(input: { localityCode: "kington", title: $n, description: "d", theme: "t", raisedOn: "2024-01-01" }) { id } }`,
    { n: unique('Issue') },
  );
  return d.createIssue.id;
}

const groups: Group[] = [
  {
    entity: 'Issue',
    create: newIssue,
    read: 'title description theme raisedByName status',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateIssue(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `title ${n}` }), applied: (x, n) => x.title === `title ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateIssue(id: $id, input: { description: $v }) { id } }`, vars: (id, n) => ({ id, v: `desc ${n}` }), applied: (x, n) => x.description === `desc ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateIssue(id: $id, input: { theme: $v }) { id } }`, vars: (id, n) => ({ id, v: `theme ${n}` }), applied: (x, n) => x.theme === `theme ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateIssue(id: $id, input: { raisedByName: $v }) { id } }`, vars: (id, n) => ({ id, v: `by ${n}` }), applied: (x, n) => x.raisedByName === `by ${n}` },
      { doc: `mutation($id: ID!) { resolveIssue(id: $id, resolvedOn: "2024-02-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.status === 'RESOLVED' },
    ],
  },
  {
    entity: 'Issue',
    create: newIssue,
    read: 'title status escalationReason',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateIssue(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `t ${n}` }), applied: (x, n) => x.title === `t ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { escalateIssue(id: $id, input: { reason: $v, escalatedOn: "2024-02-01" }) { id } }`, vars: (id, n) => ({ id, v: `why ${n}` }), applied: (x, n) => x.status === 'ESCALATED' && x.escalationReason === `why ${n}` },
    ],
  },
  {
    entity: 'Action',
    create: async () => {
      const issue = await newIssue();
      return (await ok(`mutation($i: ID!) { createAction(input: { issueId: $i, title: "a" }) { id } }`, { i: issue })).createAction.id;
    },
    read: 'title note dueOn status doneOn',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateAction(id: $id, input: { note: $v }) { id } }`, vars: (id, n) => ({ id, v: `note ${n}` }), applied: (x, n) => x.note === `note ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateAction(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `title ${n}` }), applied: (x, n) => x.title === `title ${n}` },
      { doc: `mutation($id: ID!) { updateAction(id: $id, input: { dueOn: "2030-01-01" }) { id } }`, vars: (id) => ({ id }), applied: (x) => x.dueOn === '2030-01-01' },
      { doc: `mutation($id: ID!) { completeAction(id: $id, doneOn: "2024-03-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.status === 'DONE' && x.doneOn === '2024-03-01' },
    ],
  },
  {
    entity: 'IntelligenceItem',
    create: async () =>
      (
        await ok(`mutation($n: String!) { createIntelligenceItem(input: { title: $n, body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: ["kington"] }) { id } }`, {
          n: unique('Item'),
        })
      ).createIntelligenceItem.id,
    read: 'title body theme source sharingLevel',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateIntelligenceItem(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `title ${n}` }), applied: (x, n) => x.title === `title ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateIntelligenceItem(id: $id, input: { body: $v }) { id } }`, vars: (id, n) => ({ id, v: `body ${n}` }), applied: (x, n) => x.body === `body ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateIntelligenceItem(id: $id, input: { theme: $v }) { id } }`, vars: (id, n) => ({ id, v: `theme ${n}` }), applied: (x, n) => x.theme === `theme ${n}` },
      { doc: `mutation($id: ID!) { updateIntelligenceItem(id: $id, input: { source: PARTNER_DATA }) { id } }`, vars: (id) => ({ id }), applied: (x) => x.source === 'PARTNER_DATA' },
      { doc: `mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`, vars: (id) => ({ id }), applied: (x) => x.sharingLevel === 'PUBLIC' },
    ],
  },
  {
    entity: 'CommunityAsset',
    create: async () =>
      (await ok(`mutation($n: String!) { createCommunityAsset(input: { name: $n, kind: GROUP, localityCode: "kington" }) { id } }`, { n: unique('Asset') })).createCommunityAsset.id,
    read: 'name contact description',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateCommunityAsset(id: $id, input: { name: $v }) { id } }`, vars: (id, n) => ({ id, v: `name ${n}` }), applied: (x, n) => x.name === `name ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateCommunityAsset(id: $id, input: { contact: $v }) { id } }`, vars: (id, n) => ({ id, v: `contact ${n}` }), applied: (x, n) => x.contact === `contact ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateCommunityAsset(id: $id, input: { description: $v }) { id } }`, vars: (id, n) => ({ id, v: `desc ${n}` }), applied: (x, n) => x.description === `desc ${n}` },
    ],
  },
  {
    entity: 'Board',
    create: newBoard,
    read: 'name termsOfReference meetingFrequency endsOn',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateBoard(id: $id, input: { name: $v }) { id } }`, vars: (id, n) => ({ id, v: unique(`name ${n}`) }), applied: (x, n) => x.name.startsWith(`name ${n} `) },
      { doc: `mutation($id: ID!, $v: String!) { updateBoard(id: $id, input: { termsOfReference: $v }) { id } }`, vars: (id, n) => ({ id, v: `tor ${n}` }), applied: (x, n) => x.termsOfReference === `tor ${n}` },
      { doc: `mutation($id: ID!) { updateBoard(id: $id, input: { meetingFrequency: QUARTERLY }) { id } }`, vars: (id) => ({ id }), applied: (x) => x.meetingFrequency === 'QUARTERLY' },
      { doc: `mutation($id: ID!) { endBoard(id: $id, endsOn: "2025-01-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.endsOn === '2025-01-01' },
    ],
  },
  {
    entity: 'Person',
    create: newPerson,
    read: 'name jobTitle phone',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updatePerson(id: $id, input: { name: $v }) { id } }`, vars: (id, n) => ({ id, v: `name ${n}` }), applied: (x, n) => x.name === `name ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updatePerson(id: $id, input: { jobTitle: $v }) { id } }`, vars: (id, n) => ({ id, v: `job ${n}` }), applied: (x, n) => x.jobTitle === `job ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updatePerson(id: $id, input: { phone: $v }) { id } }`, vars: (id, n) => ({ id, v: `01432 ${100000 + n}` }), applied: (x, n) => x.phone === `01432 ${100000 + n}` },
    ],
  },
  {
    entity: 'LocalityRoleKind',
    create: async (trial) =>
      (await ok(`mutation($c: String!) { createLocalityRoleKind(input: { code: $c, name: "Kind" }) { id } }`, { c: `parallel-kind-${Date.now() % 100000}-${trial}` })).createLocalityRoleKind.id,
    read: 'name description position',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateLocalityRoleKind(id: $id, input: { name: $v }) { id } }`, vars: (id, n) => ({ id, v: `name ${n}` }), applied: (x, n) => x.name === `name ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateLocalityRoleKind(id: $id, input: { description: $v }) { id } }`, vars: (id, n) => ({ id, v: `desc ${n}` }), applied: (x, n) => x.description === `desc ${n}` },
      { doc: `mutation($id: ID!, $v: Int!) { updateLocalityRoleKind(id: $id, input: { position: $v }) { id } }`, vars: (id, n) => ({ id, v: 100 + n }), applied: (x, n) => x.position === 100 + n },
    ],
  },
  {
    entity: 'Partner',
    create: async () => (await ok(`mutation($n: String!) { createPartner(input: { name: $n, kind: OTHER }) { id } }`, { n: unique('Partner') })).createPartner.id,
    read: 'shortName website endedOn',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updatePartner(id: $id, input: { shortName: $v }) { id } }`, vars: (id, n) => ({ id, v: `P${n}` }), applied: (x, n) => x.shortName === `P${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updatePartner(id: $id, input: { website: $v }) { id } }`, vars: (id, n) => ({ id, v: `https://example.org/${n}` }), applied: (x, n) => x.website === `https://example.org/${n}` },
      { doc: `mutation($id: ID!) { endPartner(id: $id, endedOn: "2025-01-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.endedOn === '2025-01-01' },
    ],
  },
  {
    entity: 'Priority',
    create: async () => {
      const board = await newBoard();
      return (await ok(`mutation($b: ID!) { createPriority(input: { boardId: $b, title: "p", theme: "t" }) { id } }`, { b: board })).createPriority.id;
    },
    read: 'title description theme status',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updatePriority(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `title ${n}` }), applied: (x, n) => x.title === `title ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updatePriority(id: $id, input: { description: $v }) { id } }`, vars: (id, n) => ({ id, v: `desc ${n}` }), applied: (x, n) => x.description === `desc ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updatePriority(id: $id, input: { theme: $v }) { id } }`, vars: (id, n) => ({ id, v: `theme ${n}` }), applied: (x, n) => x.theme === `theme ${n}` },
      { doc: `mutation($id: ID!) { endPriority(id: $id, status: ACHIEVED, endsOn: "2030-01-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.status === 'ACHIEVED' },
    ],
  },
  {
    entity: 'Meeting',
    create: async () => {
      const board = await newBoard();
      return (await ok(`mutation($b: ID!) { createMeeting(input: { boardId: $b, kind: ORDINARY, startsAt: "2025-06-01T10:00:00Z" }) { id } }`, { b: board })).createMeeting.id;
    },
    read: 'location minutes cancelled attendeeCount',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateMeeting(id: $id, input: { location: $v }) { id } }`, vars: (id, n) => ({ id, v: `room ${n}` }), applied: (x, n) => x.location === `room ${n}` },
      { doc: `mutation($id: ID!, $v: String!) { updateMeeting(id: $id, input: { minutes: $v }) { id } }`, vars: (id, n) => ({ id, v: `minutes ${n}` }), applied: (x, n) => x.minutes === `minutes ${n}` },
      { doc: `mutation($id: ID!) { cancelMeeting(id: $id) { id } }`, vars: (id) => ({ id }), applied: (x) => x.cancelled === true },
      { doc: `mutation($id: ID!) { recordAttendance(input: { meetingId: $id, attendance: [{ guestName: "A guest" }] }) { id } }`, vars: (id) => ({ id }), applied: (x) => x.attendeeCount >= 1 },
    ],
  },
  {
    entity: 'LocalityPlan',
    create: async () =>
      (await ok(`mutation($n: String!) { createLocalityPlan(input: { localityCode: "kington", approach: CORE, title: $n }) { id } }`, { n: unique('Plan') })).createLocalityPlan.id,
    read: 'title summary engagementMechanisms status',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateLocalityPlan(id: $id, input: { title: $v }) { id } }`, vars: (id, n) => ({ id, v: `title ${n}` }), applied: (x, n) => x.title === `title ${n}`, mayConflict: true },
      { doc: `mutation($id: ID!, $v: String!) { updateLocalityPlan(id: $id, input: { summary: $v }) { id } }`, vars: (id, n) => ({ id, v: `summary ${n}` }), applied: (x, n) => x.summary === `summary ${n}`, mayConflict: true },
      { doc: `mutation($id: ID!) { approveLocalityPlan(id: $id) { id } }`, vars: (id) => ({ id }), applied: (x) => x.status === 'APPROVED' || x.status === 'SUPERSEDED', mayConflict: true },
    ],
  },
  {
    entity: 'Consultation',
    create: async () =>
      (
        await ok(`mutation($n: String!) { createConsultation(input: { localityCode: "kington", subject: $n, audience: RESIDENTS, opensOn: "2024-01-01", deadline: "2030-01-01" }) { id } }`, {
          n: unique('Consultation'),
        })
      ).createConsultation.id,
    read: 'subject description closedOn',
    ops: [
      { doc: `mutation($id: ID!, $v: String!) { updateConsultation(id: $id, input: { subject: $v }) { id } }`, vars: (id, n) => ({ id, v: `subject ${n}` }), applied: (x, n) => x.subject === `subject ${n}`, mayConflict: true },
      { doc: `mutation($id: ID!, $v: String!) { updateConsultation(id: $id, input: { description: $v }) { id } }`, vars: (id, n) => ({ id, v: `desc ${n}` }), applied: (x, n) => x.description === `desc ${n}`, mayConflict: true },
      { doc: `mutation($id: ID!) { closeConsultation(id: $id, closedOn: "2025-01-01") { id } }`, vars: (id) => ({ id }), applied: (x) => x.closedOn === '2025-01-01' },
    ],
  },
];

/** The record's change events (not reads), oldest first, parsed. */
async function changeEvents(entity: string, globalId: string) {
  const rows = await t.server.stores.records.prisma.auditEvent.findMany({
    where: { entity, entityId: String(recordId(globalId)), action: { not: 'READ' } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ action: row.action, before: row.before ? JSON.parse(row.before) : null, after: row.after ? JSON.parse(row.after) : null }));
}

describe('parallel changes to one record: every change applied or the loser told CONFLICT, and an exact audit chain', () => {
  for (const group of groups) {
    const names = [...new Set(group.ops.map((op) => /\{\s*(\w+)\(/.exec(op.doc)![1]))].join(' + ');
    it(`${group.entity}: ${names} (${group.ops.length} in parallel, ${TRIALS} trials)`, async () => {
      for (let trial = 1; trial <= TRIALS; trial += 1) {
        const id = await group.create(trial);
        const answers: GraphQLResponse[] = await Promise.all(group.ops.map((op) => t.gql(op.doc, op.vars(id, trial), { token: admin })));
        const node = (await ok(`query($id: ID!) { node(id: $id) { ... on ${group.entity} { revision ${group.read} } } }`, { id })).node;
        let applied = 0;
        answers.forEach((answer, i) => {
          const op = group.ops[i]!;
          if (answer.errors) {
            // The only acceptable failure is a CONFLICT the op declares (never a lost or half-applied change).
            expect({ trial, op: i, code: answer.errors[0]!.extensions?.code }).toEqual({ trial, op: i, code: op.mayConflict ? 'CONFLICT' : 'NONE' });
          } else {
            expect({ trial, op: i, applied: op.applied(node, trial) }).toEqual({ trial, op: i, applied: true });
            applied += 1;
          }
        });
        expect(applied).toBeGreaterThan(0);
        const events = await changeEvents(group.entity, id);
        // One CREATE, then one event per change that answered OK (a change may also be logged on
        // the record by another mutation's side effect: none of these groups has one).
        expect(events[0]!.action).toBe('CREATE');
        expect(events.length).toBe(1 + applied);
        for (let i = 1; i < events.length; i += 1) expect(events[i]!.before).toEqual(events[i - 1]!.after);
        expect(node.revision).toBe(1 + applied);
        expect(events.at(-1)!.after.revision).toBe(node.revision);
      }
    }, 120_000);
  }
});

describe('expectedRevision: optimistic concurrency', () => {
  it('of two changes sent with the same revision, one is applied and the other is CONFLICT / STALE_WRITE, writing nothing', async () => {
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const id = await newIssue();
      const { revision } = (await ok(`query($id: ID!) { node(id: $id) { ... on Issue { revision } } }`, { id })).node;
      const doc = `mutation($id: ID!, $r: Int, $v: String!) { updateIssue(id: $id, expectedRevision: $r, input: { title: $v }) { id revision } }`;
      const answers = await Promise.all(['a', 'b'].map((v) => t.gql(doc, { id, r: revision, v: `${v} ${trial}` }, { token: admin })));
      const winners = answers.filter((answer) => !answer.errors);
      const losers = answers.filter((answer) => answer.errors);
      expect(winners).toHaveLength(1);
      expect(losers[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'STALE_WRITE', currentRevision: revision + 1, expectedRevision: revision });
      const events = await changeEvents('Issue', id);
      expect(events).toHaveLength(2);
    }
  }, 120_000);

  it('a change sent with the current revision is applied and raises it by one', async () => {
    const id = await newIssue();
    const first = await ok(`mutation($id: ID!) { updateIssue(id: $id, expectedRevision: 1, input: { theme: "x" }) { revision theme } }`, { id });
    expect(first.updateIssue).toEqual({ revision: 2, theme: 'x' });
    const stale = await t.gql(`mutation($id: ID!) { resolveIssue(id: $id, expectedRevision: 1) { id } }`, { id }, { token: admin });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'STALE_WRITE' });
    const bad = await t.gql(`mutation($id: ID!) { resolveIssue(id: $id, expectedRevision: 0) { id } }`, { id }, { token: admin });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedRevision' });
  });
});
