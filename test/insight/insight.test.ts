/**
 * The insight questions on the default data (real Herefordshire statistics, illustrative
 * records), each one GraphQL request whose answer is recomputed here independently: from the
 * published profile rows (the API's `profile`, `series`) and the records read straight from the
 * record store, with the methods written out again in this file. Statement counts stay the same
 * when boards, priorities and cited indicators are added.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEREFORDSHIRE_DATA, PROJECT_ROOT, startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId } from '../support/ids.js';

let t: TestServer;
let admin: string;

beforeAll(async () => {
  t = await startTestServer({ env: { DATASET_DIR: HEREFORDSHIRE_DATA } });
  admin = await tokenFor({ roles: ['ADMIN'] });
}, 300_000);
afterAll(async () => t?.stop());

const prisma = () => t.server.stores.records.prisma;

async function data<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const res = await t.gql<T>(query, variables, token === undefined ? {} : { token });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface Row {
  indicator: { id: string; theme: string; polarity: string; valueType: string };
  period: string;
  periodStart: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lowerCI95: number | null;
  upperCI95: number | null;
  lowerCI998: number | null;
  upperCI998: number | null;
  countyValue: number | null;
  trend: string;
  suppressed: boolean;
}
const ROW = 'indicator { id theme polarity valueType } period periodStart value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998 countyValue trend suppressed';

/** The profiles' two-level comparison, written out again: worse when the county lies outside the interval on the better side. */
function worseAt(row: Row, level: 95 | 998): boolean {
  if (row.suppressed || row.value === null || row.countyValue === null || row.indicator.polarity === 'NO_JUDGEMENT' || row.indicator.valueType === 'COUNT') return false;
  const [lo, hi] = level === 95 ? [row.lowerCI95, row.upperCI95] : [row.lowerCI998, row.upperCI998];
  if (lo === null || hi === null) return false;
  return row.indicator.polarity === 'HIGHER_IS_WORSE' ? row.countyValue < lo : row.countyValue > hi;
}
const worsening = (row: Row) =>
  (row.trend === 'INCREASING' && row.indicator.polarity === 'HIGHER_IS_WORSE') || (row.trend === 'DECREASING' && row.indicator.polarity === 'HIGHER_IS_BETTER');

async function profiles(): Promise<Map<string, Row[]>> {
  const d = await data<{ localities: { code: string; profile: Row[] }[] }>(`{ localities { code profile { ${ROW} } } }`);
  return new Map(d.localities.map((l) => [l.code, l.profile]));
}

/** Live priorities of sitting boards and the localities each addresses (its own, its board's, its service area's, else all), read from the record store. */
async function livePriorities() {
  const today = new Date();
  const [localities, coverage, priorities] = await Promise.all([
    prisma().locality.findMany({ select: { id: true, code: true } }),
    prisma().serviceAreaLocality.findMany({ select: { serviceAreaId: true, locality: { select: { code: true } } } }),
    prisma().priority.findMany({
      where: { status: 'LIVE' },
      include: { evidence: true, board: { include: { members: { where: { endsOn: null, startsOn: { lte: today } }, include: { partner: true } }, chair: { include: { partner: true } } } } },
    }),
  ]);
  return priorities
    .filter((p) => !p.board || p.board.endsOn === null || p.board.endsOn > today)
    .map((p) => {
      const localityId = p.localityId ?? p.board?.localityId ?? null;
      const serviceAreaId = p.board?.serviceAreaId ?? null;
      const places =
        localityId !== null
          ? [localities.find((l) => l.id === localityId)!.code]
          : serviceAreaId !== null
            ? [...new Set(coverage.filter((c) => c.serviceAreaId === serviceAreaId).map((c) => c.locality.code))]
            : localities.map((l) => l.code);
      return { ...p, places, cites: p.evidence.map((e) => e.indicatorId) };
    });
}

type Live = Awaited<ReturnType<typeof livePriorities>>[number];

/** Which live priorities' evidence shows no need at `level`, and which cannot say, written out again (only `theme`'s indicators when given). */
function evidenceChecks(rows: Map<string, Row[]>, priorities: Live[], theme: string | null, level: 95 | 998 = 95) {
  const judged = (r: Row) => worsening(r) || (!r.suppressed && r.value !== null && r.indicator.polarity !== 'NO_JUDGEMENT' && r.indicator.valueType !== 'COUNT' && r.lowerCI998 !== null && r.countyValue !== null);
  const noNeed: string[] = [];
  const unjudged: string[] = [];
  for (const p of priorities) {
    const evidence = p.places.flatMap((code) => (rows.get(code) ?? []).filter((r) => p.cites.includes(r.indicator.id) && (theme === null || r.indicator.theme === theme)));
    if (theme !== null && evidence.length === 0) continue;
    if (!evidence.some(judged)) unjudged.push(p.title);
    else if (!evidence.some((r) => worseAt(r, level) || worsening(r))) noNeed.push(p.title);
  }
  return { noNeed: noNeed.sort(), unjudged: unjudged.sort() };
}

/** Per locality, the indicators showing need (worse at `level` or getting worse) no live priority addressing it cites, written out again. */
function expectedGaps(rows: Map<string, Row[]>, priorities: Live[], level: 95 | 998, theme: string | null, codes = [...rows.keys()]) {
  return new Map(
    codes.map((code) => {
      const cited = new Set(priorities.filter((p) => p.places.includes(code)).flatMap((p) => p.cites));
      const list = rows.get(code)!.filter((r) => (theme === null || r.indicator.theme === theme) && (worseAt(r, level) || worsening(r)) && !cited.has(r.indicator.id));
      return [code, list.map((r) => r.indicator.id).sort()];
    }),
  );
}


describe('evidence gaps', () => {
  const GAPS = `query($level: ConfidenceLevel, $theme: String) { evidenceGaps(level: $level, theme: $theme) {
    localities { locality { code } gaps { indicator { id } significance worsening } addressed { indicator { id } } }
    prioritiesWithoutNeed { priority { priority { id } title } evidence { locality { code } judgement { indicator { id } significance worsening } } }
    prioritiesWithoutJudgedEvidence { priority { title } }
  } }`;

  it('lists, per locality, the indicators worse than the county or getting worse that no live priority addressing it cites (95% and 99.8%)', async () => {
    const [rows, priorities] = await Promise.all([profiles(), livePriorities()]);
    for (const level of [95, 998] as const) {
      const d = await data(GAPS, { level: level === 95 ? 'CONFIDENCE_95' : 'CONFIDENCE_998' });
      const answered = new Map(d.evidenceGaps.localities.map((l: any) => [l.locality.code, l.gaps.map((g: any) => g.indicator.id).sort()]));
      expect([...answered.keys()].sort()).toEqual([...rows.keys()].sort());
      expect(answered, `at ${level}`).toEqual(expectedGaps(rows, priorities, level, null));
    }
    // Real figures: Leominster is worse than the county on IMD 2019's most deprived 20%, and no live priority cites it.
    const d = await data(GAPS, { level: 'CONFIDENCE_998' });
    const leominster = d.evidenceGaps.localities.find((l: any) => l.locality.code === 'leominster');
    expect(leominster.gaps.find((g: any) => g.indicator.id === 'imd-most-deprived-20pc')?.significance).toBe('WORSE_998');
  });

  it('lists live priorities whose judged evidence shows no need anywhere they work, and those whose evidence cannot say', async () => {
    const [rows, priorities] = await Promise.all([profiles(), livePriorities()]);
    for (const level of [95, 998] as const) {
      const d = await data(GAPS, { level: level === 95 ? 'CONFIDENCE_95' : 'CONFIDENCE_998' });
      const expected = evidenceChecks(rows, priorities, null, level);
      expect(d.evidenceGaps.prioritiesWithoutNeed.map((c: any) => c.priority.title).sort(), `at ${level}`).toEqual(expected.noNeed);
      expect(d.evidenceGaps.prioritiesWithoutJudgedEvidence.map((c: any) => c.priority.title).sort()).toEqual(expected.unjudged);
      expect(expected.noNeed.length).toBeGreaterThan(0);
    }
  });

  it('filters by theme and by board, each answer recomputed from the profiles and records', async () => {
    const [rows, priorities] = await Promise.all([profiles(), livePriorities()]);
    const byCode = (d: any) => new Map(d.evidenceGaps.localities.map((l: any) => [l.locality.code, l.gaps.map((g: any) => g.indicator.id).sort()]));
    for (const [theme, level] of [['crime', 95], ['deprivation', 998]] as const) {
      const d = await data(GAPS, { theme, level: level === 95 ? 'CONFIDENCE_95' : 'CONFIDENCE_998' });
      const expected = expectedGaps(rows, priorities, level, theme);
      expect(byCode(d), `${theme} at ${level}`).toEqual(expected);
      expect([...expected.values()].flat().length, `${theme}: some gap to find`).toBeGreaterThan(0);
      const checks = evidenceChecks(rows, priorities, theme, level);
      expect(d.evidenceGaps.prioritiesWithoutNeed.map((c: any) => c.priority.title).sort()).toEqual(checks.noNeed);
      expect(d.evidenceGaps.prioritiesWithoutJudgedEvidence.map((c: any) => c.priority.title).sort()).toEqual(checks.unjudged);
    }
    // A locality's board: its locality's gaps (against every live priority working there) and only its own priorities checked.
    const board = await prisma().board.findFirstOrThrow({ where: { name: { contains: 'Kington' }, kind: 'LOCALITY_BOARD' } });
    const b = await data(`query($b: ID) { evidenceGaps(board: $b) { localities { locality { code } gaps { indicator { id } } } prioritiesWithoutNeed { priority { title boardName } } prioritiesWithoutJudgedEvidence { priority { title } } } }`, { b: globalId('Board', board.id) });
    expect(byCode(b)).toEqual(expectedGaps(rows, priorities, 95, null, ['kington']));
    const own = evidenceChecks(rows, priorities.filter((p) => p.boardId === board.id), null);
    expect(b.evidenceGaps.prioritiesWithoutNeed.map((c: any) => c.priority.title).sort()).toEqual(own.noNeed);
    expect(b.evidenceGaps.prioritiesWithoutJudgedEvidence.map((c: any) => c.priority.title).sort()).toEqual(own.unjudged);
    for (const c of b.evidenceGaps.prioritiesWithoutNeed) expect(c.priority.boardName).toBe(board.name);
  });
});

/** Byar's limits of a count (METHODS.md), written out again, for a rate per `multiplier`. */
function byar(x: number, z: number): [number, number] {
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
  return [lower, upper];
}

describe('priority progress', () => {
  const PROGRESS = `query($l: [String!]) { priorityProgress(localityCodes: $l) { priority { title wentLiveOn } evidence {
    indicatorId areaCode baseline { period value numerator denominator } latest { period value numerator denominator }
    change95 { difference lower upper } change998 { difference lower upper } verdict significantAt998 trendSince periodsSince
    costs { unitCost { id } priceBase countThen countNow costThen costNow change } note } } }`;

  it('gives each evidence indicator then and now with the change’s interval (MOVER with Byar limits for rates), recomputed from the published counts', async () => {
    const d = await data(PROGRESS, { l: ['leominster'] });
    const asb = d.priorityProgress.find((p: any) => p.priority.title.startsWith('Cut anti-social behaviour'));
    expect(asb.priority.wentLiveOn).toBe('2018-11-01');
    const series = await data(`{ indicator(id: "police-all-crime-per-1000") { multiplier series(area: { kind: LOCALITY, code: "leominster" }) { ${ROW} } } }`);
    const rows: Row[] = series.indicator.series;
    const baseline = rows.filter((r) => r.periodStart <= '2018-11-01').at(-1)!;
    const latest = rows.at(-1)!;
    const e = asb.evidence.find((x: any) => x.indicatorId === 'police-all-crime-per-1000');
    expect([e.baseline.period, e.latest.period]).toEqual([baseline.period, latest.period]);
    for (const [z, key] of [[1.959963984540054, 'change95'], [3.090232306167813, 'change998']] as const) {
      const limits = (r: Row) => byar(r.numerator!, z).map((c) => (c / r.denominator!) * series.indicator.multiplier) as [number, number];
      const [bl, bu] = limits(baseline);
      const [ll, lu] = limits(latest);
      const diff = latest.value! - baseline.value!;
      expect(e[key].difference).toBeCloseTo(diff, 9);
      expect(e[key].lower).toBeCloseTo(diff - Math.sqrt((latest.value! - ll) ** 2 + (bu - baseline.value!) ** 2), 9);
      expect(e[key].upper).toBeCloseTo(diff + Math.sqrt((lu - latest.value!) ** 2 + (baseline.value! - bl) ** 2), 9);
    }
    const significant = e.change95.upper < 0 || e.change95.lower > 0;
    expect(e.verdict).toBe(significant ? (e.change95.upper < 0 ? 'IMPROVED' : 'WORSENED') : 'NO_SIGNIFICANT_CHANGE');
    expect(e.significantAt998).toBe(e.change998.upper < 0 || e.change998.lower > 0);
    expect(e.periodsSince).toBe(rows.filter((r) => r.periodStart > baseline.periodStart).length);
    expect(e.trendSince).toBe('NOT_ENOUGH_DATA'); // four periods since November 2018: the trend test needs five
  });

  it('gives the cost of demand then and now where a unit cost counts the indicator, in the latest price base', async () => {
    const d = await data(PROGRESS, { l: ['leominster'] });
    const asb = d.priorityProgress.find((p: any) => p.priority.title.startsWith('Cut anti-social behaviour'));
    const e = asb.evidence.find((x: any) => x.indicatorId === 'police-anti-social-behaviour-per-1000');
    expect(e.costs.map((c: any) => c.unitCost.id).sort()).toEqual(['asb-incident-council', 'asb-incident-police']);
    const police = e.costs.find((c: any) => c.unitCost.id === 'asb-incident-police');
    expect(police.priceBase).toBe('2023/24');
    expect(police.countThen).toBeCloseTo(e.baseline.numerator, 9);
    expect(police.countNow).toBeCloseTo(e.latest.numerator, 9);
    // 190.00 in 2019/20 prices re-based with the GDP deflator (100 / 87.4), then times the count.
    const unit = Math.round((19000 * 100) / 87.4) / 100;
    expect(Number(police.costThen)).toBeCloseTo(Math.round(police.countThen * unit * 100) / 100, 2);
    expect(Number(police.costNow)).toBeCloseTo(Math.round(police.countNow * unit * 100) / 100, 2);
    expect(Number(police.change)).toBeCloseTo(Number(police.costNow) - Number(police.costThen), 2);
  });

  it('uses Newcombe’s method 10 for proportions: the county’s share aged 65 and over, 2017 to 2020, from Wilson limits', async () => {
    const d = await data(PROGRESS, {});
    const ageing = d.priorityProgress.find((p: any) => p.priority.title === 'Every locality has a plan for healthy ageing');
    const e = ageing.evidence[0];
    expect([e.areaCode, e.baseline.period, e.latest.period]).toEqual(['COUNTY', '2017', '2020']);
    const wilson = (x: number, n: number, z: number) => {
      const c = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
      return [(2 * x + z * z - c) / (2 * (n + z * z)), (2 * x + z * z + c) / (2 * (n + z * z))].map((v) => v * 100) as [number, number];
    };
    const p1 = e.baseline.numerator / e.baseline.denominator;
    const p2 = e.latest.numerator / e.latest.denominator;
    const [l1, u1] = wilson(e.baseline.numerator, e.baseline.denominator, 1.959963984540054);
    const [l2, u2] = wilson(e.latest.numerator, e.latest.denominator, 1.959963984540054);
    const diff = (p2 - p1) * 100;
    expect(e.change95.lower).toBeCloseTo(diff - Math.sqrt((p2 * 100 - l2) ** 2 + (u1 - p1 * 100) ** 2), 9);
    expect(e.change95.upper).toBeCloseTo(diff + Math.sqrt((u2 - p2 * 100) ** 2 + (p1 * 100 - l1) ** 2), 9);
    expect(e.verdict).toBe('INCREASED'); // no polarity: higher, not better or worse
  });

  it('gives the trend since it went live once five periods are published: the profile’s recent trend over the same five months', async () => {
    // A priority in each locality that went live in October 2018: the five police.uk months loaded
    // (October 2018 to February 2019) are exactly the last five points the profile's recent trend looks at.
    const all = await profiles();
    const boards = await prisma().board.findMany({ where: { kind: 'LOCALITY_BOARD', endsOn: null }, include: { locality: true } });
    const created: { id: number; code: string; title: string; rows: Row[] }[] = [];
    for (const [code, list] of all) {
      const board = boards.find((b) => b.locality?.code === code)!;
      const rows = list.filter((r) => r.indicator.theme === 'crime' && !r.suppressed && r.value !== null);
      const title = `Trend test: crime in ${code} since October 2018`;
      const p = await prisma().priority.create({
        data: { boardId: board.id, localityId: board.localityId, title, theme: 'Community safety', status: 'LIVE', startsOn: new Date('2018-10-15'), evidence: { create: rows.map((r) => ({ indicatorId: r.indicator.id })) } },
      });
      created.push({ id: p.id, code, title, rows });
    }
    try {
      const d = await data(PROGRESS, {});
      const trends: string[] = [];
      for (const c of created) {
        const mine = d.priorityProgress.find((p: any) => p.priority.title === c.title);
        expect(mine.evidence).toHaveLength(c.rows.length);
        for (const r of c.rows) {
          const e = mine.evidence.find((x: any) => x.indicatorId === r.indicator.id);
          expect([e.areaCode, e.baseline.period, e.latest.period, e.periodsSince]).toEqual([c.code, '2018-10', r.period, 4]);
          expect(e.trendSince, `${c.code} ${r.indicator.id}`).toBe(r.trend);
          trends.push(e.trendSince);
        }
      }
      // Some trend is judged significant, so the comparison is not "no change" against "no change".
      expect(trends.some((x) => x === 'INCREASING' || x === 'DECREASING')).toBe(true);
    } finally {
      await prisma().priority.deleteMany({ where: { id: { in: created.map((c) => c.id) } } });
    }
  });
});

describe('the approach each locality needs', () => {
  const rule = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'insight.json'), 'utf8')).approach;

  it('applies the configured rule to each locality’s profile, with its reasons, beside its approved plan', async () => {
    const rows = await profiles();
    const plans = await prisma().localityPlan.findMany({ where: { status: 'APPROVED' }, include: { locality: true } });
    const d = await data(`{ localityApproaches { locality { code } suggested planned agrees reasons rules { approach holds conditions { measure atLeast value met } } measures { measure rows { indicator { id } } } } }`);
    const words: Record<string, string> = {
      DEPRIVED_SHARE: '% of residents in the most deprived 20% of areas',
      INDICATORS_WORSE_95: 'indicators significantly worse than the county (95%)',
      INDICATORS_WORSE_998: 'indicators significantly worse than the county (99.8%)',
      INDICATORS_WORSENING: 'indicators getting worse',
    };
    const shown = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
    for (const s of d.localityApproaches) {
      const list = rows.get(s.locality.code)!;
      const deprivation = list.find((r) => r.indicator.id === rule.deprivationIndicator);
      const behind: Record<string, Row[]> = {
        DEPRIVED_SHARE: deprivation ? [deprivation] : [],
        INDICATORS_WORSE_95: list.filter((r) => worseAt(r, 95)),
        INDICATORS_WORSE_998: list.filter((r) => worseAt(r, 998)),
        INDICATORS_WORSENING: list.filter(worsening),
      };
      const values: Record<string, number | null> = {
        DEPRIVED_SHARE: deprivation?.value ?? null,
        INDICATORS_WORSE_95: behind.INDICATORS_WORSE_95!.length,
        INDICATORS_WORSE_998: behind.INDICATORS_WORSE_998!.length,
        INDICATORS_WORSENING: behind.INDICATORS_WORSENING!.length,
      };
      const met = (c: any) => values[c.measure] !== null && values[c.measure]! >= c.atLeast;
      const holding = rule.rules.find((r: any) => ((r.when ?? 'ANY') === 'ALL' ? r.conditions.every(met) : r.conditions.some(met)));
      expect(s.suggested, s.locality.code).toBe(holding?.approach ?? rule.otherwise);
      const plan = plans.find((p) => p.locality.code === s.locality.code)?.approach ?? null;
      expect(s.planned).toBe(plan);
      expect(s.agrees).toBe(plan === null ? null : plan === s.suggested);
      for (const r of s.rules) for (const c of r.conditions) expect(c.value).toBeCloseTo(values[c.measure]!, 9);
      // Which indicators: each measure's own, as the profile judges them.
      for (const m of s.measures) expect(m.rows.map((r: any) => r.indicator.id).sort(), `${s.locality.code} ${m.measure}`).toEqual(behind[m.measure]!.map((r) => r.indicator.id).sort());
      // Which thresholds: the reasons are the rule's met conditions, each with its value and threshold.
      if (holding) {
        expect(s.reasons).toEqual(holding.conditions.filter(met).map((c: any) => `${words[c.measure]}: ${shown(values[c.measure]!)} (threshold ${c.atLeast}) met`));
      } else {
        expect(s.reasons).toHaveLength(1);
        expect(s.reasons[0]).toMatch(/^No rule for a fuller approach held/);
      }
    }
    const onLocalities = await data(`{ localities { code suggestedApproach { suggested } } }`);
    expect(onLocalities.localities.map((l: any) => [l.code, l.suggestedApproach.suggested])).toEqual(d.localityApproaches.map((s: any) => [s.locality.code, s.suggested]));
    // Real IMD 2019: 26.4% of Leominster's residents live in the most deprived 20%, over the managed threshold.
    const leominster = d.localityApproaches.find((s: any) => s.locality.code === 'leominster');
    expect(leominster.suggested).toBe('MANAGED');
    expect(leominster.reasons.some((r: string) => r.includes('26.4'))).toBe(true);
  });

  it('shows the suggestion and its reasons on every Herefordshire locality’s page', async () => {
    const d = await data(`{ localityApproaches { locality { code } suggested planned agrees reasons } }`);
    expect(d.localityApproaches).toHaveLength(9);
    for (const s of d.localityApproaches) {
      const body = await (await fetch(`${t.url}/profiles/${s.locality.code}`)).text();
      expect(body).toContain('The approach this locality needs');
      expect(body).toContain(`data-approach="${s.suggested}"`);
      // Beside the approved plan's approach: where they disagree, the page says so.
      expect(body).toContain(s.planned === null ? 'There is no approved plan to compare with.' : s.agrees ? 'agrees with the evidence.' : 'the plan and the evidence disagree.');
      for (const reason of s.reasons) expect(body).toContain(reason.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    }
  });
});

/** `joinedUp` against the live priorities read from the record store: indicators cited by two or more boards where their places overlap, with every partner of those boards. */
async function expectJoinedUp() {
  const priorities = (await livePriorities()).filter((p) => p.board);
  const d = await data(`{ joinedUp { indicatorId boardCount overlap { code } partners { name } priorities { priority { id } boardName } } }`);
  const expected = new Map<string, { boards: Set<number>; overlap: Set<string>; partners: Set<string> }>();
  for (const p of priorities) {
    for (const q of priorities) {
      if (p.boardId === q.boardId) continue;
      for (const id of p.cites.filter((c) => q.cites.includes(c))) {
        const where = p.places.filter((code) => q.places.includes(code));
        if (where.length === 0) continue;
        const entry = expected.get(id) ?? { boards: new Set(), overlap: new Set(), partners: new Set() };
        entry.boards.add(p.boardId!);
        where.forEach((code) => entry.overlap.add(code));
        for (const m of p.board!.members) if (m.partner) entry.partners.add(m.partner.name);
        if (p.board!.chair?.partner) entry.partners.add(p.board!.chair.partner.name);
        expected.set(id, entry);
      }
    }
  }
  expect(d.joinedUp.map((j: any) => j.indicatorId).sort()).toEqual([...expected.keys()].sort());
  for (const j of d.joinedUp) {
    const e = expected.get(j.indicatorId)!;
    expect(j.boardCount).toBe(e.boards.size);
    expect(j.overlap.map((l: any) => l.code).sort()).toEqual([...e.overlap].sort());
    expect(j.partners.map((p: any) => p.name).sort()).toEqual([...e.partners].sort());
  }
  expect(d.joinedUp.length).toBeGreaterThan(0);
  return d.joinedUp as { indicatorId: string; priorities: { boardName: string }[] }[];
}

describe('joined-up across boards', () => {
  it('finds the indicators live priorities of different boards address in overlapping places, with their partners', async () => {
    await expectJoinedUp();
  });

  it('shows a board who else works on its indicators where it works', async () => {
    const board = await prisma().board.findFirstOrThrow({ where: { name: { contains: 'Leominster' }, kind: 'LOCALITY_BOARD' } });
    const d = await data(`query($b: ID) { joinedUp(board: $b) { indicatorId overlap { code } priorities { boardName localities { code } } } }`, { b: globalId('Board', board.id) });
    // Recomputed: its own priorities' indicators that another board's live priority cites where they meet, and those boards.
    const priorities = (await livePriorities()).filter((p) => p.board);
    const own = priorities.filter((p) => p.boardId === board.id);
    const expected = new Map<string, Set<string>>();
    for (const p of own) {
      for (const q of priorities) {
        if (q.boardId === board.id) continue;
        for (const id of p.cites.filter((c) => q.cites.includes(c))) {
          if (!p.places.some((code) => q.places.includes(code))) continue;
          expected.set(id, (expected.get(id) ?? new Set([board.name])).add(q.board!.name));
        }
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(d.joinedUp.map((j: any) => j.indicatorId).sort()).toEqual([...expected.keys()].sort());
    for (const j of d.joinedUp) {
      expect(j.overlap.map((l: any) => l.code)).toEqual(['leominster']);
      expect([...new Set(j.priorities.map((p: any) => p.boardName))].sort()).toEqual([...expected.get(j.indicatorId)!].sort());
    }
  });
});

/** R's quantile type 7, written out again. */
function type7(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.min(Math.floor(h) + 1, s.length - 1)]! - s[Math.floor(h)]!);
}

describe('issues against need', () => {
  it('gives per locality and theme the time to resolve, escalations to the county and the need in the matching themes', async () => {
    const themes = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'insight.json'), 'utf8')).themes as Record<string, string[]>;
    const [rows, issues, priorities] = await Promise.all([profiles(), prisma().issue.findMany({ include: { locality: true } }), livePriorities()]);
    const d = await data(`{ issuesAgainstNeed { locality { code } issues escalatedToCounty themes { theme issues escalatedIssues issuesWithoutPriority resolvedCount medianDaysToResolve p90DaysToResolve indicatorsWorse95 indicatorsWorsening need { indicator { id } } livePriorities { title } noOnesJob } } }`, {}, admin);
    const catalogueOf = (theme: string) => (Object.entries(themes).find(([k]) => k.toLowerCase() === theme.toLowerCase())?.[1] ?? [theme]).map((x) => x.toLowerCase());
    let themesWithPriorities = 0;
    expect(d.issuesAgainstNeed).toHaveLength(9);
    expect(d.issuesAgainstNeed.reduce((n: number, l: any) => n + l.issues, 0)).toBe(issues.length);
    for (const l of d.issuesAgainstNeed) {
      const mine = issues.filter((i) => i.locality.code === l.locality.code);
      expect(l.issues).toBe(mine.length);
      expect(l.escalatedToCounty).toBe(mine.filter((i) => i.escalatedOn).length);
      for (const th of l.themes) {
        const these = mine.filter((i) => i.theme === th.theme);
        const days = these.filter((i) => i.resolvedOn).map((i) => Math.round((i.resolvedOn!.getTime() - i.raisedOn.getTime()) / 86_400_000));
        expect([th.issues, th.escalatedIssues, th.issuesWithoutPriority, th.resolvedCount]).toEqual([these.length, these.filter((i) => i.escalatedOn).length, these.filter((i) => i.priorityId === null).length, days.length]);
        expect(th.medianDaysToResolve).toBe(type7(days, 0.5));
        expect(th.p90DaysToResolve).toBe(type7(days, 0.9));
        const catalogueThemes = catalogueOf(th.theme);
        const inTheme = rows.get(l.locality.code)!.filter((r) => catalogueThemes.includes(r.indicator.theme));
        expect(th.indicatorsWorse95).toBe(inTheme.filter((r) => worseAt(r, 95)).length);
        expect(th.indicatorsWorsening).toBe(inTheme.filter(worsening).length);
        const need = inTheme.filter((r) => worseAt(r, 95) || worsening(r));
        expect(th.need.map((n: any) => n.indicator.id).sort()).toEqual(need.map((r) => r.indicator.id).sort());
        // The live priorities working here in that theme (same records theme, or a records theme meaning one of the same catalogue themes).
        const working = priorities.filter((p) => p.places.includes(l.locality.code) && (p.theme.toLowerCase() === th.theme.toLowerCase() || catalogueOf(p.theme).some((c) => catalogueThemes.includes(c))));
        expect(th.livePriorities.map((p: any) => p.title).sort(), `${l.locality.code} ${th.theme}`).toEqual(working.map((p) => p.title).sort());
        expect(th.noOnesJob).toBe(these.length > 0 && need.length > 0 && working.length === 0);
        if (working.length > 0) themesWithPriorities += 1;
      }
    }
    expect(themesWithPriorities).toBeGreaterThan(0);
  });

  it('keeps a board’s localities and the issues raised from a day', async () => {
    const board = await prisma().board.findFirstOrThrow({ where: { locality: { code: 'hereford-city' }, kind: 'LOCALITY_BOARD' } });
    const issues = await prisma().issue.findMany({ where: { locality: { code: 'hereford-city' } }, select: { raisedOn: true, escalatedOn: true } });
    const days = issues.map((i) => i.raisedOn.toISOString().slice(0, 10)).sort();
    const from = days[Math.floor(days.length / 2)]!;
    const d = await data(`query($b: ID, $from: Date) { issuesAgainstNeed(board: $b, raisedFrom: $from) { locality { code } issues escalatedToCounty } }`, { b: globalId('Board', board.id), from }, admin);
    const later = issues.filter((i) => i.raisedOn.toISOString().slice(0, 10) >= from);
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(issues.length);
    expect(d.issuesAgainstNeed).toEqual([{ locality: { code: 'hereford-city' }, issues: later.length, escalatedToCounty: later.filter((i) => i.escalatedOn).length }]);
  });

  it('counts only the issues the viewer may see', async () => {
    const anonymous = await data(`{ issuesAgainstNeed { issues } }`);
    const visible = await prisma().issue.count({ where: { sharingLevel: 'PUBLIC' } });
    expect(anonymous.issuesAgainstNeed.reduce((n: number, l: any) => n + l.issues, 0)).toBe(visible);
  });
});

describe('who benefits', () => {
  it('splits an appraisal on the default unit costs by the partner that bears each, recomputed from the unit-cost file', async () => {
    // The bundled unit costs (data/herefordshire/generated/costs/unit_costs.csv): the partner that bears each is its agency.
    const unitCosts: Record<string, string>[] = parse(readFileSync(path.join(HEREFORDSHIRE_DATA, 'generated', 'costs', 'unit_costs.csv')), { columns: true });
    const police = unitCosts.find((u) => u.id === 'asb-incident-police')!;
    const council = unitCosts.find((u) => u.id === 'asb-incident-council')!;
    expect(police.partner).not.toBe(council.partner);
    // Priced in their own base year (2019/20), so no deflator: 3 years, 20% deadweight, 10% optimism bias,
    // the police's effect after a one-year lag and halving each year after its first.
    const input = {
      years: 3, deadweight: 0.2, optimismBias: 0.1, priceBase: '2019/20',
      reductions: [
        { unitCostId: police.id, perYear: 100, lagYears: 1, dropOff: 0.5, cashableShare: 0.5 },
        { unitCostId: council.id, perYear: 100, cashableShare: 1 },
      ],
      costs: [{ year: 0, setUp: '20000.00', partner: council.partner }, { year: 1, running: '1000.00', partner: police.partner }],
    };
    const d = await data(`query($input: AppraisalInput!) { appraisal(input: $input) { whoBenefits { oneInvestsAnotherSaves netInvested netSavedByOthers
      partners { partnerName partner { name } presentValueCosts fiscalSavings cashableSavings nonCashableSavings economicValue socialValue netPresentBudgetImpact financialReturn paybackYear position } } } }`, { input });
    const disc = (year: number) => 1 / 1.035 ** year;
    // Police: 80 incidents fewer in year 2, 40 in year 3; the council: 80 a year in years 1 to 3. Each cost is all fiscal
    // (the police's split says so; the council's has no split).
    const policeFiscal = Number(police.fiscal) * (80 * disc(2) + 40 * disc(3));
    const councilFiscal = Number(council.cost) * 80 * (disc(1) + disc(2) + disc(3));
    const policeCosts = 1000 * 1.1 * disc(1);
    const councilCosts = 20000 * 1.1;
    const byName = new Map(d.appraisal.whoBenefits.partners.map((p: any) => [p.partnerName, p]));
    const p = byName.get(police.partner) as any;
    const c = byName.get(council.partner) as any;
    expect([p.partner.name, c.partner.name]).toEqual([police.partner, council.partner]);
    expect(Number(p.fiscalSavings)).toBeCloseTo(policeFiscal, 2);
    expect(Number(p.cashableSavings)).toBeCloseTo(policeFiscal / 2, 2);
    expect(Number(p.nonCashableSavings)).toBeCloseTo(policeFiscal / 2, 2);
    expect([p.economicValue, p.socialValue]).toEqual(['0.00', '0.00']);
    expect(Number(p.netPresentBudgetImpact)).toBeCloseTo(policeFiscal - policeCosts, 2);
    expect(p.financialReturn).toBeCloseTo(policeFiscal / policeCosts, 6);
    expect(p.position).toBe(policeFiscal > policeCosts ? 'SAVES' : 'INVESTS');
    expect(Number(c.fiscalSavings)).toBeCloseTo(councilFiscal, 2);
    expect(Number(c.cashableSavings)).toBeCloseTo(councilFiscal, 2);
    expect(Number(c.netPresentBudgetImpact)).toBeCloseTo(councilFiscal - councilCosts, 2);
    expect(c.position).toBe('INVESTS');
    expect(c.paybackYear).toBeNull();
    // Payback: the first year the police's cumulative discounted net is positive.
    const net = [0, -1100 * disc(1), Number(police.fiscal) * 80 * disc(2), Number(police.fiscal) * 40 * disc(3)];
    const payback = net.findIndex((_, y) => net.slice(0, y + 1).reduce((a, b) => a + b, 0) > 0);
    expect(p.paybackYear).toBe(payback === -1 ? null : payback);
    expect(d.appraisal.whoBenefits.oneInvestsAnotherSaves).toBe(p.position === 'SAVES');
    expect(Number(d.appraisal.whoBenefits.netInvested)).toBeCloseTo(councilCosts - councilFiscal, 2);
  });
});

describe('statement counts', () => {
  const QUERIES = {
    evidenceGaps: `{ evidenceGaps { localities { locality { code name } gaps { indicator { id } significance } } prioritiesWithoutNeed { priority { title board { name } localities { code } partners { name } } } } }`,
    priorityProgress: `{ priorityProgress { priority { title board { name } } evidence { indicatorId change95 { lower upper } verdict costs { costNow } } } }`,
    localityApproaches: `{ localityApproaches { locality { code } suggested planned reasons } }`,
    suggestedApproach: `{ localities { code suggestedApproach { suggested reasons } } }`,
    joinedUp: `{ joinedUp { indicatorId priorities { boardName board { name } localities { code } } partners { name } overlap { code } } }`,
    issuesAgainstNeed: `{ issuesAgainstNeed { locality { code } themes { theme medianDaysToResolve need { indicator { id } } livePriorities { title } } } }`,
  };

  it('stays the same for each question as boards, priorities and cited indicators grow', async () => {
    const measure = async () => {
      const counts: Record<string, { records: number; analytics: number }> = {};
      for (const [name, query] of Object.entries(QUERIES)) {
        const c = await t.countStatements(() => data(query, {}, admin));
        counts[name] = { records: c.records, analytics: c.analytics };
      }
      return counts;
    };
    await measure();
    const before = await measure();
    // More boards (a locality's, a county theme board and a service area's), each with live priorities citing more indicators, and members.
    const locality = await prisma().locality.findFirstOrThrow({ where: { code: 'weobley' } });
    const partner = await prisma().partner.findFirstOrThrow();
    const served = await prisma().serviceAreaLocality.findFirstOrThrow({ where: { locality: { code: 'weobley' } } });
    const boards = [['Weobley Youth Forum', 'LOCALITY'], ['County Housing Board', 'COUNTY'], ['Service Area Housing Group', 'SERVICE_AREA']] as const;
    for (const [name, scope] of boards) {
      const localityId = scope === 'LOCALITY' ? locality.id : null;
      const serviceAreaId = scope === 'SERVICE_AREA' ? served.serviceAreaId : null;
      const board = await prisma().board.create({ data: { name, kind: 'THEME_BOARD', scope, localityId, serviceAreaId, startsOn: new Date('2020-01-01') } });
      await prisma().membership.create({ data: { boardId: board.id, partnerId: partner.id, role: 'MEMBER', startsOn: new Date('2020-01-01') } });
      for (const [i, cites] of [['census2021-flats-pc', 'iod2019-air-no2'], ['police-burglary-per-1000', 'imd-most-deprived-20pc'], ['police-drugs-per-1000', 'iod2019-idaci-pc']].entries()) {
        const p = await prisma().priority.create({ data: { boardId: board.id, localityId, title: `Extra ${i} of ${name}`, theme: 'Housing', status: 'LIVE', startsOn: new Date('2018-12-01') } });
        await prisma().priorityEvidence.createMany({ data: cites.map((indicatorId) => ({ priorityId: p.id, indicatorId })) });
      }
    }
    const after = await measure();
    expect(after).toEqual(before);
    for (const c of Object.values(after)) expect(c.analytics).toBeLessThanOrEqual(4);

    // And the answers are still right with them: the three new boards meet on the indicators they share.
    const joined = await expectJoinedUp();
    const burglary = joined.find((j) => j.indicatorId === 'police-burglary-per-1000')!;
    for (const [name] of boards) expect(burglary.priorities.some((p) => p.boardName === name), name).toBe(true);
    const [rows, priorities] = await Promise.all([profiles(), livePriorities()]);
    expect(priorities.find((p) => p.title === 'Extra 0 of Service Area Housing Group')!.places.length).toBeGreaterThan(1);
    const gaps = await data(`{ evidenceGaps { localities { locality { code } gaps { indicator { id } } } } }`);
    expect(new Map(gaps.evidenceGaps.localities.map((l: any) => [l.locality.code, l.gaps.map((g: any) => g.indicator.id).sort()]))).toEqual(expectedGaps(rows, priorities, 95, null));
  });
});
