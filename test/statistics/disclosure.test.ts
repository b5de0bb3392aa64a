/**
 * Disclosure control as an attacker tests it: every count the server publishes for a table (each
 * locality, grouping and the county, every pair and triple of localities combined, the CSV) is
 * collected and the linear system solved; no withheld count may come out exact or within the
 * small-number threshold. On the real police.uk crime counts for Herefordshire (many small
 * numbers; test/fixtures/herefordshire, Open Government Licence v3.0, on data/herefordshire/geography), on the bundled sample, and
 * on crafted hierarchies straight through the disclosure module.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAggregates } from '../../src/statistics/aggregates.js';
import { importGeography } from '../../src/geography/import.js';
import { protectTable } from '../../src/statistics/disclosure.js';
import { HEREFORDSHIRE_DATA, startTestServer, type TestServer } from '../support/server.js';
import { disclosed, type Figure, harvest, insertPoliceCounts, policeCounts, policeIndicatorId } from './attacker.js';

const THRESHOLD = 5;

describe('disclosure control against differencing, on the real police.uk crime counts', () => {
  let t: TestServer;
  const counts = policeCounts();
  const ids = [...new Set(counts.map(policeIndicatorId))].sort();

  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await importGeography(
      t.server.stores.records.prisma,
      t.server.stores.analytics,
      {
        localities: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_localities.csv'),
        // The tiers, a grouping: each group is a margin of the table that disclosure control protects too.
        groupings: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_groupings.csv'),
        smallAreas: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_lsoa11_localities.csv'),
        parishes: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_parish19_localities.csv'),
      },
      { versionId: 'hfd-2019', effectiveFrom: '2019-12-01', countyCode: 'E06000019', countyName: 'Herefordshire' },
    );
    // One count indicator per crime type and month (one period each), as police.uk publishes them.
    await t.server.stores.analytics.transaction(async (tx) => {
      await insertPoliceCounts(tx, counts, ids);
      await refreshAggregates(tx, ids);
    });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('leaves no withheld count recoverable from localities, tiers, the county, every pair and triple combined and the CSV', async () => {
    const { localities, tables } = await harvest(t, ids, null);
    expect(localities).toHaveLength(9);
    let withheld = 0;
    const found: string[] = [];
    for (const [id, figures] of tables) {
      withheld += figures.filter((f) => f.value === null).length;
      for (const d of disclosed(figures, localities, THRESHOLD)) found.push(`${id} ${d.label}: ${d.min} to ${d.max}`);
    }
    // Many small numbers: the test is not vacuous.
    expect(withheld).toBeGreaterThan(100);
    expect(found).toEqual([]);
  }, 600_000);

  it('withholds Kington’s one burglary in October 2018 and every figure that would give it away', async () => {
    const id = 'police-burglary-2018-10';
    const res = await t.gql(`{
      compare(localityCodes: ["kington", "leominster"], combined: true, indicators: ["${id}"]) { area { kind code } rows { numerator suppressed note rank rankOutOf } }
    }`);
    expect(res.errors).toBeUndefined();
    const byArea = Object.fromEntries(res.data.compare.map((a: any) => [`${a.area.kind}:${a.area.code}`, a.rows[0]]));
    expect(byArea['LOCALITY:kington']).toMatchObject({ numerator: null, suppressed: true, rank: null });
    expect(byArea['GROUP:GROUP']).toMatchObject({ numerator: null, suppressed: true });
    expect(byArea['GROUP:GROUP'].note).toMatch(/combined set/);
    // No rank that says how many others were withheld.
    for (const row of Object.values(byArea) as any[]) expect(row.rankOutOf === null || row.rankOutOf === 9).toBe(true);
  });
});

describe('disclosure control on the bundled sample', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('leaves no withheld count or numerator recoverable, in any period', async () => {
    const indicators = ['asb-incidents', 'arson-incidents', 'crime-rate-per-1000', 'children-low-income-pc', 'emergency-admissions-per-1000'];
    const series = await t.gql(`{ indicator(id: "arson-incidents") { series(area: { kind: COUNTY }) { period } } }`);
    const periods: string[] = series.data.indicator.series.map((p: { period: string }) => p.period);
    expect(periods.length).toBeGreaterThan(1);
    let withheld = 0;
    const found: string[] = [];
    // The first and the latest period (each period is its own table; CPU is shared).
    for (const period of [periods[0]!, periods.at(-1)!]) {
      const { localities, tables } = await harvest(t, indicators, period);
      for (const [id, figures] of tables) {
        withheld += figures.filter((f) => f.value === null).length;
        for (const d of disclosed(figures, localities, THRESHOLD)) found.push(`${id} ${period} ${d.label}: ${d.min} to ${d.max}`);
      }
    }
    expect(withheld).toBeGreaterThan(0);
    expect(found).toEqual([]);
  }, 600_000);
});

/** Every subset of the localities, combined, published where the protection allows it. */
function everyFigure(
  counts: Record<string, number | null>,
  totals: Record<string, string[]>,
  threshold: number,
): Figure[] {
  const codes = Object.keys(counts);
  const sum = (members: readonly string[]) => members.reduce((s, m) => s + (counts[m] ?? 0), 0);
  const protection = protectTable(
    codes.map((code) => ({ key: code, members: [code], count: counts[code]! })),
    Object.entries(totals).map(([key, members]) => ({ key, members, count: sum(members) })),
    threshold,
  );
  const figures: Figure[] = [
    ...codes.map((code) => ({ label: code, members: [code], value: protection.withheld.has(code) ? null : counts[code]! })),
    ...Object.entries(totals).map(([key, members]) => ({ label: key, members, value: protection.withheld.has(key) ? null : sum(members) })),
  ];
  for (let mask = 1; mask < 1 << codes.length; mask++) {
    const members = codes.filter((_, i) => mask & (1 << i));
    if (members.length < 2) continue;
    const open = protection.publishable(members) && sum(members) >= threshold;
    figures.push({ label: members.join('+'), members, value: open ? sum(members) : null });
  }
  return figures;
}

describe('disclosure control on crafted hierarchies', () => {
  it('protects the issue’s examples: a pair combined with a withheld member, and a grouping minus its published members', () => {
    // Market towns and rural areas shaped like the issue's: Kington 1, Leominster 8; Mortimer 3 in a rural 22.
    const counts = { leominster: 8, kington: 1, bromyard: 6, ledbury: 15, ross: 20, weobley: 9, golden: 10, mortimer: 3, city: 60 };
    const totals = {
      CITY: ['city'],
      MARKET_TOWN: ['leominster', 'kington', 'bromyard', 'ledbury', 'ross'],
      RURAL: ['weobley', 'golden', 'mortimer'],
      COUNTY: Object.keys(counts),
    };
    const figures = everyFigure(counts, totals, THRESHOLD);
    // Leominster stays published; Bromyard (the smallest other market town) protects Kington.
    expect(figures.find((f) => f.label === 'leominster')!.value).toBe(8);
    expect(figures.find((f) => f.label === 'bromyard')!.value).toBeNull();
    expect(figures.find((f) => f.label === 'leominster+kington')!.value).toBeNull();
    // A set whose sum the table already gives is published: it reveals nothing new.
    expect(figures.find((f) => f.label === 'kington+bromyard')!.value).toBe(7);
    expect(figures.find((f) => f.label === 'mortimer')!.value).toBeNull();
    expect(figures.filter((f) => f.members.length === 1 && f.value === null).length).toBeGreaterThanOrEqual(4);
    expect(disclosed(figures, Object.keys(counts), THRESHOLD)).toEqual([]);
  });

  it('protects nested and overlapping groupings, zeros, a withheld grouping and areas without data', () => {
    const cases: [Record<string, number | null>, Record<string, string[]>][] = [
      // A grouping under the threshold (all its members withheld) beside published groupings.
      [{ a: 1, b: 2, c: 30, d: 40, e: 0, f: 50 }, { G1: ['a', 'b'], G2: ['c', 'd'], G3: ['e', 'f'], ALL: ['a', 'b', 'c', 'd', 'e', 'f'] }],
      // Groupings inside groupings, and a second, overlapping grouping of the same localities.
      [{ a: 3, b: 7, c: 9, d: 2, e: 11, f: 6 }, { N1: ['a', 'b'], N2: ['a', 'b', 'c'], X: ['c', 'd', 'e'], ALL: ['a', 'b', 'c', 'd', 'e', 'f'] }],
      // No groupings at all, one withheld, one without data.
      [{ a: 4, b: 100, c: 200, d: null }, { ALL: ['a', 'b', 'c', 'd'] }],
      // Every locality small but the county published.
      [{ a: 1, b: 1, c: 1, d: 1, e: 2 }, { ALL: ['a', 'b', 'c', 'd', 'e'] }],
    ];
    for (const [counts, totals] of cases) {
      const figures = everyFigure(counts, totals, THRESHOLD);
      expect(disclosed(figures, Object.keys(counts), THRESHOLD), JSON.stringify(counts)).toEqual([]);
    }
  });

  it('holds on 300 random tables of nine localities in three groupings', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const codes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    for (let run = 0; run < 300; run++) {
      const counts = Object.fromEntries(codes.map((c) => [c, Math.floor(random() < 0.4 ? random() * 5 : random() * 40)]));
      // The county first or last: the result must not depend on the order the table arrives in.
      const groupings = { G1: ['a'], G2: ['b', 'c', 'd', 'e', 'f'], G3: ['g', 'h', 'i'] };
      const totals: Record<string, string[]> = run % 2 ? { ...groupings, ALL: codes } : { ALL: codes, ...groupings };
      // Pairs and triples only (as the API offers them), to keep the run short.
      const figures = everyFigure(counts, totals, THRESHOLD).filter((f) => f.members.length <= 3 || f.label in totals || f.label === codes.join('+'));
      expect(disclosed(figures, codes, THRESHOLD), JSON.stringify(counts)).toEqual([]);
    }
  });
});
