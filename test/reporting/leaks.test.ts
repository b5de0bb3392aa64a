/**
 * The leak-test matrix for issues and actions, over HTTP: every viewer (anonymous, the author's
 * partner, a partner named on the items, a partner not named, an admin) x every sharing level x
 * every access path (list, totalCount, node(id:), nested edge, search, analytics totals) sees
 * exactly what the rule allows. An action is seen only where its issue is seen too. A hidden
 * record answers exactly as a missing one; each restricted record read is audited once per
 * request; lists and analytics make a bounded number of statements with the rule in the SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid, LEVELS, type Level, matrixViewers, type MatrixViewers, type ViewerName, VIEWERS, VISIBLE } from '../support/sharing-matrix.js';
import { recordId } from '../support/ids.js';

let t: TestServer;
let tokens: MatrixViewers['tokens'];
let partnerIds: MatrixViewers['partnerIds'];
const issueIds = {} as Record<Level, string>;
/** Actions on the PUBLIC issue at each level, and a PUBLIC action on the RESTRICTED issue. */
const actionIds = {} as Record<Level | 'onRestrictedIssue', string>;
const db = () => t.server.stores.records.prisma;

beforeAll(async () => {
  t = await startTestServer();
  // Only the matrix's own records, so every total is exact.
  await db().outcomeIssue.deleteMany();
  await db().action.deleteMany();
  await db().issue.deleteMany();
  const viewers = await matrixViewers(db());
  ({ tokens, partnerIds } = viewers);
  const { sharing } = viewers;
  for (const level of LEVELS) {
    const res = await t.gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { id } }`,
      { input: { localityCode: 'leominster', title: `Leaky ${level}`, description: `About ${level}`, theme: 'Matrix', raisedOn: '2026-06-01', ...sharing(level) } },
      { token: tokens.author },
    );
    expect(res.errors).toBeUndefined();
    issueIds[level] = res.data.createIssue.id;
  }
  const addAction = async (issueId: string, title: string, level: Level) => {
    const res = await t.gql(`mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`, { input: { issueId, title, dueOn: '2026-06-10', ...sharing(level) } }, { token: tokens.author });
    expect(res.errors).toBeUndefined();
    return res.data.createAction.id as string;
  };
  for (const level of LEVELS) actionIds[level] = await addAction(issueIds.PUBLIC, `Leaky action ${level}`, level);
  actionIds.onRestrictedIssue = await addAction(issueIds.RESTRICTED, 'Leaky action on a restricted issue', 'PUBLIC');
});
afterAll(async () => t?.stop());

const issueTitles = (viewer: ViewerName) => VISIBLE[viewer].map((level) => `Leaky ${level}`).sort();
const actionTitles = (viewer: ViewerName) =>
  [...VISIBLE[viewer].map((level) => `Leaky action ${level}`), ...(VISIBLE[viewer].includes('RESTRICTED') ? ['Leaky action on a restricted issue'] : [])].sort();
const titles = (connection: { edges: { node: { title: string } }[] }) => connection.edges.map((edge) => edge.node.title).sort();

const MATRIX = `query($public: ID!) {
  list: issues(first: 50) { totalCount edges { node { title } } }
  search: issues(filter: { search: "LEAKY" }) { totalCount edges { node { title } } }
  locality(code: "leominster") { nested: issues { totalCount edges { node { title } } } }
  analytics: issueAnalytics { issueCount actions { total open overdue } byLocality { locality { code } issues openActions } }
  actions(first: 50) { totalCount edges { node { title } } }
  actionSearch: actions(filter: { issue: { search: "leaky" } }) { totalCount edges { node { title } } }
  everyIssuesActions: issues(first: 50) { edges { node { actions { totalCount edges { node { title } } } } } }
  publicIssue: node(id: $public) { ... on Issue { actions { totalCount edges { node { title } } } } }
}`;

describe('Issue and Action', () => {
  it.each(VIEWERS)('%s sees exactly the allowed issues and actions by list, count, nested edge, search and analytics totals', async (viewer) => {
    const res = await t.gql(MATRIX, { public: issueIds.PUBLIC }, { token: tokens[viewer] });
    expect(res.errors).toBeUndefined();
    const d = res.data;
    const issues = issueTitles(viewer);
    for (const connection of [d.list, d.search, d.locality.nested]) {
      expect(titles(connection)).toEqual(issues);
      expect(connection.totalCount).toBe(issues.length);
    }
    expect(d.analytics.issueCount).toBe(issues.length);
    expect(d.analytics.byLocality.find((l: any) => l.locality.code === 'leominster').issues).toBe(issues.length);

    const actions = actionTitles(viewer);
    for (const connection of [d.actions, d.actionSearch]) {
      expect(titles(connection)).toEqual(actions);
      expect(connection.totalCount).toBe(actions.length);
    }
    const nested = d.everyIssuesActions.edges.flatMap((e: any) => e.node.actions.edges.map((a: any) => a.node.title)).sort();
    expect(nested).toEqual(actions);
    expect(d.everyIssuesActions.edges.reduce((sum: number, e: any) => sum + e.node.actions.totalCount, 0)).toBe(actions.length);
    const onPublic = VISIBLE[viewer].map((level) => `Leaky action ${level}`).sort();
    expect(titles(d.publicIssue.actions)).toEqual(onPublic);
    expect(d.publicIssue.actions.totalCount).toBe(onPublic.length);
    // Every action is open and past due (10 June 2026): the totals count exactly the visible ones.
    expect(d.analytics.actions).toEqual({ total: actions.length, open: actions.length, overdue: actions.length });
    expect(d.analytics.byLocality.find((l: any) => l.locality.code === 'leominster').openActions).toBe(actions.length);
  });

  it.each(VIEWERS)('%s finds by node(id:) exactly the allowed records; a hidden one is null, as a missing one', async (viewer) => {
    const cases: [string, string, boolean][] = [
      ...LEVELS.map((level): [string, string, boolean] => [`issue ${level}`, issueIds[level], VISIBLE[viewer].includes(level)]),
      ...LEVELS.map((level): [string, string, boolean] => [`action ${level}`, actionIds[level], VISIBLE[viewer].includes(level)]),
      ['public action on a restricted issue', actionIds.onRestrictedIssue, VISIBLE[viewer].includes('RESTRICTED')],
      ['missing issue', gid('Issue', 999_999), false],
      ['missing action', gid('Action', 999_999), false],
    ];
    for (const [what, id, visible] of cases) {
      const res = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, { token: tokens[viewer] });
      expect(res.errors).toBeUndefined();
      expect([what, res.data.node?.id ?? null]).toEqual([what, visible ? id : null]);
    }
  });
});

describe('errors do not leak', () => {
  it('changing a hidden issue or action is NOT_FOUND, word for word as a missing one', async () => {
    const unnamed = await tokenFor({ partnerId: partnerIds.unnamed, roles: ['CONTRIBUTOR'] });
    const cases = [
      [`mutation($id: ID!) { updateIssue(id: $id, input: { title: "Mine" }) { id } }`, issueIds.RESTRICTED, gid('Issue', 999_999)],
      [`mutation($id: ID!) { resolveIssue(id: $id) { id } }`, issueIds.RESTRICTED, gid('Issue', 999_999)],
      [`mutation($id: ID!) { updateAction(id: $id, input: { title: "Mine" }) { id } }`, actionIds.onRestrictedIssue, gid('Action', 999_999)],
      [`mutation($id: ID!) { completeAction(id: $id) { id } }`, actionIds.RESTRICTED, gid('Action', 999_999)],
      [`mutation($id: ID!) { createAction(input: { issueId: $id, title: "On it" }) { id } }`, issueIds.RESTRICTED, gid('Issue', 999_999)],
      [`mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`, issueIds.RESTRICTED, gid('Issue', 999_999)],
      // A PUBLIC action on a hidden issue is hidden too: its sharing change is NOT_FOUND, not FORBIDDEN.
      [`mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`, actionIds.onRestrictedIssue, gid('Action', 999_999)],
    ] as const;
    for (const [mutation, hiddenId, missingId] of cases) {
      const hidden = await t.gql(mutation, { id: hiddenId }, { token: unnamed });
      const missing = await t.gql(mutation, { id: missingId }, { token: unnamed });
      expect([mutation, hidden.errors?.[0]?.extensions?.code]).toEqual([mutation, 'NOT_FOUND']);
      expect(hidden.errors?.[0]?.message.replace(/\d+/g, 'N')).toBe(missing.errors?.[0]?.message.replace(/\d+/g, 'N'));
    }
  });
});

describe('reads of restricted issues and actions are on record', () => {
  const reads = (entity: string, id: string) =>
    db().auditEvent.count({ where: { action: 'READ', entity, entityId: String(recordId(id)) } });

  it('one READ event per restricted record per request, however many paths returned it; none for a viewer who cannot see it', async () => {
    const query = `query($id: ID!, $action: ID!) {
      a: issues { edges { node { title actions { edges { node { title } } } } } }
      b: issues(filter: { search: "leaky restricted" }) { edges { node { title } } }
      c: locality(code: "leominster") { issues { edges { node { title } } } }
      d: node(id: $id) { id }
      e: node(id: $action) { id }
    }`;
    const before = await Promise.all([reads('Issue', issueIds.RESTRICTED), reads('Action', actionIds.RESTRICTED)]);
    const res = await t.gql(query, { id: issueIds.RESTRICTED, action: actionIds.RESTRICTED }, { token: tokens.named });
    expect(res.errors).toBeUndefined();
    expect(res.data.d.id).toBe(issueIds.RESTRICTED);
    expect(await Promise.all([reads('Issue', issueIds.RESTRICTED), reads('Action', actionIds.RESTRICTED)])).toEqual([before[0]! + 1, before[1]! + 1]);

    const hidden = await t.gql(query, { id: issueIds.RESTRICTED, action: actionIds.RESTRICTED }, { token: tokens.unnamed });
    expect([hidden.data.d, hidden.data.e]).toEqual([null, null]);
    expect(await Promise.all([reads('Issue', issueIds.RESTRICTED), reads('Action', actionIds.RESTRICTED)])).toEqual([before[0]! + 1, before[1]! + 1]);
    const mine = await db().auditEvent.findFirstOrThrow({ where: { action: 'READ', entity: 'Issue' }, orderBy: { id: 'desc' } });
    expect(mine.actorPartnerId).toBe(partnerIds.named);
  });
});

describe('queries carry the sharing rule', () => {
  const LIST = `{ issues(first: 100) { totalCount edges { node { title locality { code } ownerPartner { name } sharedWith { name }
    actions { totalCount edges { node { title ownerPartner { name } } } } } } } }`;
  const ANALYTICS = `{ issueAnalytics { issueCount timeToResolve { medianDays } timeToResolveBy(by: PARTNER) { label p90Days }
    actions { overdue } byLocality { locality { code } issues issuesPerThousand populationPeriod } } }`;

  it('a list with nested edges, and the analytics, make a bounded number of statements whatever the sizes, the rule in the SQL', async () => {
    const measure = async (query: string) => t.countStatements(async () => expect((await t.gql(query, {}, { token: tokens.unnamed })).errors).toBeUndefined());
    const small = [await measure(LIST), await measure(ANALYTICS)];
    for (let i = 0; i < 20; i++) {
      await db().issue.create({
        data: {
          localityId: (await db().locality.findFirstOrThrow({ where: { code: i % 2 ? 'kington' : 'ledbury' } })).id,
          title: `Bulk ${i}`, description: 'x', theme: 'Bulk', searchText: 'bulk', raisedOn: new Date('2026-01-01'), resolvedOn: i % 3 ? new Date('2026-02-01') : null,
          ownerPartnerId: partnerIds.author, authorPartnerId: partnerIds.author, sharingLevel: i % 2 ? 'RESTRICTED' : 'PARTNERSHIP',
          actions: { create: [{ title: `Bulk action ${i}`, ownerPartnerId: partnerIds.named, authorPartnerId: partnerIds.author, sharingLevel: 'PARTNERSHIP' }] },
        },
      });
    }
    const large = [await measure(LIST), await measure(ANALYTICS)];
    expect(large.map((m) => m.records)).toEqual(small.map((m) => m.records));
    expect(large[0]!.records).toBeLessThanOrEqual(12);
    expect(large[1]!.records).toBeLessThanOrEqual(6);
    expect(large[1]!.analytics).toBeLessThanOrEqual(1);
    const ruled = (sql: string[], table: string) => sql.filter((s) => new RegExp(`FROM [\`"](\\w+[\`"]\\.[\`"])?${table}[\`"]`, 'i').test(s) && /sharingLevel/.test(s));
    expect(ruled(large[0]!.recordsSql, 'Issue').length).toBeGreaterThanOrEqual(2); // the page and its count
    expect(ruled(large[0]!.recordsSql, 'Action').length).toBeGreaterThanOrEqual(1);
    expect(ruled(large[1]!.recordsSql, 'Issue').length).toBeGreaterThanOrEqual(1);
    expect(ruled(large[1]!.recordsSql, 'Action').length).toBeGreaterThanOrEqual(1);
    await db().action.deleteMany({ where: { title: { startsWith: 'Bulk' } } });
    await db().issue.deleteMany({ where: { theme: 'Bulk' } });
  });
});
