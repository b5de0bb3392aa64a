/**
 * The issue and action filters as Prisma where-clauses, each with the sharing rule in it, so the
 * database applies both in every list, count, download and analytics query (never a filter in
 * memory after fetching).
 */
import { searchWhere } from '../sharing/search.js';
import type { Viewer } from '../auth/viewer.js';
import { inLocalityGroup } from '../geography/types.js';
import { optionalId } from '../schema/input.js';
import { today } from '../days.js';
import { visibleWhere } from '../sharing/visibility.js';
import type { ActionStatus } from './actions.js';
import { actionVisibleWhere, type IssueStatus } from './issues.js';

export interface IssueFilter {
  search?: string | null;
  localityCodes?: readonly string[] | null;
  /** In a locality of this group, grouping/group. */
  group?: string | null;
  status?: readonly IssueStatus[] | null;
  theme?: string | null;
  ownerPartnerId?: string | null;
  raisedFrom?: Date | null;
  raisedTo?: Date | null;
  escalated?: boolean | null;
}

/** The filter's conditions on an issue, without the sharing rule (shared by issues and actions). */
function issueConditions(filter: IssueFilter | null | undefined, field: string) {
  const f = filter ?? {};
  const owner = optionalId('Partner', f.ownerPartnerId, `${field}.ownerPartnerId`);
  return [
    searchWhere(f.search),
    f.localityCodes?.length ? { locality: { code: { in: [...f.localityCodes] } } } : {},
    f.group ? { locality: inLocalityGroup(null, f.group, `${field}.group`) } : {},
    f.status?.length ? { status: { in: [...f.status] } } : {},
    f.theme?.trim() ? { theme: f.theme.trim() } : {},
    owner === null ? {} : { ownerPartnerId: owner },
    f.raisedFrom ? { raisedOn: { gte: f.raisedFrom } } : {},
    f.raisedTo ? { raisedOn: { lte: f.raisedTo } } : {},
    f.escalated === true ? { escalatedOn: { not: null } } : f.escalated === false ? { escalatedOn: null } : {},
  ];
}

/** Issues the viewer may see that the filter admits. */
export function issueWhere(viewer: Viewer, filter: IssueFilter | null | undefined, field = 'filter') {
  return { AND: [visibleWhere(viewer), ...issueConditions(filter, field)] };
}

export interface ActionFilter {
  /** Conditions on the action's issue (its locality, theme, search...). */
  issue?: IssueFilter | null;
  status?: readonly ActionStatus[] | null;
  ownerPartnerId?: string | null;
  /** Past its due day and neither DONE nor CANCELLED (true), or not (false). */
  overdue?: boolean | null;
  dueFrom?: Date | null;
  dueTo?: Date | null;
}

/** Open and past due on `on` (default today): due before that day and neither DONE nor CANCELLED. */
export function overdueWhere(on = today()) {
  return { dueOn: { lt: on }, status: { in: ['OPEN', 'IN_PROGRESS'] as ActionStatus[] } };
}

/** Actions the viewer may see (and whose issue they may see) that the filter admits. */
export function actionWhere(viewer: Viewer, filter: ActionFilter | null | undefined, field = 'filter') {
  const f = filter ?? {};
  const owner = optionalId('Partner', f.ownerPartnerId, `${field}.ownerPartnerId`);
  // Not overdue, spelled out rather than NOT(...): a missing due day is NULL, which NOT would drop.
  const notOverdue = { OR: [{ dueOn: null }, { dueOn: { gte: today() } }, { status: { in: ['DONE', 'CANCELLED'] as ActionStatus[] } }] };
  const overdue = f.overdue === true ? overdueWhere() : f.overdue === false ? notOverdue : {};
  return {
    AND: [
      actionVisibleWhere(viewer),
      f.issue ? { issue: { AND: issueConditions(f.issue, `${field}.issue`) } } : {},
      f.status?.length ? { status: { in: [...f.status] } } : {},
      owner === null ? {} : { ownerPartnerId: owner },
      overdue,
      f.dueFrom ? { dueOn: { gte: f.dueFrom } } : {},
      f.dueTo ? { dueOn: { lte: f.dueTo } } : {},
    ],
  };
}
