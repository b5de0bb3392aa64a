/**
 * A user's `%`, `_` and `\` in a text filter are literal characters, never LIKE wildcards (issue
 * 15, low items): every text search and "contains" filter (intelligence, asset, issue and action
 * search; people's and partners' `nameContains`) finds only the records that contain the text as
 * typed. Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId } from '../support/ids.js';

let t: TestServer;
let admin: string;

async function ok(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const answer = await t.gql(query, variables, { token: admin });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

/** Pairs of names: the first holds the term literally, the second would match it only as a wildcard pattern. */
const NAMES = ['Wildcard 100% local', 'Wildcard 1000 local', 'Wildcard a_b', 'Wildcard axb', 'Wildcard back\\slash', 'Wildcard backslash'];

beforeAll(async () => {
  t = await startTestServer();
  const partner = await t.server.stores.records.prisma.partner.findFirstOrThrow({ orderBy: { id: 'asc' } });
  admin = await tokenFor({ personId: 1, partnerId: partner.id, roles: ['ADMIN', 'CONTRIBUTOR'] });
  for (const name of NAMES) {
    await ok(
      `mutation($n: String!) { createIntelligenceItem(input: { title: $n, body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: ["kington"] }) { id } }`,
      { n: name },
    );
    await ok(`mutation($n: String!) { createCommunityAsset(input: { name: $n, kind: BUILDING, localityCode: "kington" }) { id } }`, { n: name });
    const issue = await ok(
      `mutation($n: String!) { createIssue(input: { localityCode: "kington", title: $n, description: "d", theme: "t", raisedOn: "2024-01-01" }) { id } }`,
      { n: name },
    );
    await ok(`mutation($i: ID!) { createAction(input: { issueId: $i, title: "an action" }) { id } }`, { i: issue.createIssue.id });
    await ok(`mutation($n: String!, $p: ID!) { createPerson(input: { name: $n, partnerId: $p }) { id } }`, { n: name, p: globalId('Partner', partner.id) });
    await ok(`mutation($n: String!) { createPartner(input: { name: $n, kind: VOLUNTARY_SECTOR }) { id } }`, { n: name });
  }
}, 120_000);
afterAll(() => t?.stop());

const SEARCHES = {
  intelligence: (term: string) => ok(`query($s: String) { r: intelligence(first: 50, filter: { search: $s }) { totalCount edges { node { title } } } }`, { s: term }),
  communityAssets: (term: string) => ok(`query($s: String) { r: communityAssets(first: 50, filter: { search: $s }) { totalCount edges { node { title: name } } } }`, { s: term }),
  issues: (term: string) => ok(`query($s: String) { r: issues(first: 50, filter: { search: $s }) { totalCount edges { node { title } } } }`, { s: term }),
  actions: (term: string) => ok(`query($s: String) { r: actions(first: 50, filter: { issue: { search: $s } }) { totalCount edges { node { title: issue { title } } } } }`, { s: term }),
  people: (term: string) => ok(`query($s: String) { r: people(first: 50, nameContains: $s) { totalCount edges { node { title: name } } } }`, { s: term }),
  partners: (term: string) => ok(`query($s: String) { r: partners(first: 50, nameContains: $s) { totalCount edges { node { title: name } } } }`, { s: term }),
};

const TERMS: [string, string][] = [
  ['100%', 'Wildcard 100% local'],
  ['a_b', 'Wildcard a_b'],
  ['back\\slash', 'Wildcard back\\slash'],
];

describe.each(Object.entries(SEARCHES))('%s', (_name, search) => {
  it.each(TERMS)('%s is literal text: only the record that contains it', async (term, expected) => {
    const { r } = await search(term);
    const titles = r.edges.map((e: any) => (typeof e.node.title === 'string' ? e.node.title : e.node.title.title));
    expect([...new Set(titles)]).toEqual([expected]);
    expect(r.totalCount).toBe(titles.length);
  });

  it('a lone % or _ matches only names holding it', async () => {
    const percent = (await search('%')).r;
    const underscore = (await search('_')).r;
    const text = (c: any) => c.edges.map((e: any) => (typeof e.node.title === 'string' ? e.node.title : e.node.title.title));
    expect(text(percent).every((name: string) => name.includes('%'))).toBe(true);
    expect(text(percent)).toContain('Wildcard 100% local');
    expect(text(underscore).every((name: string) => name.includes('_'))).toBe(true);
    expect(text(underscore)).toContain('Wildcard a_b');
  });
});
