/**
 * Consultation in the graph: the type and its responses, `Locality.consultations`,
 * `consultations` (open, overdue... by locality), and the mutations: the locality's lead (or
 * ADMIN) runs consultations; a CONTRIBUTOR records responses.
 */
import { z } from 'zod';
import type { ConsultationAudience } from '../generated/prisma/sqlite/enums.js';
import { inLocalityGroup } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { boardLocality, contributorScopes, leadScopes, recordLocality } from '../auth/scopes.js';
import { day } from '../schema/input.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { today } from '../days.js';
import {
  closeConsultation,
  type ConsultationState,
  consultationState,
  createConsultation,
  createConsultationInput,
  respond,
  responseInput,
  stateWhere,
  updateConsultation,
  updateConsultationInput,
} from './consultations.js';
import { ConsultationAudienceEnum, ConsultationStateEnum } from './enums.js';

export const ConsultationRef = builder.prismaNode('Consultation', {
  nullable: true,
  description: 'A consultation: a subject put to an audience, open from a day until its deadline, and the responses received.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    subject: t.exposeString('subject', { description: 'What is being consulted on.' }),
    description: t.exposeString('description', { nullable: true, description: 'More about it.' }),
    audience: t.expose('audience', { type: ConsultationAudienceEnum, description: 'Who it is for.' }),
    locality: t.relation('locality', { nullable: true, description: 'Its locality (null for a county-wide one).' }),
    board: t.relation('board', { nullable: true, description: 'The board running it.' }),
    opensOn: t.expose('opensOn', { type: 'Date', description: 'The first day responses are taken.' }),
    deadline: t.expose('deadline', { type: 'Date', description: 'The last day to respond.' }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: 'The day it was closed, its responses considered.' }),
    state: t.field({
      type: ConsultationStateEnum,
      description: 'Where it stands on a day (default today).',
      args: { on: t.arg({ type: 'Date', required: false, description: 'The day (default today).' }) },
      select: { opensOn: true, deadline: true, closedOn: true },
      resolve: (consultation, args) => consultationState(consultation, args.on ?? today()),
    }),
    responses: t.relatedConnection('responses', {
      description: 'The responses, in the order received.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      query: () => ({ orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] }),
    }, ...pageTypes('consultation responses')),
  }),
});

builder.prismaNode('ConsultationResponse', {
  nullable: true,
  description: 'One response to a consultation: who, when and what.',
  id: { field: 'id' },
  fields: (t) => ({
    consultation: t.relation('consultation', { description: 'The consultation.' }),
    person: t.relation('person', { nullable: true, description: 'Who responded, when in the directory.' }),
    partner: t.relation('partner', { nullable: true, description: 'The partner responding, or the person’s.' }),
    respondentName: t.exposeString('respondentName', { nullable: true, description: 'A respondent not in the directory.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'When it was received.' }),
    text: t.exposeString('text', { description: 'The response.' }),
  }),
});

interface ConsultationFilter {
  localityCode?: string | null;
  group?: string | null;
  state?: ConsultationState | null;
  on?: Date | null;
  audience?: ConsultationAudience | null;
}

function consultationsWhere(args: ConsultationFilter) {
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { locality } : {}),
    ...(args.audience ? { audience: args.audience } : {}),
    ...(args.state ? stateWhere(args.state, args.on ?? today()) : {}),
  };
}

const stateArgs = builder.args((t) => ({
  state: t.field({ type: ConsultationStateEnum, required: false, description: 'Only consultations in this state (e.g. OPEN, OVERDUE).' }),
  on: t.field({ type: 'Date', required: false, description: 'The day the state is judged on (default today).' }),
}));

builder.prismaObjectField('Locality', 'consultations', (t) =>
  t.relatedConnection('consultations', {
    description: 'The locality’s consultations by deadline, optionally those in one state (e.g. OVERDUE).',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: stateArgs,
    query: (args) => ({ where: args.state ? stateWhere(args.state, args.on ?? today()) : {}, orderBy: [{ deadline: 'asc' }, { id: 'asc' }] }),
  }, ...pageTypes('consultations')),
);

builder.queryField('consultations', (t) =>
  t.prismaConnection({
    type: 'Consultation',
    cursor: 'id',
    description: 'Consultations by deadline, filtered by locality, group of localities, audience and state (open and overdue ones by locality).',
    complexity: pageComplexity,
    args: {
      localityCode: t.arg.string({ required: false, description: 'Only this locality’s consultations (code).' }),
      group: t.arg.string({ required: false, description: 'Only consultations of localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      audience: t.arg({ type: ConsultationAudienceEnum, required: false, description: 'Only consultations for this audience.' }),
      ...stateArgs,
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.consultation.count({ where: consultationsWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.consultation.findMany({ ...query, where: consultationsWhere(args), orderBy: [{ deadline: 'asc' }, { id: 'asc' }] }),
  }, ...pageTypes('consultations')),
);

const consultationInput = (create: boolean) =>
  builder.inputType(create ? 'CreateConsultationInput' : 'UpdateConsultationInput', {
    description: create ? 'A new consultation.' : 'Changes to an open consultation: fields left out stay as they are.',
    fields: (t) => ({
      ...(create
        ? {
            localityCode: t.string({ description: 'Its locality (code); none: county-wide.' }),
            boardId: t.id({ description: 'The board running it (global id).' }),
          }
        : {}),
      subject: t.string({ required: create, description: 'What is being consulted on.' }),
      description: t.string({ description: 'More about it.' }),
      audience: t.field({ type: ConsultationAudienceEnum, required: create, description: 'Who it is for.' }),
      opensOn: t.field({ type: 'Date', required: create, description: 'The first day responses are taken.' }),
      deadline: t.field({ type: 'Date', required: create, description: 'The last day to respond (after opensOn).' }),
    }),
  });
const CreateConsultationInput = consultationInput(true).validate(createConsultationInput);
const UpdateConsultationInput = consultationInput(false).validate(updateConsultationInput);

const RespondInput = builder.inputType('ConsultationResponseInput', {
  description: 'A response to a consultation, from a person, a partner or a named respondent.',
  fields: (t) => ({
    consultationId: t.id({ required: true, description: 'The consultation (global id).' }),
    personId: t.id({ description: 'Who responded (global id).' }),
    partnerId: t.id({ description: 'The partner responding (default: the person’s).' }),
    respondentName: t.string({ description: 'A respondent not in the directory.' }),
    text: t.string({ required: true, description: 'The response.' }),
    receivedAt: t.field({ type: 'DateTime', description: 'When it was received (default now).' }),
  }),
}).validate(responseInput);

const closeArgs = z.object({ closedOn: day.nullish() });
const consultationLead = async (id: number | null, ctx: { prisma: Parameters<typeof recordLocality>[0] }) =>
  leadScopes(await recordLocality(ctx.prisma, 'consultation', id));

builder.mutationFields((t) => ({
  createConsultation: t.prismaField({
    type: 'Consultation',
    description: 'Open a consultation (ADMIN, or the lead of its locality or its board’s).',
    authScopes: async (_root, args, ctx) =>
      leadScopes(args.input.localityCode ?? (await boardLocality(ctx.prisma, args.input.boardId ?? null))),
    args: { input: t.arg({ type: CreateConsultationInput, required: true, description: 'The consultation.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createConsultation(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.consultation.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateConsultation: t.prismaField({
    type: 'Consultation',
    description: 'Change a consultation that is not closed (ADMIN, or the lead of its locality).',
    authScopes: (_root, args, ctx) => consultationLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Consultation', 'The consultation’s global id.'),
      input: t.arg({ type: UpdateConsultationInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateConsultation(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.consultation.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  closeConsultation: t.prismaField({
    type: 'Consultation',
    description: 'Close a consultation, its responses considered (ADMIN, or the lead of its locality).',
    authScopes: (_root, args, ctx) => consultationLead(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Consultation', 'The consultation’s global id.'),
      closedOn: t.arg({ type: 'Date', required: false, description: 'The day it closed (default today).' }).validate(closeArgs.shape.closedOn),
    },
    resolve: async (query, _root, args, ctx) => {
      await closeConsultation(ctx.prisma, ctx.viewer, args, args.closedOn ?? undefined);
      return ctx.prisma.consultation.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  respondToConsultation: t.prismaField({
    type: 'ConsultationResponse',
    description: 'Record a response (a CONTRIBUTOR, the lead of its locality, or ADMIN). CONFLICT once it is closed.',
    authScopes: async (_root, args, ctx) =>
      contributorScopes(await recordLocality(ctx.prisma, 'consultation', args.input.consultationId ?? null)),
    args: { input: t.arg({ type: RespondInput, required: true, description: 'The response.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await respond(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.consultationResponse.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
