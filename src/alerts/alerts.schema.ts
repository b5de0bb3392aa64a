/**
 * Alerts in the graph. An `Alert` is one person's: `alerts` lists the viewer's own (a token
 * naming no person has none), `node(id:)` of another person's alert is null as for a missing one,
 * and `markAlertRead` / `markAllAlertsRead` change only the viewer's. An alert's event says which
 * priority, which indicator, which area, and the figure before and after the import.
 * Webhook subscriptions (`webhookSubscriptions`, `createWebhookSubscription`,
 * `endWebhookSubscription`) are a partner's: its CONTRIBUTORs and LOCALITY_LEADs, or an ADMIN; the
 * secret is shown once, when created; each delivery and every attempt of it can be read back.
 */
import { randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { Prisma } from '../db/records.js';
import { NotFoundError } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { globalId } from '../schema/input.js';
import { builder } from '../schema/builder.js';
import { idArg } from '../writes/graphql.js';
import type { Context } from '../schema/context.js';

const SIGNED_IN = { signedIn: true } as const;
const ownAlerts = (ctx: Context) => ({ personId: ctx.viewer.personId ?? -1 });
const ownSubscriptions = (ctx: Context): Prisma.WebhookSubscriptionWhereInput =>
  ctx.viewer.roles.has('ADMIN') ? {} : { partnerId: ctx.viewer.partnerId ?? -1 };
const SUBSCRIBERS = ['CONTRIBUTOR', 'LOCALITY_LEAD'] as const;

const AlertKindEnum = builder.enumType('AlertKind', {
  description: 'What changed for the worse.',
  values: {
    SIGNIFICANTLY_WORSE: { description: 'The area became significantly worse than the benchmark (95% interval, by polarity).' },
    TREND_WORSENING: { description: 'The recent trend turned to getting worse.' },
  } as const,
});

interface FigureJson {
  period: string;
  value: number | null;
  comparison: string;
  trend: string;
}

const AlertFigureRef = builder.objectRef<FigureJson>('AlertFigure').implement({
  description: 'An indicator’s figure for the area, as the profile gave it.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The latest period.' }),
    value: t.float({ nullable: true, description: 'The value (null when withheld).', resolve: (f) => f.value }),
    comparison: t.exposeString('comparison', { description: 'Compared with the benchmark (BETTER, SIMILAR, WORSE...).' }),
    trend: t.exposeString('trend', { description: 'The recent trend (INCREASING, DECREASING, NO_SIGNIFICANT_CHANGE, NOT_ENOUGH_DATA).' }),
  }),
});

builder.prismaObject('AlertEvent', {
  description: 'One change for the worse of an indicator a live priority cites, found by a statistics import.',
  fields: (t) => ({
    kind: t.expose('kind', { type: AlertKindEnum, description: 'What changed.' }),
    priority: t.relation('priority', { description: 'The priority whose evidence it is.' }),
    indicatorId: t.exposeString('indicatorId', { description: 'The indicator (catalogue id).' }),
    indicatorName: t.exposeString('indicatorName', { description: 'Its name.' }),
    areaCode: t.exposeString('areaCode', { description: 'The area: the priority’s locality, or COUNTY.' }),
    areaName: t.exposeString('areaName', { description: 'The area’s name.' }),
    period: t.exposeString('period', { description: 'The period of the latest figure.' }),
    before: t.field({ type: AlertFigureRef, nullable: true, description: 'The figure before the import (null if there was none).', resolve: (e) => JSON.parse(e.before) as FigureJson | null }),
    after: t.field({ type: AlertFigureRef, description: 'The figure after it.', resolve: (e) => JSON.parse(e.after) as FigureJson }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was found.' }),
  }),
});

builder.prismaNode('Alert', {
  nullable: true,
  authScopes: SIGNED_IN,
  description: 'An alert to one person (an owner of the priority): read or not. Only its person sees it.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id: Number(id), ...ownAlerts(ctx) }),
  fields: (t) => ({
    event: t.relation('event', { description: 'What happened.' }),
    read: t.boolean({ description: 'Whether its person has read it.', select: { readAt: true }, resolve: (a) => a.readAt !== null }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true, description: 'When it was marked read.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was raised.' }),
  }),
});

builder.queryField('alerts', (t) =>
  t.prismaConnection(
    {
      type: 'Alert',
      cursor: 'id',
      authScopes: SIGNED_IN,
      description: 'The viewer’s own alerts, newest first (a token naming no person has none).',
      complexity: pageComplexity,
      args: { unread: t.arg.boolean({ required: false, description: 'true: only unread; false: only read.' }) },
      totalCount: (_parent, args, ctx) => ctx.prisma.alert.count({ where: alertWhere(ctx, args.unread) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.alert.findMany({ ...query, where: alertWhere(ctx, args.unread), orderBy: [{ id: 'desc' }] }),
    },
    ...pageTypes('alerts'),
  ),
);

function alertWhere(ctx: Context, unread: boolean | null | undefined): Prisma.AlertWhereInput {
  return { ...ownAlerts(ctx), ...(unread === true ? { readAt: null } : unread === false ? { readAt: { not: null } } : {}) };
}

builder.prismaObject('WebhookAttempt', {
  description: 'One attempt to deliver a webhook.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: '1 for the first attempt, 2 for the first retry...' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it ended.' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: 'The status the receiver answered (null: no answer).' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed (null when delivered).' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long it took, in milliseconds.' }),
  }),
});

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a webhook delivery stands.',
  values: {
    PENDING: { description: 'Not delivered yet; retries remain.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed.' },
  } as const,
});

builder.prismaObject('WebhookDelivery', {
  description: 'One alert event sent to one subscription, with every attempt.',
  fields: (t) => ({
    status: t.expose('status', { type: DeliveryStatusEnum, description: 'Where it stands.' }),
    attemptCount: t.exposeInt('attemptCount', { description: 'Attempts made.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: 'When the receiver accepted it.' }),
    body: t.exposeString('body', { description: 'The exact JSON body sent (what the signature covers).' }),
    event: t.relation('event', { description: 'The alert event.' }),
    attempts: t.relation('attempts', { description: 'Every attempt, first first.', query: { orderBy: { attempt: 'asc' } } }),
  }),
});

builder.prismaNode('WebhookSubscription', {
  nullable: true,
  authScopes: { anyRole: [...SUBSCRIBERS, 'ADMIN'] },
  description: 'A partner’s endpoint for alert webhooks (its CONTRIBUTORs and LOCALITY_LEADs, or an ADMIN, see it).',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id: Number(id), AND: [ownSubscriptions(ctx)] }),
  fields: (t) => ({
    partner: t.relation('partner', { description: 'The partner it belongs to.' }),
    url: t.exposeString('url', { description: 'Where deliveries are POSTed.' }),
    active: t.exposeBoolean('active', { description: 'Whether it still receives deliveries.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: 'When it was ended.' }),
    deliveries: t.relation('deliveries', {
      description: 'Its latest 50 deliveries, newest first, each with every attempt (the delivery log).',
      query: { orderBy: { id: 'desc' }, take: 50 },
    }),
  }),
});

builder.queryField('webhookSubscriptions', (t) =>
  t.prismaField({
    type: ['WebhookSubscription'],
    authScopes: { anyRole: [...SUBSCRIBERS, 'ADMIN'] },
    description: 'The webhook subscriptions of the viewer’s partner (an ADMIN: every partner’s).',
    resolve: (query, _root, _args, ctx) => ctx.prisma.webhookSubscription.findMany({ ...query, where: ownSubscriptions(ctx), orderBy: { id: 'asc' } }),
  }),
);

interface Created {
  id: number;
  secret: string;
}

const CreatedRef = builder.objectRef<Created>('WebhookSubscriptionCreated').implement({
  description: 'A new subscription and its signing secret, shown this once.',
  fields: (t) => ({
    subscription: t.prismaField({
      type: 'WebhookSubscription',
      description: 'The subscription.',
      resolve: (query, c, _args, ctx) => ctx.prisma.webhookSubscription.findUniqueOrThrow({ ...query, where: { id: c.id } }),
    }),
    secret: t.exposeString('secret', {
      description: 'The HMAC-SHA256 key: verify each body against the X-Locality-Signature header (sha256=<hex>). Not shown again.',
    }),
  }),
});

const createInput = z.object({
  partnerId: globalId('Partner'),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// URL'),
});

const CreateInput = builder.inputType('CreateWebhookSubscriptionInput', {
  description: 'Where a partner wants its alert webhooks sent.',
  fields: (t) => ({
    partnerId: t.id({ required: true, description: 'The partner (global id).' }),
    url: t.string({ required: true, description: 'The receiver’s http(s) URL.' }),
  }),
}).validate(createInput);

const mayManage = (partnerId: number | null) =>
  partnerId === null ? { role: 'ADMIN' as const } : { role: 'ADMIN' as const, $all: { memberOf: partnerId, anyRole: SUBSCRIBERS } };

builder.mutationFields((t) => ({
  markAlertRead: t.prismaField({
    type: 'Alert',
    authScopes: SIGNED_IN,
    description: 'Mark one of your alerts read (or unread again with read: false). NOT_FOUND for anyone else’s.',
    args: {
      id: idArg(t.arg, 'Alert', 'The alert’s global id.'),
      read: t.arg.boolean({ required: false, description: 'Read (default true) or unread.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = args;
      const changed = await ctx.prisma.alert.updateMany({ where: { id, ...ownAlerts(ctx) }, data: { readAt: args.read === false ? null : new Date() } });
      if (changed.count === 0) throw new NotFoundError('Alert', encodeGlobalID('Alert', id));
      return ctx.prisma.alert.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  markAllAlertsRead: t.int({
    authScopes: SIGNED_IN,
    description: 'Mark all your unread alerts read; how many were.',
    resolve: async (_root, _args, ctx) => (await ctx.prisma.alert.updateMany({ where: { ...ownAlerts(ctx), readAt: null }, data: { readAt: new Date() } })).count,
  }),
  createWebhookSubscription: t.field({
    type: CreatedRef,
    description: 'Subscribe a partner to alert webhooks (an ADMIN, or a CONTRIBUTOR or LOCALITY_LEAD of that partner). Audited (without the secret).',
    authScopes: (_root, args) => mayManage(args.input.partnerId),
    args: { input: t.arg({ type: CreateInput, required: true, description: 'The subscription.' }) },
    resolve: async (_root, args, ctx) => {
      const { input } = args;
      const secret = randomBytes(32).toString('hex');
      const id = await ctx.prisma.$transaction(async (tx) => {
        const partner = await tx.partner.findUnique({ where: { id: input.partnerId }, select: { id: true } });
        if (!partner) throw new NotFoundError('Partner', encodeGlobalID('Partner', input.partnerId));
        const created = await tx.webhookSubscription.create({ data: { partnerId: input.partnerId, url: input.url, secret } });
        await recordAudit(tx, ctx.viewer, { action: 'CREATE', entity: 'WebhookSubscription', entityId: created.id, after: { partnerId: created.partnerId, url: created.url } });
        return created.id;
      });
      return { id, secret };
    },
  }),
  endWebhookSubscription: t.prismaField({
    type: 'WebhookSubscription',
    description: 'Stop a subscription’s deliveries (its partner’s CONTRIBUTOR or LOCALITY_LEAD, or an ADMIN). Audited.',
    authScopes: async (_root, args, ctx) => {
      const row = await ctx.prisma.webhookSubscription.findUnique({ where: { id: args.id }, select: { partnerId: true } });
      return row ? mayManage(row.partnerId) : { anyRole: [...SUBSCRIBERS, 'ADMIN'] };
    },
    args: { id: idArg(t.arg, 'WebhookSubscription', 'The subscription’s global id.') },
    resolve: async (query, _root, args, ctx) => {
      const { id } = args;
      await ctx.prisma.$transaction(async (tx) => {
        const before = await tx.webhookSubscription.findFirst({ where: { id, ...ownSubscriptions(ctx) }, select: { partnerId: true, url: true, active: true } });
        if (!before) throw new NotFoundError('WebhookSubscription', encodeGlobalID('WebhookSubscription', id));
        await tx.webhookSubscription.update({ where: { id }, data: { active: false, endedAt: new Date() } });
        await recordAudit(tx, ctx.viewer, { action: 'UPDATE', entity: 'WebhookSubscription', entityId: id, before, after: { ...before, active: false } });
      });
      return ctx.prisma.webhookSubscription.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
