/**
 * Outcome in the graph: the type with its evidence (indicators; issues filtered by the sharing
 * rule, so a hidden issue is never shown as evidence; meetings), `Locality.outcomes`,
 * `outcomeOverview(from:, to:)` (the county hub's grid: the localities against the four working
 * principles over time, one query), and `recordOutcome` (src/reporting/outcomes.ts).
 */
import type { Locality, Outcome } from '../generated/prisma/sqlite/client.js';
import { LocalityRef } from '../geography/types.js';
import { BadUserInputError } from '../errors.js';
import { leadScopes } from '../auth/scopes.js';
import { MeetingRef } from '../partnership/meetings.schema.js';
import { builder } from '../schema/builder.js';
import { expectedRevisionArg, REVISION } from '../writes/graphql.js';
import { SHAREABLE_SELECT } from '../sharing/types.js';
import { visibleWhere } from '../sharing/visibility.js';
import { IndicatorRef } from '../statistics/types.js';
import { IssueRef } from './issues.schema.js';
import { type OverviewLocality, overviewGrid, PRINCIPLES, RATINGS, recordOutcome, recordOutcomeInput } from './outcomes.js';

export const WorkingPrincipleEnum = builder.enumType('WorkingPrinciple', {
  description: 'The four working principles of locality working.',
  values: {
    STRENGTHENED_COMMUNITY_LEADERSHIP: { description: 'Strengthened community leadership.' },
    SERVICES_MEETING_COMMUNITY_NEEDS: { description: 'Local services meeting the needs of communities.' },
    JOINED_UP_LOCAL_SERVICES: { description: 'Joined-up local services.' },
    PARTNERSHIP_WITH_EMPOWERED_COMMUNITIES: { description: 'Working in partnership with empowered communities.' },
  } satisfies Record<(typeof PRINCIPLES)[number], { description: string }>,
});

export const OutcomeRatingEnum = builder.enumType('OutcomeRating', {
  description: 'A maturity scale, lowest first.',
  values: {
    NOT_STARTED: { description: 'Not started.' },
    EMERGING: { description: 'Emerging: first steps taken.' },
    DEVELOPING: { description: 'Developing: in place in parts.' },
    ESTABLISHED: { description: 'Established: in place and working.' },
    EMBEDDED: { description: 'Embedded: how things are done.' },
  } satisfies Record<(typeof RATINGS)[number], { description: string }>,
});

export const OutcomeRef = builder.prismaNode('Outcome', {
  nullable: true,
  description: 'An evaluation of a locality against one working principle for a period, with its evidence.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    locality: t.relation('locality', { description: 'The locality evaluated.' }),
    principle: t.expose('principle', { type: WorkingPrincipleEnum, description: 'The working principle.' }),
    rating: t.expose('rating', { type: OutcomeRatingEnum, description: 'The rating on the maturity scale.' }),
    ratingScore: t.int({
      description: 'The rating as a number, 0 (NOT_STARTED) to 4 (EMBEDDED), for charts.',
      select: { rating: true },
      resolve: (outcome) => RATINGS.indexOf(outcome.rating),
    }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'The first day of the period evaluated.' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'The day after the period evaluated ends (half-open).' }),
    summary: t.exposeString('summary', { nullable: true, description: 'The assessment in words.' }),
    assessor: t.relation('assessor', { nullable: true, description: 'The person who made the assessment.' }),
    assessorPartner: t.relation('assessorPartner', { nullable: true, description: 'Their partner.' }),
    indicatorIds: t.stringList({
      description: 'Ids of the profile indicators that are evidence.',
      select: { indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: (outcome) => outcome.indicators.map((link) => link.indicatorId),
    }),
    indicators: t.field({
      type: [IndicatorRef],
      description: 'The profile indicators that are evidence (those in the statistics catalogue).',
      select: { indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: async (outcome, _args, ctx) => {
        const catalogue = await ctx.loaders.statistics.catalogue();
        return outcome.indicators.flatMap((link) => catalogue.get(link.indicatorId) ?? []);
      },
    }),
    evidenceIssues: t.field({
      type: [IssueRef],
      description: 'Issues that are evidence, those the viewer may see (hidden ones are left out).',
      select: (_args, ctx, nested) => ({
        issues: { where: { issue: visibleWhere(ctx.viewer) }, orderBy: { issueId: 'asc' }, select: { issue: nested({ select: SHAREABLE_SELECT }) } },
      }),
      resolve: (outcome) => outcome.issues.map((link) => link.issue),
    }),
    evidenceMeetings: t.field({
      type: [MeetingRef],
      description: 'Meetings that are evidence.',
      select: (_args, _ctx, nested) => ({ meetings: { orderBy: { meetingId: 'asc' }, select: { meeting: nested(true) } } }),
      resolve: (outcome) => outcome.meetings.map((link) => link.meeting),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was first recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

builder.prismaObjectField('Locality', 'outcomes', (t) =>
  t.relation('outcomes', {
    description: 'Outcomes recorded for this locality, by period then principle.',
    args: {
      principle: t.arg({ type: WorkingPrincipleEnum, required: false, description: 'Only this principle.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Periods starting on or after this day.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Periods starting on or before this day.' }),
    },
    query: (args) => ({
      where: {
        ...(args.principle ? { principle: args.principle } : {}),
        periodStart: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) },
      },
      orderBy: [{ periodStart: 'asc' }, { principle: 'asc' }],
    }),
  }),
);

type GridLocality = OverviewLocality<Locality & { outcomes: Outcome[] }, Outcome>;

const OverviewRow = builder.objectRef<GridLocality['principles'][number]>('OutcomeOverviewRow').implement({
  description: 'One principle of one locality across the periods.',
  fields: (t) => ({
    principle: t.field({ type: WorkingPrincipleEnum, description: 'The working principle.', resolve: (row) => row.principle }),
    cells: t.field({
      type: [OutcomeRef],
      nullable: { list: false, items: true },
      description: 'The outcome of each period of the overview (aligned with `periods`; null where none was recorded).',
      resolve: (row) => row.cells,
    }),
  }),
});

const OverviewLocalityRef = builder.objectRef<GridLocality>('OutcomeOverviewLocality').implement({
  description: 'One locality of the overview: its four principles across the periods.',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The locality.', resolve: (row) => row.locality }),
    principles: t.field({ type: [OverviewRow], description: 'The four working principles, in order.', resolve: (row) => row.principles }),
  }),
});

const OverviewRef = builder.objectRef<{ from: Date; to: Date; periods: Date[]; localities: GridLocality[] }>('OutcomeOverview').implement({
  description: "The county hub's view: every locality against the four working principles, side by side, over time.",
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'Periods starting on or after this day.', resolve: (o) => o.from }),
    to: t.field({ type: 'Date', description: 'Periods starting on or before this day.', resolve: (o) => o.to }),
    periods: t.field({ type: ['Date'], description: 'The period starts with any outcome recorded in the range, ascending: the columns.', resolve: (o) => o.periods }),
    principles: t.field({ type: [WorkingPrincipleEnum], description: 'The four working principles: the rows of each locality.', resolve: () => [...PRINCIPLES] }),
    localities: t.field({ type: [OverviewLocalityRef], description: 'Every locality of the current geography, in the order of the geography’s first grouping, then by name.', resolve: (o) => o.localities }),
  }),
});

builder.queryField('outcomeOverview', (t) =>
  t.field({
    type: OverviewRef,
    description: 'Every locality against the four working principles over the periods starting in [from, to]: one query, however many localities and periods.',
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'Periods starting on or after this day.' }),
      to: t.arg({ type: 'Date', required: true, description: 'Periods starting on or before this day.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.to.getTime() < args.from.getTime()) throw new BadUserInputError('to: must not be before from', { field: 'to' });
      const localities = await ctx.prisma.locality.findMany({
        where: { versions: { some: { versionId: ctx.geography.versionId() } } },
        include: { outcomes: { where: { periodStart: { gte: args.from, lte: args.to } }, orderBy: [{ periodStart: 'asc' }, { id: 'asc' }] } },
        orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
      });
      return { from: args.from, to: args.to, ...overviewGrid(localities) };
    },
  }),
);

const RecordOutcomeInput = builder.inputType('RecordOutcomeInput', {
  description: 'An evaluation of a locality against a working principle for a period (replaces the one of the same locality, principle and period start).',
  fields: (t) => ({
    localityCode: t.string({ required: true, description: 'The locality (code).' }),
    principle: t.field({ type: WorkingPrincipleEnum, required: true, description: 'The working principle.' }),
    rating: t.field({ type: OutcomeRatingEnum, required: true, description: 'The rating.' }),
    periodStart: t.field({ type: 'Date', required: true, description: 'The first day of the period.' }),
    periodEnd: t.field({ type: 'Date', required: true, description: 'The day after the period ends (after periodStart).' }),
    summary: t.string({ required: false, description: 'The assessment in words.' }),
    indicatorIds: t.stringList({ required: false, description: 'Profile indicators that are evidence (ids in the catalogue).' }),
    issueIds: t.idList({ required: false, description: "Issues that are evidence (global ids; the locality's, visible to you)." }),
    meetingIds: t.idList({ required: false, description: 'Meetings that are evidence (global ids).' }),
  }),
}).validate(recordOutcomeInput);

builder.mutationField('recordOutcome', (t) =>
  t.prismaField({
    type: 'Outcome',
    description: 'Record the outcome of a locality against a working principle for a period, or replace it (the locality’s LOCALITY_LEAD or an ADMIN).',
    authScopes: (_root, args) => leadScopes(args.input.localityCode),
    args: {
      input: t.arg({ type: RecordOutcomeInput, required: true, description: 'The evaluation.' }),
      expectedRevision: expectedRevisionArg(t.arg),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await recordOutcome(ctx.prisma, ctx.viewer, await ctx.loaders.statistics.catalogue(), args.input, args.expectedRevision ?? null);
      return ctx.prisma.outcome.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
