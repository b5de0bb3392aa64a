/**
 * Locality profiles over HTTP on the sample geography, with indicators written by the test
 * straight into the analytics tables (the importers have their own tests), so every expected
 * number here is computed independently from the raw rows: weighted sums per locality, tier and
 * county, Wilson limits from the formula, comparisons, ranks, suppression and the query budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAggregates } from '../../src/statistics/aggregates.js';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
let weights: { small_area_code: string; locality_code: string; tier: string; weight: number }[];
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020];

/** A deterministic count for a small area and year, higher in Leominster and rising there. */
function count(code: string, year: number, locality: string): number {
  const base = Number(code.slice(-3)) % 17;
  return locality === 'leominster' ? 40 + base + (year - 2015) * 12 : 20 + base;
}

beforeAll(async () => {
  t = await startTestServer();
  const db = t.server.stores.analytics;
  weights = await db.query(
    `SELECT w.small_area_code, w.locality_code, g.group_code AS tier, w.weight
     FROM small_area_locality w JOIN locality_group g ON g.locality_code = w.locality_code AND g.version_id = w.version_id AND g.grouping_code = 'tier'
     WHERE w.version_id = (SELECT max(version_id) FROM geography_version)`,
  );
  const home = new Map<string, string>();
  for (const w of weights) if (!home.has(w.small_area_code) || w.weight > 0.5) home.set(w.small_area_code, w.locality_code);
  const firstKington = [...home.entries()].filter(([, l]) => l === 'kington').map(([c]) => c).sort()[0];
  await db.transaction(async (tx) => {
    await tx.run(`INSERT INTO indicator VALUES
      ('test-prop', 'Test proportion', 'People with a thing', '%', 'PROPORTION', 100, 'HIGHER_IS_WORSE', 'RATIO', NULL, 'all ages', 'testing', 'the test', 't1', 'OGL', true, now()),
      ('test-count', 'Test small count', 'Rare events', 'events', 'COUNT', 1, 'HIGHER_IS_WORSE', 'SUM', NULL, 'all ages', 'testing', 'the test', 't1', 'OGL', true, now()),
      ('test-score', 'Test score', 'A score', 'score', 'SCORE', 1, 'NO_JUDGEMENT', 'NOT_ADDITIVE', NULL, 'all ages', 'testing', 'the test', 't1', 'OGL', false, now())`);
    const rows: (string | number | null)[][] = [];
    for (const code of new Set(weights.map((w) => w.small_area_code))) {
      for (const year of YEARS) {
        rows.push(['test-prop', code, String(year), 'YEAR', `${year}-01-01`, year, count(code, year, home.get(code)!), 1000, null, null, 't1']);
        // Two events in one of Kington's small areas and none in its others: Kington's count is under 5.
        const events = home.get(code) === 'kington' ? (code === firstKington ? 2 : 0) : 3;
        rows.push(['test-count', code, String(year), 'YEAR', `${year}-01-01`, year, events, null, null, null, 't1']);
        rows.push(['test-score', code, String(year), 'YEAR', `${year}-01-01`, year, null, null, 10, null, 't1']);
      }
    }
    await tx.append('observation', rows);
    // Written straight into the tables, so the precomputed profiles are refreshed as an import does.
    await refreshAggregates(tx, ['test-prop', 'test-count', 'test-score']);
  });
});
afterAll(async () => {
  await t?.stop();
});

const z95 = 1.959963984540054;
/** Wilson score interval (OHID technical guide; METHODS.md), written out independently. */
function wilson(x: number, n: number): [number, number] {
  const root = z95 * Math.sqrt(z95 * z95 + 4 * x * (1 - x / n));
  return [((2 * x + z95 * z95 - root) / (2 * (n + z95 * z95))) * 100, ((2 * x + z95 * z95 + root) / (2 * (n + z95 * z95))) * 100];
}

/** Weighted numerator and denominator of test-prop in 2020 for areas chosen by `keep`. */
function expected(keep: (w: (typeof weights)[number]) => boolean): { x: number; n: number } {
  const home = new Map<string, string>();
  for (const w of weights) if (!home.has(w.small_area_code) || w.weight > 0.5) home.set(w.small_area_code, w.locality_code);
  let x = 0;
  let n = 0;
  for (const w of weights.filter(keep)) {
    x += w.weight * count(w.small_area_code, 2020, home.get(w.small_area_code)!);
    n += w.weight * 1000;
  }
  return { x, n };
}

const ROW = 'indicator { id } period value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998 countyValue comparison trend rank rankOutOf quintile suppressed note';

describe('locality profiles', () => {
  it('aggregates a proportion from weighted small areas to every locality, tier and the county, with Wilson limits', async () => {
    const res = await t.gql(`{
      localities { code groups { code } profile(indicators: ["test-prop"]) { ${ROW} } }
      tiers: localityGroups { tier: code profile(indicators: ["test-prop"]) { ${ROW} } }
      county { profile(indicators: ["test-prop"]) { ${ROW} } }
    }`);
    expect(res.errors).toBeUndefined();
    const county = res.data.county.profile[0];
    const all = expected(() => true);
    expect(county.period).toBe('2020');
    expect(county.numerator).toBeCloseTo(all.x, 6);
    expect(county.denominator).toBeCloseTo(all.n, 6);
    expect(county.value).toBeCloseTo((all.x / all.n) * 100, 9);
    expect(county.comparison).toBe('NOT_COMPARED');

    let sumX = 0;
    for (const locality of res.data.localities) {
      const [row] = locality.profile;
      const mine = expected((w) => w.locality_code === locality.code);
      sumX += row.numerator;
      expect(row.numerator).toBeCloseTo(mine.x, 6);
      expect(row.denominator).toBeCloseTo(mine.n, 6);
      const [lower, upper] = wilson(mine.x, mine.n);
      expect(row.lowerCI95).toBeCloseTo(lower, 6);
      expect(row.upperCI95).toBeCloseTo(upper, 6);
      expect(row.lowerCI998).toBeLessThan(row.lowerCI95);
      expect(row.upperCI998).toBeGreaterThan(row.upperCI95);
      expect(row.countyValue).toBeCloseTo(county.value, 9);
      const expectedComparison = county.value < row.lowerCI95 ? 'WORSE' : county.value > row.upperCI95 ? 'BETTER' : 'SIMILAR';
      expect(row.comparison).toBe(expectedComparison);
      expect(row.rankOutOf).toBe(9);
    }
    // Apportionment loses nothing: the localities add up to the county.
    expect(sumX).toBeCloseTo(county.numerator, 6);

    // Leominster is the highest and rising: worst (rank 1 is best, higher is worse), with a rising trend.
    const leominster = res.data.localities.find((l: any) => l.code === 'leominster').profile[0];
    expect(leominster.comparison).toBe('WORSE');
    expect(leominster.rank).toBe(9);
    expect(leominster.trend).toBe('INCREASING');
    const ranks = res.data.localities.map((l: any) => l.profile[0].rank).sort((a: number, b: number) => a - b);
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const byValue = [...res.data.localities].sort((a: any, b: any) => a.profile[0].value - b.profile[0].value);
    expect(byValue.map((l: any) => l.profile[0].rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    for (const tier of res.data.tiers) {
      const mine = expected((w) => w.tier === tier.tier);
      expect(tier.profile[0].numerator).toBeCloseTo(mine.x, 6);
      expect(tier.profile[0].rank).toBeNull();
    }
    // Quintiles across all nine localities (phe_quantile: floor(6 - ceiling((N + 1 - rank) / (N / 5))), rank 1 the best,
    // here the lowest): ranks 1..9 give 1 1 2 2 3 3 4 4 5.
    const quintiles = byValue.map((l: any) => l.profile[0].quintile);
    expect(quintiles).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5]);
    for (const tier of res.data.tiers) expect(tier.profile[0].quintile).toBeNull();
  });

  it('withholds small counts and everything derived from them, with a note', async () => {
    const res = await t.gql(`{ locality(code: "kington") { profile(indicators: ["test-count"]) { ${ROW} } } county { profile(indicators: ["test-count"]) { value } } }`);
    expect(res.errors).toBeUndefined();
    const [row] = res.data.locality.profile;
    expect(row).toMatchObject({ suppressed: true, value: null, numerator: null, lowerCI95: null, rank: null, comparison: 'NOT_COMPARED', trend: 'NOT_ENOUGH_DATA' });
    expect(row.note).toMatch(/5/);
    expect(res.data.county.profile[0].value).toBeGreaterThan(5);
  });

  it('publishes a non-additive score for small areas only, saying so', async () => {
    const res = await t.gql(`{ locality(code: "ledbury") { profile(indicators: ["test-score"]) { value note suppressed comparison } } }`);
    expect(res.data.locality.profile[0]).toMatchObject({ value: null, suppressed: false, comparison: 'NOT_COMPARED' });
    expect(res.data.locality.profile[0].note).toMatch(/not additive/i);
  });

  it('gives an indicator’s series for one area, oldest first, and a theme filter', async () => {
    const res = await t.gql(`{
      indicator(id: "test-prop") { name valueType polarity aggregation series(area: { kind: LOCALITY, code: "leominster" }) { period value trend } }
      themes
      indicators(theme: "testing") { id }
    }`);
    expect(res.errors).toBeUndefined();
    const series = res.data.indicator.series;
    expect(series.map((p: any) => p.period)).toEqual(YEARS.map(String));
    expect(series[0].trend).toBe('NOT_ENOUGH_DATA');
    expect(series.at(-1).trend).toBe('INCREASING');
    expect(series.map((p: any) => p.value)).toEqual([...series.map((p: any) => p.value)].sort((a: number, b: number) => a - b));
    expect(res.data.themes).toContain('testing');
    expect(res.data.indicators.map((i: any) => i.id).sort()).toEqual(['test-count', 'test-prop', 'test-score']);
  });

  it('compares localities side by side with their tiers, the county and the set combined', async () => {
    const res = await t.gql(`{ compare(localityCodes: ["leominster", "weobley"], indicators: ["test-prop"], combined: true) { area { kind code name } rows { value numerator } } }`);
    expect(res.errors).toBeUndefined();
    const areas = res.data.compare.map((a: any) => `${a.area.kind}:${a.area.code}`);
    expect(areas).toEqual(['LOCALITY:leominster', 'LOCALITY:weobley', 'LOCALITY_GROUP:tier/MARKET_TOWN', 'LOCALITY_GROUP:tier/RURAL', 'GROUP:GROUP', 'COUNTY:COUNTY']);
    const [leo, weo, , , group] = res.data.compare;
    expect(group.rows[0].numerator).toBeCloseTo(leo.rows[0].numerator + weo.rows[0].numerator, 6);
    expect(leo.area.name).toBe('Leominster');
  });

  it('answers a whole profile of every locality, tier and the county with the same number of analytics queries, whatever is asked', async () => {
    const one = await t.countStatements(() => t.gql(`{ locality(code: "bromyard") { profile(indicators: ["test-prop"]) { value } } }`));
    const all = await t.countStatements(() =>
      t.gql(`{ localities { profile { ${ROW} } } localityGroups { profile { value } } county { profile { value trend } } }`),
    );
    expect(one.analytics).toBe(2); // the catalogue, then one profile query
    expect(all.analytics).toBe(one.analytics);
  });

  it('refuses an unknown locality and a malformed area with typed errors', async () => {
    const unknown = await t.gql(`{ compare(localityCodes: ["atlantis"]) { area { code } } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await t.gql(`{ indicator(id: "test-prop") { series(area: { kind: LOCALITY }) { value } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await t.gql(`{ indicator(id: "nope") { name } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
