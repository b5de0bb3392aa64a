/**
 * The audit log in the graph: `auditEvents(filter:)`, readable by a DATA_PROTECTION_OFFICER only
 * (anyone else: FORBIDDEN; anonymous: UNAUTHENTICATED). There is no mutation on audit events:
 * they are written only by the changes and reads they record (src/audit/audit.ts).
 */
import { builder } from '../schema/builder.js';
import { pageComplexity, pageTypes } from '../partnership/common.js';

const AuditActionEnum = builder.enumType('AuditAction', {
  description: 'What an audit event records.',
  values: {
    CREATE: { description: 'A record was created.' },
    UPDATE: { description: 'A record was changed.' },
    DELETE: { description: 'A record was ended or deleted.' },
    READ: { description: 'A RESTRICTED item was read (once per item per request).' },
    SHARING_CHANGE: { description: "An item's sharing level or named partners changed." },
  },
});

const DPO = { role: 'DATA_PROTECTION_OFFICER' } as const;

builder.prismaObject('AuditEvent', {
  description: 'One change to a record, or one read of a restricted item. Append-only.',
  authScopes: DPO,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event’s number (in order of writing).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
    action: t.expose('action', { type: AuditActionEnum, description: 'What happened.' }),
    entity: t.exposeString('entity', { description: 'The type of the record (e.g. "IntelligenceItem").' }),
    entityId: t.exposeString('entityId', { description: 'The record’s id within its type.' }),
    actorPersonId: t.exposeInt('actorPersonId', { nullable: true, description: 'The person who did it (Person id), if the token named one.' }),
    actorPartnerId: t.exposeInt('actorPartnerId', { nullable: true, description: 'Their partner (Partner id).' }),
    actorSubject: t.exposeString('actorSubject', { nullable: true, description: 'The token’s subject (or the command that did it).' }),
    before: t.exposeString('before', { nullable: true, description: 'The record before a change, as JSON text.' }),
    after: t.exposeString('after', { nullable: true, description: 'The record after a change, as JSON text.' }),
  }),
});

const AuditFilter = builder.inputType('AuditEventFilter', {
  description: 'Narrows the audit log; every condition given must hold.',
  fields: (t) => ({
    entity: t.string({ required: false, description: 'Records of this type.' }),
    entityId: t.string({ required: false, description: 'This record (with entity).' }),
    action: t.field({ type: AuditActionEnum, required: false, description: 'Of this kind.' }),
    personId: t.int({ required: false, description: 'Done by this person (Person id).' }),
    partnerId: t.int({ required: false, description: 'Done by someone of this partner (Partner id).' }),
    from: t.field({ type: 'DateTime', required: false, description: 'At or after this instant.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Before this instant.' }),
  }),
});

function auditWhere(filter: typeof AuditFilter.$inferInput | null | undefined) {
  const f = filter ?? {};
  return {
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.personId ? { actorPersonId: f.personId } : {}),
    ...(f.partnerId ? { actorPartnerId: f.partnerId } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

builder.queryField('auditEvents', (t) =>
  t.prismaConnection(
    {
      type: 'AuditEvent',
      cursor: 'id',
      description: 'The audit log, newest first (DATA_PROTECTION_OFFICER only).',
      authScopes: DPO,
      totalCount: (_parent, args, ctx) => ctx.prisma.auditEvent.count({ where: auditWhere(args.filter) }),
      complexity: pageComplexity,
      args: { filter: t.arg({ type: AuditFilter, required: false, description: 'Narrow the log.' }) },
      resolve: (query, _root, args, ctx) => ctx.prisma.auditEvent.findMany({ ...query, where: auditWhere(args.filter), orderBy: { id: 'desc' } }),
    },
    ...pageTypes('audit events'),
  ),
);
