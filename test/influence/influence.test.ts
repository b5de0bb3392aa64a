/**
 * The influence map of a locality: every board that covers it (its own, its service area's, the
 * county's), their next meetings, open consultations and participatory-budgeting rounds, in date
 * order, recomputed here independently from the boards and meetings the API lists; a fixed
 * number of statements however many boards; the page (plain HTML, no script) and the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let admin: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const FROM = day(0);

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await t.gql<T>(query, variables, { token: admin });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

const MAP = `query($from: Date) { influenceMap(localityCode: "kington", from: $from) {
  localityName decisionMakers { name scope chairName reportsTo { name } }
  entries { kind recordId date title how takePart decidedBy { name reportsTo { name } } } } }`;

async function addBoard(name: string, where: Record<string, unknown>, meetings: number) {
  const board = await ok(`mutation($input: CreateBoardInput!) { createBoard(input: $input) { id } }`, { input: { name, kind: 'THEME_BOARD', startsOn: '2020-01-01', ...where } });
  for (let i = 1; i <= meetings; i += 1) {
    await ok(`mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`, { input: { boardId: board.createBoard.id, kind: 'ORDINARY', startsAt: `${day(i * 7)}T18:30:00.000Z`, location: `${name} hall` } });
  }
  return board.createBoard.id as string;
}

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
}, 120_000);

afterAll(() => t?.stop());

describe('the influence map', () => {
  it('makes the same number of statements however many boards cover the locality', async () => {
    const before = await t.countStatements(() => t.gql(MAP, { from: FROM }));
    await addBoard('Kington Green Spaces Board', { localityCode: 'kington' }, 2);
    await addBoard('North Policing Panel', { serviceAreaCode: 'police-north' }, 2);
    await addBoard('County Climate Board', {}, 3);
    await addBoard('Leominster Markets Board', { localityCode: 'leominster' }, 2);
    const after = await t.countStatements(() => t.gql(MAP, { from: FROM }));
    expect(after.records).toBe(before.records);
    expect(after.records).toBeLessThanOrEqual(10);
  });

  it('lists the next meetings, open consultations and rounds of every board covering it, recomputed independently, in date order', async () => {
    const pid = (await ok(`{ partners(first: 1) { edges { node { id } } } }`)).partners.edges[0].node.id;
    const consult = (subject: string, localityCode: string | null, offset: number) =>
      ok(`mutation($input: CreateConsultationInput!) { createConsultation(input: $input) { id } }`, { input: { subject, audience: 'RESIDENTS', opensOn: day(-2), deadline: day(offset), ...(localityCode ? { localityCode } : {}) } });
    const kingtonConsultation = (await consult('Kington bus timetable', 'kington', 20)).createConsultation.id;
    await consult('Leominster market hours', 'leominster', 21);
    const countyConsultation = (await consult('County waste strategy', null, 30)).createConsultation.id;
    const boardsNow = await ok(`{ boards(first: 50) { edges { node { id name scope locality { code } serviceArea { localities { code } }
      meetings(first: 50, from: "${FROM}T00:00:00.000Z") { edges { node { id startsAt cancelled } } } } } } }`);
    const covering = boardsNow.boards.edges
      .map((e: any) => e.node)
      .filter((b: any) => b.scope === 'COUNTY' || b.locality?.code === 'kington' || (b.serviceArea?.localities ?? []).some((l: any) => l.code === 'kington'));
    const kingtonBoard = covering.find((b: any) => b.name === 'Kington Locality Board');
    const fund = await ok(`mutation($input: CreateFundInput!) { createFund(input: $input) { id } }`, { input: { name: 'Kington Area Budget', boardId: kingtonBoard.id, startsOn: day(-10) } });
    await ok(`mutation($input: AddFundContributionInput!) { addFundContribution(input: $input) { id } }`, { input: { fundId: fund.createFund.id, kind: 'POOLED', partnerId: pid, amount: '2000.00', receivedOn: day(-10) } });
    const round = await ok(`mutation($input: OpenPbRoundInput!) { openPbRound(input: $input) { id } }`, { input: { fundId: fund.createFund.id, title: 'Kington Decides', opensOn: day(-1), closesOn: day(25), pot: '1500.00' } });

    const expectedMeetings = covering.flatMap((b: any) => b.meetings.edges.map((e: any) => e.node).filter((m: any) => !m.cancelled && m.startsAt >= `${FROM}T00:00:00.000Z`).map((m: any) => m.id)).sort();
    const map = (await ok(MAP, { from: FROM })).influenceMap;
    expect(map.localityName).toBe('Kington');
    expect(map.decisionMakers.map((d: any) => d.name).sort()).toEqual(covering.map((b: any) => b.name).sort());
    expect(map.decisionMakers.map((d: any) => d.name)).toContain('North Policing Panel');
    expect(map.decisionMakers.map((d: any) => d.name)).not.toContain('Leominster Markets Board');
    expect(map.entries.filter((e: any) => e.kind === 'MEETING').map((e: any) => e.recordId).sort()).toEqual(expectedMeetings);
    expect(expectedMeetings.length).toBeGreaterThanOrEqual(9); // the boards added above: 2 + 2 + 3, and the sample's
    const consultations = map.entries.filter((e: any) => e.kind === 'CONSULTATION').map((e: any) => e.recordId);
    expect(consultations).toEqual(expect.arrayContaining([kingtonConsultation, countyConsultation]));
    expect(map.entries.some((e: any) => e.title === 'Leominster market hours')).toBe(false);
    const pb = map.entries.find((e: any) => e.kind === 'PB_ROUND' && e.recordId === round.openPbRound.id);
    expect(pb).toMatchObject({ recordId: round.openPbRound.id, takePart: ['PROPOSE', 'VOTE'], decidedBy: { name: 'Kington Locality Board', reportsTo: [{ name: 'Herefordshire Health and Wellbeing Board' }] } });
    const dates = map.entries.map((e: any) => e.date);
    expect(dates).toEqual([...dates].sort());
    for (const entry of map.entries) expect(entry.how.length).toBeGreaterThan(10);
  });

  it('is a plain page without script, and a CSV whose cells never run as formulas', async () => {
    await ok(`mutation($input: CreateConsultationInput!) { createConsultation(input: $input) { id } }`, { input: { subject: '=HYPERLINK("http://x")', audience: 'RESIDENTS', opensOn: day(-2), deadline: day(5), localityCode: 'kington' } });
    const page = await fetch(`${t.url}/influence/kington`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<html lang="en-GB">');
    expect(body).toContain('What you can influence in Kington');
    expect(body).toContain('<caption>Decisions coming up in Kington</caption>');
    expect(body).not.toContain('<script');
    expect(body).toContain('=HYPERLINK(&quot;http://x&quot;)');
    const csv = await fetch(`${t.url}/influence/kington.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split('\n');
    expect(header).toBe('Locality,Date,Time,Opens On,Kind,What,About,How To Take Part,Ways,Where,Who Decides,Chair,Reports To');
    expect(rows.length).toBe((await ok(MAP, { from: FROM })).influenceMap.entries.length);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect((await fetch(`${t.url}/influence/atlantis`)).status).toBe(404);
  });
});
