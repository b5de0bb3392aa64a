/**
 * Issues and actions through HTTP: who may raise, change, resolve and escalate them; every bad
 * input a typed error naming its field that writes nothing (no issue, action or audit event); each
 * change audited with the record before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId, recordId } from '../support/ids.js';
import { refusedWritingNothing } from '../support/refused.js';

let t: TestServer;
let contributor: string;
let partnerA: number;
let partnerB: number;
const db = () => t.server.stores.records.prisma;

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { id title status locality { code } ownerPartner { id } authorPartner { id } sharingLevel raisedByName } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIssueInput!) { updateIssue(id: $id, input: $input) { id title status resolvedOn } }`;
const RESOLVE = `mutation($id: ID!, $on: Date) { resolveIssue(id: $id, resolvedOn: $on) { status resolvedOn daysToResolve } }`;
const ESCALATE = `mutation($id: ID!, $input: EscalateIssueInput!) { escalateIssue(id: $id, input: $input) { status escalatedOn escalationReason } }`;
const CREATE_ACTION = `mutation($input: CreateActionInput!) { createAction(input: $input) { id title status doneOn dueOn ownerPartner { id } issue { id } } }`;
const UPDATE_ACTION = `mutation($id: ID!, $input: UpdateActionInput!) { updateAction(id: $id, input: $input) { status doneOn } }`;
const COMPLETE = `mutation($id: ID!, $on: Date) { completeAction(id: $id, doneOn: $on) { status doneOn } }`;
const base = { localityCode: 'bromyard', title: 'Potholes on Cruxwell Street', description: 'Deep potholes reported by residents.', theme: 'Highways', raisedOn: '2026-03-02', raisedByName: 'a resident' };

const counts = () => Promise.all([db().issue.count(), db().action.count(), db().auditEvent.count()]);

/** Refused with `code` and nothing written. */
const refused = (code: string, query: string, variables: Record<string, unknown>, token?: string) =>
  refusedWritingNothing(t, counts, { code, query, variables, token });

async function raise(input: Record<string, unknown> = {}, token = contributor): Promise<string> {
  const res = await t.gql(CREATE, { input: { ...base, ...input } }, { token });
  expect(res.errors).toBeUndefined();
  return res.data.createIssue.id;
}

beforeAll(async () => {
  t = await startTestServer();
  [partnerA, partnerB] = (await db().partner.findMany({ take: 2, orderBy: { id: 'asc' } })).map((p) => p.id) as [number, number];
  contributor = await tokenFor({ personId: 1, partnerId: partnerA, roles: ['CONTRIBUTOR'] });
});
afterAll(async () => t?.stop());

describe('raising an issue', () => {
  it('records it with the author partner as owner by default, and a CREATE audit event', async () => {
    const res = await t.gql(CREATE, { input: base }, { token: contributor });
    expect(res.errors).toBeUndefined();
    expect(res.data.createIssue).toMatchObject({
      title: base.title,
      status: 'OPEN',
      locality: { code: 'bromyard' },
      ownerPartner: { id: globalId('Partner', partnerA) },
      authorPartner: { id: globalId('Partner', partnerA) },
      sharingLevel: 'PARTNERSHIP',
      raisedByName: 'a resident',
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entity: 'Issue', entityId: String(recordId(res.data.createIssue.id)), action: 'CREATE' } });
    expect(JSON.parse(event.after!)).toMatchObject({ title: base.title, status: 'OPEN', authorPartnerId: partnerA });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const otherPriority = await db().priority.findFirst({ where: { locality: { code: { not: 'bromyard' } } }, select: { id: true } });
    const cases: [Record<string, unknown>, string][] = [
      [{ localityCode: 'atlantis' }, 'input.localityCode'],
      [{ title: '  ' }, 'input.title'],
      [{ raisedOn: '2999-01-01' }, 'input.raisedOn'],
      [{ raisedByPersonId: globalId('Person', 999_999) }, 'input.raisedByPersonId'],
      [{ raisedByPersonId: globalId('Partner', 1) }, 'input.raisedByPersonId'],
      [{ ownerPartnerId: globalId('Partner', 999_999) }, 'input.ownerPartnerId'],
      [{ priorityId: globalId('Priority', otherPriority!.id) }, 'input.priorityId'],
      [{ sharingLevel: 'RESTRICTED', sharedWithPartnerIds: [globalId('Partner', 999_999)] }, 'input.sharedWithPartnerIds'],
    ];
    for (const [change, field] of cases) {
      const error = await refused('BAD_USER_INPUT', CREATE, { input: { ...base, ...change } }, contributor);
      expect([change, error.extensions?.field]).toEqual([change, field]);
    }
  });

  it('needs a signed-in CONTRIBUTOR (or lead, or admin) whose token names a partner', async () => {
    await refused('UNAUTHENTICATED', CREATE, { input: base });
    await refused('FORBIDDEN', CREATE, { input: base }, await tokenFor({ partnerId: partnerA, roles: ['READER', 'ANALYST'] }));
    await refused('FORBIDDEN', CREATE, { input: base }, await tokenFor({ roles: ['CONTRIBUTOR'] }));
  });
});

describe('changing, resolving and escalating', () => {
  it("is for the author's or owner partner, the locality's lead or an admin", async () => {
    const id = await raise({ title: 'To be changed', ownerPartnerId: globalId('Partner', partnerB) });
    const partnerC = (await db().partner.findMany({ skip: 2, take: 1, orderBy: { id: 'asc' } }))[0]!.id;
    await refused('FORBIDDEN', UPDATE, { id, input: { title: 'Hijacked' } }, await tokenFor({ partnerId: partnerC, roles: ['CONTRIBUTOR'] }));
    await refused('FORBIDDEN', UPDATE, { id, input: { title: 'Hijacked' } }, await tokenFor({ partnerId: partnerC, roles: ['LOCALITY_LEAD'], localities: ['kington'] }));
    await refused('FORBIDDEN', UPDATE, { id, input: { title: 'Hijacked' } }, await tokenFor({ partnerId: partnerA, roles: ['READER'] }));
    for (const [token, title] of [
      [await tokenFor({ partnerId: partnerB, roles: ['CONTRIBUTOR'] }), 'By the owner'],
      [await tokenFor({ partnerId: partnerC, roles: ['LOCALITY_LEAD'], localities: ['bromyard'] }), 'By the lead'],
      [await tokenFor({ roles: ['ADMIN'] }), 'By an admin'],
    ] as const) {
      const res = await t.gql(UPDATE, { id, input: { title, status: 'IN_PROGRESS' } }, { token });
      expect(res.errors).toBeUndefined();
      expect(res.data.updateIssue).toMatchObject({ title, status: 'IN_PROGRESS' });
    }
    const updates = await db().auditEvent.findMany({ where: { entity: 'Issue', entityId: String(recordId(id)), action: 'UPDATE' }, orderBy: { id: 'asc' } });
    expect(updates.map((u) => [JSON.parse(u.before!).title, JSON.parse(u.after!).title])).toEqual([
      ['To be changed', 'By the owner'],
      ['By the owner', 'By the lead'],
      ['By the lead', 'By an admin'],
    ]);
  });

  it('resolves on a day not before it was raised, and reopening clears the day', async () => {
    const id = await raise({ raisedOn: '2026-01-10' });
    const early = await refused('BAD_USER_INPUT', RESOLVE, { id, on: '2026-01-09' }, contributor);
    expect(early.extensions?.field).toBe('resolvedOn');
    const res = await t.gql(RESOLVE, { id, on: '2026-01-24' }, { token: contributor });
    expect(res.data.resolveIssue).toEqual({ status: 'RESOLVED', resolvedOn: '2026-01-24', daysToResolve: 14 });
    const conflict = await refused('CONFLICT', ESCALATE, { id, input: { reason: 'Too big for us' } }, contributor);
    expect(conflict.extensions?.rule).toBe('RESOLVED_NOT_ESCALATED');
    const reopened = await t.gql(UPDATE, { id, input: { status: 'OPEN' } }, { token: contributor });
    expect(reopened.data.updateIssue).toMatchObject({ status: 'OPEN', resolvedOn: null });
  });

  it('escalates to the county only with a reason, on a day not before it was raised', async () => {
    const id = await raise({ raisedOn: '2026-02-01' });
    expect((await refused('BAD_USER_INPUT', ESCALATE, { id, input: { reason: ' ' } }, contributor)).extensions?.field).toBe('input.reason');
    expect((await refused('BAD_USER_INPUT', ESCALATE, { id, input: { reason: 'x', escalatedOn: '2026-01-01' } }, contributor)).extensions?.field).toBe('input.escalatedOn');
    const res = await t.gql(ESCALATE, { id, input: { reason: 'Needs the county highways budget', escalatedOn: '2026-02-15' } }, { token: contributor });
    expect(res.data.escalateIssue).toEqual({ status: 'ESCALATED', escalatedOn: '2026-02-15', escalationReason: 'Needs the county highways budget' });
    const list = await t.gql(`{ issues(filter: { escalated: true, search: "CRUXWELL" }, first: 100) { edges { node { id } } } }`, {}, { token: contributor });
    expect(list.data.issues.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it('an unknown or malformed id is NOT_FOUND or BAD_USER_INPUT', async () => {
    await refused('NOT_FOUND', UPDATE, { id: globalId('Issue', 999_999), input: { title: 'x' } }, contributor);
    expect((await refused('BAD_USER_INPUT', UPDATE, { id: globalId('Action', 1), input: { title: 'x' } }, contributor)).extensions?.field).toBe('id');
  });
});

describe('actions', () => {
  it('are added to a visible issue; DONE always has its done day and no other status has one', async () => {
    const issueId = await raise({ raisedOn: '2026-03-01' });
    const ok = await t.gql(CREATE_ACTION, { input: { issueId, title: 'Inspect the road', dueOn: '2026-03-20' } }, { token: contributor });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createAction).toMatchObject({ status: 'OPEN', doneOn: null, dueOn: '2026-03-20', ownerPartner: { id: globalId('Partner', partnerA) }, issue: { id: issueId } });
    const actionId = ok.data.createAction.id;

    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'DONE' }, 'input.doneOn'],
      [{ status: 'OPEN', doneOn: '2026-03-05' }, 'input.doneOn'],
      [{ status: 'DONE', doneOn: '2026-02-01' }, 'input.doneOn'],
      [{ title: '' }, 'input.title'],
      [{ ownerPersonId: globalId('Person', 999_999) }, 'input.ownerPersonId'],
      [{ issueId: globalId('Priority', 1) }, 'input.issueId'],
    ];
    for (const [change, field] of cases) {
      const error = await refused('BAD_USER_INPUT', CREATE_ACTION, { input: { issueId, title: 'Bad', ...change } }, contributor);
      expect([change, error.extensions?.field]).toEqual([change, field]);
    }
    await refused('NOT_FOUND', CREATE_ACTION, { input: { issueId: globalId('Issue', 999_999), title: 'Lost' } }, contributor);
    expect((await refused('BAD_USER_INPUT', UPDATE_ACTION, { id: actionId, input: { status: 'DONE' } }, contributor)).extensions?.field).toBe('input.doneOn');
    expect((await refused('BAD_USER_INPUT', COMPLETE, { id: actionId, on: '2999-01-01' }, contributor)).extensions?.field).toBe('doneOn');

    const done = await t.gql(COMPLETE, { id: actionId, on: '2026-03-18' }, { token: contributor });
    expect(done.data.completeAction).toEqual({ status: 'DONE', doneOn: '2026-03-18' });
    const reopened = await t.gql(UPDATE_ACTION, { id: actionId, input: { status: 'IN_PROGRESS' } }, { token: contributor });
    expect(reopened.data.updateAction).toEqual({ status: 'IN_PROGRESS', doneOn: null });
    const other = await tokenFor({ partnerId: partnerB, roles: ['CONTRIBUTOR'] });
    await refused('FORBIDDEN', UPDATE_ACTION, { id: actionId, input: { title: 'Mine' } }, other);
    const audits = await db().auditEvent.findMany({ where: { entity: 'Action', entityId: String(recordId(actionId)) }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
  });
});
