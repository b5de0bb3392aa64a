/**
 * The leak-test matrix, over HTTP: every viewer (anonymous, the author's partner, a partner named
 * on the items, a partner not named, an admin) x every sharing level x every access path (list,
 * totalCount, node(id:), nested edge, search, summary totals) sees exactly the items the rule
 * allows, for intelligence items and community assets. A hidden item answers exactly as a missing
 * one. Issues and actions have their own matrix in test/reporting/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid, LEVELS, type Level, matrixViewers, type MatrixViewers, type ViewerName, VIEWERS, VISIBLE } from '../support/sharing-matrix.js';

let t: TestServer;
let tokens: MatrixViewers['tokens'];
let partnerIds: MatrixViewers['partnerIds'];
const itemIds = {} as Record<Level, string>;
const assetIds = {} as Record<Level, string>;

beforeAll(async () => {
  t = await startTestServer();
  const db = t.server.stores.records.prisma;
  // Only the matrix's own items, so every total is exact.
  await db.intelligenceItem.deleteMany();
  await db.communityAsset.deleteMany();
  const viewers = await matrixViewers(db);
  ({ tokens, partnerIds } = viewers);

  for (const level of LEVELS) {
    const sharing = viewers.sharing(level);
    const item = await t.gql(
      `mutation($input: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $input) { id } }`,
      { input: { title: `Leaky ${level}`, body: `About ${level}`, source: 'SURVEY', theme: 'Matrix', observedOn: '2026-06-01', localityCodes: ['leominster'], ...sharing } },
      { token: tokens.author },
    );
    expect(item.errors).toBeUndefined();
    itemIds[level] = item.data.createIntelligenceItem.id;
    const asset = await t.gql(
      `mutation($input: CreateCommunityAssetInput!) { createCommunityAsset(input: $input) { id } }`,
      { input: { name: `Leaky hall ${level}`, kind: 'BUILDING', localityCode: 'leominster', ...sharing } },
      { token: tokens.author },
    );
    expect(asset.errors).toBeUndefined();
    assetIds[level] = asset.data.createCommunityAsset.id;
  }
});
afterAll(async () => t?.stop());

const titles = (levels: Level[], prefix: string) => levels.map((level) => `${prefix} ${level}`).sort();
const names = (connection: { edges: { node: { title?: string; name?: string } }[] }) =>
  connection.edges.map((edge) => edge.node.title ?? edge.node.name).sort();

/** Each kind of shareable record and its access paths. */
const KINDS = [
  {
    kind: 'IntelligenceItem',
    prefix: 'Leaky',
    ids: itemIds,
    query: `{
      list: intelligence(first: 50) { totalCount edges { node { title } } }
      search: intelligence(filter: { search: "LEAKY" }) { totalCount edges { node { title } } }
      locality(code: "leominster") { nested: intelligence { totalCount edges { node { title } } } }
      summary: intelligenceSummary { total byTheme { key count } byLocality { key count } }
    }`,
    summaryCount: (data: any) => data.summary.byLocality.find((c: any) => c.key === 'leominster').count,
    summaryTotal: (data: any) => data.summary.total,
  },
  {
    kind: 'CommunityAsset',
    prefix: 'Leaky hall',
    ids: assetIds,
    query: `{
      list: communityAssets(first: 50) { totalCount edges { node { name } } }
      search: communityAssets(filter: { search: "leaky HALL" }) { totalCount edges { node { name } } }
      locality(code: "leominster") { nested: assets { totalCount edges { node { name } } } }
      summary: communityAssetSummary { total byKind { key count } byLocality { key count } }
    }`,
    summaryCount: (data: any) => data.summary.byLocality.find((c: any) => c.key === 'leominster').count,
    summaryTotal: (data: any) => data.summary.total,
  },
];

describe.each(KINDS)('$kind', ({ kind, prefix, ids, query, summaryCount, summaryTotal }) => {
  it.each(VIEWERS)('%s sees exactly the allowed items by list, count, nested edge, search and totals', async (viewer) => {
    const expected = titles(VISIBLE[viewer], prefix);
    const res = await t.gql(query, {}, { token: tokens[viewer] });
    expect(res.errors).toBeUndefined();
    const { list, search, locality, summary } = res.data;
    expect(names(list)).toEqual(expected);
    expect(list.totalCount).toBe(expected.length);
    expect(names(search)).toEqual(expected);
    expect(search.totalCount).toBe(expected.length);
    expect(names(locality.nested)).toEqual(expected);
    expect(locality.nested.totalCount).toBe(expected.length);
    expect(summaryTotal(res.data)).toBe(expected.length);
    expect(summaryCount(res.data)).toBe(expected.length);
    expect(summary).toBeDefined();
  });

  it.each(VIEWERS)('%s finds by node(id:) exactly the allowed items; a hidden one is null, as a missing one', async (viewer) => {
    const missing = gid(kind, 999_999);
    for (const level of LEVELS) {
      const res = await t.gql(`query($id: ID!, $missing: ID!) { node(id: $id) { id } gone: node(id: $missing) { id } }`, { id: ids[level], missing }, { token: tokens[viewer] });
      expect(res.errors).toBeUndefined();
      expect([level, res.data.node?.id ?? null]).toEqual([level, VISIBLE[viewer].includes(level) ? ids[level] : null]);
      expect(res.data.gone).toBeNull();
    }
  });
});

describe('errors do not leak', () => {
  it('changing a hidden item is NOT_FOUND, word for word as a missing one', async () => {
    const update = `mutation($id: ID!) { updateIntelligenceItem(id: $id, input: { title: "Mine now" }) { id } }`;
    const unnamed = await tokenFor({ partnerId: partnerIds.unnamed, roles: ['CONTRIBUTOR'] });
    const hidden = await t.gql(update, { id: itemIds.RESTRICTED }, { token: unnamed });
    const missing = await t.gql(update, { id: gid('IntelligenceItem', 999_999) }, { token: unnamed });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message.replace(/\d+/g, 'N')).toBe(missing.errors?.[0]?.message.replace(/\d+/g, 'N'));
    const sharing = await t.gql(
      `mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`,
      { id: assetIds.RESTRICTED },
      { token: unnamed },
    );
    expect(sharing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a visible item that is not yours to change is FORBIDDEN, and nothing changes', async () => {
    const unnamed = await tokenFor({ partnerId: partnerIds.unnamed, roles: ['CONTRIBUTOR'] });
    const res = await t.gql(`mutation($id: ID!) { updateIntelligenceItem(id: $id, input: { title: "Mine now" }) { id } }`, { id: itemIds.PARTNERSHIP }, { token: unnamed });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const check = await t.gql(`query($id: ID!) { node(id: $id) { ... on IntelligenceItem { title } } }`, { id: itemIds.PARTNERSHIP }, { token: tokens.admin });
    expect(check.data.node.title).toBe('Leaky PARTNERSHIP');
  });
});

describe('queries carry the sharing rule', () => {
  it('a list with its nested edges makes a bounded number of statements, the rule in the SQL', async () => {
    const query = `{ intelligence(first: 50) { totalCount edges { node { title localities { code } sharedWith { name } authorPartner { name } indicators { id } } } } }`;
    const small = await t.countStatements(async () => expect((await t.gql(query, {}, { token: tokens.unnamed })).errors).toBeUndefined());
    const db = t.server.stores.records.prisma;
    for (let i = 0; i < 20; i++) {
      await db.intelligenceItem.create({
        data: { title: `Bulk ${i}`, body: 'x', searchText: 'x', source: 'SURVEY', theme: 'Bulk', observedOn: new Date('2026-01-01'), sharingLevel: i % 2 ? 'RESTRICTED' : 'PARTNERSHIP', authorPartnerId: partnerIds.author, localities: { connect: [{ code: 'kington' }] } },
      });
    }
    const large = await t.countStatements(async () => {
      const res = await t.gql(query, {}, { token: tokens.unnamed });
      expect(res.data.intelligence.totalCount).toBe(2 + 10);
    });
    expect(large.records).toBe(small.records);
    expect(large.records).toBeLessThanOrEqual(8);
    const listing = large.recordsSql.filter((sql) => /FROM [`"](\w+[`"]\.[`"])?IntelligenceItem[`"]/i.test(sql) && /sharingLevel/.test(sql));
    expect(listing.length).toBeGreaterThanOrEqual(2); // the page and its count, both with the rule
    await db.intelligenceItem.deleteMany({ where: { theme: 'Bulk' } });
  });
});
