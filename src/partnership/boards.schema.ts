/**
 * Board and Membership in the graph: the types, `Locality.boards`, `boards` (filtered, paged), and
 * the create/update/end mutations for boards and their members (ADMIN, or the lead of the board's
 * locality). Meetings and priorities add their own Board fields (meetings.schema.ts,
 * priorities.schema.ts).
 */
import { z } from 'zod';
import type { BoardKind, BoardScope } from '../generated/prisma/sqlite/enums.js';
import { inLocalityGroup } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { boardLocality, leadScopes, recordLocality } from '../auth/scopes.js';
import {
  addMember,
  createBoard,
  createBoardInput,
  endBoard,
  membershipInput,
  updateBoard,
  updateBoardInput,
  updateMembership,
  updateMembershipInput,
} from './boards.js';
import { day, optionalId } from '../schema/input.js';
import { heldOn, today } from '../days.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { BoardKindEnum, BoardScopeEnum, MeetingFrequencyEnum, MembershipRoleEnum } from './enums.js';

const isHeldToday = (row: { startsOn: Date; endsOn: Date | null }) => row.startsOn <= today() && (row.endsOn === null || row.endsOn > today());

export const BoardRef = builder.prismaNode('Board', {
  nullable: true,
  description: 'A board, partnership, forum or group, where it sits in the governance pathway, and who chairs it.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'Its name.' }),
    kind: t.expose('kind', { type: BoardKindEnum, description: 'What kind of board it is.' }),
    scope: t.expose('scope', { type: BoardScopeEnum, description: 'What it covers: a locality, a service area or the county.' }),
    locality: t.relation('locality', { nullable: true, description: 'Its locality (LOCALITY scope).' }),
    serviceArea: t.relation('serviceArea', { nullable: true, description: 'Its service area (SERVICE_AREA scope).' }),
    parent: t.relation('parent', { nullable: true, description: 'The board it reports to.' }),
    children: t.relation('children', {
      description: 'The boards that report to it (the next step down the governance pathway).',
      args: { activeOnly: t.arg.boolean({ defaultValue: true, description: 'Only boards active today.' }) },
      query: (args) => ({ where: args.activeOnly ? heldOn(today()) : {}, orderBy: { name: 'asc' } }),
    }),
    chair: t.relation('chair', { nullable: true, description: 'Who chairs it.' }),
    termsOfReference: t.exposeString('termsOfReference', { nullable: true, description: 'Its terms of reference.' }),
    meetingFrequency: t.expose('meetingFrequency', { type: MeetingFrequencyEnum, nullable: true, description: 'How often it meets.' }),
    startsOn: t.expose('startsOn', { type: 'Date', description: 'The day it was set up.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'The day it was stood down (null while active).' }),
    active: t.boolean({ description: 'Whether it is active today.', select: { startsOn: true, endsOn: true }, resolve: isHeldToday }),
    members: t.relatedConnection('members', {
      description: 'Its members (people or partners), chair first.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      args: { current: t.arg.boolean({ defaultValue: true, description: 'Only members today (false: the whole history).' }) },
      query: (args) => ({ where: args.current ? heldOn(today()) : {}, orderBy: [{ role: 'asc' }, { id: 'asc' }] }),
    }, ...pageTypes('board members')),
  }),
});

export const MembershipRef = builder.prismaNode('Membership', {
  nullable: true,
  description: 'A person, or a partner as an organisation, on a board, with their part and days.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    board: t.relation('board', { description: 'The board.' }),
    person: t.relation('person', { nullable: true, description: 'The member, when a person.' }),
    partner: t.relation('partner', { nullable: true, description: 'The member organisation, or the person’s organisation on the board.' }),
    role: t.expose('role', { type: MembershipRoleEnum, description: 'Their part on the board.' }),
    startsOn: t.expose('startsOn', { type: 'Date', description: 'The first day.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'The day it ended (null while a member).' }),
    current: t.boolean({ description: 'Whether they are a member today.', select: { startsOn: true, endsOn: true }, resolve: isHeldToday }),
  }),
});

builder.prismaObjectField('Locality', 'boards', (t) =>
  t.relatedConnection('boards', {
    description: 'Boards of the locality, by name: active today unless `includeEnded`.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: {
      kind: t.arg({ type: BoardKindEnum, required: false, description: 'Only boards of this kind.' }),
      includeEnded: t.arg.boolean({ defaultValue: false, description: 'Include boards that have been stood down.' }),
    },
    query: (args) => ({
      where: { ...(args.kind ? { kind: args.kind } : {}), ...(args.includeEnded ? {} : heldOn(today())) },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
  }, ...pageTypes('boards')),
);

interface BoardFilter {
  localityCode?: string | null;
  group?: string | null;
  kind?: BoardKind | null;
  scope?: BoardScope | null;
  parent?: string | number | null;
  activeOn?: Date | null;
  includeEnded?: boolean | null;
}

export function boardsWhere(args: BoardFilter) {
  const parentId = optionalId('Board', args.parent == null ? null : String(args.parent), 'parent');
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { locality } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.scope ? { scope: args.scope } : {}),
    ...(parentId === null ? {} : { parentId }),
    ...(args.includeEnded ? {} : heldOn(args.activeOn ?? today())),
  };
}

export const boardFilterArgs = builder.args((t) => ({
  localityCode: t.string({ required: false, description: 'Only boards of this locality (code).' }),
  group: t.string({ required: false, description: 'Only boards of localities of this group, written grouping/group (e.g. tier/RURAL).' }),
  kind: t.field({ type: BoardKindEnum, required: false, description: 'Only boards of this kind.' }),
  scope: t.field({ type: BoardScopeEnum, required: false, description: 'Only boards of this scope.' }),
  parent: t.id({ required: false, description: 'Only boards reporting to this board (global id).' }),
  activeOn: t.field({ type: 'Date', required: false, description: 'Only boards active on this day (default today).' }),
  includeEnded: t.boolean({ defaultValue: false, description: 'Include boards stood down (ignores activeOn).' }),
}));

builder.queryField('boards', (t) =>
  t.prismaConnection({
    type: 'Board',
    cursor: 'id',
    description: 'Boards by name, filtered by locality, group of localities, kind, scope, parent and the day they are active.',
    complexity: pageComplexity,
    args: boardFilterArgs,
    totalCount: (_parent, args, ctx) => ctx.prisma.board.count({ where: boardsWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.board.findMany({ ...query, where: boardsWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }, ...pageTypes('boards')),
);

const boardInput = (create: boolean) =>
  builder.inputType(create ? 'CreateBoardInput' : 'UpdateBoardInput', {
    description: create
      ? 'A new board. Its scope follows from localityCode or serviceAreaCode (neither: the county).'
      : 'Changes to a board: fields left out stay as they are; null clears an optional one.',
    fields: (t) => ({
      name: t.string({ required: create, description: 'Its name.' }),
      kind: t.field({ type: BoardKindEnum, required: create, description: 'What kind of board it is.' }),
      ...(create
        ? {
            localityCode: t.string({ description: 'Its locality (code).' }),
            serviceAreaCode: t.string({ description: 'Its service area (code).' }),
          }
        : {}),
      parentId: t.id({ description: 'The board it reports to (global id).' }),
      chairId: t.id({ description: 'Who chairs it (a Person global id).' }),
      termsOfReference: t.string({ description: 'Its terms of reference.' }),
      meetingFrequency: t.field({ type: MeetingFrequencyEnum, description: 'How often it meets.' }),
      startsOn: t.field({ type: 'Date', required: create, description: 'The day it was set up.' }),
      endsOn: t.field({ type: 'Date', description: 'The day it is stood down (after startsOn).' }),
    }),
  });
const CreateBoardInput = boardInput(true).validate(createBoardInput);
const UpdateBoardInput = boardInput(false).validate(updateBoardInput);

const MembershipInput = builder.inputType('AddBoardMemberInput', {
  description: 'A person or a partner joining a board.',
  fields: (t) => ({
    boardId: t.id({ required: true, description: 'The board (global id).' }),
    personId: t.id({ description: 'The person (global id); give this, partnerId or both.' }),
    partnerId: t.id({ description: 'The partner (global id).' }),
    role: t.field({ type: MembershipRoleEnum, required: true, description: 'Their part on the board.' }),
    startsOn: t.field({ type: 'Date', required: true, description: 'The first day.' }),
    endsOn: t.field({ type: 'Date', description: 'The day it ends (after startsOn), if known.' }),
  }),
}).validate(membershipInput);

const UpdateMembershipInput = builder.inputType('UpdateMembershipInput', {
  description: 'Changes to a membership: fields left out stay as they are.',
  fields: (t) => ({
    role: t.field({ type: MembershipRoleEnum, description: 'Their part on the board.' }),
    startsOn: t.field({ type: 'Date', description: 'The first day.' }),
    endsOn: t.field({ type: 'Date', description: 'The day it ends (null: open-ended).' }),
  }),
}).validate(updateMembershipInput);

const endArgs = z.object({ endsOn: day.nullish() });
const boardScopes = async (id: number | null, ctx: { prisma: Parameters<typeof boardLocality>[0] }) =>
  leadScopes(await boardLocality(ctx.prisma, id));

builder.mutationFields((t) => ({
  createBoard: t.prismaField({
    type: 'Board',
    description: 'Set up a board (ADMIN, or the lead of its locality; county and service-area boards: ADMIN).',
    authScopes: (_root, args) => leadScopes(args.input.localityCode),
    args: { input: t.arg({ type: CreateBoardInput, required: true, description: 'The board.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createBoard(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.board.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateBoard: t.prismaField({
    type: 'Board',
    description: 'Change a board (ADMIN, or the lead of its locality).',
    authScopes: (_root, args, ctx) => boardScopes(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Board', 'The board’s global id.'),
      input: t.arg({ type: UpdateBoardInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateBoard(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.board.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endBoard: t.prismaField({
    type: 'Board',
    description: 'Stand a board down (ADMIN, or the lead of its locality); it stays readable.',
    authScopes: (_root, args, ctx) => boardScopes(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Board', 'The board’s global id.'),
      endsOn: t.arg({ type: 'Date', required: false, description: 'The day it is stood down (default today).' }).validate(endArgs.shape.endsOn),
    },
    resolve: async (query, _root, args, ctx) => {
      await endBoard(ctx.prisma, ctx.viewer, args, args.endsOn ?? undefined);
      return ctx.prisma.board.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  addBoardMember: t.prismaField({
    type: 'Membership',
    description: 'Put a person or a partner on a board (ADMIN, or the lead of the board’s locality).',
    authScopes: (_root, args, ctx) => boardScopes(args.input.boardId, ctx),
    args: { input: t.arg({ type: MembershipInput, required: true, description: 'The membership.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await addMember(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateMembership: t.prismaField({
    type: 'Membership',
    description: 'Change a membership (ADMIN, or the lead of the board’s locality).',
    authScopes: async (_root, args, ctx) => leadScopes(await recordLocality(ctx.prisma, 'membership', args.id)),
    args: {
      ...targetArgs(t.arg, 'Membership', 'The membership’s global id.'),
      input: t.arg({ type: UpdateMembershipInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateMembership(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endMembership: t.prismaField({
    type: 'Membership',
    description: 'End a membership (ADMIN, or the lead of the board’s locality); it stays in the history.',
    authScopes: async (_root, args, ctx) => leadScopes(await recordLocality(ctx.prisma, 'membership', args.id)),
    args: {
      ...targetArgs(t.arg, 'Membership', 'The membership’s global id.'),
      endsOn: t.arg({ type: 'Date', required: false, description: 'The day it ends (default today).' }).validate(endArgs.shape.endsOn),
    },
    resolve: async (query, _root, args, ctx) => {
      const endsOn = args.endsOn ?? today();
      await updateMembership(ctx.prisma, ctx.viewer, args, { endsOn }, true);
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
