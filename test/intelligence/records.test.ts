/**
 * Intelligence items and community assets through HTTP: who may add and change them, every bad
 * input a typed error that writes nothing, and the filters (text search in any case on both
 * databases, theme, source, dates, indicator, localities with or without county-wide items).
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
const CREATE = `mutation($input: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $input) { id title localities { code } indicatorIds countyWide sharingLevel authorPartner { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIntelligenceItemInput!) { updateIntelligenceItem(id: $id, input: $input) { id title closedOn } }`;
const base = { title: 'Flooding on the A49', body: 'Residents report Repeated FLOODING at the underpass.', source: 'COMMUNITY_ENGAGEMENT', theme: 'Environment', observedOn: '2026-02-10', localityCodes: ['ross-on-wye'] };

const counts = () => Promise.all([db().intelligenceItem.count(), db().communityAsset.count(), db().auditEvent.count()]);
const refused = (code: string, query: string, variables: Record<string, unknown>, token?: string) =>
  refusedWritingNothing(t, counts, { code, query, variables, token });

beforeAll(async () => {
  t = await startTestServer();
  [partnerA, partnerB] = (await db().partner.findMany({ take: 2, orderBy: { id: 'asc' } })).map((p) => p.id) as [number, number];
  contributor = await tokenFor({ personId: 1, partnerId: partnerA, roles: ['CONTRIBUTOR'] });
});
afterAll(async () => t?.stop());

describe('adding intelligence', () => {
  it('records the item with its author partner and an audit event', async () => {
    const res = await t.gql(CREATE, { input: { ...base, indicatorIds: ['asb-incidents'], sharingLevel: 'PUBLIC' } }, { token: contributor });
    expect(res.errors).toBeUndefined();
    expect(res.data.createIntelligenceItem).toMatchObject({
      title: 'Flooding on the A49',
      localities: [{ code: 'ross-on-wye' }],
      indicatorIds: ['asb-incidents'],
      countyWide: false,
      sharingLevel: 'PUBLIC',
      authorPartner: { id: globalId('Partner', partnerA) },
    });
    const id = recordId(res.data.createIntelligenceItem.id);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entity: 'IntelligenceItem', entityId: String(id), action: 'CREATE' } });
    expect(JSON.parse(event.after!).title).toBe('Flooding on the A49');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ localityCodes: ['atlantis'] }, 'input.localityCodes'],
      [{ localityCodes: [], countyWide: false }, 'input.localityCodes'],
      [{ countyWide: true }, 'input.localityCodes'],
      [{ indicatorIds: ['no-such-indicator'] }, 'input.indicatorIds'],
      [{ title: '   ' }, 'input.title'],
      [{ sharingLevel: 'RESTRICTED', sharedWithPartnerIds: [globalId('Partner', 999999)] }, 'input.sharedWithPartnerIds'],
      [{ sharedWithPartnerIds: [globalId('Person', 1)] }, 'input.sharedWithPartnerIds.0'],
    ];
    for (const [change, field] of cases) {
      const error = await refused('BAD_USER_INPUT', CREATE, { input: { ...base, ...change } }, contributor);
      expect([change, error.extensions?.field]).toEqual([change, field]);
    }
  });

  it('needs a signed-in contributor of a partner', async () => {
    await refused('UNAUTHENTICATED', CREATE, { input: base });
    await refused('FORBIDDEN', CREATE, { input: base }, await tokenFor({ partnerId: partnerA, roles: ['READER'] }));
    await refused('FORBIDDEN', CREATE, { input: base }, await tokenFor({ roles: ['CONTRIBUTOR'] }));
  });
});

describe('changing intelligence', () => {
  it("is for the author's partner, a lead of its locality or an admin; closing hides it from the default list", async () => {
    const created = await t.gql(CREATE, { input: { ...base, title: 'To be changed' } }, { token: contributor });
    const id = created.data.createIntelligenceItem.id;
    const otherContributor = await tokenFor({ partnerId: partnerB, roles: ['CONTRIBUTOR'] });
    await refused('FORBIDDEN', UPDATE, { id, input: { title: 'Hijacked' } }, otherContributor);
    const elsewhereLead = await tokenFor({ partnerId: partnerB, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
    await refused('FORBIDDEN', UPDATE, { id, input: { title: 'Hijacked' } }, elsewhereLead);

    const lead = await tokenFor({ partnerId: partnerB, roles: ['LOCALITY_LEAD'], localities: ['ross-on-wye'] });
    const renamed = await t.gql(UPDATE, { id, input: { title: 'Changed by the lead' } }, { token: lead });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data.updateIntelligenceItem.title).toBe('Changed by the lead');

    const closed = await t.gql(UPDATE, { id, input: { closedOn: '2026-03-01' } }, { token: contributor });
    expect(closed.data.updateIntelligenceItem.closedOn).toBe('2026-03-01');
    const list = await t.gql(`{ current: intelligence(filter: { search: "changed by" }) { totalCount } all: intelligence(filter: { search: "changed by", includeClosed: true }) { totalCount } }`, {}, { token: contributor });
    expect([list.data.current.totalCount, list.data.all.totalCount]).toEqual([0, 1]);

    await refused('BAD_USER_INPUT', UPDATE, { id, input: { closedOn: '2026-01-01' } }, contributor);
    const dbId = recordId(id);
    const updates = await db().auditEvent.findMany({ where: { entity: 'IntelligenceItem', entityId: String(dbId), action: 'UPDATE' }, orderBy: { id: 'asc' } });
    expect(updates.map((u) => [JSON.parse(u.before!).title, JSON.parse(u.after!).title])).toEqual([
      ['To be changed', 'Changed by the lead'],
      ['Changed by the lead', 'Changed by the lead'],
    ]);
  });
});

describe('finding intelligence', () => {
  beforeAll(async () => {
    const add = (input: Record<string, unknown>) => t.gql(CREATE, { input: { ...base, ...input, sharingLevel: 'PUBLIC' } }, { token: contributor });
    await add({ title: 'Finder one', theme: 'Finder', source: 'SURVEY', observedOn: '2025-01-15', localityCodes: ['bromyard'], indicatorIds: ['fuel-poverty-pc'] });
    await add({ title: 'Finder two', theme: 'Finder', source: 'PARTNER_DATA', observedOn: '2025-06-15', localityCodes: ['bromyard', 'ledbury'] });
    await add({ title: 'Finder county', theme: 'Finder', source: 'SURVEY', observedOn: '2025-09-01', localityCodes: [], countyWide: true });
  });
  const find = async (filter: Record<string, unknown>) => {
    const res = await t.gql(`query($f: IntelligenceFilter) { intelligence(filter: $f) { totalCount edges { node { title } } } }`, { f: { theme: 'Finder', ...filter } });
    expect(res.errors).toBeUndefined();
    expect(res.data.intelligence.totalCount).toBe(res.data.intelligence.edges.length);
    return res.data.intelligence.edges.map((e: any) => e.node.title).sort();
  };

  it('by text in any case, theme, source, dates, indicator and locality', async () => {
    expect(await find({})).toEqual(['Finder county', 'Finder one', 'Finder two']);
    expect(await find({ search: 'fINDER TW' })).toEqual(['Finder two']);
    expect(await find({ search: 'repeated flooding' })).toEqual(['Finder county', 'Finder one', 'Finder two']);
    expect(await find({ source: 'SURVEY' })).toEqual(['Finder county', 'Finder one']);
    expect(await find({ observedFrom: '2025-06-01', observedTo: '2025-06-30' })).toEqual(['Finder two']);
    expect(await find({ indicatorId: 'fuel-poverty-pc' })).toEqual(['Finder one']);
    expect(await find({ localityCodes: ['ledbury'] })).toEqual(['Finder county', 'Finder two']);
    expect(await find({ localityCodes: ['ledbury'], includeCountyWide: false })).toEqual(['Finder two']);
  });
});

describe('community assets', () => {
  const CREATE_ASSET = `mutation($input: CreateCommunityAssetInput!) { createCommunityAsset(input: $input) { name parish { code } communityOwned ownerPartner { id } } }`;

  it('are added by any contributor, with a parish in their locality', async () => {
    const parishes = await db().parishAssignment.findMany({ include: { parish: true, locality: true } });
    const inKington = parishes.find((p) => p.locality.code === 'kington')!.parish.code;
    const elsewhere = parishes.find((p) => p.locality.code !== 'kington')!.parish.code;
    const ok = await t.gql(CREATE_ASSET, { input: { name: 'Kington toy library', kind: 'SERVICE', localityCode: 'kington', parishCode: inKington } }, { token: contributor });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createCommunityAsset).toEqual({ name: 'Kington toy library', parish: { code: inKington }, communityOwned: true, ownerPartner: null });

    const wrongParish = await refused('BAD_USER_INPUT', CREATE_ASSET, { input: { name: 'Misplaced', kind: 'BUILDING', localityCode: 'kington', parishCode: elsewhere } }, contributor);
    expect(wrongParish.extensions?.field).toBe('input.parishCode');
    const nowhere = await refused('BAD_USER_INPUT', CREATE_ASSET, { input: { name: 'Lost', kind: 'BUILDING', localityCode: 'atlantis' } }, contributor);
    expect(nowhere.extensions?.field).toBe('input.localityCode');
    const badKind = await t.gql(CREATE_ASSET, { input: { name: 'x', kind: 'CASTLE', localityCode: 'kington' } }, { token: contributor });
    expect(badKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const owned = await t.gql(
      `{ mine: communityAssets(filter: { search: "TOY LIBRARY", communityOwned: true }) { totalCount } theirs: communityAssets(filter: { search: "toy library", communityOwned: false }) { totalCount } }`,
      {},
      { token: contributor },
    );
    expect([owned.data.mine.totalCount, owned.data.theirs.totalCount]).toEqual([1, 0]);
  });
});
