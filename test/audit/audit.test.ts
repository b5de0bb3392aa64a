/**
 * The audit log through HTTP: every read of a RESTRICTED item is one READ event per item per
 * request whatever paths returned it; sharing changes are audited with before and after; only a
 * DATA_PROTECTION_OFFICER reads the log; nothing in the API changes it; and a read that cannot be
 * recorded is not served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId, recordId } from '../support/ids.js';

let t: TestServer;
let author: string;
let named: string;
let dpo: string;
let partners: number[];
let restrictedId: string;
let restrictedDbId: number;
let openId: string;
const db = () => t.server.stores.records.prisma;
const reads = (entityId: number) => db().auditEvent.count({ where: { action: 'READ', entity: 'IntelligenceItem', entityId: String(entityId) } });

const CREATE = `mutation($input: CreateIntelligenceItemInput!) { createIntelligenceItem(input: $input) { id } }`;

beforeAll(async () => {
  t = await startTestServer();
  partners = (await db().partner.findMany({ take: 3, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
  author = await tokenFor({ personId: 1, partnerId: partners[0], roles: ['CONTRIBUTOR'], subject: 'author' });
  named = await tokenFor({ partnerId: partners[1], roles: ['READER'], subject: 'named' });
  dpo = await tokenFor({ partnerId: partners[2], roles: ['DATA_PROTECTION_OFFICER'], subject: 'dpo' });
  const base = { body: 'b', source: 'PARTNER_DATA', theme: 'Audit', observedOn: '2026-05-01', localityCodes: ['kington'] };
  const restricted = await t.gql(CREATE, { input: { ...base, title: 'Audited secret', sharingLevel: 'RESTRICTED', sharedWithPartnerIds: [globalId('Partner', partners[1]!)] } }, { token: author });
  expect(restricted.errors).toBeUndefined();
  restrictedId = restricted.data.createIntelligenceItem.id;
  restrictedDbId = recordId(restrictedId);
  const open = await t.gql(CREATE, { input: { ...base, title: 'Audited open', sharingLevel: 'PARTNERSHIP' } }, { token: author });
  openId = open.data.createIntelligenceItem.id;
});
afterAll(async () => t?.stop());

describe('reads of restricted items', () => {
  const EVERY_PATH = `query($id: ID!) {
    list: intelligence { edges { node { title } } }
    search: intelligence(filter: { search: "audited" }) { edges { node { title } } }
    node(id: $id) { ... on IntelligenceItem { title } }
    locality(code: "kington") { intelligence { edges { node { title sharingLevel } } } }
  }`;

  it('make exactly one READ event per item per request, whatever paths returned it', async () => {
    const before = await reads(restrictedDbId);
    const res = await t.gql(EVERY_PATH, { id: restrictedId }, { token: named });
    expect(res.errors).toBeUndefined();
    expect(res.data.node.title).toBe('Audited secret');
    expect(res.data.list.edges.map((e: any) => e.node.title)).toContain('Audited secret');
    expect(await reads(restrictedDbId)).toBe(before + 1);

    await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: restrictedId }, { token: named });
    expect(await reads(restrictedDbId)).toBe(before + 2);

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'READ', entityId: String(restrictedDbId) }, orderBy: { id: 'desc' } });
    expect([event.entity, event.actorPartnerId, event.actorSubject, event.before, event.after]).toEqual(['IntelligenceItem', partners[1], 'named', null, null]);
  });

  it('are not recorded for items that are not restricted, nor for viewers who cannot see them', async () => {
    const total = await reads(restrictedDbId);
    const openDbId = recordId(openId);
    await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: openId }, { token: named });
    const outsider = await tokenFor({ partnerId: partners[2], roles: ['READER'] });
    const hidden = await t.gql(EVERY_PATH, { id: restrictedId }, { token: outsider });
    expect(hidden.data.node).toBeNull();
    expect(await reads(restrictedDbId)).toBe(total);
    expect(await reads(openDbId)).toBe(0);
  });
});

describe('sharing changes', () => {
  const CHANGE = `mutation($id: ID!, $input: ChangeSharingInput!) { changeSharing(id: $id, input: $input) }`;

  it('are audited with before and after, and only the author partner or an admin may make them', async () => {
    const refused = await t.gql(CHANGE, { id: restrictedId, input: { sharingLevel: 'PUBLIC' } }, { token: named });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const done = await t.gql(CHANGE, { id: openId, input: { sharingLevel: 'RESTRICTED', sharedWithPartnerIds: [globalId('Partner', partners[2]!)] } }, { token: author });
    expect(done.errors).toBeUndefined();
    const openDbId = String(recordId(openId));
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'SHARING_CHANGE', entityId: openDbId } });
    // The whole record before and after (src/writes: each event's before is the previous event's after).
    expect(JSON.parse(event.before!)).toMatchObject({ id: Number(openDbId), sharingLevel: 'PARTNERSHIP', sharedWith: [] });
    expect(JSON.parse(event.after!)).toMatchObject({ id: Number(openDbId), sharingLevel: 'RESTRICTED', sharedWith: [{ partnerId: partners[2] }] });

    const bad = await t.gql(CHANGE, { id: openId, input: { sharingLevel: 'PUBLIC', sharedWithPartnerIds: [globalId('Partner', 999_999)] } }, { token: author });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sharedWithPartnerIds' });
    const item = await db().intelligenceItem.findUniqueOrThrow({ where: { id: Number(openDbId) } });
    expect(item.sharingLevel).toBe('RESTRICTED');
  });
});

describe('the audit log', () => {
  const LOG = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { totalCount edges { node { action entity entityId actorSubject } } } }`;

  it('is readable by a data-protection officer, with filters', async () => {
    const res = await t.gql(LOG, { filter: { entity: 'IntelligenceItem', entityId: String(restrictedDbId), action: 'READ' } }, { token: dpo });
    expect(res.errors).toBeUndefined();
    const expected = await reads(restrictedDbId);
    expect(expected).toBeGreaterThan(0);
    expect(res.data.auditEvents.totalCount).toBe(expected);
    expect(new Set(res.data.auditEvents.edges.map((e: any) => `${e.node.action} ${e.node.entity} ${e.node.entityId}`))).toEqual(
      new Set([`READ IntelligenceItem ${restrictedDbId}`]),
    );
  });

  it('is FORBIDDEN to everyone else, even an admin, and UNAUTHENTICATED without a token', async () => {
    const admin = await tokenFor({ partnerId: partners[0], roles: ['ADMIN', 'ANALYST'] });
    expect((await t.gql(LOG, {}, { token: admin })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LOG, {}, { token: named })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LOG, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot be changed through the API: no mutation takes or returns an audit event, and an attempt fails', async () => {
    const schema = await t.gql(`{ __schema { mutationType { fields { name type { name ofType { name } } args { name } } } } }`);
    const fields = schema.data.__schema.mutationType.fields as { name: string; type: { name: string | null; ofType: { name: string } | null } }[];
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) {
      expect(field.name.toLowerCase()).not.toContain('audit');
      expect([field.type.name, field.type.ofType?.name]).not.toContain('AuditEvent');
    }
    const count = await db().auditEvent.count();
    const attempt = await t.gql(`mutation { deleteAuditEvent(id: "1") }`, {}, { token: dpo });
    expect(attempt.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await db().auditEvent.count()).toBe(count);
  });
});

describe('a read that cannot be recorded', () => {
  it('is not served: the request fails with no data', async () => {
    const broken = await startTestServer();
    try {
      const prisma = broken.server.stores.records.prisma;
      const [a, b] = (await prisma.partner.findMany({ take: 2, orderBy: { id: 'asc' } })).map((p) => p.id);
      const item = await prisma.intelligenceItem.create({
        data: { title: 'Unrecordable', body: 'b', searchText: 'unrecordable', source: 'SURVEY', theme: 'Audit', observedOn: new Date('2026-01-01'), sharingLevel: 'RESTRICTED', authorPartnerId: a! },
      });
      await prisma.$executeRawUnsafe('DROP TABLE "AuditEvent"');
      const token = await tokenFor({ partnerId: a!, roles: ['READER'] });
      const res = await broken.gql(`query($id: ID!) { node(id: $id) { ... on IntelligenceItem { title body } } }`, { id: globalId('IntelligenceItem', item.id) }, { token });
      expect(res.status).toBe(500);
      expect(res.data).toBeUndefined();
      expect(JSON.stringify(res)).not.toContain('Unrecordable');
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(b).toBeDefined();
    } finally {
      await broken.stop();
    }
  });
});

describe('what a data-protection officer sees', () => {
  const CONTENT = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { edges { node { id action entity entityId at actorPartnerId before after contentWithheld } } } }`;

  it('who, when, what kind and which record always; the content of a record their partner may not see, never', async () => {
    const filter = { entity: 'IntelligenceItem', entityId: String(restrictedDbId), action: 'CREATE' };
    const res = await t.gql(CONTENT, { filter }, { token: dpo });
    expect(res.errors).toBeUndefined();
    const [event] = res.data.auditEvents.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ action: 'CREATE', entity: 'IntelligenceItem', entityId: String(restrictedDbId), actorPartnerId: partners[0], before: null, after: null, contentWithheld: true });
    expect(JSON.stringify(res)).not.toContain('Audited secret');

    // The author's partner's officer may see the item, and so its content.
    const own = await tokenFor({ partnerId: partners[0], roles: ['DATA_PROTECTION_OFFICER'], subject: 'own-dpo' });
    const mine = await t.gql(CONTENT, { filter }, { token: own });
    const [seen] = mine.data.auditEvents.edges.map((e: any) => e.node);
    expect(seen.contentWithheld).toBe(false);
    expect(JSON.parse(seen.after).title).toBe('Audited secret');
  });

  it('reading the log is itself on record: one READ of the audit log per request, naming the events read', async () => {
    const readsOfLog = () => db().auditEvent.findMany({ where: { action: 'READ', entity: 'AuditEvent', actorSubject: 'dpo' }, orderBy: { id: 'asc' } });
    const before = (await readsOfLog()).length;
    const res = await t.gql(CONTENT, { filter: { entity: 'IntelligenceItem' } }, { token: dpo });
    expect(res.errors).toBeUndefined();
    const after = await readsOfLog();
    expect(after.length).toBe(before + 1);
    const ids = res.data.auditEvents.edges.map((e: any) => Number(e.node.id)).sort((a: number, b: number) => a - b);
    expect(JSON.parse(after.at(-1)!.after!).eventIds).toEqual(ids);
  });
});
