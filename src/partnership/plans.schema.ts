/**
 * LocalityPlan in the graph: the type, `Locality.plan` (the approved version) and `Locality.plans`
 * (every version), `localityPlans` (filtered, paged), and the mutations to write, change and
 * approve a version (ADMIN, or the locality's lead).
 */
import type { PlanApproach, PlanStatus } from '../generated/prisma/sqlite/enums.js';
import { inLocalityGroup } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { leadScopes, recordLocality } from '../auth/scopes.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { PlanApproachEnum, PlanStatusEnum } from './enums.js';
import { approvePlan, approvePlanInput, createPlan, createPlanInput, updatePlan, updatePlanInput } from './plans.js';

export const LocalityPlanRef = builder.prismaNode('LocalityPlan', {
  nullable: true,
  description:
    'One version of a locality’s plan: its approach, status, approval, priorities, engagement mechanisms and multi-agency arrangements. Approving a version supersedes the one before; old versions stay readable.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    locality: t.relation('locality', { description: 'The locality.' }),
    version: t.exposeInt('version', { description: 'The version number (1, 2, ...).' }),
    approach: t.expose('approach', { type: PlanApproachEnum, description: 'How much partnership working it calls for.' }),
    status: t.expose('status', { type: PlanStatusEnum, description: 'Where this version stands.' }),
    title: t.exposeString('title', { description: 'Its title.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'What it sets out to do.' }),
    engagementMechanisms: t.exposeString('engagementMechanisms', { nullable: true, description: 'How the community and partners are engaged.' }),
    multiAgencyArrangements: t.exposeString('multiAgencyArrangements', { nullable: true, description: 'How the agencies work together.' }),
    approvedBy: t.relation('approvedBy', { nullable: true, description: 'The board that approved it.' }),
    approvedOn: t.expose('approvedOn', { type: 'Date', nullable: true, description: 'The day it was approved.' }),
    supersededOn: t.expose('supersededOn', { type: 'Date', nullable: true, description: 'The day a later version replaced it.' }),
    priorities: t.relation('priorities', {
      description: 'The plan’s priorities.',
      complexity: { field: 1, multiplier: 10 },
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

builder.prismaObjectFields('Locality', (t) => ({
  plan: t.field({
    type: LocalityPlanRef,
    nullable: true,
    description: 'The plan in force: the approved version (null if none is approved).',
    select: (_args, _ctx, nestedSelection) => ({
      plans: nestedSelection({ where: { status: 'APPROVED' }, orderBy: { version: 'desc' }, take: 1 }),
    }),
    resolve: (locality) => locality.plans[0] ?? null,
  }),
  plans: t.relatedConnection('plans', {
    description: 'Every version of the locality’s plan, newest first.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: { status: t.arg({ type: PlanStatusEnum, required: false, description: 'Only versions with this status.' }) },
    query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: [{ version: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('plan versions')),
}));

interface PlanFilter {
  localityCode?: string | null;
  group?: string | null;
  status?: PlanStatus | null;
  approach?: PlanApproach | null;
}

function plansWhere(args: PlanFilter) {
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { locality } : {}),
    ...(args.status ? { status: args.status } : {}),
    ...(args.approach ? { approach: args.approach } : {}),
  };
}

builder.queryField('localityPlans', (t) =>
  t.prismaConnection({
    type: 'LocalityPlan',
    cursor: 'id',
    description: 'Locality plan versions by locality then version (newest first), filtered by locality, group of localities, status and approach.',
    complexity: pageComplexity,
    args: {
      localityCode: t.arg.string({ required: false, description: 'Only this locality’s plans (code).' }),
      group: t.arg.string({ required: false, description: 'Only plans of localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      status: t.arg({ type: PlanStatusEnum, required: false, description: 'Only versions with this status.' }),
      approach: t.arg({ type: PlanApproachEnum, required: false, description: 'Only versions with this approach.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.localityPlan.count({ where: plansWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.localityPlan.findMany({
        ...query,
        where: plansWhere(args),
        orderBy: [{ localityId: 'asc' }, { version: 'desc' }, { id: 'asc' }],
      }),
  }, ...pageTypes('locality plan versions')),
);

const CreateLocalityPlanInput = builder.inputType('CreateLocalityPlanInput', {
  description: 'A new draft version of a locality’s plan (numbered after the latest).',
  fields: (t) => ({
    localityCode: t.string({ required: true, description: 'The locality (code).' }),
    approach: t.field({ type: PlanApproachEnum, required: true, description: 'How much partnership working it calls for.' }),
    title: t.string({ required: true, description: 'Its title.' }),
    summary: t.string({ description: 'What it sets out to do.' }),
    engagementMechanisms: t.string({ description: 'How the community and partners are engaged.' }),
    multiAgencyArrangements: t.string({ description: 'How the agencies work together.' }),
  }),
}).validate(createPlanInput);

const UpdateLocalityPlanInput = builder.inputType('UpdateLocalityPlanInput', {
  description: 'Changes to a draft or consulted version: fields left out stay as they are.',
  fields: (t) => ({
    approach: t.field({ type: PlanApproachEnum, description: 'How much partnership working it calls for.' }),
    title: t.string({ description: 'Its title.' }),
    summary: t.string({ description: 'What it sets out to do.' }),
    engagementMechanisms: t.string({ description: 'How the community and partners are engaged.' }),
    multiAgencyArrangements: t.string({ description: 'How the agencies work together.' }),
    status: t.field({ type: PlanStatusEnum, description: 'DRAFT or CONSULTED (approval is approveLocalityPlan).' }),
  }),
}).validate(updatePlanInput);

const ApproveLocalityPlanInput = builder.inputType('ApproveLocalityPlanInput', {
  description: 'The approval of a plan version.',
  fields: (t) => ({
    boardId: t.id({ description: 'The approving board (global id): the locality’s or a county board.' }),
    approvedOn: t.field({ type: 'Date', description: 'The day of approval (default today).' }),
  }),
}).validate(approvePlanInput);

const planLead = async (id: number | null, ctx: { prisma: Parameters<typeof recordLocality>[0] }) =>
  leadScopes(await recordLocality(ctx.prisma, 'localityPlan', id));

builder.mutationFields((t) => ({
  createLocalityPlan: t.prismaField({
    type: 'LocalityPlan',
    description: 'Start a new draft version of a locality’s plan (ADMIN, or the locality’s lead).',
    authScopes: (_root, args) => leadScopes(args.input.localityCode),
    args: { input: t.arg({ type: CreateLocalityPlanInput, required: true, description: 'The draft.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createPlan(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.localityPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateLocalityPlan: t.prismaField({
    type: 'LocalityPlan',
    description: 'Change a draft or consulted version (ADMIN, or the locality’s lead). CONFLICT for an approved or superseded one.',
    authScopes: (_root, args, ctx) => planLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'LocalityPlan', 'The plan version’s global id.'),
      input: t.arg({ type: UpdateLocalityPlanInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updatePlan(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.localityPlan.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  approveLocalityPlan: t.prismaField({
    type: 'LocalityPlan',
    description:
      'Approve a version (ADMIN, or the locality’s lead): the approved version before it becomes SUPERSEDED in the same change. CONFLICT for a superseded, already approved or older version.',
    authScopes: (_root, args, ctx) => planLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'LocalityPlan', 'The plan version’s global id.'),
      input: t.arg({ type: ApproveLocalityPlanInput, required: false, description: 'The approval (default: today, no board).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await approvePlan(ctx.prisma, ctx.viewer, args, args.input ?? {});
      return ctx.prisma.localityPlan.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
