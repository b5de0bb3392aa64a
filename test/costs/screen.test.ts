/**
 * The locality screen (spend by partner with each partner's record, cost of demand by theme, and
 * each demand line's indicator with its significance) is one request with a fixed number of
 * database statements: the same for one locality as for all nine, and the same after the ledger
 * and the unit cost catalogue grow. Also: the cost of demand is count x re-based unit cost,
 * matching the profile row the same request shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpend } from '../../src/costs/import/spend.js';
import { importUnitCosts } from '../../src/costs/import/unit-costs.js';
import { type GraphQLResponse, startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { csvFile, TEST_DEFLATORS, loadTestDeflators } from './support.js';

let t: TestServer;
let token: string;
beforeAll(async () => {
  t = await startTestServer();
  token = await tokenFor({ personId: 1, partnerId: 1, roles: ['READER'] });
  await loadTestDeflators(t);
});
afterAll(async () => {
  await t?.stop();
});

const SCREEN = `
  spend(year: "2019/20") { total perHead countyPerHead byPartner { partnerName amount share partner { name shortName kind } } byService { service amount } }
  costOfDemand(year: "2019") { total priceBase byTheme { key cost } byPartner { key cost }
    lines { unitCost { id name cost priceBase partner { name } } count unitCostRebased cost indicator { indicator { id theme } value numerator lowerCI95 upperCI95 countyValue comparison trend } } }
  profile(indicators: ["asb-incidents", "arson-incidents"], period: "2019") { indicator { id } value comparison trend }`;
const ONE = `{ locality(code: "kington") { code name ${SCREEN} } }`;
const ALL = `{ localities { code name ${SCREEN} } }`;

async function measure(query: string) {
  let res: GraphQLResponse | undefined;
  const counts = await t.countStatements(async () => {
    res = await t.gql(query, {}, { token });
  });
  expect(res!.errors).toBeUndefined();
  return { counts, data: res!.data };
}

describe('the locality screen', () => {
  it('makes the same number of statements for one locality as for nine, and as the ledger and catalogue grow', async () => {
    // The first request with a token checks once per process that its person and partner exist (src/auth/token.ts).
    await measure(ONE);
    const one = await measure(ONE);
    const all = await measure(ALL);
    expect(all.data.localities).toHaveLength(9);
    expect(all.counts.analytics).toBe(one.counts.analytics);
    expect(all.counts.records).toBe(one.counts.records);

    // Grow the ledger (a line per partner, locality and service) and the unit costs.
    const partners = ['Herefordshire Public Services', 'West Mercia Police', 'Wye Valley NHS Trust', 'Herefordshire Housing', 'West Mercia Probation'];
    const localities = ['hereford-city', 'leominster', 'bromyard', 'ross-on-wye', 'ledbury', 'kington', 'weobley', 'golden-valley', 'mortimer'];
    const rows = partners.flatMap((partner, p) =>
      localities.flatMap((locality, l) => [1, 2, 3].map((s) => ({ partner, service: `Service ${s}`, financial_year: '2019/20', amount: `${1000 + p * 100 + l * 10 + s}.${s}5`, locality }))),
    );
    await importSpend(t.server.stores.records.prisma, t.server.stores.analytics, csvFile('more.csv', rows));
    await importUnitCosts(
      t.server.stores.records.prisma,
      t.server.stores.analytics,
      csvFile('more-costs.csv', partners.map((partner, i) => ({
        id: `extra-${i}`, name: `Extra ${i}`, unit: 'incident', cost: `${10 + i}.50`, source: 'test', source_year: '2022/23', price_base: '2022/23', partner, indicator_id: i % 2 ? 'asb-incidents' : 'claimant-rate-pc',
      }))),
    );
    const grown = await measure(ALL);
    expect(grown.data.localities[0].spend.byPartner.length).toBeGreaterThan(all.data.localities[0].spend.byPartner.length);
    expect(grown.data.localities[0].costOfDemand.lines.length).toBe(all.data.localities[0].costOfDemand.lines.length + partners.length);
    expect(grown.counts.analytics).toBe(one.counts.analytics);
    expect(grown.counts.records).toBe(one.counts.records);
    // Recorded for the README: the whole screen for nine localities.
    console.info(`locality screen: ${grown.counts.analytics} analytics + ${grown.counts.records} record statements`);
  });

  it('prices demand as the profile count x the unit cost re-based with the deflators', async () => {
    const { data } = await measure(ONE);
    const demand = data.locality.costOfDemand;
    expect(demand.priceBase).toBe('2023/24');
    const asb = data.locality.profile.find((r: { indicator: { id: string } }) => r.indicator.id === 'asb-incidents');
    const police = demand.lines.find((l: { unitCost: { id: string } }) => l.unitCost.id === 'asb-incident-police');
    expect(police.indicator.value).toBe(asb.value);
    expect(police.indicator.comparison).toBe(asb.comparison);
    expect(police.count).toBe(police.indicator.numerator);
    // £190.00 in 2019/20 prices (index 90) in 2023/24 prices (index 100): 19000 x 100 / 90 = 21111.1 -> £211.11.
    expect(police.unitCostRebased).toBe('211.11');
    expect(police.cost).toBe((Math.round(police.count * 21111) / 100).toFixed(2));
    const sum = (rows: { cost: string }[]) => rows.reduce((acc, r) => acc + BigInt(r.cost.replace('.', '')), 0n);
    const withCost = demand.lines.filter((l: { cost: string | null }) => l.cost !== null);
    expect(sum(withCost)).toBe(BigInt(demand.total.replace('.', '')));
    expect(sum(demand.byTheme)).toBe(BigInt(demand.total.replace('.', '')));
    expect(sum(demand.byPartner)).toBe(BigInt(demand.total.replace('.', '')));
    expect(Object.keys(TEST_DEFLATORS)).toContain(demand.priceBase);
  });

  it('is answered for tiers and the county too, and the parts add up to the county', async () => {
    const res = await t.gql(`{ tiers: localityGroups { tier: code costOfDemand { total } } county { costOfDemand { total } } }`);
    expect(res.errors).toBeUndefined();
    const tiers = res.data.tiers.reduce((acc: number, tier: { costOfDemand: { total: string } }) => acc + Number(tier.costOfDemand.total), 0);
    // Each area's count is rounded to the penny separately: tiers agree with the county within a penny per line.
    expect(Math.abs(tiers - Number(res.data.county.costOfDemand.total))).toBeLessThan(0.05);
  });
});
