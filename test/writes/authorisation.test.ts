/**
 * Who may write what, decided in the write transaction on every record a mutation changes or
 * links (issue 15, severe 2, 3 and 6 and the low item on moving records): a declared table of
 * (viewer, mutation, record) -> expected outcome, each refusal checked to write nothing (no change
 * event in the audit log, the record as it was).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/viewer.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let admin: string;
const ids = {} as Record<string, string>;
const id = (name: string): string => ids[name]!;
const numeric = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':').pop());

async function ok(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<any> {
  const answer = await t.gql(query, variables, { token });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
  const partners = (await ok(`{ partners(first: 2) { edges { node { id } } } }`)).partners.edges;
  ids.partnerA = partners[0].node.id;
  ids.partnerB = partners[1].node.id;
  ids.countyBoard = (await ok(`{ boards(kind: HEALTH_AND_WELLBEING_BOARD) { edges { node { id } } } }`)).boards.edges[0].node.id;
  ids.kingtonPlan = (await ok(`mutation { createLocalityPlan(input: { localityCode: "kington", approach: CORE, title: "Kington plan" }) { id } }`)).createLocalityPlan.id;
  ids.leominsterPlan = (await ok(`mutation { createLocalityPlan(input: { localityCode: "leominster", approach: CORE, title: "Leominster plan" }) { id } }`)).createLocalityPlan.id;
  ids.personA = (await ok(`mutation($p: ID!) { createPerson(input: { name: "Person of A", partnerId: $p }) { id } }`, { p: ids.partnerA })).createPerson.id;
  const authorB = await tokenFor({ personId: 1, partnerId: numeric(id("partnerB")), roles: ['CONTRIBUTOR'] });
  ids.itemOfA = (
    await ok(
      `mutation { createIntelligenceItem(input: { title: "A's", body: "b", source: SURVEY, theme: "t", observedOn: "2024-01-01", localityCodes: ["kington"], sharingLevel: RESTRICTED }) { id } }`,
      {},
      await tokenFor({ personId: 1, partnerId: numeric(id("partnerA")), roles: ['CONTRIBUTOR'] }),
    )
  ).createIntelligenceItem.id;
  ids.issueOfB = (
    await ok(`mutation { createIssue(input: { localityCode: "leominster", title: "B's", description: "d", theme: "t", raisedOn: "2024-01-01" }) { id } }`, {}, authorB)
  ).createIssue.id;
}, 120_000);
afterAll(() => t?.stop());

interface Viewer {
  roles: Role[];
  partner: 'A' | 'B';
  localities?: string[];
}
interface Row {
  what: string;
  as: Viewer;
  doc: string;
  vars: () => Record<string, unknown>;
  expect: 'OK' | 'FORBIDDEN';
}

const kingtonLead: Viewer = { roles: ['LOCALITY_LEAD'], partner: 'A', localities: ['kington'] };
const table: Row[] = [
  // Severe 2: the permission of one record (the lead's own plan) must not carry a write to another (a county board).
  { what: 'a lead adds a priority to a county board through their own plan', as: kingtonLead, expect: 'FORBIDDEN',
    doc: `mutation($b: ID!, $p: ID!) { createPriority(input: { boardId: $b, planId: $p, title: "x", theme: "t", status: LIVE }) { id } }`, vars: () => ({ b: ids.countyBoard, p: ids.kingtonPlan }) },
  { what: 'a lead adds a priority to a county board', as: kingtonLead, expect: 'FORBIDDEN',
    doc: `mutation($b: ID!) { createPriority(input: { boardId: $b, title: "x", theme: "t" }) { id } }`, vars: () => ({ b: ids.countyBoard }) },
  { what: "a lead adds a priority to their own locality's plan", as: kingtonLead, expect: 'OK',
    doc: `mutation($p: ID!) { createPriority(input: { planId: $p, title: "x", theme: "t" }) { id } }`, vars: () => ({ p: ids.kingtonPlan }) },
  { what: "a lead adds a priority to another locality's plan", as: kingtonLead, expect: 'FORBIDDEN',
    doc: `mutation($p: ID!) { createPriority(input: { planId: $p, title: "x", theme: "t" }) { id } }`, vars: () => ({ p: ids.leominsterPlan }) },
  { what: 'a lead opens a consultation of their locality on a county board', as: kingtonLead, expect: 'FORBIDDEN',
    doc: `mutation($b: ID!) { createConsultation(input: { localityCode: "kington", boardId: $b, subject: "s", audience: RESIDENTS, opensOn: "2025-01-01", deadline: "2025-02-01" }) { id } }`, vars: () => ({ b: ids.countyBoard }) },
  { what: 'a lead opens a consultation of their locality', as: kingtonLead, expect: 'OK',
    doc: `mutation { createConsultation(input: { localityCode: "kington", subject: "s", audience: RESIDENTS, opensOn: "2025-01-01", deadline: "2025-02-01" }) { id } }`, vars: () => ({}) },
  { what: "a lead changes another locality's plan", as: kingtonLead, expect: 'FORBIDDEN',
    doc: `mutation($p: ID!) { updateLocalityPlan(id: $p, input: { title: "mine now" }) { id } }`, vars: () => ({ p: ids.leominsterPlan }) },
  // Severe 3: sharing needs the role that changes the item.
  ...(['READER', 'ANALYST', 'DATA_PROTECTION_OFFICER'] as const).map((role): Row => ({
    what: `a ${role} of the author's partner makes a RESTRICTED item PUBLIC`, as: { roles: [role], partner: 'A' }, expect: 'FORBIDDEN',
    doc: `mutation($i: ID!) { changeSharing(id: $i, input: { sharingLevel: PUBLIC }) }`, vars: () => ({ i: ids.itemOfA }),
  })),
  { what: "a CONTRIBUTOR of the author's partner changes its sharing", as: { roles: ['CONTRIBUTOR'], partner: 'A' }, expect: 'OK',
    doc: `mutation($i: ID!) { changeSharing(id: $i, input: { sharingLevel: RESTRICTED, sharedWithPartnerIds: [] }) }`, vars: () => ({ i: ids.itemOfA }) },
  // Medium 6: a contributor keeps their own partner's people, and cannot move one to another partner.
  { what: 'a contributor moves their partner’s person to another partner', as: { roles: ['CONTRIBUTOR'], partner: 'A' }, expect: 'FORBIDDEN',
    doc: `mutation($p: ID!, $to: ID!) { updatePerson(id: $p, input: { partnerId: $to }) { id } }`, vars: () => ({ p: ids.personA, to: ids.partnerB }) },
  { what: 'a contributor renames their partner’s person', as: { roles: ['CONTRIBUTOR'], partner: 'A' }, expect: 'OK',
    doc: `mutation($p: ID!) { updatePerson(id: $p, input: { name: "Renamed" }) { id } }`, vars: () => ({ p: ids.personA }) },
  { what: 'a contributor of another partner renames the person', as: { roles: ['CONTRIBUTOR'], partner: 'B' }, expect: 'FORBIDDEN',
    doc: `mutation($p: ID!) { updatePerson(id: $p, input: { name: "Taken" }) { id } }`, vars: () => ({ p: ids.personA }) },
  // Low: a lead may not move another partner's issue out of (or into) the localities it leads.
  { what: "a lead moves another partner's issue into a locality it leads", as: { roles: ['LOCALITY_LEAD'], partner: 'A', localities: ['leominster', 'kington'] }, expect: 'FORBIDDEN',
    doc: `mutation($i: ID!) { updateIssue(id: $i, input: { localityCode: "kington" }) { id } }`, vars: () => ({ i: ids.issueOfB }) },
  { what: "a lead changes the theme of another partner's issue in its locality", as: { roles: ['LOCALITY_LEAD'], partner: 'A', localities: ['leominster'] }, expect: 'OK',
    doc: `mutation($i: ID!) { updateIssue(id: $i, input: { theme: "lead's theme" }) { id } }`, vars: () => ({ i: ids.issueOfB }) },
];

const changeEvents = () => t.server.stores.records.prisma.auditEvent.count({ where: { action: { not: 'READ' } } });

describe('the authorisation table: each row the expected outcome, and a refusal writes nothing', () => {
  for (const row of table) {
    it(`${row.expect === 'OK' ? 'allows' : 'refuses'}: ${row.what}`, async () => {
      const token = await tokenFor({
        personId: 1,
        partnerId: numeric(row.as.partner === 'A' ? ids.partnerA! : ids.partnerB!),
        roles: row.as.roles,
        localities: row.as.localities,
      });
      const before = await changeEvents();
      const answer = await t.gql(row.doc, row.vars(), { token });
      if (row.expect === 'OK') {
        expect(answer.errors).toBeUndefined();
        expect(await changeEvents()).toBeGreaterThan(before);
      } else {
        expect(answer.errors?.[0]?.extensions?.code).toBe(row.expect);
        expect(await changeEvents()).toBe(before);
      }
    });
  }

  it('a refused write leaves the record as it was', async () => {
    const person = (await ok(`query($p: ID!) { node(id: $p) { ... on Person { partner { id } } } }`, { p: ids.personA })).node;
    expect(person.partner.id).toBe(ids.partnerA);
    const plan = (await ok(`query($p: ID!) { node(id: $p) { ... on LocalityPlan { title revision } } }`, { p: ids.leominsterPlan })).node;
    expect(plan).toEqual({ title: 'Leominster plan', revision: 1 });
  });
});
