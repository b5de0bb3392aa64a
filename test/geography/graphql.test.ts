import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const NINE = {
  'hereford-city': 'CITY',
  leominster: 'MARKET_TOWN',
  bromyard: 'MARKET_TOWN',
  'ross-on-wye': 'MARKET_TOWN',
  ledbury: 'MARKET_TOWN',
  kington: 'MARKET_TOWN',
  weobley: 'RURAL',
  'golden-valley': 'RURAL',
  mortimer: 'RURAL',
};

describe('the geography over HTTP, on the bundled sample', () => {
  it('lists the nine localities with their tiers', async () => {
    const res = await t.gql('{ localities { code name groups { code } } }');
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(Object.fromEntries(res.data.localities.map((l: any) => [l.code, l.groups[0].code]))).toEqual(NINE);
  });

  it('filters localities by tier and groups them in tiers', async () => {
    const res = await t.gql('{ localities(group: "tier/RURAL") { code } tiers: localityGroups(grouping: "tier") { tier: code localities { code } } }');
    expect(res.data.localities.map((l: any) => l.code).sort()).toEqual(['golden-valley', 'mortimer', 'weobley']);
    expect(res.data.tiers.map((x: any) => [x.tier, x.localities.length])).toEqual([
      ['CITY', 1],
      ['MARKET_TOWN', 5],
      ['RURAL', 3],
    ]);
  });

  it('gives each locality its parishes and small areas, with weights that split a shared small area', async () => {
    const res = await t.gql(`{
      localities {
        code
        parishes(first: 200) { totalCount edges { node { code locality { code } } } }
        smallAreas(first: 200) { totalCount edges { weight node { code localities { weight locality { code } } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const shares = new Map<string, number>();
    for (const locality of res.data.localities) {
      expect(locality.parishes.totalCount).toBe(locality.parishes.edges.length);
      expect(locality.smallAreas.totalCount).toBe(locality.smallAreas.edges.length);
      for (const { node } of locality.parishes.edges) expect(node.locality.code).toBe(locality.code);
      for (const { weight, node } of locality.smallAreas.edges) {
        shares.set(node.code, (shares.get(node.code) ?? 0) + weight);
        const own = node.localities.find((s: any) => s.locality.code === locality.code);
        expect(own.weight).toBe(weight);
      }
    }
    expect(shares.size).toBe(116);
    for (const sum of shares.values()) expect(sum).toBeCloseTo(1, 9);
    const split = res.data.localities
      .flatMap((l: any) => l.smallAreas.edges)
      .filter((e: any) => e.weight < 1);
    expect(split.length).toBe(4); // two sample small areas, each in two localities
  });

  it('pages through a connection with cursors', async () => {
    const first = await t.gql('{ locality(code: "golden-valley") { parishes(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } } }');
    const page1 = first.data.locality.parishes;
    expect(page1.totalCount).toBe(35);
    expect(page1.edges).toHaveLength(20);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql('query($after: Cursor) { locality(code: "golden-valley") { parishes(first: 20, after: $after) { pageInfo { hasNextPage } edges { node { code } } } } }', {
      after: page1.pageInfo.endCursor,
    });
    const page2 = second.data.locality.parishes;
    expect(page2.edges).toHaveLength(15);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const codes = [...page1.edges, ...page2.edges].map((e: any) => e.node.code);
    expect(new Set(codes).size).toBe(35);
  });

  it('gives the county and the tiers populations that are the sums of their localities', async () => {
    const res = await t.gql(`{
      county { code name population { period count } }
      tiers: localityGroups { tier: code population { count } localities { population { count } } }
      localities { population { period ageBand count } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.county.code).toBe('E06000019');
    const county = res.data.county.population;
    expect(county.period).toBe('2020');
    const sum = res.data.localities.reduce((acc: number, l: any) => acc + l.population.count, 0);
    expect(sum).toBeCloseTo(county.count, 6);
    for (const tier of res.data.tiers) {
      const tierSum = tier.localities.reduce((acc: number, l: any) => acc + l.population.count, 0);
      expect(tier.population.count).toBeCloseTo(tierSum, 6);
    }
    const older = await t.gql('{ county { population(period: "2016", ageBand: "aged_65_plus") { period ageBand count } } }');
    expect(older.data.county.population).toMatchObject({ period: '2016', ageBand: 'aged_65_plus' });
    expect(older.data.county.population.count).toBeLessThan(county.count);
  });

  it('resolves global ids through node(id:)', async () => {
    const res = await t.gql('{ locality(code: "kington") { id } }');
    const id = res.data.locality.id;
    const node = await t.gql('query($id: ID!) { node(id: $id) { __typename ... on Locality { code name } } }', { id });
    expect(node.data.node).toEqual({ __typename: 'Locality', code: 'kington', name: 'Kington' });
  });

  it('lists service areas covering several localities', async () => {
    const res = await t.gql('{ serviceAreas { code organisation localities { code } } locality(code: "ledbury") { serviceAreas { code } } }');
    expect(res.data.serviceAreas).toHaveLength(4);
    const east = res.data.serviceAreas.find((a: any) => a.code === 'police-east');
    expect(east.localities.map((l: any) => l.code).sort()).toEqual(['bromyard', 'ledbury']);
    expect(res.data.locality.serviceAreas).toEqual([{ code: 'police-east' }]);
  });
});

describe('errors', () => {
  it('answers an unknown locality with NOT_FOUND', async () => {
    const res = await t.gql('{ locality(code: "atlantis") { code } }');
    expect(res.data.locality).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('atlantis');
  });

  it('answers an unknown geography version with NOT_FOUND', async () => {
    const res = await t.gql('{ localities(geographyVersion: "1066") { code } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an invalid document with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await t.gql('{ localities { nope } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query deeper than the limit with BAD_USER_INPUT, before touching a store', async () => {
    const deep = '{ localities { parishes { edges { node { locality { parishes { edges { node { locality { parishes { edges { node { code } } } } } } } } } } } } }';
    let res: any;
    const counts = await t.countStatements(async () => {
      res = await t.gql(deep);
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(counts.analytics).toBe(0);
    expect(counts.records).toBeLessThanOrEqual(1); // the request's geography-version lookup
  });

  it('refuses a query costlier than the limit with BAD_USER_INPUT', async () => {
    const res = await t.gql('{ localities { smallAreas(first: 500) { edges { node { localities { locality { parishes(first: 500) { edges { node { code } } } } } } } } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'complexity' });
  });
});

describe('query budget', () => {
  const LOCALITY_TREE = `{
    localities(group: "tier/TIER") {
      code
      parishes(first: 100) { totalCount edges { node { code name } } }
      smallAreas(first: 100) { totalCount edges { weight node { code name } } }
      population { count }
    }
  }`;

  it('answers localities with their parishes and small areas in a fixed number of statements, whatever the number of localities', async () => {
    const answers: any[] = [];
    const ask = (query: string) => t.gql(query).then((res) => answers.push(res));
    const one = await t.countStatements(() => ask(LOCALITY_TREE.replace('TIER', 'CITY')));
    const three = await t.countStatements(() => ask(LOCALITY_TREE.replace('TIER', 'RURAL')));
    const five = await t.countStatements(() => ask(LOCALITY_TREE.replace('TIER', 'MARKET_TOWN')));
    const nine = await t.countStatements(() => ask(LOCALITY_TREE.replace('(group: "tier/TIER")', '')));
    expect(answers.map((res) => res.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(answers.map((res) => res.data.localities.length)).toEqual([1, 3, 5, 9]);
    expect(nine.records).toBe(one.records);
    expect(three.records).toBe(one.records);
    expect(five.records).toBe(one.records);
    // version lookup, localities, parish page, parishes, small-area page, small areas (counts fold in)
    expect(nine.records).toBeLessThanOrEqual(8);
    // one analytics query for every locality's population
    expect(nine.analytics).toBe(1);
    expect(one.analytics).toBe(1);
  });
});
