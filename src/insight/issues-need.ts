/**
 * Issues against need: per locality and issue theme, the issues the viewer may see (raised,
 * open, escalated to the county, not linked to any priority), how long resolved ones took
 * (median and 90th percentile by Hyndman and Fan's definition 7, as issueAnalytics), open and
 * overdue actions, beside the need the profile shows in the catalogue themes that records theme
 * means (config.ts `themes`): how many indicators are significantly worse than the county and
 * getting worse, and whether any live priority addressing the locality works in that theme. A
 * theme with issues, need and no live priority is where issues are "no-one's job".
 */
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/records.js';
import { today } from '../days.js';
import { isOverdue, resolveTimes, type ResolveTimes } from '../reporting/analytics.js';
import { actionWhere, type IssueFilter, issueWhere } from '../reporting/filters.js';
import type { ProfileRow } from '../statistics/profile.js';
import { catalogueThemesOf, type InsightConfig } from './config.js';
import { isWorseAt, judge, type Judgement } from './need.js';
import type { LiveWork, LocalityRecord, LivePriority } from './records.js';

const DAY = 86_400_000;

export interface ThemeIssues {
  theme: string;
  catalogueThemes: string[];
  issues: number;
  open: number;
  escalated: number;
  withoutPriority: number;
  openActions: number;
  overdueActions: number;
  timeToResolve: ResolveTimes;
  /** Indicators of those catalogue themes that are worse than the county (95%) or getting worse. */
  need: Judgement[];
  worse95: number;
  worse998: number;
  worsening: number;
  livePriorities: LivePriority[];
}

export interface LocalityIssues {
  locality: LocalityRecord;
  issues: number;
  escalated: number;
  themes: ThemeIssues[];
}

export interface IssueRows {
  issues: { id: number; localityId: number; theme: string; status: string; raisedOn: Date; resolvedOn: Date | null; escalatedOn: Date | null; priorityId: number | null }[];
  actions: { issueId: number; status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED'; dueOn: Date | null }[];
  on: Date;
}

/** The issues and actions the viewer may see that the filter admits: two statements, the sharing rule in each. */
export async function issueRows(db: Db, viewer: Viewer, filter: IssueFilter | null, on = today()): Promise<IssueRows> {
  const [issues, actions] = await Promise.all([
    db.issue.findMany({
      where: issueWhere(viewer, filter),
      select: { id: true, localityId: true, theme: true, status: true, raisedOn: true, resolvedOn: true, escalatedOn: true, priorityId: true },
    }),
    db.action.findMany({ where: actionWhere(viewer, { issue: filter ?? {} }), select: { issueId: true, status: true, dueOn: true } }),
  ]);
  return { issues, actions, on };
}

export function issuesAgainstNeed(
  work: LiveWork,
  rows: IssueRows,
  profiles: ReadonlyMap<string, readonly ProfileRow[]>,
  config: InsightConfig,
  keep: ReadonlySet<number> | null,
): LocalityIssues[] {
  const issueLocality = new Map(rows.issues.map((i) => [i.id, i]));
  return work.localities
    .filter((l) => keep === null || keep.has(l.id))
    .map((locality) => {
      const issues = rows.issues.filter((i) => i.localityId === locality.id);
      const themes = [...new Set(issues.map((i) => i.theme))].sort((a, b) => a.localeCompare(b));
      const judged = (profiles.get(locality.code) ?? []).map(judge);
      const priorities = work.priorities.filter((p) => p.places.includes(locality.id));
      return {
        locality,
        issues: issues.length,
        escalated: issues.filter((i) => i.escalatedOn !== null).length,
        themes: themes.map((theme): ThemeIssues => {
          const mine = issues.filter((i) => i.theme === theme);
          const ids = new Set(mine.map((i) => i.id));
          const actions = rows.actions.filter((a) => ids.has(a.issueId) && issueLocality.has(a.issueId));
          const catalogueThemes = catalogueThemesOf(config, theme);
          const inTheme = judged.filter((j) => catalogueThemes.includes(j.row.indicator.theme));
          const resolved = mine.flatMap((i) => (i.resolvedOn ? [{ key: theme, label: theme, days: Math.round((i.resolvedOn.getTime() - i.raisedOn.getTime()) / DAY) }] : []));
          return {
            theme,
            catalogueThemes,
            issues: mine.length,
            open: mine.filter((i) => i.status !== 'RESOLVED').length,
            escalated: mine.filter((i) => i.escalatedOn !== null).length,
            withoutPriority: mine.filter((i) => i.priorityId === null).length,
            openActions: actions.filter((a) => a.status === 'OPEN' || a.status === 'IN_PROGRESS').length,
            overdueActions: actions.filter((a) => isOverdue(a, rows.on)).length,
            timeToResolve: resolveTimes(resolved)[0] ?? { key: theme, label: theme, count: 0, medianDays: null, p90Days: null, meanDays: null },
            need: inTheme.filter((j) => isWorseAt(j.significance, 'CONFIDENCE_95') || j.worsening),
            worse95: inTheme.filter((j) => isWorseAt(j.significance, 'CONFIDENCE_95')).length,
            worse998: inTheme.filter((j) => isWorseAt(j.significance, 'CONFIDENCE_998')).length,
            worsening: inTheme.filter((j) => j.worsening).length,
            livePriorities: priorities.filter(
              (p) => p.theme.trim().toLowerCase() === theme.trim().toLowerCase() || catalogueThemesOf(config, p.theme).some((t) => catalogueThemes.includes(t)),
            ),
          };
        }),
      };
    });
}
