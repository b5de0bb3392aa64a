/**
 * Open issues and actions as CSV, read through the graph with the request's viewer (the `issues`
 * and `actions` lists), so a download holds exactly the records that viewer may see: the sharing
 * rule is in the SQL of every page, and each RESTRICTED record read is audited once for the
 * download as for any request (src/pages/graphql.ts flushes the reads). A page (MAX_PAGE_SIZE
 * rows, one bounded GraphQL query) at a time.
 */
import { prepareQuery } from '../http/graphql-in-process.js';
import type { Context } from '../schema/context.js';
import { type CsvColumn, toCsv } from './csv.js';
import { allNodes, type Page } from './partnership-csv.js';

interface IssueNode {
  title: string;
  description: string;
  theme: string;
  status: string;
  raisedOn: string;
  raisedByName: string | null;
  raisedBy: { name: string } | null;
  resolvedOn: string | null;
  daysToResolve: number | null;
  escalatedOn: string | null;
  escalationReason: string | null;
  sharingLevel: string;
  locality: { code: string; name: string };
  ownerPartner: { name: string };
  authorPartner: { name: string };
  priority: { title: string } | null;
}

const ISSUES = prepareQuery<{ issues: Page<IssueNode> }>(`
query IssuesExport($filter: IssueFilter, $first: Int, $after: Cursor) {
  issues(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      title description theme status raisedOn raisedByName resolvedOn daysToResolve escalatedOn escalationReason sharingLevel
      raisedBy { name }
      locality { code name }
      ownerPartner { name }
      authorPartner { name }
      priority { title }
    } }
  }
}`);

const ISSUE_COLUMNS: readonly CsvColumn<IssueNode>[] = [
  { header: 'Locality Code', value: (i) => i.locality.code },
  { header: 'Locality Name', value: (i) => i.locality.name },
  { header: 'Issue', value: (i) => i.title },
  { header: 'Description', value: (i) => i.description },
  { header: 'Theme', value: (i) => i.theme },
  { header: 'Status', value: (i) => i.status },
  { header: 'Raised On', value: (i) => i.raisedOn },
  { header: 'Raised By', value: (i) => i.raisedBy?.name ?? i.raisedByName },
  { header: 'Owner Partner', value: (i) => i.ownerPartner.name },
  { header: 'Priority', value: (i) => i.priority?.title ?? null },
  { header: 'Escalated On', value: (i) => i.escalatedOn },
  { header: 'Escalation Reason', value: (i) => i.escalationReason },
  { header: 'Resolved On', value: (i) => i.resolvedOn },
  { header: 'Days To Resolve', value: (i) => i.daysToResolve },
  { header: 'Recorded By', value: (i) => i.authorPartner.name },
  { header: 'Sharing Level', value: (i) => i.sharingLevel },
];

export interface ReportingFilter {
  localityCode: string | null;
  group: string | null;
  /** Statuses to include (IssueStatus or ActionStatus values). */
  status: string[];
}

/** Issues (by default the open ones: OPEN, IN_PROGRESS, ESCALATED) that this viewer may see. */
export async function issuesCsv(ctx: Context, filter: ReportingFilter): Promise<string> {
  const issueFilter = { localityCodes: filter.localityCode ? [filter.localityCode] : null, group: filter.group, status: filter.status };
  const issues = await allNodes(ISSUES, ctx, { filter: issueFilter }, (data) => data.issues);
  return toCsv(ISSUE_COLUMNS, issues);
}

interface ActionNode {
  title: string;
  status: string;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
  note: string | null;
  sharingLevel: string;
  ownerPartner: { name: string };
  ownerPerson: { name: string } | null;
  issue: { title: string; status: string; locality: { code: string; name: string } };
}

const ACTIONS = prepareQuery<{ actions: Page<ActionNode> }>(`
query ActionsExport($filter: ActionFilter, $first: Int, $after: Cursor) {
  actions(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      title status dueOn doneOn overdue note sharingLevel
      ownerPartner { name }
      ownerPerson { name }
      issue { title status locality { code name } }
    } }
  }
}`);

const ACTION_COLUMNS: readonly CsvColumn<ActionNode>[] = [
  { header: 'Locality Code', value: (a) => a.issue.locality.code },
  { header: 'Locality Name', value: (a) => a.issue.locality.name },
  { header: 'Issue', value: (a) => a.issue.title },
  { header: 'Issue Status', value: (a) => a.issue.status },
  { header: 'Action', value: (a) => a.title },
  { header: 'Owner Partner', value: (a) => a.ownerPartner.name },
  { header: 'Owner Person', value: (a) => a.ownerPerson?.name ?? null },
  { header: 'Due On', value: (a) => a.dueOn },
  { header: 'Done On', value: (a) => a.doneOn },
  { header: 'Status', value: (a) => a.status },
  { header: 'Overdue', value: (a) => a.overdue },
  { header: 'Note', value: (a) => a.note },
  { header: 'Sharing Level', value: (a) => a.sharingLevel },
];

/** Actions (by default the open ones: OPEN, IN_PROGRESS) that this viewer may see, on issues they may see. */
export async function actionsCsv(ctx: Context, filter: ReportingFilter): Promise<string> {
  const issue = filter.localityCode || filter.group ? { localityCodes: filter.localityCode ? [filter.localityCode] : null, group: filter.group } : null;
  const actions = await allNodes(ACTIONS, ctx, { filter: { issue, status: filter.status } }, (data) => data.actions);
  return toCsv(ACTION_COLUMNS, actions);
}
