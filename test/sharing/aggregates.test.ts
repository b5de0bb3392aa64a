/**
 * Aggregates count only what the viewer may see (issue 15, item 8): every total, count, theme
 * list and search `totalCount` over shareable records, asked before and after RESTRICTED items,
 * an asset, an issue and an action are recorded, by two viewers: one whose partner is named on
 * them and one whose partner is not. The named viewer's figures grow by exactly those records;
 * the other's do not change at all, and the restricted theme and a word found only in restricted
 * text never reach that viewer through any aggregate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid } from '../support/sharing-matrix.js';

let t: TestServer;
const before = {} as Record<'named' | 'unnamed', any>;
const tokens = {} as Record<'named' | 'unnamed', string>;
const SECRET_THEME = 'Zebra crossing closure';
const SECRET_WORD = 'quagga';

async function as(token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const answer = await t.gql(query, variables, { token });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

const QUERY = `query($w: String!) {
  intelligenceSummary { total countyWide byTheme { key count } byLocality { key count } }
  communityAssetSummary { total byKind { key count } byLocality { key count } }
  issueAnalytics {
    issueCount openCount resolvedCount escalatedCount
    actions { total open overdue done cancelled }
    timeToResolve { count }
    byTheme: timeToResolveBy(by: THEME) { key label count }
    byLocality { locality { code } issues openIssues openActions overdueActions }
  }
  kingtonIssues: issueAnalytics(filter: { localityCodes: ["kington"], theme: "${SECRET_THEME}" }) { issueCount }
  itemSearch: intelligence(filter: { search: $w }) { totalCount }
  themeSearch: intelligence(filter: { search: "zebra" }) { totalCount }
  assetSearch: communityAssets(filter: { search: $w }) { totalCount }
  issueSearch: issues(filter: { search: $w }) { totalCount }
  actionSearch: actions(filter: { issue: { search: $w } }) { totalCount }
  locality(code: "kington") { intelligence { totalCount } assets { totalCount } issues { totalCount } }
}`;

beforeAll(async () => {
  t = await startTestServer();
  const [author, named, unnamed] = (await t.server.stores.records.prisma.partner.findMany({ take: 3, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id) as [
    number,
    number,
    number,
  ];
  const writer = await tokenFor({ personId: 1, partnerId: author, roles: ['CONTRIBUTOR', 'LOCALITY_LEAD'], localities: ['kington'] });
  tokens.named = await tokenFor({ partnerId: named, roles: ['READER', 'ANALYST'] });
  tokens.unnamed = await tokenFor({ partnerId: unnamed, roles: ['READER', 'ANALYST'] });
  before.named = await as(tokens.named, QUERY, { w: SECRET_WORD });
  before.unnamed = await as(tokens.unnamed, QUERY, { w: SECRET_WORD });
  const restricted = { sharingLevel: 'RESTRICTED', sharedWithPartnerIds: [gid('Partner', named)] };
  await as(writer, `mutation($i: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $i) { id } }`, {
    i: { title: 'Crossing', body: `A ${SECRET_WORD} was seen`, source: 'SURVEY', theme: SECRET_THEME, observedOn: '2024-01-01', localityCodes: ['kington'], ...restricted },
  });
  await as(writer, `mutation($i: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $i) { id } }`, {
    i: { title: 'County crossing', body: 'b', source: 'SURVEY', theme: SECRET_THEME, observedOn: '2024-01-01', countyWide: true, ...restricted },
  });
  await as(writer, `mutation($i: CreateCommunityAssetInput!) { createCommunityAsset(input: $i) { id } }`, {
    i: { name: 'Crossing hut', description: `Home of a ${SECRET_WORD}`, kind: 'GREEN_SPACE', localityCode: 'kington', ...restricted },
  });
  const issue = (
    await as(writer, `mutation($i: CreateIssueInput!) { createIssue(input: $i) { id } }`, {
      i: { title: 'Crossing', description: `The ${SECRET_WORD} again`, theme: SECRET_THEME, localityCode: 'kington', raisedOn: '2024-01-01', ...restricted },
    })
  ).createIssue.id;
  await as(writer, `mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`, {
    i: { issueId: issue, title: 'Paint it', dueOn: '2024-02-01', ...restricted },
  });
  await as(writer, `mutation($id: ID!) { resolveIssue(id: $id, resolvedOn: "2024-03-01") { id } }`, { id: issue });
}, 120_000);
afterAll(() => t?.stop());


const count = (list: { key: string; count: number }[], key: string) => list.find((c) => c.key === key)?.count ?? 0;
const kington = (rows: any[]) => rows.find((r) => r.locality.code === 'kington');

/** The named viewer's growth and the unnamed viewer's growth of one figure. */
const growth = (pick: (d: any) => number) => [pick(after.named) - pick(before.named), pick(after.unnamed) - pick(before.unnamed)];
const after = {} as Record<'named' | 'unnamed', any>;

describe('aggregates as two viewers: the named one sees exactly the restricted records more, the other no change', () => {
  beforeAll(async () => {
    after.named = await as(tokens.named, QUERY, { w: SECRET_WORD });
    after.unnamed = await as(tokens.unnamed, QUERY, { w: SECRET_WORD });
  });

  it('the viewer who may not see them gets every figure exactly as before', () => {
    expect(after.unnamed).toEqual(before.unnamed);
  });

  it('intelligence summary: total, county-wide, by theme, by locality', () => {
    expect(growth((d) => d.intelligenceSummary.total)).toEqual([2, 0]);
    expect(growth((d) => d.intelligenceSummary.countyWide)).toEqual([1, 0]);
    expect(growth((d) => count(d.intelligenceSummary.byTheme, SECRET_THEME))).toEqual([2, 0]);
    expect(after.unnamed.intelligenceSummary.byTheme.map((c: any) => c.key)).not.toContain(SECRET_THEME);
    expect(growth((d) => count(d.intelligenceSummary.byLocality, 'kington'))).toEqual([1, 0]);
  });

  it('asset summary: total, by kind, by locality', () => {
    expect(growth((d) => d.communityAssetSummary.total)).toEqual([1, 0]);
    expect(growth((d) => count(d.communityAssetSummary.byKind, 'GREEN_SPACE'))).toEqual([1, 0]);
    expect(growth((d) => count(d.communityAssetSummary.byLocality, 'kington'))).toEqual([1, 0]);
  });

  it('issue analytics: every count, the theme grouping and the locality figures', () => {
    const a = (d: any) => d.issueAnalytics;
    expect(growth((d) => a(d).issueCount)).toEqual([1, 0]);
    expect(growth((d) => a(d).resolvedCount)).toEqual([1, 0]);
    expect(growth((d) => a(d).openCount + a(d).escalatedCount)).toEqual([0, 0]);
    expect(growth((d) => a(d).actions.total)).toEqual([1, 0]);
    expect(growth((d) => a(d).actions.open)).toEqual([1, 0]);
    expect(growth((d) => a(d).actions.overdue)).toEqual([1, 0]);
    expect(growth((d) => a(d).timeToResolve.count)).toEqual([1, 0]);
    expect(a(after.named).byTheme.find((g: any) => g.key === SECRET_THEME)?.count).toBe(1);
    expect(a(after.unnamed).byTheme.flatMap((g: any) => [g.key, g.label])).not.toContain(SECRET_THEME);
    expect(growth((d) => kington(a(d).byLocality).issues)).toEqual([1, 0]);
    expect(growth((d) => kington(a(d).byLocality).openActions)).toEqual([1, 0]);
    expect(growth((d) => kington(a(d).byLocality).overdueActions)).toEqual([1, 0]);
    expect([after.named.kingtonIssues.issueCount, after.unnamed.kingtonIssues.issueCount]).toEqual([1, 0]);
  });

  it('a word found only in restricted text: totalCount of every search is 0 for the viewer who may not see it', () => {
    const searches = (d: any) => [d.itemSearch, d.assetSearch, d.issueSearch, d.actionSearch, d.themeSearch].map((c) => c.totalCount);
    expect(searches(after.named)).toEqual([1, 1, 1, 1, 2]);
    expect(searches(after.unnamed)).toEqual([0, 0, 0, 0, 0]);
  });

  it('nested totals of the locality', () => {
    expect(growth((d) => d.locality.intelligence.totalCount)).toEqual([1, 0]);
    expect(growth((d) => d.locality.assets.totalCount)).toEqual([1, 0]);
    expect(growth((d) => d.locality.issues.totalCount)).toEqual([1, 0]);
  });
});
