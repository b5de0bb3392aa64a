/**
 * The audit log in the graph: `auditEvents(filter:)`, readable by a DATA_PROTECTION_OFFICER only
 * (anyone else: FORBIDDEN; anonymous: UNAUTHENTICATED). There is no mutation on audit events:
 * they are written only by the changes and reads they record (src/audit/audit.ts).
 *
 * What a DPO sees (README, "What a data-protection officer sees"): of every event, who (person,
 * partner, token subject), when, what kind and which record, always. The record's content (`before`
 * and `after`) only when the officer's partner may see that record today under the sharing rule
 * (src/sharing/visibility.ts); otherwise both are null and `contentWithheld` is true, so the log
 * never copies a restricted item's text to an officer whose partner may not read it. Reading the
 * log is itself audited: one READ event (entity "AuditEvent") per request, naming the events read.
 */
import DataLoader from 'dataloader';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { noteRestrictedRead } from '../sharing/read-audit.js';
import { SHAREABLE, type ShareableEntity } from '../sharing/change.js';
import { seesEverything, visibleWhere } from '../sharing/visibility.js';

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

/** Per request: whether the viewer may see a shareable record today, by `Entity:id` (one query per entity type). */
const visibleRecords = new WeakMap<Context, DataLoader<string, boolean>>();

function recordVisible(ctx: Context, entity: ShareableEntity, id: number): Promise<boolean> {
  let loader = visibleRecords.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const wanted = new Map<ShareableEntity, number[]>();
      for (const key of keys) {
        const [name, id] = key.split(':') as [ShareableEntity, string];
        wanted.set(name, [...(wanted.get(name) ?? []), Number(id)]);
      }
      const seen = new Set<string>();
      for (const [name, ids] of wanted) {
        const delegate = ctx.prisma[SHAREABLE[name]] as unknown as { findMany(args: object): Promise<{ id: number }[]> };
        const rows = await delegate.findMany({ where: { id: { in: ids }, AND: [visibleWhere(ctx.viewer)] }, select: { id: true } });
        for (const row of rows) seen.add(`${name}:${row.id}`);
      }
      return keys.map((key) => seen.has(key));
    });
    visibleRecords.set(ctx, loader);
  }
  return loader.load(`${entity}:${id}`);
}

/** Whether an event's before/after may be shown to this viewer (see the module header). */
async function contentVisible(ctx: Context, event: { entity: string; entityId: string; action: string }): Promise<boolean> {
  if (!(event.entity in SHAREABLE) || seesEverything(ctx.viewer)) return true;
  // A sharing change records the whole record before and after (src/sharing/change.ts), so it is
  // withheld like any other change to a record the DPO's partner may not see.
  const id = Number(event.entityId);
  return Number.isSafeInteger(id) && recordVisible(ctx, event.entity as ShareableEntity, id);
}

builder.prismaObject('AuditEvent', {
  description: 'One change to a record, or one read of a restricted item. Append-only.',
  // Each event that reaches a client is noted, and written as one READ of the log when the request ends.
  authScopes: (event, ctx) => {
    if (!ctx.viewer.roles.has('DATA_PROTECTION_OFFICER')) return false;
    noteRestrictedRead(ctx, 'AuditEvent', event.id);
    return true;
  },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event’s number (in order of writing).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
    action: t.expose('action', { type: AuditActionEnum, description: 'What happened.' }),
    entity: t.exposeString('entity', { description: 'The type of the record (e.g. "IntelligenceItem").' }),
    entityId: t.exposeString('entityId', { description: 'The record’s id within its type.' }),
    actorPersonId: t.exposeInt('actorPersonId', { nullable: true, description: 'The person who did it (Person id), if the token named one.' }),
    actorPartnerId: t.exposeInt('actorPartnerId', { nullable: true, description: 'Their partner (Partner id).' }),
    actorSubject: t.exposeString('actorSubject', { nullable: true, description: 'The token’s subject (or the command that did it).' }),
    before: t.string({
      nullable: true,
      description: 'The record before a change, as JSON text; null when `contentWithheld`.',
      resolve: async (event, _args, ctx) => ((await contentVisible(ctx, event)) ? event.before : null),
    }),
    after: t.string({
      nullable: true,
      description: 'The record after a change, as JSON text; null when `contentWithheld`.',
      resolve: async (event, _args, ctx) => ((await contentVisible(ctx, event)) ? event.after : null),
    }),
    contentWithheld: t.boolean({
      description:
        "True when the record's content (before and after) is withheld: your partner may not see the record today under its sharing level.",
      resolve: async (event, _args, ctx) => !(await contentVisible(ctx, event)),
    }),
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
