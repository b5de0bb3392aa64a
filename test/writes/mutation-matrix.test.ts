/**
 * Every mutation x every viewer without a write role (issue 15, acceptance 2): one row per
 * mutation of the schema, so a mutation added without a row fails the first test. Each row is
 * a real request on real records; anonymous viewers are UNAUTHENTICATED, and READER, ANALYST and
 * DATA_PROTECTION_OFFICER are FORBIDDEN (unless the row lists the role as allowed), each refusal
 * writing nothing. Then an ADMIN sends every row as it is and it succeeds, so no refusal above was
 * an input mistake in disguise. The scope dimension (own or other locality, county, other partner,
 * hidden record) is the table of test/writes/authorisation.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/viewer.js';
import { schema } from '../../src/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId } from '../support/ids.js';

let t: TestServer;
let admin: string;
const ids = {} as Record<string, string>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function ok(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const answer = await t.gql(query, variables, { token: admin });
  if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}
const first = async (query: string, variables: Record<string, unknown> = {}) => Object.values(await ok(query, variables))[0] as any;

type Who = 'anonymous' | 'READER' | 'ANALYST' | 'DATA_PROTECTION_OFFICER';
const WHO: Who[] = ['anonymous', 'READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'];

interface Row {
  doc: string;
  vars?: () => Record<string, unknown>;
  /** Viewers without a write role who may nonetheless do this. */
  allowed?: Who[];
  /** What an ADMIN's request answers when it cannot succeed here (default: no error). */
  admin?: string;
}

const APPRAISAL = { years: 5, reductions: [{ unitCostId: 'asb-incident-police', perYear: 1 }] };

/** One row per mutation, in the order an ADMIN can send them all. */
const ROWS: Record<string, Row> = {
  createPartner: { doc: `mutation { createPartner(input: { name: "Matrix partner", kind: VOLUNTARY_SECTOR }) { id } }` },
  updatePartner: { doc: `mutation($id: ID!) { updatePartner(id: $id, input: { shortName: "MP" }) { id } }`, vars: () => ({ id: ids.partnerU }) },
  endPartner: { doc: `mutation($id: ID!) { endPartner(id: $id, endedOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.partnerE }) },
  createPerson: { doc: `mutation($p: ID!) { createPerson(input: { name: "Matrix person", partnerId: $p }) { id } }`, vars: () => ({ p: ids.partner }) },
  updatePerson: { doc: `mutation($id: ID!) { updatePerson(id: $id, input: { name: "Renamed" }) { id } }`, vars: () => ({ id: ids.personU }) },
  endPerson: { doc: `mutation($id: ID!) { endPerson(id: $id, endedOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.personE }) },
  importContacts: { doc: `mutation { importContacts(csv: "partner,name\\nMatrix partner,Imported person\\n", dryRun: true) { __typename } }` },
  createLocalityRole: {
    doc: `mutation($p: ID!) { createLocalityRole(input: { kind: "community-ambassador", personId: $p, localityCode: "kington", startsOn: "2024-01-01" }) { id } }`,
    vars: () => ({ p: ids.personU }),
  },
  updateLocalityRole: { doc: `mutation($id: ID!) { updateLocalityRole(id: $id, input: { startsOn: "2023-02-01" }) { id } }`, vars: () => ({ id: ids.roleU }) },
  endLocalityRole: { doc: `mutation($id: ID!) { endLocalityRole(id: $id, endsOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.roleE }) },
  createLocalityRoleKind: { doc: `mutation { createLocalityRoleKind(input: { code: "matrix-connector", name: "Matrix connector" }) { id } }` },
  updateLocalityRoleKind: {
    doc: `mutation($id: ID!) { updateLocalityRoleKind(id: $id, input: { description: "Renamed" }) { id } }`,
    vars: () => ({ id: ids.roleKind }),
  },
  createBoard: { doc: `mutation { createBoard(input: { name: "Matrix board", kind: TASK_AND_FINISH_GROUP, localityCode: "kington", startsOn: "2020-01-01" }) { id } }` },
  updateBoard: { doc: `mutation($id: ID!) { updateBoard(id: $id, input: { name: "Matrix board renamed" }) { id } }`, vars: () => ({ id: ids.boardU }) },
  endBoard: { doc: `mutation($id: ID!) { endBoard(id: $id, endsOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.boardE }) },
  addBoardMember: { doc: `mutation($b: ID!, $p: ID!) { addBoardMember(input: { boardId: $b, personId: $p, role: MEMBER, startsOn: "2024-01-01" }) { id } }`, vars: () => ({ b: ids.boardU, p: ids.personE }) },
  updateMembership: { doc: `mutation($id: ID!) { updateMembership(id: $id, input: { role: OBSERVER }) { id } }`, vars: () => ({ id: ids.membershipU }) },
  endMembership: { doc: `mutation($id: ID!) { endMembership(id: $id, endsOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.membershipE }) },
  createMeeting: { doc: `mutation($b: ID!) { createMeeting(input: { boardId: $b, kind: FORUM, startsAt: "2025-01-01T18:00:00Z" }) { id } }`, vars: () => ({ b: ids.boardU }) },
  updateMeeting: { doc: `mutation($id: ID!) { updateMeeting(id: $id, input: { location: "Village hall" }) { id } }`, vars: () => ({ id: ids.meetingU }) },
  cancelMeeting: { doc: `mutation($id: ID!) { cancelMeeting(id: $id) { id } }`, vars: () => ({ id: ids.meetingC }) },
  recordAttendance: {
    doc: `mutation($m: ID!, $p: ID!) { recordAttendance(input: { meetingId: $m, attendance: [{ personId: $p }] }) { id } }`,
    vars: () => ({ m: ids.meetingU, p: ids.personU }),
  },
  createLocalityPlan: { doc: `mutation { createLocalityPlan(input: { localityCode: "kington", approach: CORE, title: "Matrix plan" }) { id } }` },
  updateLocalityPlan: { doc: `mutation($id: ID!) { updateLocalityPlan(id: $id, input: { title: "Matrix plan renamed" }) { id } }`, vars: () => ({ id: ids.planU }) },
  approveLocalityPlan: { doc: `mutation($id: ID!) { approveLocalityPlan(id: $id) { id } }`, vars: () => ({ id: ids.planA }) },
  createPriority: { doc: `mutation($p: ID!) { createPriority(input: { planId: $p, title: "Matrix priority", theme: "t" }) { id } }`, vars: () => ({ p: ids.planU }) },
  updatePriority: { doc: `mutation($id: ID!) { updatePriority(id: $id, input: { title: "Renamed priority" }) { id } }`, vars: () => ({ id: ids.priorityU }) },
  endPriority: { doc: `mutation($id: ID!) { endPriority(id: $id, status: ACHIEVED, endsOn: "${day(-1)}") { id } }`, vars: () => ({ id: ids.priorityE }) },
  createConsultation: {
    doc: `mutation { createConsultation(input: { localityCode: "kington", subject: "Matrix", audience: RESIDENTS, opensOn: "${day(-10)}", deadline: "${day(10)}" }) { id } }`,
  },
  updateConsultation: { doc: `mutation($id: ID!) { updateConsultation(id: $id, input: { subject: "Renamed" }) { id } }`, vars: () => ({ id: ids.consultationU }) },
  respondToConsultation: {
    doc: `mutation($c: ID!) { respondToConsultation(input: { consultationId: $c, respondentName: "A resident", text: "A response" }) { id } }`,
    vars: () => ({ c: ids.consultationU }),
  },
  closeConsultation: { doc: `mutation($id: ID!) { closeConsultation(id: $id) { id } }`, vars: () => ({ id: ids.consultationC }) },
  createIntelligenceItem: {
    doc: `mutation { createIntelligenceItem(input: { title: "Matrix", body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: ["kington"] }) { id } }`,
  },
  updateIntelligenceItem: { doc: `mutation($id: ID!) { updateIntelligenceItem(id: $id, input: { title: "Renamed" }) { id } }`, vars: () => ({ id: ids.itemU }) },
  changeSharing: { doc: `mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`, vars: () => ({ id: ids.itemU }) },
  createCommunityAsset: { doc: `mutation { createCommunityAsset(input: { name: "Matrix hall", kind: BUILDING, localityCode: "kington" }) { id } }` },
  updateCommunityAsset: { doc: `mutation($id: ID!) { updateCommunityAsset(id: $id, input: { name: "Renamed hall" }) { id } }`, vars: () => ({ id: ids.assetU }) },
  createIssue: { doc: `mutation { createIssue(input: { localityCode: "kington", title: "Matrix", description: "d", theme: "t", raisedOn: "2024-01-01" }) { id } }` },
  updateIssue: { doc: `mutation($id: ID!) { updateIssue(id: $id, input: { title: "Renamed" }) { id } }`, vars: () => ({ id: ids.issueU }) },
  resolveIssue: { doc: `mutation($id: ID!) { resolveIssue(id: $id) { id } }`, vars: () => ({ id: ids.issueR }) },
  escalateIssue: { doc: `mutation($id: ID!) { escalateIssue(id: $id, input: { reason: "Stuck" }) { id } }`, vars: () => ({ id: ids.issueE }) },
  createAction: { doc: `mutation($i: ID!) { createAction(input: { issueId: $i, title: "Matrix action" }) { id } }`, vars: () => ({ i: ids.issueU }) },
  updateAction: { doc: `mutation($id: ID!) { updateAction(id: $id, input: { title: "Renamed" }) { id } }`, vars: () => ({ id: ids.actionU }) },
  completeAction: { doc: `mutation($id: ID!) { completeAction(id: $id) { id } }`, vars: () => ({ id: ids.actionC }) },
  recordOutcome: {
    doc: `mutation { recordOutcome(input: { localityCode: "kington", periodStart: "2024-04-01", periodEnd: "2025-03-31", principle: JOINED_UP_LOCAL_SERVICES, rating: EMERGING }) { id } }`,
  },
  saveBusinessCase: {
    doc: `mutation($p: ID!, $a: AppraisalInput!) { saveBusinessCase(input: { name: "Matrix case", localityCode: "kington", priorityId: $p, appraisal: $a }) { id } }`,
    vars: () => ({ p: ids.priorityU, a: APPRAISAL }),
    allowed: ['ANALYST'],
  },
  updateBusinessCase: {
    doc: `mutation($id: ID!) { updateBusinessCase(id: $id, input: { name: "Renamed case" }) { id } }`,
    vars: () => ({ id: ids.caseU }),
    // The case was saved by partner 1, the viewers' partner: its ANALYSTs may revise it.
    allowed: ['ANALYST'],
  },
  createFund: { doc: `mutation($b: ID!) { createFund(input: { name: "Matrix fund 2", boardId: $b, startsOn: "2019-04-01" }) { id } }`, vars: () => ({ b: ids.boardU }) },
  addFundContribution: {
    doc: `mutation($f: ID!, $p: ID!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "100.00", receivedOn: "2019-04-01" }) { id } }`,
    vars: () => ({ f: ids.fund, p: ids.partner }),
  },
  createCommission: {
    doc: `mutation($f: ID!) { createCommission(input: { fundId: $f, title: "Matrix", provider: "P", localityCodes: ["kington"], amount: "10.00", startsOn: "2030-04-01", endsOn: "2031-04-01" }) { id } }`,
    vars: () => ({ f: ids.fund }),
  },
  setCommissionStatus: { doc: `mutation($id: ID!) { setCommissionStatus(id: $id, status: ACTIVE) { id } }`, vars: () => ({ id: ids.commission }) },
  reportOnCommission: {
    doc: `mutation($c: ID!) { reportOnCommission(input: { commissionId: $c, submittedOn: "2030-05-01", summary: "S" }) { submittedOn } }`,
    vars: () => ({ c: ids.commission }),
  },
  openPbRound: {
    doc: `mutation($f: ID!) { openPbRound(input: { fundId: $f, title: "Matrix round 2", opensOn: "${day(-1)}", closesOn: "${day(14)}", pot: "10.00" }) { id } }`,
    vars: () => ({ f: ids.fund }),
  },
  submitPbProposal: {
    doc: `mutation($r: ID!) { submitPbProposal(input: { roundId: $r, title: "Matrix", proposer: "Group", theme: "t", localityCode: "kington", cost: "5.00" }) { id } }`,
    vars: () => ({ r: ids.round }),
  },
  castPbVote: {
    doc: `mutation($r: ID!, $p: ID!, $v: String!) { castPbVote(input: { roundId: $r, voterId: $v, approve: [$p] }) }`,
    vars: () => ({ r: ids.round, p: ids.proposal, v: `voter-${Math.random()}` }),
    // The organisers' voting system: any signed-in viewer records ballots (src/funds/participatory.schema.ts).
    allowed: ['READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'],
  },
  createWebhookSubscription: {
    doc: `mutation($p: ID!) { createWebhookSubscription(input: { partnerId: $p, url: "https://hooks.example.org/matrix" }) { secret } }`,
    vars: () => ({ p: ids.partner }),
  },
  endWebhookSubscription: { doc: `mutation($id: ID!) { endWebhookSubscription(id: $id) { id } }`, vars: () => ({ id: ids.webhook }) },
  // Each viewer marks only their own alerts: any signed-in viewer may ask.
  markAllAlertsRead: { doc: `mutation { markAllAlertsRead }`, allowed: ['READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'] },
  markAlertRead: {
    doc: `mutation($id: ID!) { markAlertRead(id: $id) { id } }`,
    vars: () => ({ id: globalId('Alert', 999999) }),
    allowed: ['READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'],
    // Alerts come only from imports that worsen a priority's evidence (test/alerts): none here.
    admin: 'NOT_FOUND',
  },
  // Any signed-in viewer of a partner saves a custom area; changing one is for its saver, its partner's writers or an ADMIN.
  createCustomArea: { doc: `mutation { createCustomArea(input: { name: "Matrix area", localityCodes: ["kington"] }) { id } }`, allowed: ['READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'] },
  updateCustomArea: { doc: `mutation($id: ID!) { updateCustomArea(id: $id, input: { name: "Matrix area renamed" }) { id } }`, vars: () => ({ id: ids.areaU }) },
  deleteCustomArea: { doc: `mutation($id: ID!) { deleteCustomArea(id: $id) }`, vars: () => ({ id: ids.areaD }) },
  closePbRound: { doc: `mutation($id: ID!) { closePbRound(id: $id) { id } }`, vars: () => ({ id: ids.round }) },
  countPbRound: { doc: `mutation($id: ID!) { countPbRound(id: $id) { id } }`, vars: () => ({ id: ids.round }) },
};

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
  ids.partner = (await first(`{ partners(first: 1) { edges { node { id } } } }`)).edges[0].node.id;
  for (const name of ['partnerU', 'partnerE']) ids[name] = (await first(`mutation($n: String!) { createPartner(input: { name: $n, kind: OTHER }) { id } }`, { n: `Matrix ${name}` })).id;
  for (const name of ['personU', 'personE']) ids[name] = (await first(`mutation($n: String!, $p: ID!) { createPerson(input: { name: $n, partnerId: $p }) { id } }`, { n: name, p: ids.partner })).id;
  ids.roleKind = (await ok(`{ localityRoleKinds { id code } }`)).localityRoleKinds.find((k: { code: string }) => k.code === 'network-contact').id;
  for (const name of ['roleU', 'roleE']) {
    ids[name] = (await first(`mutation($p: ID!) { createLocalityRole(input: { kind: "network-contact", personId: $p, localityCode: "kington", startsOn: "2023-01-01" }) { id } }`, { p: ids.personU })).id;
  }
  for (const name of ['boardU', 'boardE']) {
    ids[name] = (await first(`mutation($n: String!) { createBoard(input: { name: $n, kind: TASK_AND_FINISH_GROUP, localityCode: "kington", startsOn: "2020-01-01" }) { id } }`, { n: `Matrix ${name}` })).id;
  }
  for (const name of ['membershipU', 'membershipE']) {
    ids[name] = (await first(`mutation($b: ID!, $p: ID!) { addBoardMember(input: { boardId: $b, personId: $p, role: MEMBER, startsOn: "2023-01-01" }) { id } }`, { b: ids.boardU, p: ids.personU })).id;
  }
  for (const name of ['meetingU', 'meetingC']) ids[name] = (await first(`mutation($b: ID!) { createMeeting(input: { boardId: $b, kind: FORUM, startsAt: "2024-06-01T18:00:00Z" }) { id } }`, { b: ids.boardU })).id;
  for (const name of ['planU', 'planA']) ids[name] = (await first(`mutation($n: String!) { createLocalityPlan(input: { localityCode: "kington", approach: CORE, title: $n }) { id } }`, { n: name })).id;
  for (const name of ['priorityU', 'priorityE']) ids[name] = (await first(`mutation($p: ID!, $n: String!) { createPriority(input: { planId: $p, title: $n, theme: "t" }) { id } }`, { p: ids.planU, n: name })).id;
  for (const name of ['consultationU', 'consultationC']) {
    ids[name] = (await first(`mutation($n: String!) { createConsultation(input: { localityCode: "kington", subject: $n, audience: RESIDENTS, opensOn: "${day(-10)}", deadline: "${day(10)}" }) { id } }`, { n: name })).id;
  }
  ids.itemU = (await first(`mutation { createIntelligenceItem(input: { title: "I", body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: ["kington"] }) { id } }`)).id;
  ids.assetU = (await first(`mutation { createCommunityAsset(input: { name: "A", kind: BUILDING, localityCode: "kington" }) { id } }`)).id;
  for (const name of ['issueU', 'issueR', 'issueE']) {
    ids[name] = (await first(`mutation($n: String!) { createIssue(input: { localityCode: "kington", title: $n, description: "d", theme: "t", raisedOn: "2024-01-01" }) { id } }`, { n: name })).id;
  }
  for (const name of ['actionU', 'actionC']) ids[name] = (await first(`mutation($i: ID!, $n: String!) { createAction(input: { issueId: $i, title: $n }) { id } }`, { i: ids.issueU, n: name })).id;
  ids.caseU = (await first(`mutation($p: ID!, $a: AppraisalInput!) { saveBusinessCase(input: { name: "Case", localityCode: "kington", priorityId: $p, appraisal: $a }) { id } }`, { p: ids.priorityU, a: APPRAISAL })).id;
  ids.fund = (await first(`mutation($b: ID!) { createFund(input: { name: "Matrix fund", boardId: $b, startsOn: "2019-04-01" }) { id } }`, { b: ids.boardU })).id;
  await ok(`mutation($f: ID!, $p: ID!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "1000.00", receivedOn: "2019-04-01" }) { id } }`, { f: ids.fund, p: ids.partner });
  ids.commission = (await first(`mutation($f: ID!) { createCommission(input: { fundId: $f, title: "C", provider: "P", localityCodes: ["kington"], amount: "10.00", startsOn: "2030-04-01", endsOn: "2031-04-01", status: PLANNED }) { id } }`, { f: ids.fund })).id;
  ids.round = (await first(`mutation($f: ID!) { openPbRound(input: { fundId: $f, title: "Matrix round", opensOn: "${day(-1)}", closesOn: "${day(14)}", pot: "100.00" }) { id } }`, { f: ids.fund })).id;
  ids.webhook = (
    await first(`mutation($p: ID!) { createWebhookSubscription(input: { partnerId: $p, url: "https://hooks.example.org/end" }) { subscription { id } } }`, { p: ids.partner })
  ).subscription.id;
  // Saved by another person (the matrix's viewers are person 1), so no viewer below is its saver.
  const saver = await tokenFor({ personId: 2, partnerId: 1, roles: ['CONTRIBUTOR'] });
  for (const name of ['areaU', 'areaD']) {
    const saved = await t.gql(`mutation($n: String!) { createCustomArea(input: { name: $n, localityCodes: ["kington"], sharingLevel: PUBLIC }) { id } }`, { n: `Matrix ${name}` }, { token: saver });
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    ids[name] = saved.data.createCustomArea.id;
  }
  ids.proposal = (await first(`mutation($r: ID!) { submitPbProposal(input: { roundId: $r, title: "P", proposer: "G", theme: "t", localityCode: "kington", cost: "5.00" }) { id } }`, { r: ids.round })).id;
}, 180_000);
afterAll(() => t?.stop());

const changes = () => t.server.stores.records.prisma.auditEvent.count({ where: { action: { not: 'READ' } } });
const tokenOf = async (who: Who) => (who === 'anonymous' ? undefined : tokenFor({ personId: 1, partnerId: 1, roles: [who as Role], localities: ['kington'] }));

describe('the mutation matrix', () => {
  it('has one row for every mutation of the schema (a new mutation needs its row)', () => {
    expect(Object.keys(ROWS).sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  });

  it.each(WHO)('%s: every mutation it may not make is refused (UNAUTHENTICATED / FORBIDDEN) and writes nothing', async (who) => {
    const token = await tokenOf(who);
    const before = await changes();
    const outcomes: [string, string | undefined][] = [];
    const expected: [string, string | undefined][] = [];
    for (const [name, row] of Object.entries(ROWS)) {
      if (row.allowed?.includes(who)) continue;
      const answer = await t.gql(row.doc, row.vars?.() ?? {}, { token });
      outcomes.push([name, answer.errors?.[0]?.extensions?.code]);
      expected.push([name, who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    }
    expect(outcomes).toEqual(expected);
    expect(await changes()).toBe(before);
  });

  it('an ADMIN sends every row as it is, and each succeeds (the refusals were not input mistakes)', async () => {
    const failures: [string, unknown][] = [];
    for (const [name, row] of Object.entries(ROWS)) {
      const answer = await t.gql(row.doc, row.vars?.() ?? {}, { token: admin });
      const code = answer.errors?.[0]?.extensions?.code;
      if (row.admin ? code !== row.admin : answer.errors) failures.push([name, answer.errors?.[0]?.message]);
    }
    expect(failures).toEqual([]);
  });
});
