/**
 * Priority in the graph: the type, `Board.priorities` / `livePriorities` / `livePriorityCount`,
 * `Locality.priorities`, `priorities` (filtered, paged), the health check
 * `boardsWithFewLivePriorities`, `sharedPriorities`, and the create/update/end mutations (ADMIN,
 * or the lead of the priority's locality).
 */
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Priority } from '../generated/prisma/sqlite/client.js';
import type { PriorityStatus } from '../generated/prisma/sqlite/enums.js';
import { inLocalityGroup } from '../geography/types.js';
import { IndicatorRef } from '../statistics/types.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { boardLocality, leadScopes, recordLocality } from '../auth/scopes.js';
import { boardFilterArgs, boardsWhere } from './boards.schema.js';
import { optionalId } from '../schema/input.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { PriorityStatusEnum } from './enums.js';
import {
  boardsShortOfPriorities,
  createPriority,
  createPriorityInput,
  endPriority,
  endPriorityInput,
  groupShared,
  MIN_LIVE_PRIORITIES,
  type SharedGroup,
  updatePriority,
  updatePriorityInput,
} from './priorities.js';

export const PriorityRef = builder.prismaNode('Priority', {
  nullable: true,
  description: 'A priority of a board (or of a locality plan). A board holds three to five LIVE priorities.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    title: t.exposeString('title', { description: 'What the priority is.' }),
    description: t.exposeString('description', { nullable: true, description: 'More about it.' }),
    theme: t.exposeString('theme', { description: 'Its theme (e.g. health, community safety, economy).' }),
    status: t.expose('status', { type: PriorityStatusEnum, description: 'Where it stands.' }),
    board: t.relation('board', { nullable: true, description: 'The board that owns it.' }),
    plan: t.relation('plan', { nullable: true, description: 'The locality plan it belongs to.' }),
    locality: t.relation('locality', { nullable: true, description: 'Its locality (its board’s or plan’s).' }),
    startsOn: t.expose('startsOn', { type: 'Date', nullable: true, description: 'When work on it starts.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'When it ended or is due to end.' }),
    evidenceIndicatorIds: t.stringList({
      description: 'Ids of the profile indicators that are its evidence.',
      select: { evidence: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: (priority) => priority.evidence.map((link) => link.indicatorId),
    }),
    evidence: t.field({
      type: [IndicatorRef],
      description: 'The profile indicators that are its evidence (those in the statistics catalogue).',
      select: { evidence: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: async (priority, _args, ctx) => {
        const catalogue = await ctx.loaders.statistics.catalogue();
        return priority.evidence.flatMap((link) => catalogue.get(link.indicatorId) ?? []);
      },
    }),
  }),
});

const statusArg = builder.args((t) => ({
  status: t.field({ type: PriorityStatusEnum, required: false, description: 'Only priorities with this status.' }),
}));

builder.prismaObjectFields('Board', (t) => ({
  priorities: t.relatedConnection('priorities', {
    description: 'Its priorities, newest first, optionally of one status.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: statusArg,
    query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('priorities')),
  livePriorities: t.relation('priorities', {
    description: 'Its LIVE priorities (three to five on a healthy board).',
    complexity: { field: 1, multiplier: 5 },
    query: { where: { status: 'LIVE' }, orderBy: { id: 'asc' } },
  }),
  livePriorityCount: t.relationCount('priorities', { description: 'How many LIVE priorities it holds.', where: { status: 'LIVE' } }),
}));

builder.prismaObjectField('Locality', 'priorities', (t) =>
  t.relatedConnection('priorities', {
    description: 'Priorities of the locality’s boards and plans, newest first, optionally of one status.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: statusArg,
    query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('priorities')),
);

interface PriorityFilter {
  localityCode?: string | null;
  group?: string | null;
  board?: string | number | null;
  status?: PriorityStatus | null;
  theme?: string | null;
  indicator?: string | null;
}

function prioritiesWhere(args: PriorityFilter) {
  const boardId = optionalId('Board', args.board == null ? null : String(args.board), 'board');
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { locality } : {}),
    ...(boardId === null ? {} : { boardId }),
    ...(args.status ? { status: args.status } : {}),
    ...(args.theme ? { theme: args.theme } : {}),
    ...(args.indicator ? { evidence: { some: { indicatorId: args.indicator } } } : {}),
  };
}

const SharedByEnum = builder.enumType('SharedBy', {
  description: 'What live priorities of different boards have in common.',
  values: {
    THEME: { description: 'The same theme (compared ignoring case).' },
    INDICATOR: { description: 'The same evidence indicator.' },
  } as const,
});

/** A priority row as the shared-priorities query loads it: every column, and its evidence ids. */
type PriorityRow = Priority & { evidence: { indicatorId: string }[] };

const SharedPriorityGroupRef = builder.objectRef<SharedGroup<PriorityRow>>('SharedPriorityGroup').implement({
  description: 'Live priorities of several boards that share a theme or an evidence indicator: partnerships that could work together.',
  fields: (t) => ({
    by: t.field({ type: SharedByEnum, description: 'What they share.', resolve: (group) => group.by }),
    key: t.exposeString('key', { description: 'The shared theme (lower case) or indicator id.' }),
    boardCount: t.int({ description: 'How many boards’ priorities share it.', resolve: (group) => group.boardIds.length }),
    localityCount: t.int({ description: 'How many localities’ priorities share it.', resolve: (group) => group.localityIds.length }),
    priorities: t.field({
      type: [PriorityRef],
      description: 'The priorities (each with its board and locality).',
      resolve: (group) => group.priorities,
    }),
  }),
});

builder.queryFields((t) => ({
  priorities: t.prismaConnection({
    type: 'Priority',
    cursor: 'id',
    description: 'Priorities, newest first, filtered by locality, group of localities, board, status, theme and evidence indicator.',
    complexity: pageComplexity,
    args: {
      localityCode: t.arg.string({ required: false, description: 'Only this locality’s priorities (code).' }),
      group: t.arg.string({ required: false, description: 'Only priorities of localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      board: t.arg.id({ required: false, description: 'Only this board’s priorities (global id).' }),
      status: t.arg({ type: PriorityStatusEnum, required: false, description: 'Only priorities with this status.' }),
      theme: t.arg.string({ required: false, description: 'Only priorities with this theme (exact).' }),
      indicator: t.arg.string({ required: false, description: 'Only priorities with this indicator as evidence.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.priority.count({ where: prioritiesWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.priority.findMany({ ...query, where: prioritiesWhere(args), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('priorities')),
  boardsWithFewLivePriorities: t.prismaField({
    type: ['Board'],
    description: `Health check: active boards holding fewer than \`minimum\` (default ${MIN_LIVE_PRIORITIES}) LIVE priorities, by name.`,
    complexity: { field: 2, multiplier: 10 },
    args: {
      ...boardFilterArgs,
      minimum: t.arg.int({ defaultValue: MIN_LIVE_PRIORITIES, description: 'The fewest live priorities a healthy board holds.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const ids = await boardsShortOfPriorities(ctx.prisma, boardsWhere(args), args.minimum ?? MIN_LIVE_PRIORITIES);
      return ctx.prisma.board.findMany({ ...query, where: { id: { in: ids } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    },
  }),
  sharedPriorities: t.field({
    type: [SharedPriorityGroupRef],
    description:
      'Themes or evidence indicators shared by the LIVE priorities of at least `minBoards` boards, most widely shared first: partnerships with similar objectives.',
    complexity: { field: 5, multiplier: 10 },
    args: {
      by: t.arg({ type: SharedByEnum, required: true, description: 'Share a theme, or an indicator.' }),
      minBoards: t.arg.int({ defaultValue: 2, description: 'The fewest boards a group spans.' }),
      localityCode: t.arg.string({ required: false, description: 'Only groups that include this locality (code).' }),
    },
    resolve: async (_root, args, ctx, info) => {
      // The priorities and whatever the request selects beneath them, in one query.
      const query = queryFromInfo({
        context: ctx,
        info,
        typeName: 'Priority',
        path: ['priorities'],
        select: { id: true, boardId: true, localityId: true, theme: true, evidence: { select: { indicatorId: true } } },
      });
      const rows = (await ctx.prisma.priority.findMany({
        ...(query as object),
        where: { status: 'LIVE', boardId: { not: null } },
        orderBy: { id: 'asc' },
      })) as unknown as PriorityRow[];
      const groups = groupShared(rows, args.by, args.minBoards ?? 2);
      if (!args.localityCode) return groups;
      const locality = await ctx.prisma.locality.findUnique({ where: { code: args.localityCode }, select: { id: true } });
      return groups.filter((group) => locality !== null && group.localityIds.includes(locality.id));
    },
  }),
}));

const priorityInput = (create: boolean) =>
  builder.inputType(create ? 'CreatePriorityInput' : 'UpdatePriorityInput', {
    description: create
      ? 'A new priority of a board or of a locality plan (give boardId, planId or both).'
      : 'Changes to a priority: fields left out stay as they are; null clears an optional one.',
    fields: (t) => ({
      ...(create
        ? {
            boardId: t.id({ description: 'The board that owns it (global id).' }),
            planId: t.id({ description: 'The locality plan it belongs to (global id).' }),
          }
        : {}),
      title: t.string({ required: create, description: 'What the priority is.' }),
      description: t.string({ description: 'More about it.' }),
      theme: t.string({ required: create, description: 'Its theme.' }),
      status: t.field({ type: PriorityStatusEnum, description: create ? 'Where it stands (default DRAFT).' : 'Where it stands.' }),
      startsOn: t.field({ type: 'Date', description: 'When work on it starts.' }),
      endsOn: t.field({ type: 'Date', description: 'When it ends (after startsOn).' }),
      evidence: t.stringList({ description: 'Ids of the profile indicators that are its evidence (replaces the list).' }),
    }),
  });
const CreatePriorityInput = priorityInput(true).validate(createPriorityInput);
const UpdatePriorityInput = priorityInput(false).validate(updatePriorityInput);

const priorityLead = async (id: number, ctx: { prisma: Parameters<typeof recordLocality>[0] }) =>
  leadScopes(await recordLocality(ctx.prisma, 'priority', id));

builder.mutationFields((t) => ({
  createPriority: t.prismaField({
    type: 'Priority',
    description: 'Add a priority to a board or plan (ADMIN, or the lead of its locality). CONFLICT when a board would hold more than five LIVE ones.',
    authScopes: async (_root, args, ctx) => {
      const code =
        (await boardLocality(ctx.prisma, args.input.boardId ?? null)) ??
        (await recordLocality(ctx.prisma, 'localityPlan', args.input.planId ?? null));
      return leadScopes(code);
    },
    args: { input: t.arg({ type: CreatePriorityInput, required: true, description: 'The priority.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createPriority(ctx.prisma, ctx.viewer, await ctx.loaders.statistics.catalogue(), args.input);
      return ctx.prisma.priority.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePriority: t.prismaField({
    type: 'Priority',
    description: 'Change a priority (ADMIN, or the lead of its locality). CONFLICT when making it LIVE would give its board more than five.',
    authScopes: (_root, args, ctx) => priorityLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Priority', 'The priority’s global id.'),
      input: t.arg({ type: UpdatePriorityInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updatePriority(ctx.prisma, ctx.viewer, await ctx.loaders.statistics.catalogue(), args, args.input);
      return ctx.prisma.priority.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endPriority: t.prismaField({
    type: 'Priority',
    description: 'Mark a priority ACHIEVED or DROPPED (ADMIN, or the lead of its locality); it stays in the record.',
    authScopes: (_root, args, ctx) => priorityLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Priority', 'The priority’s global id.'),
      status: t.arg({ type: PriorityStatusEnum, required: true, description: 'ACHIEVED or DROPPED.' }).validate(endPriorityInput.shape.status),
      endsOn: t.arg({ type: 'Date', required: false, description: 'The day it ended (default today).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await endPriority(ctx.prisma, ctx.viewer, args, args.status, args.endsOn);
      return ctx.prisma.priority.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
