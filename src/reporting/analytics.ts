/**
 * Issue analytics: time to resolve (median and 90th percentile, by locality, owner partner or
 * theme), open and overdue actions, issues escalated to the county, and issues per 1,000
 * residents by locality.
 *
 * One request shape, one set of queries: the issues the viewer may see that the filter admits
 * (one statement, the sharing rule and the filter in its WHERE), their actions (one statement,
 * the rule on the action and on its issue), the localities and the owner partners for labels (one
 * each), and the population (one analytics query through the request's loader). Everything else
 * is the pure functions below, on those rows, so a hidden issue is in no figure.
 */
import { inLocalityGroup } from '../geography/types.js';
import type { Viewer } from '../auth/viewer.js';
import type { Locality } from '../generated/prisma/sqlite/client.js';
import type { Db } from '../db/records.js';
import { today } from '../days.js';
import type { PopulationEstimate } from '../population/service.js';
import { actionWhere, type IssueFilter, issueWhere } from './filters.js';
import type { ActionStatus } from './actions.js';
import type { IssueStatus } from './issues.js';
import { quantileType7 } from '../statistics/quantiles.js';

const DAY = 86_400_000;

export interface ResolveTimes {
  key: string;
  label: string;
  /** Resolved issues in the group. */
  count: number;
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
}

/** Median, 90th percentile and mean of the days each group's issues took to resolve. */
export function resolveTimes(rows: readonly { key: string; label: string; days: number }[]): ResolveTimes[] {
  const groups = new Map<string, { label: string; days: number[] }>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { label: row.label, days: [] };
    group.days.push(row.days);
    groups.set(row.key, group);
  }
  return [...groups]
    .map(([key, { label, days }]) => {
      const sorted = [...days].sort((a, b) => a - b);
      return {
        key,
        label,
        count: sorted.length,
        medianDays: quantileType7(sorted, 0.5),
        p90Days: quantileType7(sorted, 0.9),
        meanDays: sorted.reduce((sum, d) => sum + d, 0) / sorted.length,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

export type Grouping = 'LOCALITY' | 'PARTNER' | 'THEME';

export interface IssueRow {
  id: number;
  localityId: number;
  ownerPartnerId: number;
  theme: string;
  status: IssueStatus;
  raisedOn: Date;
  resolvedOn: Date | null;
  escalatedOn: Date | null;
}

export interface ActionRow {
  issueId: number;
  status: ActionStatus;
  dueOn: Date | null;
}

export interface AnalyticsRows {
  issues: IssueRow[];
  actions: ActionRow[];
  /** The localities of the current geography (all of them, or those the filter names). */
  localities: Locality[];
  partners: Map<number, string>;
  /** The day "overdue" is judged on. */
  on: Date;
}

/** Days from raising to resolution of each resolved issue, keyed by the grouping. */
export function resolvedRows(rows: AnalyticsRows, by: Grouping) {
  const localities = new Map(rows.localities.map((l) => [l.id, l]));
  return rows.issues.flatMap((issue) => {
    if (!issue.resolvedOn) return [];
    const days = Math.round((issue.resolvedOn.getTime() - issue.raisedOn.getTime()) / DAY);
    if (by === 'THEME') return [{ key: issue.theme, label: issue.theme, days }];
    if (by === 'PARTNER') return [{ key: String(issue.ownerPartnerId), label: rows.partners.get(issue.ownerPartnerId) ?? '', days }];
    const locality = localities.get(issue.localityId);
    return [{ key: locality?.code ?? String(issue.localityId), label: locality?.name ?? '', days }];
  });
}

export const isOverdue = (action: ActionRow, on: Date) =>
  action.dueOn !== null && action.dueOn.getTime() < on.getTime() && (action.status === 'OPEN' || action.status === 'IN_PROGRESS');

export interface LocalityFigures {
  locality: Locality;
  issues: number;
  open: number;
  escalated: number;
  openActions: number;
  overdueActions: number;
}

/** Per locality: issues, open and escalated issues, open and overdue actions (every locality, zeros included). */
export function localityFigures(rows: AnalyticsRows): LocalityFigures[] {
  const issueLocality = new Map(rows.issues.map((issue) => [issue.id, issue.localityId]));
  return rows.localities.map((locality) => {
    const issues = rows.issues.filter((issue) => issue.localityId === locality.id);
    const actions = rows.actions.filter((action) => issueLocality.get(action.issueId) === locality.id);
    return {
      locality,
      issues: issues.length,
      open: issues.filter((issue) => issue.status !== 'RESOLVED').length,
      escalated: issues.filter((issue) => issue.escalatedOn !== null).length,
      openActions: actions.filter((action) => action.status === 'OPEN' || action.status === 'IN_PROGRESS').length,
      overdueActions: actions.filter((action) => isOverdue(action, rows.on)).length,
    };
  });
}

/** Issues per 1,000 residents; null without a population. */
export function perThousand(issues: number, population: PopulationEstimate | null): number | null {
  return population && population.count > 0 ? (issues / population.count) * 1000 : null;
}

/** The rows every figure is computed from: the sharing rule and the filter are in each query. */
export async function analyticsRows(db: Db, viewer: Viewer, filter: IssueFilter | null | undefined, versionId: string, on = today()): Promise<AnalyticsRows> {
  const codes = filter?.localityCodes?.length ? [...filter.localityCodes] : null;
  const [issues, actions, localities] = await Promise.all([
    db.issue.findMany({
      where: issueWhere(viewer, filter),
      select: { id: true, localityId: true, ownerPartnerId: true, theme: true, status: true, raisedOn: true, resolvedOn: true, escalatedOn: true },
    }),
    db.action.findMany({ where: actionWhere(viewer, { issue: filter ?? {} }), select: { issueId: true, status: true, dueOn: true } }),
    db.locality.findMany({
      where: { versions: { some: { versionId } }, ...(codes ? { code: { in: codes } } : {}), ...inLocalityGroup(versionId, filter?.group, 'filter.group') },
      orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    }),
  ]);
  const partnerIds = [...new Set(issues.map((issue) => issue.ownerPartnerId))];
  const partners = partnerIds.length === 0 ? [] : await db.partner.findMany({ where: { id: { in: partnerIds } }, select: { id: true, name: true } });
  return { issues, actions, localities, partners: new Map(partners.map((p) => [p.id, p.name])), on };
}
