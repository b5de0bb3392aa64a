/**
 * Action in the graph: the type (guarded by the sharing rule; seen only where its issue is seen
 * too), `actions(filter:)` and createAction / updateAction / completeAction
 * (src/reporting/actions.ts). `Issue.actions` is in issues.schema.ts.
 */
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { today } from '../days.js';
import { shareableFields, shareableInputFields, shareableNode } from '../sharing/shareable.schema.js';
import { ACTION_STATUSES, completeAction, completeActionInput, createAction, createActionInput, OPEN_ACTION_STATUSES, updateAction, updateActionInput } from './actions.js';
import { actionWhere } from './filters.js';
import { actionVisibleWhere } from './issues.js';
import { CONTRIBUTORS, IssueFilterInput } from './issues.schema.js';

export const ActionStatusEnum = builder.enumType('ActionStatus', {
  description: 'Where an action stands.',
  values: {
    OPEN: { description: 'Agreed, not started.' },
    IN_PROGRESS: { description: 'Under way.' },
    DONE: { description: 'Done (see doneOn).' },
    CANCELLED: { description: 'Not going ahead.' },
  } satisfies Record<(typeof ACTION_STATUSES)[number], { description: string }>,
});

export const ActionRef = builder.prismaNode('Action', {
  nullable: true,
  description: "Something a partner does about an issue, shared at a sharing level (and seen only where its issue is seen). Reads of RESTRICTED actions are audited.",
  ...shareableNode('Action', actionVisibleWhere),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    title: t.exposeString('title', { description: 'What is to be done.' }),
    issue: t.relation('issue', { description: 'The issue it is about.' }),
    ownerPartner: t.relation('ownerPartner', { description: 'The partner that owns it.' }),
    ownerPerson: t.relation('ownerPerson', { nullable: true, description: 'The person who owns it, if named.' }),
    dueOn: t.expose('dueOn', { type: 'Date', nullable: true, description: 'The day it is due.' }),
    doneOn: t.expose('doneOn', { type: 'Date', nullable: true, description: 'The day it was done (set exactly when DONE).' }),
    status: t.expose('status', { type: ActionStatusEnum, description: 'Where it stands.' }),
    overdue: t.boolean({
      description: 'Past its due day and neither DONE nor CANCELLED (as of today).',
      select: { dueOn: true, status: true },
      resolve: (action) => action.dueOn !== null && action.dueOn.getTime() < today().getTime() && OPEN_ACTION_STATUSES.includes(action.status),
    }),
    note: t.exposeString('note', { nullable: true, description: 'A note on progress or outcome.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});
shareableFields('Action', { authorPartner: 'The partner that recorded it.', authorPerson: 'The person who recorded it.', sharingLevel: 'Who may see it (its issue must be visible too).' });

const ActionFilterInput = builder.inputType('ActionFilter', {
  description: 'Narrows actions; every condition given must hold.',
  fields: (t) => ({
    issue: t.field({ type: IssueFilterInput, required: false, description: "Conditions on the action's issue (locality, theme, words...)." }),
    status: t.field({ type: [ActionStatusEnum], required: false, description: 'With any of these statuses.' }),
    ownerPartnerId: t.id({ required: false, description: 'Owned by this partner (global id).' }),
    overdue: t.boolean({ required: false, description: 'Past due and neither DONE nor CANCELLED (true), or not (false).' }),
    dueFrom: t.field({ type: 'Date', required: false, description: 'Due on or after this day.' }),
    dueTo: t.field({ type: 'Date', required: false, description: 'Due on or before this day.' }),
  }),
});

builder.queryField('actions', (t) =>
  t.prismaConnection(
    {
      type: 'Action',
      cursor: 'id',
      description: 'Actions the viewer may see (on issues they may see), by due day (undated last).',
      totalCount: (_parent, args, ctx) => ctx.prisma.action.count({ where: actionWhere(ctx.viewer, args.filter) }),
      complexity: pageComplexity,
      args: { filter: t.arg({ type: ActionFilterInput, required: false, description: 'Narrow the actions.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.action.findMany({ ...query, where: actionWhere(ctx.viewer, args.filter), orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] }),
    },
    ...pageTypes('actions'),
  ),
);

const CreateActionInput = builder.inputType('CreateActionInput', {
  description: "A new action on an issue the viewer can see. Its author partner is the viewer's.",
  fields: (t) => ({
    issueId: t.id({ required: true, description: 'The issue (global id).' }),
    title: t.string({ required: true, description: 'What is to be done.' }),
    ownerPartnerId: t.id({ required: false, description: "The partner that owns it (global id; default: the author's partner)." }),
    ownerPersonId: t.id({ required: false, description: 'The person who owns it (global id).' }),
    dueOn: t.field({ type: 'Date', required: false, description: 'The day it is due.' }),
    status: t.field({ type: ActionStatusEnum, required: false, description: 'Where it stands (default OPEN; DONE needs doneOn).' }),
    doneOn: t.field({ type: 'Date', required: false, description: 'The day it was done (only with status DONE).' }),
    note: t.string({ required: false, description: 'A note.' }),
    ...shareableInputFields(t),
  }),
}).validate(createActionInput);

const UpdateActionInput = builder.inputType('UpdateActionInput', {
  description: 'Changes to an action (sharing changes go through changeSharing).',
  fields: (t) => ({
    title: t.string({ required: false, description: 'What is to be done.' }),
    ownerPartnerId: t.id({ required: false, description: 'The partner that owns it (global id).' }),
    ownerPersonId: t.id({ required: false, description: 'The person who owns it (global id; null clears it).' }),
    dueOn: t.field({ type: 'Date', required: false, description: 'The day it is due (null clears it).' }),
    status: t.field({ type: ActionStatusEnum, required: false, description: 'Where it stands (DONE needs a doneOn; leaving DONE clears it).' }),
    doneOn: t.field({ type: 'Date', required: false, description: 'The day it was done (only with status DONE).' }),
    note: t.string({ required: false, description: 'A note (null clears it).' }),
  }),
}).validate(updateActionInput);

builder.mutationFields((t) => {
  const target = () => targetArgs(t.arg, 'Action', "The action's global id.");
  return {
    createAction: t.prismaField({
      type: 'Action',
      description: 'Add an action to an issue you can see (CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner). A hidden issue is NOT_FOUND.',
      authScopes: CONTRIBUTORS,
      args: { input: t.arg({ type: CreateActionInput, required: true, description: 'The action.' }) },
      resolve: async (query, _root, args, ctx) => {
        const id = await createAction(ctx.prisma, ctx.viewer, args.input);
        return ctx.prisma.action.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    updateAction: t.prismaField({
      type: 'Action',
      description: "Change an action (its author's or owner partner, the lead of its issue's locality, or ADMIN). A hidden action is NOT_FOUND.",
      authScopes: CONTRIBUTORS,
      args: { ...target(), input: t.arg({ type: UpdateActionInput, required: true, description: 'The changes.' }) },
      resolve: async (query, _root, args, ctx) => {
        await updateAction(ctx.prisma, ctx.viewer, args, args.input);
        return ctx.prisma.action.findUniqueOrThrow({ ...query, where: { id: args.id } });
      },
    }),
    completeAction: t.prismaField({
      type: 'Action',
      description: 'Mark an action DONE (who may change it, as updateAction).',
      authScopes: CONTRIBUTORS,
      args: {
        ...target(),
        doneOn: t.arg({ type: 'Date', required: false, description: 'The day it was done (default today; not before its issue was raised, not in the future).' }).validate(completeActionInput.shape.doneOn),
        note: t.arg.string({ required: false, description: 'A closing note (replaces the note).' }).validate(completeActionInput.shape.note),
      },
      resolve: async (query, _root, args, ctx) => {
        await completeAction(ctx.prisma, ctx.viewer, args, { doneOn: args.doneOn ?? undefined, note: args.note });
        return ctx.prisma.action.findUniqueOrThrow({ ...query, where: { id: args.id } });
      },
    }),
  };
});
