/**
 * Outcomes through HTTP: recorded (and replaced) by the locality's lead or an admin, evidence
 * checked (catalogue indicators, the locality's visible issues, existing meetings) with typed
 * errors that write nothing, evidence issues shown only to viewers who may see them, and the
 * county overview: every locality x the four principles x the periods, in a fixed number of
 * statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId, recordId } from '../support/ids.js';
import { refusedWritingNothing } from '../support/refused.js';

let t: TestServer;
let lead: string;
let partnerA: number;
let partnerB: number;
const db = () => t.server.stores.records.prisma;
const RECORD = `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) {
  id rating ratingScore principle periodStart periodEnd summary indicatorIds locality { code }
  evidenceIssues { title } evidenceMeetings { id } assessorPartner { id } } }`;
const base = { localityCode: 'kington', principle: 'JOINED_UP_LOCAL_SERVICES', rating: 'EMERGING', periodStart: '2026-04-01', periodEnd: '2027-04-01' };
let restrictedIssue: number;
let otherLocalityIssue: number;
let meeting: number;

const counts = () => Promise.all([db().outcome.count(), db().outcomeIssue.count(), db().auditEvent.count()]);

const refused = (code: string, variables: Record<string, unknown>, token?: string) =>
  refusedWritingNothing(t, counts, { code, query: RECORD, variables, token });

beforeAll(async () => {
  t = await startTestServer();
  [partnerA, partnerB] = (await db().partner.findMany({ take: 2, orderBy: { id: 'asc' } })).map((p) => p.id) as [number, number];
  lead = await tokenFor({ personId: 1, partnerId: partnerA, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
  const kington = await db().locality.findUniqueOrThrow({ where: { code: 'kington' } });
  const ledbury = await db().locality.findUniqueOrThrow({ where: { code: 'ledbury' } });
  const issue = (localityId: number, title: string, sharingLevel: 'PUBLIC' | 'RESTRICTED') =>
    db().issue.create({ data: { localityId, title, description: 'x', theme: 'Outcomes', searchText: 'x', raisedOn: new Date('2026-05-01'), ownerPartnerId: partnerB, authorPartnerId: partnerB, sharingLevel } });
  await issue(kington.id, 'Public evidence', 'PUBLIC');
  restrictedIssue = (await issue(kington.id, 'Restricted evidence', 'RESTRICTED')).id;
  otherLocalityIssue = (await issue(ledbury.id, 'Ledbury evidence', 'PUBLIC')).id;
  meeting = (await db().meeting.findFirstOrThrow({ select: { id: true } })).id;
});
afterAll(async () => t?.stop());

describe('recording an outcome', () => {
  it('is for the lead of the locality or an admin', async () => {
    await refused('UNAUTHENTICATED', { input: base });
    await refused('FORBIDDEN', { input: base }, await tokenFor({ partnerId: partnerA, roles: ['LOCALITY_LEAD'], localities: ['ledbury'] }));
    await refused('FORBIDDEN', { input: base }, await tokenFor({ partnerId: partnerA, roles: ['CONTRIBUTOR'] }));
  });

  it('checks its evidence and period, naming the field and writing nothing; a hidden issue reads as a missing one', async () => {
    const publicIssue = await db().issue.findFirstOrThrow({ where: { title: 'Public evidence' } });
    const cases: [Record<string, unknown>, string][] = [
      [{ indicatorIds: ['no-such-indicator'] }, 'input.indicatorIds'],
      [{ issueIds: [globalId('Issue', otherLocalityIssue)] }, 'input.issueIds'],
      [{ issueIds: [globalId('Issue', 999_999)] }, 'input.issueIds'],
      [{ meetingIds: [globalId('Meeting', 999_999)] }, 'input.meetingIds'],
      [{ periodEnd: '2026-04-01' }, 'input.periodEnd'],
      [{ localityCode: 'kington', rating: 'SUPERB' }, 'input.rating'],
    ];
    for (const [change, field] of cases) {
      const res = await t.gql(RECORD, { input: { ...base, ...change } }, { token: lead });
      expect([change, res.errors?.[0]?.extensions?.code]).toEqual([change, 'BAD_USER_INPUT']);
      if (change.rating === undefined) expect([change, res.errors?.[0]?.extensions?.field]).toEqual([change, field]);
    }
    // The lead's partner may not see the restricted issue: refused word for word as a missing one.
    const hidden = await refused('BAD_USER_INPUT', { input: { ...base, issueIds: [globalId('Issue', restrictedIssue)] } }, lead);
    const missing = await refused('BAD_USER_INPUT', { input: { ...base, issueIds: [globalId('Issue', 999_999)] } }, lead);
    expect(hidden.message.replace(/\d+/g, 'N')).toBe(missing.message.replace(/\d+/g, 'N'));
    expect(publicIssue.id).toBeGreaterThan(0);
  });

  it('replaces the outcome of the same locality, principle and period start, audited before and after', async () => {
    const publicIssue = (await db().issue.findFirstOrThrow({ where: { title: 'Public evidence' } })).id;
    const first = await t.gql(RECORD, { input: { ...base, summary: 'First look', indicatorIds: ['asb-incidents'], issueIds: [globalId('Issue', publicIssue)], meetingIds: [globalId('Meeting', meeting)] } }, { token: lead });
    expect(first.errors).toBeUndefined();
    expect(first.data.recordOutcome).toMatchObject({
      rating: 'EMERGING', ratingScore: 1, locality: { code: 'kington' }, indicatorIds: ['asb-incidents'], evidenceIssues: [{ title: 'Public evidence' }],
      evidenceMeetings: [{ id: globalId('Meeting', meeting) }], assessorPartner: { id: globalId('Partner', partnerA) },
    });
    const admin = await tokenFor({ roles: ['ADMIN'] });
    const second = await t.gql(RECORD, { input: { ...base, rating: 'ESTABLISHED', summary: 'Better', issueIds: [globalId('Issue', restrictedIssue)] } }, { token: admin });
    expect(second.errors).toBeUndefined();
    expect(second.data.recordOutcome).toMatchObject({ id: first.data.recordOutcome.id, rating: 'ESTABLISHED', ratingScore: 3, indicatorIds: [], evidenceIssues: [{ title: 'Restricted evidence' }], evidenceMeetings: [] });
    const events = await db().auditEvent.findMany({ where: { entity: 'Outcome', entityId: String(recordId(first.data.recordOutcome.id)) }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    expect([JSON.parse(events[1]!.before!).rating, JSON.parse(events[1]!.after!).rating]).toEqual(['EMERGING', 'ESTABLISHED']);

    // Evidence the viewer may not see is left out, not shown.
    const read = `{ locality(code: "kington") { outcomes(principle: JOINED_UP_LOCAL_SERVICES, from: "2026-04-01") { rating evidenceIssues { title } } } }`;
    const asLead = await t.gql(read, {}, { token: lead });
    expect(asLead.data.locality.outcomes).toEqual([{ rating: 'ESTABLISHED', evidenceIssues: [] }]);
    const asAdmin = await t.gql(read, {}, { token: admin });
    expect(asAdmin.data.locality.outcomes).toEqual([{ rating: 'ESTABLISHED', evidenceIssues: [{ title: 'Restricted evidence' }] }]);
  });
});

describe('the county overview', () => {
  const OVERVIEW = `query($from: Date!, $to: Date!) { outcomeOverview(from: $from, to: $to) {
    periods principles localities { locality { code } principles { principle cells { rating periodStart } } } } }`;

  it('shows every locality against the four principles over the periods, in a fixed number of statements', async () => {
    const stored = await db().outcome.findMany({ where: { periodStart: { gte: new Date('2024-01-01'), lte: new Date('2026-12-31') } }, include: { locality: true } });
    const periods = [...new Set(stored.map((o) => o.periodStart.toISOString().slice(0, 10)))].sort();
    expect(periods.length).toBeGreaterThanOrEqual(2);
    let res: any;
    const measured = await t.countStatements(async () => (res = await t.gql(OVERVIEW, { from: '2024-01-01', to: '2026-12-31' })));
    expect(res.errors).toBeUndefined();
    const o = res.data.outcomeOverview;
    expect(o.periods).toEqual(periods);
    expect(o.principles).toHaveLength(4);
    expect(o.localities).toHaveLength(9);
    for (const row of o.localities) {
      expect(row.principles.map((p: any) => p.principle)).toEqual(o.principles);
      for (const principle of row.principles) {
        expect(principle.cells).toHaveLength(periods.length);
        principle.cells.forEach((cell: any, k: number) => {
          const found = stored.find((s) => s.locality.code === row.locality.code && s.principle === principle.principle && s.periodStart.toISOString().slice(0, 10) === periods[k]);
          expect(cell === null ? null : cell.rating).toBe(found?.rating ?? null);
        });
      }
    }
    const oneYear = await t.countStatements(async () => t.gql(OVERVIEW, { from: '2025-01-01', to: '2025-12-31' }));
    expect(oneYear.records).toBe(measured.records);
    expect(measured.records).toBeLessThanOrEqual(3);
    const bad = await t.gql(OVERVIEW, { from: '2026-01-01', to: '2025-01-01' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
