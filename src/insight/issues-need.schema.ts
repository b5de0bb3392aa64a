/**
 * `issuesAgainstNeed` in the graph (issues-need.ts): the issues and actions the viewer may see
 * (two statements, the sharing rule in each), the records once and one profile query.
 */
import { LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { boardFilter, intersect, JudgementRef, latestProfiles, liveWorkOf, localityFilter, PriorityAtWorkRef } from './common.schema.js';
import { boardPlaces } from './gaps.js';
import { issueRows, issuesAgainstNeed, type LocalityIssues, type ThemeIssues } from './issues-need.js';

const ThemeIssuesRef = builder.objectRef<ThemeIssues>('ThemeIssuesAgainstNeed').implement({
  description: 'One issue theme in a locality: the issues and how they are dealt with, beside the need in the matching catalogue themes.',
  fields: (t) => ({
    theme: t.exposeString('theme', { description: 'The issues’ theme.' }),
    catalogueThemes: t.exposeStringList('catalogueThemes', { description: 'The catalogue themes it means (INSIGHT_CONFIG_FILE `themes`).' }),
    issues: t.exposeInt('issues', { description: 'Issues raised (that the viewer may see).' }),
    openIssues: t.int({ description: 'Not resolved.', resolve: (x) => x.open }),
    escalatedIssues: t.int({ description: 'Escalated to the county.', resolve: (x) => x.escalated }),
    issuesWithoutPriority: t.int({ description: 'Linked to no priority.', resolve: (x) => x.withoutPriority }),
    openActions: t.exposeInt('openActions', { description: 'Their actions OPEN or IN_PROGRESS.' }),
    overdueActions: t.exposeInt('overdueActions', { description: 'Their actions past due and not done.' }),
    resolvedCount: t.int({ description: 'Resolved issues (those timed).', resolve: (x) => x.timeToResolve.count }),
    medianDaysToResolve: t.float({ nullable: true, description: 'Median days from raised to resolved (Hyndman-Fan type 7, as issueAnalytics).', resolve: (x) => x.timeToResolve.medianDays }),
    p90DaysToResolve: t.float({ nullable: true, description: '90th percentile of days to resolve (type 7).', resolve: (x) => x.timeToResolve.p90Days }),
    need: t.field({ type: [JudgementRef], description: 'Indicators of those catalogue themes worse than the county (95%) or getting worse.', resolve: (x) => x.need }),
    indicatorsWorse95: t.int({ description: 'How many are worse at 95%.', resolve: (x) => x.worse95 }),
    indicatorsWorse998: t.int({ description: 'How many are worse at 99.8%.', resolve: (x) => x.worse998 }),
    indicatorsWorsening: t.int({ description: 'How many are getting worse.', resolve: (x) => x.worsening }),
    livePriorities: t.field({ type: [PriorityAtWorkRef], description: 'Live priorities addressing the locality in this theme (same records theme, or a theme meaning the same catalogue themes).', resolve: (x) => x.livePriorities }),
    noOnesJob: t.boolean({ description: 'Issues here, need shown, and no live priority in the theme: issues that are no-one’s job.', resolve: (x) => x.issues > 0 && x.need.length > 0 && x.livePriorities.length === 0 }),
  }),
});

const LocalityIssuesRef = builder.objectRef<LocalityIssues>('LocalityIssuesAgainstNeed').implement({
  description: 'A locality’s issues by theme against the need its profile shows.',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The locality.', resolve: (l) => l.locality.record }),
    issues: t.exposeInt('issues', { description: 'Issues raised (that the viewer may see).' }),
    escalatedToCounty: t.int({ description: 'Of them, escalated to the county.', resolve: (l) => l.escalated }),
    themes: t.field({ type: [ThemeIssuesRef], description: 'Per issue theme, by name.', resolve: (l) => l.themes }),
  }),
});

builder.queryField('issuesAgainstNeed', (t) =>
  t.field({
    type: [LocalityIssuesRef],
    description:
      'Issues against need: per locality and theme, time to resolve (median, 90th percentile), escalations to the county and open or overdue actions, beside the profile’s need in the same theme; over the issues the viewer may see.',
    args: {
      localityCodes: t.arg.stringList({ required: false, description: 'Only these localities (codes).' }),
      board: t.arg.id({ required: false, description: 'Only this board’s localities.' }),
      raisedFrom: t.arg({ type: 'Date', required: false, description: 'Only issues raised on or after this day.' }),
    },
    resolve: async (_root, args, ctx) => {
      const work = await liveWorkOf(ctx);
      const board = await boardFilter(ctx, work, args.board == null ? null : String(args.board));
      const keep = intersect(board ? boardPlaces(work, board) : null, localityFilter(work, args.localityCodes));
      const [rows, profiles] = await Promise.all([issueRows(ctx.prisma, ctx.viewer, { raisedFrom: args.raisedFrom ?? null }), latestProfiles(ctx, work)]);
      return issuesAgainstNeed(work, rows, profiles, ctx.insight, keep);
    },
  }),
);
