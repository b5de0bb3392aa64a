/**
 * Issue in the graph: the type (guarded by the sharing rule, restricted reads audited),
 * `issues(filter:)`, `Locality.issues`, and createIssue / updateIssue / resolveIssue /
 * escalateIssue (src/reporting/issues.ts). Who sees an issue is decided in the SQL of every query
 * (visibleWhere); `changeSharing` changes it.
 */
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { shareableFields, shareableInputFields, shareableNode } from '../sharing/shareable.schema.js';
import { visibleWhere } from '../sharing/visibility.js';
import { issueWhere } from './filters.js';
import {
  actionVisibleWhere,
  createIssue,
  createIssueInput,
  escalateIssue,
  escalateIssueInput,
  ISSUE_STATUSES,
  resolveIssue,
  resolveIssueInput,
  updateIssue,
  updateIssueInput,
} from './issues.js';

export const IssueStatusEnum = builder.enumType('IssueStatus', {
  description: 'Where an issue stands.',
  values: {
    OPEN: { description: 'Raised, not yet being worked on.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    RESOLVED: { description: 'Resolved (see resolvedOn).' },
    ESCALATED: { description: 'Escalated to the county (see escalatedOn and escalationReason).' },
  } satisfies Record<(typeof ISSUE_STATUSES)[number], { description: string }>,
});

const DAY = 86_400_000;

export const IssueRef = builder.prismaNode('Issue', {
  nullable: true,
  description: 'An issue raised in a locality and what is done about it (the reporting mechanism), shared at a sharing level. Reads of RESTRICTED issues are audited.',
  ...shareableNode('Issue'),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    title: t.exposeString('title', { description: 'A short title.' }),
    description: t.exposeString('description', { description: 'What the issue is.' }),
    theme: t.exposeString('theme', { description: 'Its theme (e.g. community safety, highways, health).' }),
    locality: t.relation('locality', { description: 'The locality it was raised in.' }),
    raisedOn: t.expose('raisedOn', { type: 'Date', description: 'The day it was raised.' }),
    raisedBy: t.relation('raisedBy', { nullable: true, description: 'Who raised it, when a person on record.' }),
    raisedByName: t.exposeString('raisedByName', { nullable: true, description: 'Who raised it, in words, when not a person on record (e.g. "a resident").' }),
    priority: t.relation('priority', { nullable: true, description: 'The priority it bears on, if any.' }),
    status: t.expose('status', { type: IssueStatusEnum, description: 'Where it stands.' }),
    ownerPartner: t.relation('ownerPartner', { description: 'The partner that owns it (leads the response).' }),
    resolvedOn: t.expose('resolvedOn', { type: 'Date', nullable: true, description: 'The day it was resolved (null unless RESOLVED).' }),
    daysToResolve: t.int({
      nullable: true,
      description: 'Days from raisedOn to resolvedOn (null while unresolved).',
      select: { raisedOn: true, resolvedOn: true },
      resolve: (issue) => (issue.resolvedOn ? Math.round((issue.resolvedOn.getTime() - issue.raisedOn.getTime()) / DAY) : null),
    }),
    escalatedOn: t.expose('escalatedOn', { type: 'Date', nullable: true, description: 'The day it was escalated to the county (kept once resolved).' }),
    escalationReason: t.exposeString('escalationReason', { nullable: true, description: 'Why it was escalated to the county.' }),
    actions: t.relatedConnection(
      'actions',
      {
        description: 'Actions on this issue that the viewer may see, by due day (undated last).',
        cursor: 'id',
        totalCount: true,
        complexity: pageComplexity,
        query: (_args, ctx) => ({ where: actionVisibleWhere(ctx.viewer), orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] }),
      },
      ...pageTypes('actions'),
    ),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});
shareableFields('Issue', { authorPartner: 'The partner that recorded it.', authorPerson: 'The person who recorded it.' });

export const IssueFilterInput = builder.inputType('IssueFilter', {
  description: 'Narrows issues; every condition given must hold.',
  fields: (t) => ({
    search: t.string({ required: false, description: 'Words in the title, description or theme (any case).' }),
    localityCodes: t.stringList({ required: false, description: 'Raised in any of these localities.' }),
    group: t.string({ required: false, description: 'Raised in a locality of this group, written grouping/group (e.g. tier/RURAL).' }),
    status: t.field({ type: [IssueStatusEnum], required: false, description: 'With any of these statuses.' }),
    theme: t.string({ required: false, description: 'Exactly this theme.' }),
    ownerPartnerId: t.id({ required: false, description: 'Owned by this partner (global id).' }),
    raisedFrom: t.field({ type: 'Date', required: false, description: 'Raised on or after this day.' }),
    raisedTo: t.field({ type: 'Date', required: false, description: 'Raised on or before this day.' }),
    escalated: t.boolean({ required: false, description: 'Escalated to the county (true) or never escalated (false).' }),
  }),
});

builder.queryField('issues', (t) =>
  t.prismaConnection(
    {
      type: 'Issue',
      cursor: 'id',
      description: 'Issues the viewer may see, most recently raised first.',
      totalCount: (_parent, args, ctx) => ctx.prisma.issue.count({ where: issueWhere(ctx.viewer, args.filter) }),
      complexity: pageComplexity,
      args: { filter: t.arg({ type: IssueFilterInput, required: false, description: 'Narrow the issues.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.issue.findMany({ ...query, where: issueWhere(ctx.viewer, args.filter), orderBy: [{ raisedOn: 'desc' }, { id: 'desc' }] }),
    },
    ...pageTypes('issues'),
  ),
);

builder.prismaObjectField('Locality', 'issues', (t) =>
  t.relatedConnection(
    'issues',
    {
      description: 'Issues raised in this locality that the viewer may see, most recent first.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      args: { status: t.arg({ type: [IssueStatusEnum], required: false, description: 'Only issues with any of these statuses.' }) },
      query: (args, ctx) => ({
        where: { AND: [visibleWhere(ctx.viewer), args.status?.length ? { status: { in: args.status } } : {}] },
        orderBy: [{ raisedOn: 'desc' }, { id: 'desc' }],
      }),
    },
    ...pageTypes('issues'),
  ),
);

const CreateIssueInput = builder.inputType('CreateIssueInput', {
  description: "A new issue. Its author partner is the viewer's.",
  fields: (t) => ({
    localityCode: t.string({ required: true, description: 'The locality it is raised in (code).' }),
    title: t.string({ required: true, description: 'A short title.' }),
    description: t.string({ required: true, description: 'What the issue is.' }),
    theme: t.string({ required: true, description: 'Its theme.' }),
    raisedOn: t.field({ type: 'Date', required: true, description: 'The day it was raised (not in the future).' }),
    raisedByPersonId: t.id({ required: false, description: 'Who raised it (a Person global id).' }),
    raisedByName: t.string({ required: false, description: 'Who raised it, in words, when not a person on record.' }),
    priorityId: t.id({ required: false, description: 'A priority it bears on (global id; of its locality, or county-wide).' }),
    ownerPartnerId: t.id({ required: false, description: "The partner that owns it (global id; default: the author's partner)." }),
    ...shareableInputFields(t),
  }),
}).validate(createIssueInput);

const UpdateIssueInput = builder.inputType('UpdateIssueInput', {
  description: 'Changes to an issue (sharing changes go through changeSharing; resolving and escalating have their own mutations).',
  fields: (t) => ({
    localityCode: t.string({ required: false, description: 'The locality it is raised in (code).' }),
    title: t.string({ required: false, description: 'A short title.' }),
    description: t.string({ required: false, description: 'What the issue is.' }),
    theme: t.string({ required: false, description: 'Its theme.' }),
    raisedOn: t.field({ type: 'Date', required: false, description: 'The day it was raised.' }),
    raisedByPersonId: t.id({ required: false, description: 'Who raised it (a Person global id; null clears it).' }),
    raisedByName: t.string({ required: false, description: 'Who raised it, in words (null clears it).' }),
    priorityId: t.id({ required: false, description: 'A priority it bears on (global id; null clears it).' }),
    ownerPartnerId: t.id({ required: false, description: 'The partner that owns it (global id).' }),
    status: t.field({
      type: IssueStatusEnum,
      required: false,
      description: 'OPEN or IN_PROGRESS (a resolved or escalated issue set to one of these is reopened); RESOLVED and ESCALATED have their own mutations.',
    }),
  }),
}).validate(updateIssueInput);

const EscalateIssueInput = builder.inputType('EscalateIssueInput', {
  description: 'Escalation of an issue to the county.',
  fields: (t) => ({
    reason: t.string({ required: true, description: 'Why it goes to the county.' }),
    escalatedOn: t.field({ type: 'Date', required: false, description: 'The day it was escalated (default today; not before it was raised).' }),
  }),
}).validate(escalateIssueInput);

/** Who may add or change issues and actions at all; which record is theirs to change is decided per record. */
export const CONTRIBUTORS = { anyRole: ['CONTRIBUTOR', 'LOCALITY_LEAD', 'ADMIN'] } as const;

builder.mutationFields((t) => {
  const target = () => targetArgs(t.arg, 'Issue', "The issue's global id.");
  return {
    createIssue: t.prismaField({
      type: 'Issue',
      description: "Raise an issue (CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner; a token naming no partner is FORBIDDEN).",
      authScopes: CONTRIBUTORS,
      args: { input: t.arg({ type: CreateIssueInput, required: true, description: 'The issue.' }) },
      resolve: async (query, _root, args, ctx) => {
        const id = await createIssue(ctx.prisma, ctx.viewer, args.input);
        return ctx.prisma.issue.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    updateIssue: t.prismaField({
      type: 'Issue',
      description: "Change an issue (its author's or owner partner, the lead of its locality, or ADMIN). A hidden issue is NOT_FOUND.",
      authScopes: CONTRIBUTORS,
      args: { ...target(), input: t.arg({ type: UpdateIssueInput, required: true, description: 'The changes.' }) },
      resolve: async (query, _root, args, ctx) => {
        await updateIssue(ctx.prisma, ctx.viewer, args, args.input);
        return ctx.prisma.issue.findUniqueOrThrow({ ...query, where: { id: args.id } });
      },
    }),
    resolveIssue: t.prismaField({
      type: 'Issue',
      description: 'Mark an issue RESOLVED (who may change it, as updateIssue).',
      authScopes: CONTRIBUTORS,
      args: {
        ...target(),
        resolvedOn: t.arg({ type: 'Date', required: false, description: 'The day it was resolved (default today; not before it was raised, not in the future).' }).validate(resolveIssueInput.shape.resolvedOn),
      },
      resolve: async (query, _root, args, ctx) => {
        await resolveIssue(ctx.prisma, ctx.viewer, args, args.resolvedOn ?? undefined);
        return ctx.prisma.issue.findUniqueOrThrow({ ...query, where: { id: args.id } });
      },
    }),
    escalateIssue: t.prismaField({
      type: 'Issue',
      description: 'Escalate an issue to the county with a reason: it becomes ESCALATED (who may change it, as updateIssue). A resolved issue is a CONFLICT.',
      authScopes: CONTRIBUTORS,
      args: { ...target(), input: t.arg({ type: EscalateIssueInput, required: true, description: 'The reason and day.' }) },
      resolve: async (query, _root, args, ctx) => {
        await escalateIssue(ctx.prisma, ctx.viewer, args, args.input.reason, args.input.escalatedOn);
        return ctx.prisma.issue.findUniqueOrThrow({ ...query, where: { id: args.id } });
      },
    }),
  };
});
