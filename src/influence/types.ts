/**
 * The influence map in the graph: `Locality.influenceMap(from:)` and `influenceMap(localityCode:,
 * from:)`, answered by map.ts in a fixed number of statements. Public: everything on it is what
 * residents are invited to take part in.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { asFieldRef, builder } from '../schema/builder.js';
import { today } from '../days.js';
import { type DecisionMaker, type InfluenceEntry, type InfluenceMap, influenceMap } from './map.js';

const KindEnum = builder.enumType('InfluenceKind', {
  description: 'What kind of decision an influence-map entry is.',
  values: {
    MEETING: { description: 'A board meeting: decisions are taken there.' },
    CONSULTATION: { description: 'A consultation with a deadline.' },
    PB_ROUND: { description: 'A participatory-budgeting round: residents decide how money is spent.' },
    PLAN: { description: 'A locality plan not yet approved.' },
  },
});

const TakePartEnum = builder.enumType('TakePart', {
  description: 'How to take part.',
  values: {
    ATTEND: { description: 'Come to the meeting.' },
    RESPOND: { description: 'Send your views.' },
    PROPOSE: { description: 'Propose a project (a community group).' },
    VOTE: { description: 'Vote for the projects you support.' },
  },
});

const PathwayStepRef = builder.objectRef<{ boardId: number; name: string }>('PathwayStep').implement({
  description: 'A board on the governance pathway.',
  fields: (t) => ({
    boardId: t.id({ description: 'The board’s global id.', resolve: (s) => encodeGlobalID('Board', s.boardId) }),
    name: t.exposeString('name', { description: 'Its name.' }),
  }),
});

const DecisionMakerRef = builder.objectRef<DecisionMaker>('DecisionMaker').implement({
  description: 'Who decides: a board that covers the locality, its chair, and whom it reports to.',
  fields: (t) => ({
    boardId: t.id({ description: 'The board’s global id.', resolve: (d) => encodeGlobalID('Board', d.boardId) }),
    name: t.exposeString('name', { description: 'The board.' }),
    kind: t.exposeString('kind', { description: 'Its kind (BoardKind).' }),
    scope: t.exposeString('scope', { description: 'What it covers: LOCALITY, SERVICE_AREA or COUNTY.' }),
    chairName: t.exposeString('chairName', { nullable: true, description: 'Its chair.' }),
    reportsTo: t.field({ type: [PathwayStepRef], description: 'The boards it reports to, nearest first.', resolve: (d) => d.reportsTo }),
  }),
});

const EntryRef = builder.objectRef<InfluenceEntry>('InfluenceEntry').implement({
  description: 'Something coming up that can be influenced, when and how.',
  fields: (t) => ({
    kind: t.field({ type: KindEnum, description: 'What kind of decision.', resolve: (e) => e.kind }),
    recordId: t.id({ description: 'The global id of the meeting, consultation, round or plan.', resolve: (e) => encodeGlobalID(e.record.typename, e.record.id) }),
    date: t.field({ type: 'DateTime', description: 'When it happens or is decided (a meeting’s start, a consultation’s deadline, a round’s close).', resolve: (e) => e.date }),
    opensOn: t.field({ type: 'Date', nullable: true, description: 'The first day one can take part (consultations and rounds).', resolve: (e) => e.opensOn }),
    title: t.exposeString('title', { description: 'What it is.' }),
    summary: t.exposeString('summary', { description: 'In plain words.' }),
    how: t.exposeString('how', { description: 'How to take part, in plain words.' }),
    takePart: t.field({ type: [TakePartEnum], description: 'The ways to take part.', resolve: (e) => e.takePart }),
    location: t.exposeString('location', { nullable: true, description: 'Where (a meeting).' }),
    decidedBy: t.field({ type: DecisionMakerRef, nullable: true, description: 'Who decides.', resolve: (e) => e.decidedBy }),
  }),
});

export const InfluenceMapRef = builder.objectRef<InfluenceMap>('InfluenceMap').implement({
  description: 'What a locality’s residents and partners can influence, when and how: the decisions coming up in date order, and who decides.',
  fields: (t) => ({
    localityCode: t.string({ description: 'The locality.', resolve: (m) => m.locality.code }),
    localityName: t.string({ description: 'Its name.', resolve: (m) => m.locality.name }),
    from: t.field({ type: 'Date', description: 'The first day covered.', resolve: (m) => m.from }),
    decisionMakers: t.field({ type: [DecisionMakerRef], description: 'Every board that covers the locality (its own, its service areas’, the county’s).', resolve: (m) => m.decisionMakers }),
    entries: t.field({ type: [EntryRef], description: 'The decisions coming up, in date order.', resolve: (m) => m.entries }),
  }),
});

const fromArg = builder.args((t) => ({ from: t.field({ type: 'Date', required: false, description: 'From this day (default today).' }) }));

builder.prismaObjectField('Locality', 'influenceMap', (t) =>
  asFieldRef(t.field({
    type: InfluenceMapRef,
    description: 'What can be influenced here, when and how.',
    args: fromArg,
    select: { code: true },
    resolve: (locality, args, ctx) => influenceMap(ctx.prisma, locality.code, args.from ?? today()),
  })),
);

builder.queryField('influenceMap', (t) =>
  t.field({
    type: InfluenceMapRef,
    description: 'The influence map of one locality: what can be influenced, when and how (also at /influence/<code> and /influence/<code>.csv).',
    args: { localityCode: t.arg.string({ required: true, description: 'The locality code.' }), ...fromArg },
    resolve: (_root, args, ctx) => influenceMap(ctx.prisma, args.localityCode, args.from ?? today()),
  }),
);
