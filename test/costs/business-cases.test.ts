/**
 * Business cases: an appraisal saved under a name, linked to a priority and a locality, by a
 * signed-in CONTRIBUTOR, ANALYST, ADMIN or the LOCALITY_LEAD of that locality; audited; and every
 * bad request (anonymous, the wrong role or locality, bad input, an unknown priority, locality or
 * unit cost, a duplicate name) refused with its typed error, writing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId } from '../support/ids.js';
import { refusedWritingNothing } from '../support/refused.js';

let t: TestServer;
let priorityId: string;
let otherPriorityId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  tokens.contributor = await tokenFor({ personId: 1, partnerId: 1, roles: ['CONTRIBUTOR'] });
  tokens.analyst = await tokenFor({ personId: 2, partnerId: 1, roles: ['ANALYST'] });
  tokens.reader = await tokenFor({ personId: 3, partnerId: 1, roles: ['READER'] });
  tokens.kingtonLead = await tokenFor({ personId: 4, partnerId: 1, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
  tokens.mortimerLead = await tokenFor({ personId: 5, partnerId: 1, roles: ['LOCALITY_LEAD'], localities: ['mortimer'] });
  const res = await t.gql(`{ k: priorities(localityCode: "kington", first: 1) { edges { node { id } } } m: priorities(localityCode: "mortimer", first: 1) { edges { node { id } } } }`);
  priorityId = res.data.k.edges[0].node.id;
  otherPriorityId = res.data.m.edges[0].node.id;
});
afterAll(async () => {
  await t?.stop();
});

const SAVE = `mutation($input: SaveBusinessCaseInput!) { saveBusinessCase(input: $input) {
  id name priceBase centralNetPresentValue centralBenefitCostRatio locality { code } priority { id }
  appraisal { central { netPresentValue benefitCostRatio paybackYear } }
} }`;
const UPDATE = `mutation($id: ID!, $input: UpdateBusinessCaseInput!) { updateBusinessCase(id: $id, input: $input) { id name centralNetPresentValue } }`;
const appraisal = {
  years: 5,
  reductions: [{ unitCostId: 'asb-incident-police', perYear: 200, cashableShare: 0.5 }],
  costs: [{ year: 0, setUp: '20000' }, { year: 1, running: '5000' }, { year: 2, running: '5000' }],
};
const input = (name: string, extra: Record<string, unknown> = {}) => ({ name, priorityId, localityCode: 'kington', appraisal, ...extra });

async function counts() {
  const prisma = t.server.stores.records.prisma;
  return { cases: await prisma.businessCase.count(), audits: await prisma.auditEvent.count() };
}

/** Send a mutation that must fail; check the error and that nothing was written. */
async function refused(query: string, variables: Record<string, unknown>, token: string | undefined, code: string, field?: string) {
  await refusedWritingNothing(t, counts, { query, variables, token, code, field });
}

describe('saving a business case', () => {
  it('saves it with its central results, linked to the priority and locality, and audits it', async () => {
    const before = await counts();
    const res = await t.gql(SAVE, { input: input('Youth outreach') }, { token: tokens.contributor });
    expect(res.errors).toBeUndefined();
    const saved = res.data.saveBusinessCase;
    expect(saved).toMatchObject({ name: 'Youth outreach', locality: { code: 'kington' }, priority: { id: priorityId } });
    expect(saved.centralNetPresentValue).toBe(saved.appraisal.central.netPresentValue);
    const check = await t.gql(`query($input: AppraisalInput!) { appraisal(input: $input) { priceBase central { netPresentValue } } }`, { input: appraisal });
    expect(saved.centralNetPresentValue).toBe(check.data.appraisal.central.netPresentValue);
    expect(saved.priceBase).toBe(check.data.appraisal.priceBase);
    expect(await counts()).toEqual({ cases: before.cases + 1, audits: before.audits + 1 });
    const event = await t.server.stores.records.prisma.auditEvent.findFirst({ where: { entity: 'BusinessCase' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ action: 'CREATE', actorPersonId: 1, actorPartnerId: 1 });
  });

  it('lets an ANALYST and the lead of the locality save one too', async () => {
    for (const [token, name] of [[tokens.analyst, 'Analyst case'], [tokens.kingtonLead, 'Lead case']] as const) {
      const res = await t.gql(SAVE, { input: input(name) }, { token });
      expect(res.errors).toBeUndefined();
    }
  });

  it('renames it and replaces its appraisal, audited with before and after', async () => {
    const saved = await t.gql(SAVE, { input: input('To change') }, { token: tokens.contributor });
    const id = saved.data.saveBusinessCase.id;
    const res = await t.gql(UPDATE, { id, input: { name: 'Changed', appraisal: { ...appraisal, years: 3 } } }, { token: tokens.kingtonLead });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateBusinessCase.name).toBe('Changed');
    expect(res.data.updateBusinessCase.centralNetPresentValue).not.toBe(saved.data.saveBusinessCase.centralNetPresentValue);
    const event = await t.server.stores.records.prisma.auditEvent.findFirst({ where: { entity: 'BusinessCase', action: 'UPDATE' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(event!.before!).name).toBe('To change');
    expect(JSON.parse(event!.after!).name).toBe('Changed');
  });

  it("is changed only by the saving partner's contributors and analysts, the locality's lead or an admin", async () => {
    const saved = await t.gql(SAVE, { input: input('Partner-owned') }, { token: tokens.contributor });
    const id = saved.data.saveBusinessCase.id;
    const otherPartner = await tokenFor({ personId: 6, partnerId: 2, roles: ['CONTRIBUTOR', 'ANALYST'] });
    const refused = await t.gql(UPDATE, { id, input: { name: 'Taken over' } }, { token: otherPartner });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherLead = await t.gql(UPDATE, { id, input: { name: 'Taken over' } }, { token: tokens.mortimerLead });
    expect(otherLead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await t.gql(UPDATE, { id, input: { name: 'Partner-owned, renamed' } }, { token: tokens.analyst });
    expect(own.errors).toBeUndefined();
    const row = await t.server.stores.records.prisma.businessCase.findFirstOrThrow({ where: { name: { startsWith: 'Partner-owned' } } });
    expect(row.name).toBe('Partner-owned, renamed');
  });

  it('refuses a name saved twice at once with CONFLICT for all but one', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.gql(SAVE, { input: input('Raced name') }, { token: tokens.contributor })),
    );
    const codes = results.map((res) => res.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await t.server.stores.records.prisma.businessCase.count({ where: { name: 'Raced name' } })).toBe(1);
  });

  it('saved before 0.2.0 (its appraisal naming `locality`, since renamed localityCode), it is still recomputed', async () => {
    const saved = await t.gql(SAVE, { input: input('Saved in 0.1', { appraisal: { ...appraisal, localityCode: 'kington' } }) }, { token: tokens.contributor });
    expect(saved.errors).toBeUndefined();
    const { id, centralNetPresentValue } = saved.data.saveBusinessCase;
    const prisma = t.server.stores.records.prisma;
    const row = await prisma.businessCase.findFirstOrThrow({ where: { name: 'Saved in 0.1' } });
    const { localityCode, ...rest } = JSON.parse(row.input);
    await prisma.businessCase.update({ where: { id: row.id }, data: { input: JSON.stringify({ locality: localityCode, ...rest }) } });
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on BusinessCase { input appraisal { central { netPresentValue } } } } }`, { id }, { token: tokens.reader });
    expect(res.errors).toBeUndefined();
    expect(JSON.parse(res.data.node.input).locality).toBe('kington');
    expect(res.data.node.appraisal.central.netPresentValue).toBe(centralNetPresentValue);
  });

  it('is listed for signed-in partners only', async () => {
    const query = `{ businessCases(localityCode: "kington") { totalCount edges { node { name } } } }`;
    const res = await t.gql(query, {}, { token: tokens.reader });
    expect(res.errors).toBeUndefined();
    expect(res.data.businessCases.totalCount).toBeGreaterThanOrEqual(3);
    const anonymous = await t.gql(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('refused business cases write nothing', () => {
  it('anonymous: UNAUTHENTICATED', () => refused(SAVE, { input: input('Anonymous') }, undefined, 'UNAUTHENTICATED'));
  it('a READER: FORBIDDEN', () => refused(SAVE, { input: input('Reader') }, tokens.reader, 'FORBIDDEN'));
  it('the lead of another locality: FORBIDDEN', () => refused(SAVE, { input: input('Other lead') }, tokens.mortimerLead, 'FORBIDDEN'));
  it('a blank name', () => refused(SAVE, { input: input('  ') }, tokens.contributor, 'BAD_USER_INPUT', 'input.name'));
  it('a malformed priority id', () => refused(SAVE, { input: input('Bad id', { priorityId: 'nope' }) }, tokens.contributor, 'BAD_USER_INPUT', 'input.priorityId'));
  it('an unknown priority', () =>
    refused(SAVE, { input: input('No priority', { priorityId: globalId('Priority', 99999) }) }, tokens.contributor, 'NOT_FOUND'));
  it('an unknown locality', () => refused(SAVE, { input: input('No locality', { localityCode: 'atlantis' }) }, tokens.contributor, 'NOT_FOUND'));
  it('a priority of another locality', () =>
    refused(SAVE, { input: input('Mismatch', { priorityId: otherPriorityId }) }, tokens.contributor, 'BAD_USER_INPUT', 'input.localityCode'));
  it('an unknown unit cost', () =>
    refused(SAVE, { input: input('No cost', { appraisal: { ...appraisal, reductions: [{ unitCostId: 'nope', perYear: 1 }] } }) }, tokens.contributor, 'BAD_USER_INPUT', 'input.appraisal.reductions.0.unitCostId'));
  it('bad money in the appraisal', () =>
    refused(SAVE, { input: input('Bad money', { appraisal: { ...appraisal, costs: [{ year: 0, setUp: '1,00.5' }] } }) }, tokens.contributor, 'BAD_USER_INPUT', 'input.appraisal.costs.0.setUp'));
  it('a name the priority already has: CONFLICT', () => refused(SAVE, { input: input('Youth outreach') }, tokens.contributor, 'CONFLICT'));
  it('an update by a READER: FORBIDDEN', async () => {
    const list = await t.gql(`{ businessCases(first: 1) { edges { node { id } } } }`, {}, { token: tokens.reader });
    await refused(UPDATE, { id: list.data.businessCases.edges[0].node.id, input: { name: 'Hijack' } }, tokens.reader, 'FORBIDDEN');
  });
  it('an update of an unknown case: NOT_FOUND', () =>
    refused(UPDATE, { id: globalId('BusinessCase', 99999), input: { name: 'Ghost' } }, tokens.contributor, 'NOT_FOUND'));
});
