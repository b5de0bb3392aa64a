/**
 * Issue analytics against figures computed here, independently, from the raw rows this test
 * inserts: the sharing rule written out again, quantiles by Hyndman and Fan's general formula
 * (1-based, m = 1 - p) rather than the code's (n - 1)p form, and populations summed from the
 * sample's own population and small-area files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantileType7 } from '../../src/statistics/quantiles.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

/** Hyndman & Fan (1996) definition 7 in their general form: Q(p) = (1 - g) x[j] + g x[j+1], j = floor(np + m), g = np + m - j, m = 1 - p. */
function hyndmanFan7(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const m = 1 - p;
  const j = Math.floor(n * p + m);
  const g = n * p + m - j;
  const at = (k: number) => x[Math.min(Math.max(k, 1), n) - 1]!;
  return (1 - g) * at(j) + g * at(j + 1);
}

const DAY = 86_400_000;
const LOCALITIES = ['leominster', 'kington', 'weobley'];
const THEMES = ['Highways', 'Housing'];
const LEVELS = ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'] as const;

interface Row {
  locality: string;
  partner: number;
  theme: string;
  level: (typeof LEVELS)[number];
  author: number;
  raisedOn: Date;
  days: number | null;
  escalated: boolean;
  actions: { status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED'; dueInDays: number | null }[];
}

let t: TestServer;
let partners: number[];
let viewerPartner: number;
let token: string;
const rows: Row[] = [];
const db = () => t.server.stores.records.prisma;

beforeAll(async () => {
  t = await startTestServer();
  await db().outcomeIssue.deleteMany();
  await db().action.deleteMany();
  await db().issue.deleteMany();
  partners = (await db().partner.findMany({ take: 4, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
  viewerPartner = partners[3]!;
  token = await tokenFor({ partnerId: viewerPartner, roles: ['ANALYST'] });
  const localityIds = new Map((await db().locality.findMany()).map((l) => [l.code, l.id]));
  const now = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  // A fixed, irregular spread of resolution times (some ties, some long tails).
  const spread = [3, 41, 7, 7, 19, 120, 2, 15, 33, 8, 64, 5, 27, 11, 90, 4, 13, 22, 6, 55, 9, 30, 1, 17, 44, 12, 71, 26, 3, 10, 38, 14, 21, 49, 16, 8];
  for (let i = 0; i < spread.length; i++) {
    const level = LEVELS[i % 3]!;
    const row: Row = {
      locality: LOCALITIES[i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1]!,
      partner: partners[i % 3]!,
      theme: THEMES[i % 2]!,
      level,
      // Some restricted issues are the viewer's own partner's: those it sees.
      author: level === 'RESTRICTED' && i % 4 === 0 ? viewerPartner : partners[0]!,
      raisedOn: new Date(now - (200 + i) * DAY),
      days: i % 7 === 6 ? null : spread[i]!,
      escalated: i % 6 === 1,
      actions: [
        { status: 'OPEN', dueInDays: i % 2 ? -3 : 5 },
        { status: i % 3 ? 'DONE' : 'CANCELLED', dueInDays: -10 },
        { status: 'IN_PROGRESS', dueInDays: i % 4 ? null : -1 },
      ],
    };
    rows.push(row);
    await db().issue.create({
      data: {
        localityId: localityIds.get(row.locality)!,
        title: `Analytics ${i}`,
        description: 'x',
        theme: row.theme,
        searchText: 'analytics',
        raisedOn: row.raisedOn,
        resolvedOn: row.days === null ? null : new Date(row.raisedOn.getTime() + row.days * DAY),
        status: row.days === null ? (row.escalated ? 'ESCALATED' : 'OPEN') : 'RESOLVED',
        escalatedOn: row.escalated ? new Date(row.raisedOn.getTime() + DAY) : null,
        escalationReason: row.escalated ? 'county' : null,
        ownerPartnerId: row.partner,
        authorPartnerId: row.author,
        sharingLevel: row.level,
        actions: {
          create: row.actions.map((a, k) => ({
            title: `Step ${k}`,
            status: a.status,
            dueOn: a.dueInDays === null ? null : new Date(now + a.dueInDays * DAY),
            doneOn: a.status === 'DONE' ? new Date(now - 20 * DAY) : null,
            ownerPartnerId: row.partner,
            authorPartnerId: row.author,
            sharingLevel: 'PUBLIC' as const,
          })),
        },
      },
    });
  }
});
afterAll(async () => t?.stop());

/** The sharing rule, written out again: what the test's viewer (partner, not named anywhere) may see. */
const visibleTo = (viewer: 'partner' | 'anonymous') => (row: Row) =>
  row.level === 'PUBLIC' || (viewer === 'partner' && (row.level === 'PARTNERSHIP' || row.author === viewerPartner));

function expectedTimes(group: Row[]) {
  const days = group.flatMap((r) => (r.days === null ? [] : [r.days]));
  return { count: days.length, medianDays: hyndmanFan7(days, 0.5), p90Days: hyndmanFan7(days, 0.9) };
}

/** The group's figures match; a group with no resolved issue the viewer may see is absent. */
function close(actual: { count: number; medianDays: number; p90Days: number } | undefined, expected: ReturnType<typeof expectedTimes>) {
  if (expected.count === 0) return expect(actual).toBeUndefined();
  expect(actual!.count).toBe(expected.count);
  expect(actual!.medianDays).toBeCloseTo(expected.medianDays, 9);
  expect(actual!.p90Days).toBeCloseTo(expected.p90Days, 9);
}

/** Residents per locality in the latest sample year, from data/sample: weight x all_ages summed over its small areas. */
function samplePopulation(): { year: string; byLocality: Map<string, number> } {
  const read = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'sample', name), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const population = read('population.csv');
  const year = population.map((r) => r[1]!).sort().at(-1)!;
  const residents = new Map(population.filter((r) => r[1] === year).map((r) => [r[0]!, Number(r[2])]));
  const byLocality = new Map<string, number>();
  for (const [area, , locality, weight] of read('small_areas.csv')) {
    byLocality.set(locality!, (byLocality.get(locality!) ?? 0) + Number(weight) * residents.get(area!)!);
  }
  return { year, byLocality };
}

describe('the quantile', () => {
  it('is R’s default (type 7): quantile(1:10, 0.9) is 9.1, and it agrees with the general formula', () => {
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileType7([3, 5, 7, 8, 12, 13, 14, 18, 21], 0.9)).toBeCloseTo(18.6, 12);
    expect(quantileType7([4], 0.9)).toBe(4);
    expect(quantileType7([], 0.5)).toBeNull();
    for (const p of [0, 0.1, 0.25, 0.5, 0.9, 1]) expect(quantileType7([1, 1, 2, 3, 5, 8, 13, 21], p)).toBeCloseTo(hyndmanFan7([1, 1, 2, 3, 5, 8, 13, 21], p), 12);
  });
});

describe('issueAnalytics', () => {
  const QUERY = `query($filter: IssueFilter) { issueAnalytics(filter: $filter) {
    issueCount openCount resolvedCount escalatedCount
    timeToResolve { count medianDays p90Days }
    locality: timeToResolveBy(by: LOCALITY) { key count medianDays p90Days }
    partner: timeToResolveBy(by: PARTNER) { key count medianDays p90Days }
    theme: timeToResolveBy(by: THEME) { key count medianDays p90Days }
    actions { total open overdue done cancelled }
    byLocality { locality { code } issues escalatedIssues overdueActions population populationPeriod issuesPerThousand }
  } }`;

  it.each(['partner', 'anonymous'] as const)('gives the figures computed from the raw rows the %s viewer may see', async (viewer) => {
    const res = await t.gql(QUERY, {}, { token: viewer === 'partner' ? token : undefined });
    expect(res.errors).toBeUndefined();
    const a = res.data.issueAnalytics;
    const seen = rows.filter(visibleTo(viewer));
    expect(seen.length).toBeLessThan(rows.length);
    expect([a.issueCount, a.resolvedCount, a.openCount, a.escalatedCount]).toEqual([
      seen.length,
      seen.filter((r) => r.days !== null).length,
      seen.filter((r) => r.days === null).length,
      seen.filter((r) => r.escalated).length,
    ]);
    close(a.timeToResolve, expectedTimes(seen));
    const byKey = (groups: any[], key: string) => groups.find((g) => g.key === key);
    for (const code of LOCALITIES) close(byKey(a.locality, code), expectedTimes(seen.filter((r) => r.locality === code)));
    for (const partner of partners.slice(0, 3)) close(byKey(a.partner, String(partner)), expectedTimes(seen.filter((r) => r.partner === partner)));
    for (const theme of THEMES) close(byKey(a.theme, theme), expectedTimes(seen.filter((r) => r.theme === theme)));

    const actions = seen.flatMap((r) => r.actions);
    const overdue = (x: Row['actions'][number]) => x.dueInDays !== null && x.dueInDays < 0 && (x.status === 'OPEN' || x.status === 'IN_PROGRESS');
    expect(a.actions).toEqual({
      total: actions.length,
      open: actions.filter((x) => x.status === 'OPEN' || x.status === 'IN_PROGRESS').length,
      overdue: actions.filter(overdue).length,
      done: actions.filter((x) => x.status === 'DONE').length,
      cancelled: actions.filter((x) => x.status === 'CANCELLED').length,
    });

    const { year, byLocality } = samplePopulation();
    expect(a.byLocality).toHaveLength(9);
    for (const figures of a.byLocality) {
      const code = figures.locality.code;
      const mine = seen.filter((r) => r.locality === code);
      expect(figures.issues).toBe(mine.length);
      expect(figures.escalatedIssues).toBe(mine.filter((r) => r.escalated).length);
      expect(figures.overdueActions).toBe(mine.flatMap((r) => r.actions).filter(overdue).length);
      expect(figures.populationPeriod).toBe(year);
      expect(figures.population).toBeCloseTo(byLocality.get(code)!, 6);
      expect(figures.issuesPerThousand).toBeCloseTo((mine.length / byLocality.get(code)!) * 1000, 9);
    }
  });

  it('applies the filter in the same query: one theme in one locality', async () => {
    const res = await t.gql(QUERY, { filter: { theme: 'Housing', localityCodes: ['kington'] } }, { token });
    const seen = rows.filter(visibleTo('partner')).filter((r) => r.theme === 'Housing' && r.locality === 'kington');
    const a = res.data.issueAnalytics;
    expect(a.issueCount).toBe(seen.length);
    close(a.timeToResolve, expectedTimes(seen));
    expect(a.byLocality.map((l: any) => [l.locality.code, l.issues])).toEqual([['kington', seen.length]]);
    expect(a.actions.total).toBe(seen.length * 3);
  });
});
