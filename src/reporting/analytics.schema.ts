/**
 * `issueAnalytics(filter:)` in the graph: the figures of src/reporting/analytics.ts over the
 * issues (and their actions) the viewer may see. The rows are read once per request; every field
 * below is computed from them (the population through the request's loader, one analytics query).
 */
import { LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { analyticsRows, type AnalyticsRows, type Grouping, isOverdue, type LocalityFigures, localityFigures, perThousand, resolvedRows, resolveTimes, type ResolveTimes } from './analytics.js';
import { IssueFilterInput } from './issues.schema.js';

const GroupingEnum = builder.enumType('IssueGrouping', {
  description: 'How to group issue figures.',
  values: {
    LOCALITY: { description: 'By the locality it was raised in (key: the locality code).' },
    PARTNER: { description: 'By its owner partner (key: the partner id).' },
    THEME: { description: 'By theme.' },
  } satisfies Record<Grouping, { description: string }>,
});

const ResolveTimesRef = builder.objectRef<ResolveTimes>('ResolveTimes').implement({
  description: 'How long resolved issues took: days from raisedOn to resolvedOn.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The group: a locality code, a partner id or a theme ("ALL" for every issue).' }),
    label: t.exposeString('label', { description: 'The group in words (locality or partner name, theme).' }),
    count: t.exposeInt('count', { description: 'Resolved issues in the group.' }),
    medianDays: t.exposeFloat('medianDays', { nullable: true, description: 'Median days to resolve (Hyndman-Fan type 7, R’s default quantile).' }),
    p90Days: t.exposeFloat('p90Days', { nullable: true, description: '90th percentile of days to resolve (Hyndman-Fan type 7).' }),
    meanDays: t.exposeFloat('meanDays', { nullable: true, description: 'Mean days to resolve.' }),
  }),
});

const LocalityFiguresRef = builder.objectRef<LocalityFigures & { versionId: string }>('IssueLocalityFigures').implement({
  description: 'Issue and action figures of one locality (zeros included).',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The locality.', resolve: (f) => f.locality }),
    issues: t.exposeInt('issues', { description: 'Issues raised (that the filter admits).' }),
    openIssues: t.int({ description: 'Of them, not resolved (OPEN, IN_PROGRESS or ESCALATED).', resolve: (f) => f.open }),
    escalatedIssues: t.int({ description: 'Of them, escalated to the county.', resolve: (f) => f.escalated }),
    openActions: t.exposeInt('openActions', { description: 'Their actions still OPEN or IN_PROGRESS.' }),
    overdueActions: t.exposeInt('overdueActions', { description: 'Their actions past due and neither DONE nor CANCELLED.' }),
    population: t.float({
      nullable: true,
      description: 'Residents (all ages) in the population period.',
      args: { populationPeriod: t.arg.string({ required: false, description: 'A mid-year such as 2020; default: the latest with data.' }) },
      resolve: async (f, args, ctx) => (await populationOf(f, args.populationPeriod, ctx))?.count ?? null,
    }),
    populationPeriod: t.string({
      nullable: true,
      description: 'The mid-year of the population used (the latest loaded unless one is asked for).',
      args: { populationPeriod: t.arg.string({ required: false, description: 'A mid-year such as 2020; default: the latest with data.' }) },
      resolve: async (f, args, ctx) => (await populationOf(f, args.populationPeriod, ctx))?.period ?? null,
    }),
    issuesPerThousand: t.float({
      nullable: true,
      description: 'Issues per 1,000 residents (all ages, in the population period); null without a population.',
      args: { populationPeriod: t.arg.string({ required: false, description: 'A mid-year such as 2020; default: the latest with data.' }) },
      resolve: async (f, args, ctx) => perThousand(f.issues, await populationOf(f, args.populationPeriod, ctx)),
    }),
  }),
});

/** The locality's population (all ages) through the request's loader: one analytics query for every locality. */
function populationOf(f: LocalityFigures & { versionId: string }, period: string | null | undefined, ctx: Context) {
  return ctx.loaders.population.load({ versionId: f.versionId, ageBand: 'all_ages', period: period ?? null, area: { kind: 'LOCALITY', code: f.locality.code } });
}

type Analytics = AnalyticsRows & { versionId: string };

const ActionTotalsRef = builder.objectRef<Analytics>('ActionTotals').implement({
  description: 'Actions on the issues counted (those the viewer may see).',
  fields: (t) => ({
    total: t.int({ description: 'Every action.', resolve: (a) => a.actions.length }),
    open: t.int({ description: 'OPEN or IN_PROGRESS.', resolve: (a) => a.actions.filter((x) => x.status === 'OPEN' || x.status === 'IN_PROGRESS').length }),
    overdue: t.int({ description: 'Past due and neither DONE nor CANCELLED (as of today).', resolve: (a) => a.actions.filter((x) => isOverdue(x, a.on)).length }),
    done: t.int({ description: 'DONE.', resolve: (a) => a.actions.filter((x) => x.status === 'DONE').length }),
    cancelled: t.int({ description: 'CANCELLED.', resolve: (a) => a.actions.filter((x) => x.status === 'CANCELLED').length }),
  }),
});

const IssueAnalyticsRef = builder.objectRef<Analytics>('IssueAnalytics').implement({
  description: 'Figures over the issues the viewer may see that the filter admits (a hidden issue is in no figure).',
  fields: (t) => ({
    issueCount: t.int({ description: 'Issues counted.', resolve: (a) => a.issues.length }),
    openCount: t.int({ description: 'Of them, not resolved (OPEN, IN_PROGRESS or ESCALATED).', resolve: (a) => a.issues.filter((i) => i.status !== 'RESOLVED').length }),
    resolvedCount: t.int({ description: 'Of them, RESOLVED.', resolve: (a) => a.issues.filter((i) => i.resolvedOn !== null).length }),
    escalatedCount: t.int({ description: 'Of them, escalated to the county (at any time).', resolve: (a) => a.issues.filter((i) => i.escalatedOn !== null).length }),
    timeToResolve: t.field({
      type: ResolveTimesRef,
      description: 'Days to resolve over every resolved issue counted (key "ALL").',
      resolve: (a) => resolveTimes(resolvedRows(a, 'THEME').map((row) => ({ ...row, key: 'ALL', label: 'All issues' })))[0] ?? { key: 'ALL', label: 'All issues', count: 0, medianDays: null, p90Days: null, meanDays: null },
    }),
    timeToResolveBy: t.field({
      type: [ResolveTimesRef],
      description: 'Days to resolve per group (groups with a resolved issue), by label.',
      args: { by: t.arg({ type: GroupingEnum, required: true, description: 'Group by locality, owner partner or theme.' }) },
      resolve: (a, args) => resolveTimes(resolvedRows(a, args.by)),
    }),
    actions: t.field({ type: ActionTotalsRef, description: 'Actions on these issues.', resolve: (a) => a }),
    byLocality: t.field({
      type: [LocalityFiguresRef],
      description: 'Per locality of the current geography (those the filter names), with issues per 1,000 residents.',
      resolve: (a) => localityFigures(a).map((f) => ({ ...f, versionId: a.versionId })),
    }),
  }),
});

builder.queryField('issueAnalytics', (t) =>
  t.field({
    type: IssueAnalyticsRef,
    description: 'Time to resolve, open and overdue actions, escalations and issues per 1,000 residents, over the issues the viewer may see.',
    args: { filter: t.arg({ type: IssueFilterInput, required: false, description: 'Which issues to count.' }) },
    resolve: async (_root, args, ctx) => {
      const versionId = ctx.geography.versionId();
      return { ...(await analyticsRows(ctx.prisma, ctx.viewer, args.filter, versionId)), versionId };
    },
  }),
);
