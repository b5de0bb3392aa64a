/**
 * The partnership lists officers export, read through the graph with the request's viewer, so a
 * download shows exactly what that viewer may see in the API: contact details only to signed-in
 * viewers, and whatever else the types' own rules hide. Each list is a Relay connection read a
 * page (MAX_PAGE_SIZE rows, one bounded GraphQL query) at a time until its last page.
 */
import { runQuery, type PreparedQuery, prepareQuery } from '../http/graphql-in-process.js';
import { MAX_PAGE_SIZE } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { type CsvColumn, toCsv } from './csv.js';

export interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Every node of a connection, page by page; `pick` finds the connection in a page's data. */
export async function allNodes<TData, T>(
  query: PreparedQuery<TData>,
  ctx: Context,
  variables: Record<string, unknown>,
  pick: (data: TData) => Page<T>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = pick(await runQuery(query, ctx, { ...variables, first: MAX_PAGE_SIZE, after }));
    nodes.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return nodes;
}

interface RoleNode {
  kind: { code: string; name: string };
  startsOn: string;
  endsOn: string | null;
  current: boolean;
  locality: { code: string; name: string; groups: { name: string }[] } | null;
  serviceArea: { code: string; name: string } | null;
  partner: { name: string } | null;
  /** Null when the viewer may not see them (src/sharing/consent.ts): the row keeps the role, without the person. */
  person: { name: string; jobTitle: string | null; email: string | null; phone: string | null; partner: { name: string } | null } | null;
}

const ROLES = prepareQuery<{ localityRoles: Page<RoleNode> }>(`
query RolesExport($localityCode: String, $group: String, $on: Date, $first: Int, $after: Cursor) {
  localityRoles(localityCode: $localityCode, group: $group, on: $on, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      kind { code name } startsOn endsOn current
      locality { code name groups { name } }
      serviceArea { code name }
      partner { name }
      person { name jobTitle email phone partner { name } }
    } }
  }
}`);

const ROLE_COLUMNS: readonly CsvColumn<RoleNode>[] = [
  { header: 'Locality Code', value: (r) => r.locality?.code ?? null },
  { header: 'Locality Name', value: (r) => r.locality?.name ?? null },
  { header: 'Groups', value: (r) => r.locality?.groups.map((g) => g.name).join('; ') ?? null },
  { header: 'Service Area', value: (r) => r.serviceArea?.name ?? null },
  { header: 'Role', value: (r) => r.kind.name },
  { header: 'Role Code', value: (r) => r.kind.code },
  { header: 'Person', value: (r) => r.person?.name ?? null },
  { header: 'Job Title', value: (r) => r.person?.jobTitle ?? null },
  { header: 'Partner', value: (r) => r.partner?.name ?? r.person?.partner?.name ?? null },
  { header: 'Email', value: (r) => r.person?.email ?? null },
  { header: 'Phone', value: (r) => r.person?.phone ?? null },
  { header: 'Starts On', value: (r) => r.startsOn },
  { header: 'Ends On', value: (r) => r.endsOn },
  { header: 'Current', value: (r) => r.current },
];

export interface RoleFilter {
  localityCode: string | null;
  group: string | null;
  /** A day (YYYY-MM-DD): roles held then; null for the whole history. */
  on: string | null;
}

/** People and their roles by locality, as the `localityRoles` list gives them to this viewer. */
export async function rolesCsv(ctx: Context, filter: RoleFilter): Promise<string> {
  const roles = await allNodes(ROLES, ctx, { ...filter }, (data) => data.localityRoles);
  return toCsv(ROLE_COLUMNS, roles);
}

interface PriorityNode {
  title: string;
  description: string | null;
  theme: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  evidenceIndicatorIds: string[];
  locality: { code: string; name: string } | null;
  board: { name: string } | null;
}

const PRIORITIES = prepareQuery<{ priorities: Page<PriorityNode> }>(`
query PrioritiesExport($localityCode: String, $group: String, $status: PriorityStatus, $theme: String, $first: Int, $after: Cursor) {
  priorities(localityCode: $localityCode, group: $group, status: $status, theme: $theme, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      title description theme status startsOn endsOn evidenceIndicatorIds
      locality { code name }
      board { name }
    } }
  }
}`);

const PRIORITY_COLUMNS: readonly CsvColumn<PriorityNode>[] = [
  { header: 'Locality Code', value: (p) => p.locality?.code ?? null },
  { header: 'Locality Name', value: (p) => p.locality?.name ?? null },
  { header: 'Board', value: (p) => p.board?.name ?? null },
  { header: 'Priority', value: (p) => p.title },
  { header: 'Description', value: (p) => p.description },
  { header: 'Theme', value: (p) => p.theme },
  { header: 'Status', value: (p) => p.status },
  { header: 'Starts On', value: (p) => p.startsOn },
  { header: 'Ends On', value: (p) => p.endsOn },
  { header: 'Evidence Indicators', value: (p) => p.evidenceIndicatorIds.join('; ') },
];

export interface PriorityFilter {
  localityCode: string | null;
  group: string | null;
  /** A PriorityStatus, or null for every status. */
  status: string | null;
  theme: string | null;
}

/** Priorities (by default the live ones), as the `priorities` list gives them to this viewer. */
export async function prioritiesCsv(ctx: Context, filter: PriorityFilter): Promise<string> {
  const priorities = await allNodes(PRIORITIES, ctx, { ...filter }, (data) => data.priorities);
  return toCsv(PRIORITY_COLUMNS, priorities);
}
