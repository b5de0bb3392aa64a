/**
 * The partnership records as the bundled sample loads them, read over HTTP: who leads where (today
 * and in 2012), the directory and what anonymous viewers may see of it, boards and their live
 * priorities, meetings and the annual conversation, plans and their versions, consultations, the
 * health checks, and filters and paging. Expectations are computed from the sample files
 * (data/sample/partnership/), not written out by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

// People who did not consent to the directory are withheld from anonymous viewers
// (test/sharing/people-leaks.test.ts): these tests read the whole network as a signed-in reader.
const signedIn = async () => ({ token: await tokenFor({ roles: ['READER'] }) });

const SAMPLE = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'sample', 'partnership');
type ContactRow = Record<string, string>;
const contacts = parse(readFileSync(path.join(SAMPLE, 'contacts.csv')), { columns: true }) as ContactRow[];
const sample = JSON.parse(readFileSync(path.join(SAMPLE, 'partnership.json'), 'utf8'));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const onDay = (row: ContactRow, day: string) => row.role_start! <= day && (row.role_end === '' || row.role_end! > day);

describe('who leads where', () => {
  it('answers who leads Leominster today and who led it in 2012', async () => {
    const res = await t.gql(`{
      locality(code: "leominster") {
        today: leads { kind { code leadsLocality } current person { name jobTitle partner { name } } }
        in2012: leads(on: "2012-06-01") { startsOn endsOn current person { name } }
      }
    }`, {}, await signedIn());
    expect(res.errors).toBeUndefined();
    const leads = contacts.filter((row) => row.locality === 'leominster' && row.role === 'senior-manager-lead');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.data.locality.today.map((r: any) => r.person.name)).toEqual(leads.filter((row) => onDay(row, today)).map((row) => row.name));
    expect(res.data.locality.today[0]).toMatchObject({ kind: { code: 'senior-manager-lead', leadsLocality: true }, current: true, person: { partner: { name: 'Herefordshire Public Services' } } });
    expect(res.data.locality.in2012).toHaveLength(1);
    const then = leads.find((row) => onDay(row, '2012-06-01'))!;
    expect(res.data.locality.in2012[0]).toEqual({ startsOn: then.role_start, endsOn: then.role_end, current: false, person: { name: then.name } });
  });

  it('lists each locality’s single points of contact by agency, and the police’s service-area roles', async () => {
    const res = await t.gql(`{
      localityRoles(kind: "single-point-of-contact", first: 200) { totalCount edges { node { locality { code } serviceArea { code } partner { name } } } }
      ledbury: localityRoles(localityCode: "ledbury", kind: "single-point-of-contact", on: "2025-01-01") { totalCount }
      rural: localityRoles(group: "tier/RURAL", first: 200) { edges { node { locality { groups { code } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const spocs = contacts.filter((row) => row.role === 'single-point-of-contact');
    expect(res.data.localityRoles.totalCount).toBe(spocs.length);
    expect(res.data.localityRoles.edges.filter((e: any) => e.node.serviceArea).map((e: any) => e.node.serviceArea.code).sort()).toEqual(
      spocs.filter((row) => row.service_area).map((row) => row.service_area).sort(),
    );
    expect(res.data.ledbury.totalCount).toBe(spocs.filter((row) => row.locality === 'ledbury' && onDay(row, '2025-01-01')).length);
    expect(res.data.rural.edges.length).toBeGreaterThan(0);
    for (const edge of res.data.rural.edges) expect(edge.node.locality.groups[0].code).toBe('RURAL');
  });

  it('links the police’s four service areas to the police partner', async () => {
    const res = await t.gql(`{
      partners(kind: POLICE) { totalCount edges { node { name shortName serviceAreas { code partner { name } localities { code } } } } }
      serviceAreas { code partner { name } }
    }`);
    expect(res.errors).toBeUndefined();
    const police = res.data.partners.edges[0].node;
    expect(police.name).toBe('West Mercia Police');
    expect(police.serviceAreas.map((a: any) => a.code)).toEqual(['police-east', 'police-hereford', 'police-north', 'police-south']);
    for (const area of police.serviceAreas) expect(area.partner.name).toBe('West Mercia Police');
    expect(police.serviceAreas.flatMap((a: any) => a.localities).length).toBe(9);
  });
});

describe('the locality network directory', () => {
  it('lists only people who consented, without contact details, to anonymous viewers', async () => {
    const res = await t.gql('{ people(first: 500) { totalCount edges { node { name jobTitle email phone directoryConsent partner { name } } } } }');
    expect(res.errors).toBeUndefined();
    const consenting = new Set(contacts.filter((row) => row.directory_consent === 'yes').map((row) => row.name));
    expect(res.data.people.totalCount).toBe(consenting.size);
    for (const { node } of res.data.people.edges) {
      expect(consenting.has(node.name)).toBe(true);
      expect(node.email).toBeNull();
      expect(node.phone).toBeNull();
      expect(node.partner.name).toBeTruthy();
    }
  });

  it('filters the directory by partner and by locality', async () => {
    const partners = await t.gql('{ partners(nameContains: "Wye Valley") { edges { node { id name people(first: 50) { totalCount } } } } }');
    const trust = partners.data.partners.edges[0].node;
    const res = await t.gql('query($p: ID) { people(partner: $p, first: 50) { totalCount } kington: people(localityCode: "kington") { edges { node { name } } } }', { p: trust.id });
    const expected = new Set(contacts.filter((row) => row.partner === trust.name && row.directory_consent === 'yes').map((row) => row.name));
    expect(res.data.people.totalCount).toBe(expected.size);
    expect(trust.people.totalCount).toBe(expected.size);
    const inKington = new Set(contacts.filter((row) => row.locality === 'kington' && row.directory_consent === 'yes' && row.role_end === '').map((row) => row.name));
    expect(new Set(res.data.kington.edges.map((e: any) => e.node.name))).toEqual(inKington);
  });
});

describe('boards, priorities and meetings', () => {
  it('gives every locality a board, a forum and a task and finish group, each with three to five live priorities', async () => {
    const res = await t.gql(`{
      localities {
        code
        boards(first: 20) { edges { node { kind scope parent { kind } livePriorityCount livePriorities { status board { kind } } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    for (const locality of res.data.localities) {
      const kinds = locality.boards.edges.map((e: any) => e.node.kind).sort();
      expect(kinds).toEqual(['LOCALITY_BOARD', 'LOCALITY_FORUM', 'TASK_AND_FINISH_GROUP']);
      for (const { node } of locality.boards.edges) {
        expect(node.scope).toBe('LOCALITY');
        expect(node.livePriorityCount).toBeGreaterThanOrEqual(3);
        expect(node.livePriorityCount).toBeLessThanOrEqual(5);
        expect(node.livePriorities).toHaveLength(node.livePriorityCount);
        expect(node.parent.kind).toBe(node.kind === 'LOCALITY_BOARD' ? 'HEALTH_AND_WELLBEING_BOARD' : 'LOCALITY_BOARD');
      }
    }
  });

  it('walks the governance pathway down from the health and well-being board', async () => {
    const res = await t.gql('{ boards(kind: HEALTH_AND_WELLBEING_BOARD) { edges { node { scope children { kind children { kind } } } } } }');
    const hwb = res.data.boards.edges[0].node;
    expect(hwb.scope).toBe('COUNTY');
    expect(hwb.children).toHaveLength(9);
    for (const board of hwb.children) {
      expect(board.kind).toBe('LOCALITY_BOARD');
      expect(board.children.map((c: any) => c.kind).sort()).toEqual(['LOCALITY_FORUM', 'TASK_AND_FINISH_GROUP']);
    }
  });

  it('lists boards with fewer than three live priorities (health check)', async () => {
    const res = await t.gql('{ boardsWithFewLivePriorities { name livePriorityCount } four: boardsWithFewLivePriorities(minimum: 4, group: "tier/RURAL") { livePriorityCount locality { groups { code } } } }');
    expect(res.errors).toBeUndefined();
    const short = sample.boards.filter((b: any) => b.priorities.length < 3).map((b: any) => b.name);
    expect(res.data.boardsWithFewLivePriorities.map((b: any) => b.name)).toEqual(short);
    for (const board of res.data.four) {
      expect(board.livePriorityCount).toBeLessThan(4);
      expect(board.locality.groups[0].code).toBe('RURAL');
    }
  });

  it('finds localities without an annual conversation in a year', async () => {
    const held = (year: string) =>
      new Set(
        sample.meetings
          .filter((m: any) => m.kind === 'ANNUAL_CONVERSATION' && m.startsAt?.startsWith(year))
          .map((m: any) => sample.boards.find((b: any) => b.key === m.board).locality),
      );
    const res = await t.gql('{ y2024: localitiesWithoutAnnualConversation(year: 2024) { code } y2025: localitiesWithoutAnnualConversation(year: 2025) { code } y2019: localitiesWithoutAnnualConversation(year: 2019) { code } }');
    expect(res.errors).toBeUndefined();
    const all = sample.plans.map((p: any) => p.locality);
    for (const [field, year] of [['y2024', '2024'], ['y2025', '2025'], ['y2019', '2019']] as const) {
      expect(res.data[field].map((l: any) => l.code).sort()).toEqual(all.filter((code: string) => !held(year).has(code)).sort());
    }
    expect(res.data.y2025.map((l: any) => l.code)).toEqual(['golden-valley']);
  });

  it('lists meetings by locality, kind and instants, with attendance and decisions', async () => {
    const res = await t.gql(`{
      meetings(localityCode: "bromyard", kind: ANNUAL_CONVERSATION, from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") {
        totalCount edges { node { kind startsAt decisions attendeeCount attendance { person { name } partner { name } } board { locality { code } } } }
      }
    }`, {}, await signedIn());
    expect(res.errors).toBeUndefined();
    expect(res.data.meetings.totalCount).toBe(1);
    const meeting = res.data.meetings.edges[0].node;
    expect(meeting.startsAt.startsWith('2024')).toBe(true);
    expect(meeting.decisions.length).toBeGreaterThan(0);
    expect(meeting.attendeeCount).toBe(meeting.attendance.length);
    const bromyard = new Set(contacts.filter((row) => row.locality === 'bromyard').map((row) => row.name));
    for (const a of meeting.attendance) expect(bromyard.has(a.person.name)).toBe(true);
  });

  it('finds boards and localities whose live priorities share a theme or an indicator', async () => {
    const res = await t.gql(`{
      themes: sharedPriorities(by: THEME) { key boardCount localityCount priorities { theme status board { id } locality { code } } }
      indicators: sharedPriorities(by: INDICATOR, minBoards: 3, localityCode: "kington") { key boardCount priorities { evidenceIndicatorIds locality { code } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.themes.length).toBeGreaterThan(0);
    for (const group of res.data.themes) {
      expect(group.boardCount).toBeGreaterThanOrEqual(2);
      expect(new Set(group.priorities.map((p: any) => p.board.id)).size).toBe(group.boardCount);
      for (const p of group.priorities) {
        expect(p.theme.toLowerCase()).toBe(group.key);
        expect(p.status).toBe('LIVE');
      }
    }
    for (const group of res.data.indicators) {
      expect(group.boardCount).toBeGreaterThanOrEqual(3);
      expect(group.priorities.some((p: any) => p.locality?.code === 'kington')).toBe(true);
      for (const p of group.priorities) expect(p.evidenceIndicatorIds).toContain(group.key);
    }
  });

  it('answers the shared-priorities query in a fixed number of statements', async () => {
    const query = '{ sharedPriorities(by: THEME) { key priorities { title board { name chair { name } } locality { name } } } }';
    const counted = await t.countStatements(() => t.gql(query));
    expect(counted.records).toBeLessThanOrEqual(6);
  });
});

describe('plans and consultations', () => {
  it('gives each locality its approved plan, and keeps superseded versions readable', async () => {
    const res = await t.gql(`{
      localities { code groups { code } plan { version status approach approvedOn approvedBy { kind } } plans { totalCount edges { node { version status supersededOn } } } }
      localityPlans(status: SUPERSEDED) { totalCount edges { node { locality { code } version approvedOn supersededOn } } }
    }`);
    expect(res.errors).toBeUndefined();
    for (const locality of res.data.localities) {
      const versions = sample.plans.find((p: any) => p.locality === locality.code).versions;
      const approved = versions.find((v: any) => v.status === 'APPROVED');
      expect(locality.plan).toMatchObject({ version: approved.version, status: 'APPROVED', approach: approved.approach, approvedBy: { kind: 'LOCALITY_BOARD' } });
      expect(locality.plans.totalCount).toBe(versions.length);
      expect(locality.plans.edges.map((e: any) => e.node.version)).toEqual(versions.map((v: any) => v.version).sort().reverse());
    }
    const superseded = sample.plans.flatMap((p: any) => p.versions.filter((v: any) => v.status === 'SUPERSEDED'));
    expect(res.data.localityPlans.totalCount).toBe(superseded.length);
    for (const { node } of res.data.localityPlans.edges) expect(node.supersededOn >= node.approvedOn).toBe(true);
  });

  it('lists open and overdue consultations by locality', async () => {
    const res = await t.gql(`{
      open: consultations(state: OPEN) { edges { node { subject state locality { code } responses { totalCount } } } }
      overdue: consultations(state: OVERDUE) { edges { node { subject state deadline locality { code } } } }
      later: consultations(state: OVERDUE, on: "2100-01-01") { totalCount }
      kington: locality(code: "kington") { consultations(state: CLOSED) { totalCount edges { node { closedOn } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const state = (c: any) => (c.closedInDays !== undefined ? 'CLOSED' : c.deadlineInDays < 0 ? 'OVERDUE' : c.opensInDays > 0 ? 'UPCOMING' : 'OPEN');
    const expected = (s: string) => sample.consultations.filter((c: any) => state(c) === s).map((c: any) => c.locality).sort();
    expect(res.data.open.edges.map((e: any) => e.node.locality.code).sort()).toEqual(expected('OPEN'));
    expect(res.data.overdue.edges.map((e: any) => e.node.locality.code).sort()).toEqual(expected('OVERDUE'));
    for (const e of res.data.open.edges) expect(e.node.state).toBe('OPEN');
    for (const e of res.data.overdue.edges) expect(e.node.state).toBe('OVERDUE');
    expect(res.data.later.totalCount).toBe(sample.consultations.filter((c: any) => c.closedInDays === undefined).length);
    expect(res.data.kington.consultations.totalCount).toBe(1);
  });
});

describe('paging and global ids', () => {
  it('pages through partners with cursors and a total count', async () => {
    const first = await t.gql('{ partners(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind active } } } }');
    const total = first.data.partners.totalCount;
    expect(total).toBe(new Set([...sample.partners.map((p: any) => p.name), ...contacts.map((row) => row.partner)]).size);
    const names = first.data.partners.edges.map((e: any) => e.node.name);
    let after = first.data.partners.pageInfo.endCursor;
    while (after) {
      const next = await t.gql('query($after: Cursor) { partners(first: 5, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }', { after });
      names.push(...next.data.partners.edges.map((e: any) => e.node.name));
      after = next.data.partners.pageInfo.hasNextPage ? next.data.partners.pageInfo.endCursor : null;
    }
    expect(names).toHaveLength(total);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('reaches every partnership record through node(id:)', async () => {
    const res = await t.gql(`{
      boards(first: 1) { edges { node { id name priorities(first: 1) { edges { node { id title } } } meetings(first: 1) { edges { node { id } } } members(first: 1) { edges { node { id } } } } } }
      localityPlans(first: 1) { edges { node { id } } }
      consultations(first: 1) { edges { node { id } } }
      localityRoles(first: 1) { edges { node { id person { id } partner { id } } } }
    }`, {}, await signedIn());
    expect(res.errors).toBeUndefined();
    const board = res.data.boards.edges[0].node;
    const ids: [string, string][] = [
      [board.id, 'Board'],
      [board.priorities.edges[0].node.id, 'Priority'],
      [board.meetings.edges[0].node.id, 'Meeting'],
      [board.members.edges[0].node.id, 'Membership'],
      [res.data.localityPlans.edges[0].node.id, 'LocalityPlan'],
      [res.data.consultations.edges[0].node.id, 'Consultation'],
      [res.data.localityRoles.edges[0].node.id, 'LocalityRole'],
      [res.data.localityRoles.edges[0].node.person.id, 'Person'],
      [res.data.localityRoles.edges[0].node.partner.id, 'Partner'],
    ];
    for (const [id, type] of ids) {
      const node = await t.gql('query($id: ID!) { node(id: $id) { __typename id } }', { id }, await signedIn());
      expect(node.data.node).toEqual({ __typename: type, id });
    }
  });
});
