/**
 * The scope half of the authorisation matrix (issue 15, acceptance 2): every mutation that takes,
 * changes or links a record in a scope, sent by each write role (a CONTRIBUTOR of partner A; a
 * LOCALITY_LEAD of partner A leading Kington; an ADMIN on county records) at a record of each scope
 * its kind has: Kington (own locality, partner A's), Leominster (another locality, partner B's), the
 * county (a county board, a county-wide consultation, a county fund), another partner's record in
 * Kington, and a hidden one (RESTRICTED to partner B, which must answer exactly as a missing id).
 *
 * The table is declared: one entry per mutation of the schema, either its rows (record kind and
 * rule) or a line in NO_SCOPE saying why it has none, so a mutation added without its scope rows
 * fails the first test. Each rule is written out as a table of role x scope -> outcome.
 *
 * Refusals run first, concurrently, on fixtures built once: they must leave every fixture row and
 * every table's row count as they were, and add no audit change event. Hidden records must answer
 * NOT_FOUND with the message a missing id of the same type gets. Then every allowed cell runs (on
 * the same fixtures, or a fresh record for a change made once, like an end) and must succeed, so
 * no refusal above was an input mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.js';
import { updateBusinessCase } from '../../src/costs/business-cases.js';
import { commissionReportInput, createCommission, createCommissionInput, reportOnCommission, setCommissionStatus } from '../../src/funds/commissions.js';
import { addContribution, addContributionInput, createFund, createFundInput } from '../../src/funds/funds.js';
import { closeRound, countRound, openRound, openRoundInput, proposalInput, submitProposal } from '../../src/funds/participatory.js';
import { schema } from '../../src/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId, recordId } from '../support/ids.js';

type Scope = 'own' | 'otherLocality' | 'county' | 'otherPartner' | 'hidden';
type Who = 'CONTRIBUTOR' | 'LOCALITY_LEAD' | 'ADMIN';
type Outcome = 'OK' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

let t: TestServer;
const tokens = {} as Record<Who | 'authorA' | 'authorB' | 'saverB', string>;
const partner = {} as Record<'A' | 'B', string>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let serial = 0;
const unique = (what: string) => `${what} ${++serial}`;

async function ok(query: string, variables: Record<string, unknown> = {}, token = tokens.ADMIN): Promise<any> {
  const answer = await t.gql(query, variables, { token });
  if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  return Object.values(answer.data as object)[0];
}

// ---------------------------------------------------------------------------------------------
// Record kinds: which scopes each has, how to make a record of each, and its table (for snapshots).
// ---------------------------------------------------------------------------------------------

const LOCALITY: Partial<Record<Scope, string | null>> = { own: 'kington', otherLocality: 'leominster', county: null };
const PLACES: Scope[] = ['own', 'otherLocality', 'county'];
const PLACES_NO_COUNTY: Scope[] = ['own', 'otherLocality'];
const SHARED: Scope[] = ['own', 'otherLocality', 'otherPartner', 'hidden'];
const PARTNERS: Scope[] = ['own', 'otherPartner'];

/** A shareable record's author, locality and level by scope: own is A's in Kington; the others are B's. */
function shareable(scope: Scope) {
  return {
    token: scope === 'own' ? tokens.authorA : tokens.authorB,
    locality: scope === 'otherLocality' ? 'leominster' : 'kington',
    level: scope === 'hidden' ? 'RESTRICTED' : 'PARTNERSHIP',
  };
}

interface Kind {
  /** The GraphQL type of its global id (for a missing id of the same type); none for a locality code. */
  type?: string;
  /** Its Prisma model (for the unchanged-row check). */
  model?: string;
  scopes: Scope[];
  make: (scope: Scope) => Promise<string | null>;
}

type KindName =
  | 'locality' | 'localityOnly' | 'partner' | 'person' | 'board' | 'membership' | 'meeting' | 'role' | 'plan' | 'priority' | 'consultation'
  | 'item' | 'asset' | 'issue' | 'action' | 'contribution' | 'businessCase' | 'fund' | 'commission' | 'round' | 'closedRound' | 'webhook'
  | 'customArea';

const KINDS: Record<KindName, Kind> = {
  locality: { scopes: PLACES, make: async (scope) => LOCALITY[scope]! },
  localityOnly: { scopes: PLACES_NO_COUNTY, make: async (scope) => LOCALITY[scope]! },
  partner: { type: 'Partner', model: 'partner', scopes: PARTNERS, make: async (scope) => (scope === 'own' ? partner.A : partner.B) },
  person: {
    type: 'Person',
    model: 'person',
    scopes: PARTNERS,
    make: async (scope) => (await ok(`mutation($p: ID!, $n: String!) { createPerson(input: { name: $n, partnerId: $p }) { id } }`, { p: scope === 'own' ? partner.A : partner.B, n: unique('Person') })).id,
  },
  board: {
    type: 'Board',
    model: 'board',
    scopes: PLACES,
    make: async (scope) =>
      (await ok(`mutation($n: String!, $l: String) { createBoard(input: { name: $n, kind: TASK_AND_FINISH_GROUP, localityCode: $l, startsOn: "2020-01-01" }) { id } }`, { n: unique('Board'), l: LOCALITY[scope] })).id,
  },
  membership: {
    type: 'Membership',
    model: 'membership',
    scopes: PLACES,
    make: async (scope) =>
      (await ok(`mutation($b: ID!, $p: ID!) { addBoardMember(input: { boardId: $b, personId: $p, role: MEMBER, startsOn: "2023-01-01" }) { id } }`, { b: await shared('board', scope), p: await shared('person', 'own') })).id,
  },
  meeting: {
    type: 'Meeting',
    model: 'meeting',
    scopes: PLACES,
    make: async (scope) => (await ok(`mutation($b: ID!) { createMeeting(input: { boardId: $b, kind: FORUM, startsAt: "2024-06-01T18:00:00Z" }) { id } }`, { b: await shared('board', scope) })).id,
  },
  role: {
    type: 'LocalityRole',
    model: 'localityRole',
    scopes: PLACES_NO_COUNTY,
    make: async (scope) =>
      (await ok(`mutation($p: ID!, $l: String!) { createLocalityRole(input: { kind: "network-contact", personId: $p, localityCode: $l, startsOn: "2023-01-01" }) { id } }`, { p: await shared('person', 'own'), l: LOCALITY[scope] })).id,
  },
  plan: {
    type: 'LocalityPlan',
    model: 'localityPlan',
    scopes: PLACES_NO_COUNTY,
    make: async (scope) => (await ok(`mutation($l: String!, $n: String!) { createLocalityPlan(input: { localityCode: $l, approach: CORE, title: $n }) { id } }`, { l: LOCALITY[scope], n: unique('Plan') })).id,
  },
  priority: {
    type: 'Priority',
    model: 'priority',
    scopes: PLACES,
    make: async (scope) => (await ok(`mutation($b: ID!, $n: String!) { createPriority(input: { boardId: $b, title: $n, theme: "t" }) { id } }`, { b: await shared('board', scope), n: unique('Priority') })).id,
  },
  consultation: {
    type: 'Consultation',
    model: 'consultation',
    scopes: PLACES,
    make: async (scope) =>
      (await ok(`mutation($l: String, $n: String!) { createConsultation(input: { localityCode: $l, subject: $n, audience: RESIDENTS, opensOn: "${day(-10)}", deadline: "${day(10)}" }) { id } }`, { l: LOCALITY[scope], n: unique('Consultation') })).id,
  },
  item: {
    type: 'IntelligenceItem',
    model: 'intelligenceItem',
    scopes: SHARED,
    make: async (scope) => {
      const s = shareable(scope);
      return (await ok(`mutation($l: String!, $s: SharingLevel) { createIntelligenceItem(input: { title: "I", body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: [$l], sharingLevel: $s }) { id } }`, { l: s.locality, s: s.level }, s.token)).id;
    },
  },
  asset: {
    type: 'CommunityAsset',
    model: 'communityAsset',
    scopes: SHARED,
    make: async (scope) => {
      const s = shareable(scope);
      return (await ok(`mutation($l: String!, $s: SharingLevel) { createCommunityAsset(input: { name: "A", kind: BUILDING, localityCode: $l, sharingLevel: $s }) { id } }`, { l: s.locality, s: s.level }, s.token)).id;
    },
  },
  issue: {
    type: 'Issue',
    model: 'issue',
    scopes: SHARED,
    make: async (scope) => {
      const s = shareable(scope);
      return (await ok(`mutation($l: String!, $s: SharingLevel) { createIssue(input: { localityCode: $l, title: "I", description: "d", theme: "t", raisedOn: "2024-01-01", sharingLevel: $s }) { id } }`, { l: s.locality, s: s.level }, s.token)).id;
    },
  },
  action: {
    type: 'Action',
    model: 'action',
    scopes: SHARED,
    make: async (scope) => {
      const s = shareable(scope);
      return (await ok(`mutation($i: ID!, $s: SharingLevel) { createAction(input: { issueId: $i, title: "A", sharingLevel: $s }) { id } }`, { i: await shared('issue', scope), s: s.level }, s.token)).id;
    },
  },
  contribution: {
    type: 'FundContribution',
    model: 'fundContribution',
    scopes: ['own', 'otherPartner', 'hidden'],
    make: async (scope) => {
      const s = shareable(scope);
      const p = scope === 'own' ? partner.A : partner.B;
      return (await ok(`mutation($f: ID!, $p: ID!, $s: SharingLevel) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "10.00", receivedOn: "2019-04-01", sharingLevel: $s }) { id } }`, { f: await shared('fund', 'county'), p, s: s.level }, s.token)).id;
    },
  },
  businessCase: {
    type: 'BusinessCase',
    model: 'businessCase',
    scopes: ['own', 'otherLocality', 'otherPartner'],
    make: async (scope) => {
      const s = shareable(scope);
      return (await ok(`mutation($p: ID!, $l: String!, $n: String!, $a: AppraisalInput!) { saveBusinessCase(input: { name: $n, localityCode: $l, priorityId: $p, appraisal: $a }) { id } }`, { p: await shared('priority', scope === 'otherLocality' ? 'otherLocality' : 'own'), l: s.locality, n: unique('Case'), a: APPRAISAL }, s.token)).id;
    },
  },
  fund: {
    type: 'Fund',
    model: 'fund',
    scopes: PLACES,
    make: async (scope) => {
      const fund = (await ok(`mutation($b: ID!, $n: String!) { createFund(input: { name: $n, boardId: $b, startsOn: "2019-04-01" }) { id } }`, { b: await shared('board', scope), n: unique('Fund') })).id;
      await ok(`mutation($f: ID!, $p: ID!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "1000.00", receivedOn: "2019-04-01" }) { id } }`, { f: fund, p: partner.A });
      return fund;
    },
  },
  commission: {
    type: 'Commission',
    model: 'commission',
    scopes: PLACES,
    make: async (scope) =>
      (await ok(`mutation($f: ID!, $l: [String!]!) { createCommission(input: { fundId: $f, title: "C", provider: "P", localityCodes: $l, amount: "10.00", startsOn: "2030-04-01", endsOn: "2031-04-01", status: PLANNED }) { id } }`, { f: await shared('fund', scope), l: [LOCALITY[scope] ?? 'kington'] })).id,
  },
  round: {
    type: 'PbRound',
    model: 'pbRound',
    scopes: PLACES,
    make: async (scope) =>
      (await ok(`mutation($f: ID!, $n: String!) { openPbRound(input: { fundId: $f, title: $n, opensOn: "${day(-1)}", closesOn: "${day(14)}", pot: "100.00" }) { id } }`, { f: await shared('fund', scope), n: unique('Round') })).id,
  },
  closedRound: {
    type: 'PbRound',
    model: 'pbRound',
    scopes: PLACES,
    make: async (scope) => {
      const round = await make('round', scope);
      await ok(`mutation($r: ID!) { closePbRound(id: $r) { id } }`, { r: round });
      return round;
    },
  },
  customArea: {
    type: 'CustomArea',
    model: 'customArea',
    scopes: ['own', 'otherPartner', 'hidden'],
    make: async (scope) => {
      // Partner B's areas are saved by another person than the viewers (all person 1): its saver may change it.
      const s = shareable(scope);
      const token = scope === 'own' ? s.token : tokens.saverB;
      return (await ok(`mutation($n: String!, $s: SharingLevel) { createCustomArea(input: { name: $n, localityCodes: ["kington"], sharingLevel: $s }) { id } }`, { n: unique('Area'), s: s.level }, token)).id;
    },
  },
  webhook: {
    type: 'WebhookSubscription',
    model: 'webhookSubscription',
    scopes: PARTNERS,
    make: async (scope) =>
      (await ok(`mutation($p: ID!) { createWebhookSubscription(input: { partnerId: $p, url: "https://hooks.example.org/scope" }) { subscription { id } } }`, { p: scope === 'own' ? partner.A : partner.B })).subscription.id,
  },
};

const APPRAISAL = { years: 5, reductions: [{ unitCostId: 'asb-incident-police', perYear: 1 }] };
const sharedFixtures = new Map<string, Promise<string | null>>();
/** A record of the kind and scope, made once and shared (the refusals' fixtures). */
const shared = (kind: KindName, scope: Scope) => {
  const key = `${kind}:${scope}`;
  if (!sharedFixtures.has(key)) sharedFixtures.set(key, KINDS[kind].make(scope));
  return sharedFixtures.get(key)!;
};
/** A fresh record of the kind and scope (for an allowed cell of a row done once to a record). */
const make = (kind: KindName, scope: Scope) => KINDS[kind].make(scope);

// ---------------------------------------------------------------------------------------------
// Rules: role x scope -> outcome, written out. A hidden record always answers as a missing id does.
// ---------------------------------------------------------------------------------------------

type Rule = Record<'CONTRIBUTOR' | 'LOCALITY_LEAD', Partial<Record<Scope, Outcome>>>;
const F = 'FORBIDDEN';
const N = 'NOT_FOUND';
const RULES = {
  /** ADMIN, or the lead of the record's locality (a county record: ADMIN only). */
  lead: { CONTRIBUTOR: { own: F, otherLocality: F, county: F }, LOCALITY_LEAD: { own: 'OK', otherLocality: F, county: F } },
  /** Those, or any CONTRIBUTOR (meetings, attendance, consultation responses, reports, proposals, their partner's money). */
  contributorOrLead: { CONTRIBUTOR: { own: 'OK', otherLocality: 'OK', county: 'OK' }, LOCALITY_LEAD: { own: 'OK', otherLocality: F, county: F } },
  /** A shareable record: its author's partner, or the lead of its locality; a hidden one is NOT_FOUND. */
  editor: {
    CONTRIBUTOR: { own: 'OK', otherLocality: F, otherPartner: F, hidden: N },
    LOCALITY_LEAD: { own: 'OK', otherLocality: F, otherPartner: 'OK', hidden: N },
  },
  /** Who sees a shareable record: only its author's partner (CONTRIBUTOR or LOCALITY_LEAD) changes it (severe 3). */
  sharer: {
    CONTRIBUTOR: { own: 'OK', otherLocality: F, otherPartner: F, hidden: N },
    LOCALITY_LEAD: { own: 'OK', otherLocality: F, otherPartner: F, hidden: N },
  },
  /**
   * Moving a shareable record to another locality: only its author's partner (a lead moving
   * another partner's record would move it out of, or into, their reach: issue 15's low item).
   */
  mover: {
    CONTRIBUTOR: { own: 'OK', otherLocality: F, otherPartner: F, hidden: N },
    LOCALITY_LEAD: { own: 'OK', otherLocality: F, otherPartner: F, hidden: N },
  },
  /** An issue named as an outcome's evidence: the outcome's lead, naming an issue of its locality they may see; a hidden one is as a missing one. */
  evidence: {
    CONTRIBUTOR: { own: F, otherLocality: F, otherPartner: F, hidden: F },
    LOCALITY_LEAD: { own: 'OK', otherLocality: 'BAD_USER_INPUT', otherPartner: 'OK', hidden: 'BAD_USER_INPUT' },
  },
  /** A record linked, not changed (an action on an issue): any it may see; a hidden one is NOT_FOUND. */
  visible: {
    CONTRIBUTOR: { own: 'OK', otherLocality: 'OK', otherPartner: 'OK', hidden: N },
    LOCALITY_LEAD: { own: 'OK', otherLocality: 'OK', otherPartner: 'OK', hidden: N },
  },
  /** A partner's own records (its partner row, its people): a CONTRIBUTOR of that partner (medium 6). */
  keeper: { CONTRIBUTOR: { own: 'OK', otherPartner: F }, LOCALITY_LEAD: { own: F, otherPartner: F } },
  /** A partner's webhooks: its CONTRIBUTORs and LOCALITY_LEADs. */
  subscriber: { CONTRIBUTOR: { own: 'OK', otherPartner: F }, LOCALITY_LEAD: { own: 'OK', otherPartner: F } },
  /** ADMIN only, whoever's record it is. */
  admin: { CONTRIBUTOR: { own: F, otherPartner: F }, LOCALITY_LEAD: { own: F, otherPartner: F } },
  /** A business case: a CONTRIBUTOR (or ANALYST) of the partner that saved it, or the lead of its locality. */
  caseEditor: {
    CONTRIBUTOR: { own: 'OK', otherLocality: F, otherPartner: F },
    LOCALITY_LEAD: { own: 'OK', otherLocality: F, otherPartner: 'OK' },
  },
  /** Money put into a Kington fund in a partner's name: a CONTRIBUTOR of that partner, or the fund's lead. */
  contributing: { CONTRIBUTOR: { own: 'OK', otherPartner: F }, LOCALITY_LEAD: { own: 'OK', otherPartner: 'OK' } },
} satisfies Record<string, Rule>;

interface Row {
  /** The kind of record whose scope varies; the request names it as `$r`. */
  kind: KindName;
  rule: keyof typeof RULES;
  doc: string;
  /** It can be done once to a record (an end, a close, a count): each allowed cell gets a fresh one. */
  once?: true;
  /** Further variables, given the scope (default: none). */
  vars?: (scope: Scope) => Promise<Record<string, unknown>>;
}

/** A locality to move a record of the scope to: away from where it is. */
const moveTo = (scope: Scope) => (scope === 'otherLocality' ? 'kington' : 'leominster');
const own = (kind: KindName) => async () => ({ o: await shared(kind, 'own') });

/** Every mutation with a scope: its rows. */
const TABLE: Record<string, Row[]> = {
  updatePartner: [{ kind: 'partner', rule: 'keeper', doc: `mutation($r: ID!) { updatePartner(id: $r, input: { website: "https://example.org/scope" }) { id } }` }],
  endPartner: [{ kind: 'partner', rule: 'admin', doc: `mutation($r: ID!) { endPartner(id: $r, endedOn: "${day(-1)}") { id } }` }],
  createPerson: [{ kind: 'partner', rule: 'keeper', doc: `mutation($r: ID!) { createPerson(input: { name: "Scope person", partnerId: $r }) { id } }` }],
  updatePerson: [
    { kind: 'person', rule: 'keeper', doc: `mutation($r: ID!) { updatePerson(id: $r, input: { name: "Renamed" }) { id } }` },
    // Medium 6: moving one's own person to another partner needs that partner too.
    { kind: 'partner', rule: 'keeper', doc: `mutation($o: ID!, $r: ID!) { updatePerson(id: $o, input: { partnerId: $r }) { id } }`, vars: own('person') },
  ],
  endPerson: [{ kind: 'person', rule: 'keeper', once: true, doc: `mutation($r: ID!) { endPerson(id: $r, endedOn: "${day(-1)}") { id } }` }],
  createLocalityRole: [
    { kind: 'localityOnly', rule: 'lead', doc: `mutation($r: String!, $o: ID!) { createLocalityRole(input: { kind: "community-ambassador", personId: $o, localityCode: $r, startsOn: "2024-01-01" }) { id } }`, vars: own('person') },
  ],
  updateLocalityRole: [{ kind: 'role', rule: 'lead', doc: `mutation($r: ID!) { updateLocalityRole(id: $r, input: { startsOn: "2023-02-01" }) { id } }` }],
  endLocalityRole: [{ kind: 'role', rule: 'lead', once: true, doc: `mutation($r: ID!) { endLocalityRole(id: $r, endsOn: "${day(-1)}") { id } }` }],
  createBoard: [{ kind: 'locality', rule: 'lead', doc: `mutation($r: String) { createBoard(input: { name: "Scope board", kind: TASK_AND_FINISH_GROUP, localityCode: $r, startsOn: "2020-01-01" }) { id } }` }],
  updateBoard: [{ kind: 'board', rule: 'lead', doc: `mutation($r: ID!) { updateBoard(id: $r, input: { name: "Changed board" }) { id } }` }],
  endBoard: [{ kind: 'board', rule: 'lead', once: true, doc: `mutation($r: ID!) { endBoard(id: $r, endsOn: "${day(-1)}") { id } }` }],
  addBoardMember: [
    { kind: 'board', rule: 'lead', doc: `mutation($r: ID!, $o: ID!) { addBoardMember(input: { boardId: $r, personId: $o, role: MEMBER, startsOn: "2024-01-01" }) { id } }`, vars: own('person') },
  ],
  updateMembership: [{ kind: 'membership', rule: 'lead', doc: `mutation($r: ID!) { updateMembership(id: $r, input: { role: OBSERVER }) { id } }` }],
  endMembership: [{ kind: 'membership', rule: 'lead', once: true, doc: `mutation($r: ID!) { endMembership(id: $r, endsOn: "${day(-1)}") { id } }` }],
  createMeeting: [{ kind: 'board', rule: 'contributorOrLead', doc: `mutation($r: ID!) { createMeeting(input: { boardId: $r, kind: FORUM, startsAt: "2025-01-01T18:00:00Z" }) { id } }` }],
  updateMeeting: [{ kind: 'meeting', rule: 'lead', doc: `mutation($r: ID!) { updateMeeting(id: $r, input: { location: "Village hall" }) { id } }` }],
  cancelMeeting: [{ kind: 'meeting', rule: 'lead', once: true, doc: `mutation($r: ID!) { cancelMeeting(id: $r) { id } }` }],
  recordAttendance: [
    { kind: 'meeting', rule: 'contributorOrLead', once: true, doc: `mutation($r: ID!, $o: ID!) { recordAttendance(input: { meetingId: $r, attendance: [{ personId: $o }] }) { id } }`, vars: own('person') },
  ],
  createLocalityPlan: [{ kind: 'localityOnly', rule: 'lead', doc: `mutation($r: String!) { createLocalityPlan(input: { localityCode: $r, approach: CORE, title: "Scope plan" }) { id } }` }],
  updateLocalityPlan: [{ kind: 'plan', rule: 'lead', doc: `mutation($r: ID!) { updateLocalityPlan(id: $r, input: { title: "Renamed plan" }) { id } }` }],
  approveLocalityPlan: [{ kind: 'plan', rule: 'lead', once: true, doc: `mutation($r: ID!) { approveLocalityPlan(id: $r) { id } }` }],
  createPriority: [
    { kind: 'board', rule: 'lead', doc: `mutation($r: ID!) { createPriority(input: { boardId: $r, title: "Scope priority", theme: "t" }) { id } }` },
    { kind: 'plan', rule: 'lead', doc: `mutation($r: ID!) { createPriority(input: { planId: $r, title: "Scope priority", theme: "t" }) { id } }` },
    // Severe 2: the lead's own plan must not carry a priority onto a board of another locality or the county.
    { kind: 'board', rule: 'lead', doc: `mutation($r: ID!, $o: ID!) { createPriority(input: { boardId: $r, planId: $o, title: "Scope priority", theme: "t" }) { id } }`, vars: own('plan') },
  ],
  updatePriority: [{ kind: 'priority', rule: 'lead', doc: `mutation($r: ID!) { updatePriority(id: $r, input: { title: "Renamed priority" }) { id } }` }],
  endPriority: [{ kind: 'priority', rule: 'lead', once: true, doc: `mutation($r: ID!) { endPriority(id: $r, status: ACHIEVED, endsOn: "${day(-1)}") { id } }` }],
  createConsultation: [
    { kind: 'locality', rule: 'lead', doc: `mutation($r: String) { createConsultation(input: { localityCode: $r, subject: "Scope", audience: RESIDENTS, opensOn: "${day(-10)}", deadline: "${day(10)}" }) { id } }` },
    // Severe 2: the lead's own locality must not carry a consultation onto another locality's or the county's board.
    {
      kind: 'board',
      rule: 'lead',
      doc: `mutation($r: ID!) { createConsultation(input: { localityCode: "kington", boardId: $r, subject: "Scope", audience: RESIDENTS, opensOn: "${day(-10)}", deadline: "${day(10)}" }) { id } }`,
    },
  ],
  updateConsultation: [{ kind: 'consultation', rule: 'lead', doc: `mutation($r: ID!) { updateConsultation(id: $r, input: { subject: "Renamed" }) { id } }` }],
  closeConsultation: [{ kind: 'consultation', rule: 'lead', once: true, doc: `mutation($r: ID!) { closeConsultation(id: $r) { id } }` }],
  respondToConsultation: [
    { kind: 'consultation', rule: 'contributorOrLead', doc: `mutation($r: ID!) { respondToConsultation(input: { consultationId: $r, respondentName: "A resident", text: "A response" }) { id } }` },
  ],
  updateIntelligenceItem: [
    { kind: 'item', rule: 'editor', doc: `mutation($r: ID!) { updateIntelligenceItem(id: $r, input: { title: "Renamed" }) { id } }` },
    { kind: 'item', rule: 'mover', doc: `mutation($r: ID!, $l: String!) { updateIntelligenceItem(id: $r, input: { localityCodes: [$l] }) { id } }`, vars: async (scope) => ({ l: moveTo(scope) }) },
  ],
  changeSharing: (['item', 'asset', 'issue', 'action', 'contribution', 'customArea'] as const).map((kind) => ({
    kind,
    rule: 'sharer' as const,
    doc: `mutation($r: ID!) { changeSharing(id: $r, input: { sharingLevel: RESTRICTED, sharedWithPartnerIds: [] }) }`,
  })),
  updateCommunityAsset: [{ kind: 'asset', rule: 'editor', doc: `mutation($r: ID!) { updateCommunityAsset(id: $r, input: { name: "Renamed hall" }) { id } }` }],
  updateIssue: [
    { kind: 'issue', rule: 'editor', doc: `mutation($r: ID!) { updateIssue(id: $r, input: { title: "Renamed" }) { id } }` },
    { kind: 'issue', rule: 'mover', doc: `mutation($r: ID!, $l: String!) { updateIssue(id: $r, input: { localityCode: $l }) { id } }`, vars: async (scope) => ({ l: moveTo(scope) }) },
  ],
  resolveIssue: [{ kind: 'issue', rule: 'editor', once: true, doc: `mutation($r: ID!) { resolveIssue(id: $r) { id } }` }],
  escalateIssue: [{ kind: 'issue', rule: 'editor', once: true, doc: `mutation($r: ID!) { escalateIssue(id: $r, input: { reason: "Stuck" }) { id } }` }],
  // An action is its author partner's own record of what it will do about an issue it may see.
  createAction: [{ kind: 'issue', rule: 'visible', doc: `mutation($r: ID!) { createAction(input: { issueId: $r, title: "Scope action" }) { id } }` }],
  updateAction: [{ kind: 'action', rule: 'editor', doc: `mutation($r: ID!) { updateAction(id: $r, input: { title: "Renamed" }) { id } }` }],
  completeAction: [{ kind: 'action', rule: 'editor', once: true, doc: `mutation($r: ID!) { completeAction(id: $r) { id } }` }],
  recordOutcome: [
    {
      kind: 'localityOnly',
      rule: 'lead',
      doc: `mutation($r: String!) { recordOutcome(input: { localityCode: $r, periodStart: "2024-04-01", periodEnd: "2025-03-31", principle: JOINED_UP_LOCAL_SERVICES, rating: EMERGING }) { id } }`,
    },
    {
      kind: 'issue',
      rule: 'evidence',
      once: true,
      doc: `mutation($r: ID!, $p: Date!) { recordOutcome(input: { localityCode: "kington", periodStart: $p, periodEnd: "2025-03-31", principle: JOINED_UP_LOCAL_SERVICES, rating: EMERGING, issueIds: [$r] }) { id } }`,
      // One outcome per allowed cell (an outcome is keyed by locality, principle and period start).
      vars: async (scope) => ({ p: scope === 'own' ? '2023-04-01' : '2022-04-01' }),
    },
  ],
  saveBusinessCase: [
    {
      kind: 'localityOnly',
      rule: 'contributorOrLead',
      doc: `mutation($r: String!, $p: ID!, $n: String!, $a: AppraisalInput!) { saveBusinessCase(input: { name: $n, localityCode: $r, priorityId: $p, appraisal: $a }) { id } }`,
      vars: async (scope) => ({ p: await shared('priority', scope), n: unique('Scope case'), a: APPRAISAL }),
    },
  ],
  updateBusinessCase: [
    { kind: 'businessCase', rule: 'caseEditor', doc: `mutation($r: ID!, $n: String!) { updateBusinessCase(id: $r, input: { name: $n }) { id } }`, vars: async () => ({ n: unique('Renamed case') }) },
  ],
  createFund: [{ kind: 'board', rule: 'lead', doc: `mutation($r: ID!) { createFund(input: { name: "Scope fund", boardId: $r, startsOn: "2019-04-01" }) { id } }` }],
  addFundContribution: [
    { kind: 'fund', rule: 'contributorOrLead', doc: `mutation($r: ID!, $o: ID!) { addFundContribution(input: { fundId: $r, kind: POOLED, partnerId: $o, amount: "1.00", receivedOn: "2019-04-01" }) { id } }`, vars: async () => ({ o: partner.A }) },
    { kind: 'partner', rule: 'contributing', doc: `mutation($r: ID!, $o: ID!) { addFundContribution(input: { fundId: $o, kind: POOLED, partnerId: $r, amount: "1.00", receivedOn: "2019-04-01" }) { id } }`, vars: own('fund') },
  ],
  createCommission: [
    { kind: 'fund', rule: 'lead', doc: `mutation($r: ID!) { createCommission(input: { fundId: $r, title: "Scope", provider: "P", localityCodes: ["kington"], amount: "1.00", startsOn: "2030-04-01", endsOn: "2031-04-01" }) { id } }` },
  ],
  setCommissionStatus: [{ kind: 'commission', rule: 'lead', once: true, doc: `mutation($r: ID!) { setCommissionStatus(id: $r, status: ACTIVE) { id } }` }],
  reportOnCommission: [{ kind: 'commission', rule: 'contributorOrLead', doc: `mutation($r: ID!) { reportOnCommission(input: { commissionId: $r, submittedOn: "2030-05-01", summary: "S" }) { submittedOn } }` }],
  openPbRound: [{ kind: 'fund', rule: 'lead', doc: `mutation($r: ID!) { openPbRound(input: { fundId: $r, title: "Scope round", opensOn: "${day(-1)}", closesOn: "${day(14)}", pot: "10.00" }) { id } }` }],
  submitPbProposal: [
    {
      kind: 'round',
      rule: 'contributorOrLead',
      doc: `mutation($r: ID!, $l: String!) { submitPbProposal(input: { roundId: $r, title: "Scope", proposer: "Group", theme: "t", localityCode: $l, cost: "5.00" }) { id } }`,
      vars: async (scope) => ({ l: LOCALITY[scope] ?? 'kington' }),
    },
  ],
  closePbRound: [{ kind: 'round', rule: 'lead', once: true, doc: `mutation($r: ID!) { closePbRound(id: $r) { id } }` }],
  countPbRound: [{ kind: 'closedRound', rule: 'lead', once: true, doc: `mutation($r: ID!) { countPbRound(id: $r) { id } }` }],
  // A custom area is its saver's partner's: changed by a CONTRIBUTOR or LOCALITY_LEAD of that partner (or ADMIN).
  updateCustomArea: [{ kind: 'customArea', rule: 'sharer', doc: `mutation($r: ID!) { updateCustomArea(id: $r, input: { name: "Renamed area" }) { id } }` }],
  deleteCustomArea: [{ kind: 'customArea', rule: 'sharer', once: true, doc: `mutation($r: ID!) { deleteCustomArea(id: $r) }` }],
  createWebhookSubscription: [{ kind: 'partner', rule: 'subscriber', doc: `mutation($r: ID!) { createWebhookSubscription(input: { partnerId: $r, url: "https://hooks.example.org/new" }) { secret } }` }],
  endWebhookSubscription: [{ kind: 'webhook', rule: 'subscriber', once: true, doc: `mutation($r: ID!) { endWebhookSubscription(id: $r) { id } }` }],
};

/** Mutations with no record in a scope, and why (each is in test/writes/mutation-matrix.test.ts). */
const NO_SCOPE: Record<string, string> = {
  createPartner: 'ADMIN only; it creates a partner and touches no existing record',
  importContacts: 'ADMIN only; the whole contact list at once',
  createIntelligenceItem: "authored by the viewer's own partner; the localities it names are what it is about, not records it changes",
  createCommunityAsset: "authored by the viewer's own partner, in any locality (the asset register is the partnership's)",
  createIssue: "authored by the viewer's own partner; anyone with a write role may raise an issue in any locality",
  castPbVote: "the organisers' voting system: any signed-in viewer records a ballot in an open round",
  markAlertRead: "the viewer's own alerts only: anyone else's is NOT_FOUND (test/alerts)",
  markAllAlertsRead: "the viewer's own alerts only",
  createCustomArea: "saved for the viewer's own partner; the small areas and localities it is built from are read, not changed",
  createLocalityRoleKind: 'ADMIN only; a kind of role is the deployment’s, in no locality and of no partner',
  updateLocalityRoleKind: 'ADMIN only; a kind of role is the deployment’s, in no locality and of no partner',
};

interface Cell {
  mutation: string;
  row: Row;
  index: number;
  who: Who;
  scope: Scope;
  expected: Outcome;
}

const CELLS: Cell[] = Object.entries(TABLE).flatMap(([mutation, rows]) =>
  rows.flatMap((row, index) => {
    const rule: Rule = RULES[row.rule];
    const scopes = KINDS[row.kind].scopes;
    const roles = (['CONTRIBUTOR', 'LOCALITY_LEAD'] as const).flatMap((who) =>
      scopes.filter((scope) => rule[who][scope] !== undefined).map((scope): Cell => ({ mutation, row, index, who, scope, expected: rule[who][scope]! })),
    );
    // An ADMIN changes a county record (nobody else may).
    const admin = scopes.includes('county') ? [{ mutation, row, index, who: 'ADMIN' as const, scope: 'county' as const, expected: 'OK' as const }] : [];
    return [...roles, ...admin];
  }),
);
const label = (c: Cell) => `${c.mutation}#${c.index} (${c.row.kind}) ${c.who} ${c.scope}`;

async function send(cell: Cell, record: string | null): Promise<{ code: string | undefined; message: string | undefined; extensions: any }> {
  const vars = { r: record, ...(await cell.row.vars?.(cell.scope)) };
  const answer = await t.gql(cell.row.doc, vars, { token: tokens[cell.who] });
  const error = answer.errors?.[0];
  return { code: error ? String(error.extensions?.code) : undefined, message: error?.message, extensions: error?.extensions };
}

/** Run the tasks at most `width` at a time (the server's admission queue is bounded). */
async function pool<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  }));
  return results;
}

const db = () => t.server.stores.records.prisma as any;
const MODELS = [...new Set(Object.values(KINDS).flatMap((k) => (k.model ? [k.model] : [])))];
const changeEvents = () => db().auditEvent.count({ where: { action: { not: 'READ' } } });

/** Every shared fixture's row, and every table's row count. */
async function snapshot(): Promise<unknown> {
  const rows = Object.fromEntries(
    await Promise.all(
      [...sharedFixtures].map(async ([key, promise]) => {
        const [record, kind] = [await promise, KINDS[key.split(':')[0] as KindName]];
        return [key, kind.model && record ? await db()[kind.model].findUnique({ where: { id: recordId(record) } }) : record];
      }),
    ),
  );
  const counts = Object.fromEntries(await Promise.all(MODELS.map(async (m) => [m, await db()[m].count()])));
  return JSON.parse(JSON.stringify({ rows, counts }, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
}

beforeAll(async () => {
  t = await startTestServer();
  const partners = (await t.server.stores.records.prisma.partner.findMany({ take: 2, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
  const [a, b] = partners as [number, number];
  [partner.A, partner.B] = [globalId('Partner', a), globalId('Partner', b)];
  tokens.ADMIN = await tokenFor({ personId: 1, partnerId: a, roles: ['ADMIN'] });
  tokens.CONTRIBUTOR = await tokenFor({ personId: 1, partnerId: a, roles: ['CONTRIBUTOR'] });
  tokens.LOCALITY_LEAD = await tokenFor({ personId: 1, partnerId: a, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
  tokens.authorA = await tokenFor({ personId: 1, partnerId: a, roles: ['CONTRIBUTOR'] });
  tokens.authorB = await tokenFor({ personId: 1, partnerId: b, roles: ['CONTRIBUTOR', 'ANALYST'] });
  tokens.saverB = await tokenFor({ personId: 2, partnerId: b, roles: ['CONTRIBUTOR'] });
  // The refusals' fixtures, built once.
  await pool(CELLS.filter((c) => c.expected !== 'OK'), 8, async (c) => {
    await shared(c.row.kind, c.scope);
    await c.row.vars?.(c.scope);
  });
}, 180_000);
afterAll(() => t?.stop());

describe('the scope matrix: every mutation x write role x scope', () => {
  it('declares every mutation of the schema: its scope rows, or why it has none', () => {
    const declared = [...Object.keys(TABLE), ...Object.keys(NO_SCOPE)].sort();
    expect(declared).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
    expect(Object.keys(TABLE).filter((m) => m in NO_SCOPE)).toEqual([]);
  });

  it('refuses every cell it should (FORBIDDEN, or NOT_FOUND for a hidden record exactly as for a missing id), writing nothing', async () => {
    const refusals = CELLS.filter((c) => c.expected !== 'OK');
    const [events, before] = [await changeEvents(), await snapshot()];
    const answers = await pool(refusals, 8, async (c) => {
      const answer = await send(c, await shared(c.row.kind, c.scope));
      if (c.scope !== 'hidden') return { got: answer.code, same: true };
      // The same request naming an id that does not exist: the same code, message and details, but for the id.
      const type = KINDS[c.row.kind].type!;
      const missing = await send(c, globalId(type, 987_654_321));
      const strip = (a: typeof answer, id: string) => JSON.stringify({ message: a.message, extensions: a.extensions }).replaceAll(id, '<id>');
      const hiddenId = String(recordId((await shared(c.row.kind, c.scope))!));
      return { got: answer.code, same: strip(answer, hiddenId) === strip(missing, '987654321') || `${answer.message} / ${missing.message}` };
    });
    expect(refusals.map((c, i) => [label(c), answers[i]!.got, answers[i]!.same])).toEqual(refusals.map((c) => [label(c), c.expected, true]));
    const after = await snapshot();
    expect(await changeEvents()).toBe(events);
    expect(after).toEqual(before);
  });

  it('the write functions decide themselves, on the rows they read in their transaction, not only the schema’s pre-check', async () => {
    const prisma = t.server.stores.records.prisma;
    // A Kington lead of partner A, straight to the domain functions (no authScopes before them), on county records.
    const lead: Viewer = { anonymous: false, personId: 1, partnerId: recordId(partner.A), roles: new Set(['LOCALITY_LEAD']), localityCodes: new Set(['kington']), subject: 'lead' };
    const county = async (kind: KindName) => (await shared(kind, 'county'))!;
    const D = (value: string) => new Date(`${value}T00:00:00Z`);
    const calls: Record<string, () => Promise<unknown>> = {
      createFund: async () => createFund(prisma, lead, createFundInput.parse({ name: 'Direct', boardId: await county('board'), startsOn: D('2019-04-01') })),
      addContribution: async () =>
        addContribution(prisma, lead, addContributionInput.parse({ fundId: await county('fund'), kind: 'POOLED', partnerId: partner.B, amount: '1.00', receivedOn: D('2019-04-01') })),
      createCommission: async () =>
        createCommission(prisma, lead, createCommissionInput.parse({ fundId: await county('fund'), title: 'Direct', provider: 'P', localityCodes: ['kington'], amount: '1.00', startsOn: D('2030-04-01'), endsOn: D('2031-04-01') })),
      setCommissionStatus: async () => setCommissionStatus(prisma, lead, recordId(await county('commission')), 'ACTIVE'),
      reportOnCommission: async () => reportOnCommission(prisma, lead, commissionReportInput.parse({ commissionId: await county('commission'), submittedOn: D('2030-05-01'), summary: 'S' })),
      openRound: async () => openRound(prisma, lead, openRoundInput.parse({ fundId: await county('fund'), title: 'Direct', opensOn: D(day(-1)), closesOn: D(day(14)), pot: '1.00' })),
      submitProposal: async () =>
        submitProposal(prisma, lead, proposalInput.parse({ roundId: await county('round'), title: 'Direct', proposer: 'G', theme: 't', localityCode: 'kington', cost: '1.00' })),
      closeRound: async () => closeRound(prisma, lead, recordId(await county('round'))),
      countRound: async () => countRound(prisma, lead, recordId(await county('closedRound'))),
      updateBusinessCase: async () => updateBusinessCase(prisma, lead, { id: recordId((await shared('businessCase', 'otherLocality'))!) }, { name: 'Direct' }, null),
    };
    const [events, before] = [await changeEvents(), await snapshot()];
    const codes: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(calls)) codes[name] = await call().then(() => 'OK', (error) => error?.extensions?.code ?? String(error));
    expect(codes).toEqual(Object.fromEntries(Object.keys(calls).map((name) => [name, 'FORBIDDEN'])));
    expect(await changeEvents()).toBe(events);
    expect(await snapshot()).toEqual(before);
  });

  it('allows every cell it should (a row done once to a record: each cell on a fresh one)', async () => {
    const allowed = CELLS.filter((c) => c.expected === 'OK');
    const events = await changeEvents();
    const answers = await pool(allowed, 8, async (c) => {
      const answer = await send(c, await (c.row.once ? make : shared)(c.row.kind, c.scope));
      return answer.code === undefined ? 'OK' : `${answer.code}: ${answer.message}`;
    });
    expect(allowed.map((c, i) => [label(c), answers[i]])).toEqual(allowed.map((c) => [label(c), 'OK']));
    expect(await changeEvents()).toBeGreaterThan(events);
  });
});
