/**
 * Spend in a place: a county-wide line split to the nine localities sums back to the line EXACTLY
 * for every driver (all-ages population, an age band, a SUM indicator's count, a RATIO
 * indicator's numerator), each locality's part is its exact share rounded by the largest
 * remainder (within a penny, checked against populations and counts read through the API); a
 * split small area follows its weights; localities sum to the county; re-basing uses the deflator
 * series; and spend is for signed-in partners only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apportionLargestRemainder } from '../../src/costs/apportion.js';
import { importSpend } from '../../src/costs/import/spend.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { csvFile, loadTestDeflators } from './support.js';

let t: TestServer;
let token: string;
const YEAR = '2018/19';
const PARTNER = 'Herefordshire Housing';

// One county-wide line per driver, with awkward amounts (odd pence, a credit, a large sum).
const LINES = [
  { service: 'By all ages', amount: '1000000.01', driver: 'population', line_kind: 'SPEND' },
  { service: 'By children', amount: '0.07', driver: 'population:aged_0_15', line_kind: 'SPEND' },
  { service: 'By older people', amount: '-123.45', driver: 'population:aged_65_plus', line_kind: 'ADJUSTMENT' },
  { service: 'By ASB incidents', amount: '999999999.99', driver: 'indicator:asb-incidents', line_kind: 'SPEND' },
  { service: 'By emergency admissions', amount: '7654321.09', driver: 'indicator:emergency-admissions-per-1000', line_kind: 'SPEND' },
];
const pence = (pounds: string) => BigInt(pounds.replace('.', ''));

beforeAll(async () => {
  t = await startTestServer();
  token = await tokenFor({ personId: 1, partnerId: 1, roles: ['READER'] });
  await loadTestDeflators(t);
  await importSpend(
    t.server.stores.records.prisma,
    t.server.stores.analytics,
    csvFile('ledger.csv', [
      ...LINES.map((line) => ({ partner: PARTNER, service: line.service, financial_year: YEAR, amount: line.amount, line_kind: line.line_kind, driver: line.driver })),
      { partner: PARTNER, service: 'Split small area', financial_year: YEAR, amount: '1000.01', small_area: 'E01990095' },
      { partner: PARTNER, service: 'One locality', financial_year: YEAR, amount: '42.42', locality: 'kington' },
    ]),
  );
});
afterAll(async () => {
  await t?.stop();
});

const SPEND = `query($year: String!, $priceBase: String) {
  localities { code spend(year: $year, priceBase: $priceBase) { total apportioned direct byService { partnerName service amount } } }
  county { spend(year: $year, priceBase: $priceBase) { total apportioned direct unapportioned lineCount byService { partnerName service amount } } }
}`;

async function spendByService(priceBase?: string) {
  const res = await t.gql(SPEND, { year: YEAR, priceBase }, { token });
  expect(res.errors).toBeUndefined();
  const part = (rows: { partnerName: string; service: string; amount: string }[], service: string) =>
    pence(rows.find((r) => r.partnerName === PARTNER && r.service === service)?.amount ?? '0.00');
  return { data: res.data, part };
}

describe('county-wide spend apportioned to the nine localities', () => {
  it.each(LINES)('sums back to the county amount exactly: $service ($driver)', async (line) => {
    const { data, part } = await spendByService();
    expect(data.localities).toHaveLength(9);
    const parts = data.localities.map((l: { spend: { byService: never[] } }) => part(l.spend.byService, line.service));
    expect(parts.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(pence(line.amount));
    expect(part(data.county.spend.byService, line.service)).toBe(pence(line.amount));
  });

  it('gives each locality its exact share to within a penny, by populations and counts read through the API', async () => {
    const drivers = await t.gql(`{
      localities { code
        all: population(period: "2018") { count } children: population(period: "2018", ageBand: "aged_0_15") { count }
        older: population(period: "2018", ageBand: "aged_65_plus") { count }
        profile(indicators: ["asb-incidents", "emergency-admissions-per-1000"], period: "2018") { indicator { id } numerator }
        admissions: profile(indicators: ["emergency-admissions-per-1000"], period: "2018/19") { numerator }
      } }`);
    expect(drivers.errors).toBeUndefined();
    type L = { code: string; all: { count: number }; children: { count: number }; older: { count: number }; profile: { indicator: { id: string }; numerator: number }[]; admissions: { numerator: number }[] };
    const weightOf: Record<string, (l: L) => number> = {
      population: (l) => l.all.count,
      'population:aged_0_15': (l) => l.children.count,
      'population:aged_65_plus': (l) => l.older.count,
      'indicator:asb-incidents': (l) => l.profile.find((r) => r.indicator.id === 'asb-incidents')!.numerator,
      'indicator:emergency-admissions-per-1000': (l) => l.admissions[0]!.numerator,
    };
    const { data, part } = await spendByService();
    for (const line of LINES) {
      const weights = (drivers.data.localities as L[]).map((l) => weightOf[line.driver]!(l));
      const total = weights.reduce((a, b) => a + b, 0);
      (drivers.data.localities as L[]).forEach((l, i) => {
        const exact = (Number(pence(line.amount)) * weights[i]!) / total;
        const got = Number(part(data.localities.find((x: { code: string }) => x.code === l.code).spend.byService, line.service));
        expect(Math.abs(got - exact)).toBeLessThan(1.000001);
      });
    }
  });

  it('splits a small area between its localities by the geography weights (0.65 / 0.35), exactly', async () => {
    const { data, part } = await spendByService();
    const of = (code: string) => part(data.localities.find((l: { code: string }) => l.code === code).spend.byService, 'Split small area');
    expect(of('weobley')).toBe(65001n);
    expect(of('hereford-city')).toBe(35000n);
    expect(of('kington')).toBe(0n);
  });

  it('adds the localities up to the county total, direct and apportioned', async () => {
    const { data } = await spendByService();
    const sum = (pick: (s: { total: string; apportioned: string; direct: string }) => string) =>
      data.localities.reduce((acc: bigint, l: { spend: { total: string; apportioned: string; direct: string } }) => acc + pence(pick(l.spend)), 0n);
    const county = data.county.spend;
    expect(county.unapportioned).toBe('0.00');
    expect(sum((s) => s.total)).toBe(pence(county.total));
    expect(sum((s) => s.apportioned)).toBe(pence(county.apportioned));
    expect(sum((s) => s.direct)).toBe(pence(county.direct));
    expect(county.total).toBe('1008655240.14'); // the seven lines of the file, added by hand
    expect(county.lineCount).toBe(7);
  });

  it('re-bases every line to the price base asked for, then splits it, still exactly', async () => {
    // 2018/19 (index 80) to 2023/24 (index 100): x 1.25, half to even at the penny.
    const { data, part } = await spendByService('2023/24');
    for (const line of LINES) {
      const rebased = (pence(line.amount) * 125n) / 100n;
      const parts = data.localities.map((l: { spend: { byService: never[] } }) => part(l.spend.byService, line.service));
      expect(parts.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(part(data.county.spend.byService, line.service));
      expect(Math.abs(Number(part(data.county.spend.byService, line.service) - rebased))).toBeLessThanOrEqual(1);
    }
  });
});

describe('spend per head and access', () => {
  it('shows spend per head against the county per head', async () => {
    const res = await t.gql(
      `{ locality(code: "kington") { population(period: "2018") { count } spend(year: "${YEAR}") { total perHead countyPerHead perHeadIndex population populationPeriod } }
         county { population(period: "2018") { count } spend(year: "${YEAR}") { total perHead population } } }`,
      {},
      { token },
    );
    expect(res.errors).toBeUndefined();
    const local = res.data.locality.spend;
    expect(local.populationPeriod).toBe('2018');
    expect(local.population).toBeCloseTo(res.data.locality.population.count, 6);
    expect(Number(local.perHead)).toBeCloseTo(Number(local.total) / local.population, 2);
    expect(local.countyPerHead).toBe(res.data.county.spend.perHead);
    expect(Number(res.data.county.spend.perHead)).toBeCloseTo(Number(res.data.county.spend.total) / res.data.county.population.count, 2);
    expect(local.perHeadIndex).toBeCloseTo((Number(local.perHead) / Number(local.countyPerHead)) * 100, 6);
  });

  it('is for signed-in partners: anonymous is UNAUTHENTICATED', async () => {
    const res = await t.gql(`{ locality(code: "kington") { spend(year: "${YEAR}") { total } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const compare = await t.gql(`{ compareSpend(localityCodes: ["kington"], year: "${YEAR}") { total } }`);
    expect(compare.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('compares localities side by side with the county, and refuses a bad year', async () => {
    const res = await t.gql(`{ compareSpend(localityCodes: ["kington", "mortimer"], year: "${YEAR}") { area { kind code } total } }`, {}, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.compareSpend.map((s: { area: { code: string } }) => s.area.code)).toEqual(['kington', 'mortimer', 'COUNTY']);
    const bad = await t.gql(`{ compareSpend(localityCodes: ["kington"], year: "2018") { total } }`, {}, { token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const unknown = await t.gql(`{ compareSpend(localityCodes: ["atlantis"], year: "${YEAR}") { total } }`, {}, { token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the largest-remainder rule', () => {
  it('gives leftover pence to the largest remainders, ties to the first key, and splits a credit the same way', () => {
    const split = (amount: bigint, weights: number[]) =>
      apportionLargestRemainder(amount, weights.map((w, i) => ({ key: String.fromCharCode(97 + i), weight: BigInt(w) })))!.map((p) => p.pence);
    expect(split(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    expect(split(-100n, [1, 1, 1])).toEqual([-34n, -33n, -33n]);
    expect(split(10n, [1, 2, 7])).toEqual([1n, 2n, 7n]);
    expect(split(7n, [0, 5, 5])).toEqual([0n, 4n, 3n]);
    expect(split(2n, [333, 333, 334])).toEqual([1n, 0n, 1n]);
    expect(apportionLargestRemainder(5n, [{ key: 'a', weight: 0n }])).toBeNull();
  });
});
