/**
 * Meeting in the graph: the type and its attendance, `Board.meetings` / `Board.nextMeeting`,
 * `meetings` (filtered, paged), `localitiesWithoutAnnualConversation`, and the mutations: a
 * CONTRIBUTOR (or the locality's lead, or ADMIN) records meetings and attendance; changing or
 * cancelling one is for the lead or ADMIN.
 */
import type { MeetingKind } from '../generated/prisma/sqlite/enums.js';
import { inLocalityGroup, LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { expectedRevisionArg, REVISION, targetArgs } from '../writes/graphql.js';
import { boardLocality, contributorScopes, leadScopes, recordLocality } from '../auth/scopes.js';
import { optionalId } from '../schema/input.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { MeetingKindEnum } from './enums.js';
import {
  attendanceInput,
  createMeeting,
  createMeetingInput,
  localitiesWithoutAnnualConversationWhere,
  recordAttendance,
  updateMeeting,
  updateMeetingInput,
} from './meetings.js';

export const MeetingRef = builder.prismaNode('Meeting', {
  nullable: true,
  description: 'A meeting of a board: when and where, who came (and from which partner), minutes and decisions.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    board: t.relation('board', { description: 'The board that met.' }),
    kind: t.expose('kind', { type: MeetingKindEnum, description: 'What kind of meeting.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'When it starts.' }),
    location: t.exposeString('location', { nullable: true, description: 'Where it is held.' }),
    minutes: t.exposeString('minutes', { nullable: true, description: 'The minutes.' }),
    decisions: t.stringList({
      description: 'The decisions taken, in order.',
      select: { decisions: true },
      resolve: (meeting) => (meeting.decisions ? meeting.decisions.split('\n') : []),
    }),
    cancelled: t.exposeBoolean('cancelled', { description: 'Whether it was cancelled.' }),
    attendance: t.relation('attendance', {
      description: 'Who came or sent apologies.',
      query: { orderBy: { id: 'asc' } },
    }),
    attendeeCount: t.relationCount('attendance', { description: 'How many came (apologies not counted).', where: { apologies: false } }),
  }),
});

builder.prismaObject('MeetingAttendance', {
  description: 'Someone at a meeting, and the partner they came from.',
  fields: (t) => ({
    person: t.relation('person', { nullable: true, description: 'Who came (null for a guest not in the directory).' }),
    partner: t.relation('partner', { nullable: true, description: 'The partner they came from.' }),
    guestName: t.exposeString('guestName', { nullable: true, description: 'A guest’s name.' }),
    apologies: t.exposeBoolean('apologies', { description: 'True if they sent apologies rather than came.' }),
  }),
});

const now = () => new Date();

builder.prismaObjectFields('Board', (t) => ({
  meetings: t.relatedConnection('meetings', {
    description: 'Its meetings, newest first, optionally of one kind and between two instants.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: {
      kind: t.arg({ type: MeetingKindEnum, required: false, description: 'Only meetings of this kind.' }),
      from: t.arg({ type: 'DateTime', required: false, description: 'Only meetings starting at or after this.' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Only meetings starting before this.' }),
    },
    query: (args) => ({
      where: { ...(args.kind ? { kind: args.kind } : {}), ...startsBetween(args.from, args.to) },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
    }),
  }, ...pageTypes('meetings')),
  nextMeeting: t.field({
    type: MeetingRef,
    nullable: true,
    description: 'Its next meeting that is not cancelled (null if none is arranged).',
    select: (_args, _ctx, nestedSelection) => ({
      meetings: nestedSelection({ where: { startsAt: { gte: now() }, cancelled: false }, orderBy: { startsAt: 'asc' }, take: 1 }),
    }),
    resolve: (board) => board.meetings[0] ?? null,
  }),
}));

function startsBetween(from?: Date | null, to?: Date | null) {
  return from || to ? { startsAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {};
}

interface MeetingFilter {
  localityCode?: string | null;
  group?: string | null;
  board?: string | number | null;
  kind?: MeetingKind | null;
  from?: Date | null;
  to?: Date | null;
  includeCancelled?: boolean | null;
}

function meetingsWhere(args: MeetingFilter) {
  const boardId = optionalId('Board', args.board == null ? null : String(args.board), 'board');
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { board: { locality } } : {}),
    ...(boardId === null ? {} : { boardId }),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.includeCancelled ? {} : { cancelled: false }),
    ...startsBetween(args.from, args.to),
  };
}

builder.queryFields((t) => ({
  meetings: t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description: 'Meetings, newest first, filtered by locality, group of localities, board, kind and instants.',
    complexity: pageComplexity,
    args: {
      localityCode: t.arg.string({ required: false, description: 'Only meetings of this locality’s boards (code).' }),
      group: t.arg.string({ required: false, description: 'Only meetings of boards of localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      board: t.arg.id({ required: false, description: 'Only this board’s meetings (global id).' }),
      kind: t.arg({ type: MeetingKindEnum, required: false, description: 'Only meetings of this kind.' }),
      from: t.arg({ type: 'DateTime', required: false, description: 'Only meetings starting at or after this.' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Only meetings starting before this.' }),
      includeCancelled: t.arg.boolean({ defaultValue: false, description: 'Include cancelled meetings.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.meeting.count({ where: meetingsWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.meeting.findMany({ ...query, where: meetingsWhere(args), orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('meetings')),
  localitiesWithoutAnnualConversation: t.prismaField({
    type: [LocalityRef],
    description:
      'Localities none of whose boards held an annual conversation (not cancelled) in the year: each should hold at least one a year.',
    args: {
      year: t.arg.int({ required: true, description: 'The calendar year, e.g. 2025.' }),
      geographyVersion: t.arg.string({ required: false, description: 'A geography version id; default: the version in force today.' }),
    },
    complexity: { field: 1, multiplier: 10 },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.locality.findMany({
        ...query,
        where: localitiesWithoutAnnualConversationWhere(ctx.geography.versionId(args.geographyVersion), args.year),
        orderBy: { name: 'asc' },
      }),
  }),
}));

const AttendeeInput = builder.inputType('AttendeeInput', {
  description: 'Someone at a meeting: a person in the directory or a named guest.',
  fields: (t) => ({
    personId: t.id({ description: 'The person (global id).' }),
    partnerId: t.id({ description: 'The partner they came from (default: their own).' }),
    guestName: t.string({ description: 'A guest not in the directory.' }),
    apologies: t.boolean({ description: 'True if they sent apologies (default false).' }),
  }),
});

const meetingInput = (create: boolean) =>
  builder.inputType(create ? 'CreateMeetingInput' : 'UpdateMeetingInput', {
    description: create ? 'A meeting of a board, with its attendance if known.' : 'Changes to a meeting: fields left out stay as they are.',
    fields: (t) => ({
      ...(create
        ? {
            boardId: t.id({ required: true, description: 'The board (global id).' }),
            attendance: t.field({ type: [AttendeeInput], description: 'Who came.' }),
          }
        : {}),
      kind: t.field({ type: MeetingKindEnum, required: create, description: 'What kind of meeting.' }),
      startsAt: t.field({ type: 'DateTime', required: create, description: 'When it starts.' }),
      location: t.string({ description: 'Where it is held.' }),
      minutes: t.string({ description: 'The minutes.' }),
      decisions: t.stringList({ description: 'The decisions taken (replaces the list).' }),
    }),
  });
const CreateMeetingInput = meetingInput(true).validate(createMeetingInput);
const UpdateMeetingInput = meetingInput(false).validate(updateMeetingInput);

const RecordAttendanceInput = builder.inputType('RecordAttendanceInput', {
  description: 'People or guests to add to a meeting’s attendance.',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'The meeting (global id).' }),
    attendance: t.field({ type: [AttendeeInput], required: true, description: 'Who came.' }),
  }),
}).validate(attendanceInput);

const meetingLead = async (id: number | null, ctx: { prisma: Parameters<typeof recordLocality>[0] }) =>
  leadScopes(await recordLocality(ctx.prisma, 'meeting', id));

builder.mutationFields((t) => ({
  createMeeting: t.prismaField({
    type: 'Meeting',
    description: 'Record a meeting of a board (a CONTRIBUTOR, the lead of the board’s locality, or ADMIN).',
    authScopes: async (_root, args, ctx) => contributorScopes(await boardLocality(ctx.prisma, args.input.boardId ?? null)),
    args: { input: t.arg({ type: CreateMeetingInput, required: true, description: 'The meeting.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createMeeting(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateMeeting: t.prismaField({
    type: 'Meeting',
    description: 'Change a meeting: its time, place, minutes or decisions (ADMIN, or the lead of the board’s locality).',
    authScopes: (_root, args, ctx) => meetingLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Meeting', 'The meeting’s global id.'),
      input: t.arg({ type: UpdateMeetingInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateMeeting(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  cancelMeeting: t.prismaField({
    type: 'Meeting',
    description: 'Cancel a meeting (ADMIN, or the lead of the board’s locality); it stays in the record.',
    authScopes: (_root, args, ctx) => meetingLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Meeting', 'The meeting’s global id.'),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateMeeting(ctx.prisma, ctx.viewer, args, {}, true);
      return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  recordAttendance: t.prismaField({
    type: 'Meeting',
    description: 'Add people to a meeting’s attendance (a CONTRIBUTOR, the lead of the board’s locality, or ADMIN).',
    authScopes: async (_root, args, ctx) =>
      contributorScopes(await recordLocality(ctx.prisma, 'meeting', args.input.meetingId ?? null)),
    args: {
      input: t.arg({ type: RecordAttendanceInput, required: true, description: 'The attendance.' }),
      expectedRevision: expectedRevisionArg(t.arg),
    },
    resolve: async (query, _root, args, ctx) => {
      const input = args.input;
      await recordAttendance(ctx.prisma, ctx.viewer, { id: input.meetingId, expectedRevision: args.expectedRevision ?? null }, input.attendance);
      return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: input.meetingId } });
    },
  }),
}));
