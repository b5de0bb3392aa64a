/**
 * CSV downloads, each one in-process GraphQL query with the request's own context (so the same
 * viewer, and the same sharing rules, as /graphql):
 *
 *   GET /profiles/<locality code>.csv   a locality's profile
 *   GET /profiles/county.csv            the county's
 *   GET /profiles/<grouping>/<group>.csv  a group of localities' (e.g. /profiles/tier/RURAL.csv)
 *   GET /profiles.csv                   any set: ?localities=a,b (default every locality)
 *                                        &indicators=x,y &theme=health &period=2019
 *                                        &groups=tier/CITY,tier/RURAL or groups=true (all) &county=true
 *   GET /custom-areas/<global id>.csv   a custom area's profile (on its own geography version), as the viewer may see it
 *   every profile download also takes ?geographyVersion=<id> (default: the version in force)
 *   GET /exports/fingertips.csv         one area in the public health profiles' export layout, with
 *                                        inequality rows: ?area=<code|county> (fingertips-csv.ts)
 *   GET /exports/roles.csv              people and their roles by locality: ?locality= ?group=
 *                                        ?on=YYYY-MM-DD (default today) or ?history=true
 *   GET /exports/priorities.csv         priorities: ?locality= ?group= ?theme= ?status= (default LIVE; ALL)
 *   GET /exports/issues.csv             issues the viewer may see: ?locality= ?group= ?status=a,b (default the open
 *                                        ones: OPEN,IN_PROGRESS,ESCALATED; ALL)
 *   GET /exports/actions.csv            actions the viewer may see: ?locality= ?group= ?status= (default OPEN,IN_PROGRESS; ALL)
 *
 * Mounted before the pages, whose `/profiles/:code` would otherwise take `leominster.csv`.
 */
import { type Request, Router } from 'express';
import { z } from 'zod';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { type Failure, handler, listParameter, type RouteDeps, textParameter } from '../http/route-handler.js';
import { prepareQuery, runQuery } from '../http/graphql-in-process.js';
import { AREAS_PROFILE, COUNTY_PROFILE, GROUP_PROFILE, LOCALITY_PROFILE, type ProfileRowData, customAreaProfile } from '../presenting/queries.js';
import type { Context } from '../schema/context.js';
import { parsePeriod } from '../statistics/period.js';
import { sendCsv } from './csv.js';
import { prioritiesCsv, rolesCsv } from './partnership-csv.js';
import { profileCsv } from './profile-csv.js';
import { fingertipsCsv } from './fingertips-csv.js';
import { actionsCsv, issuesCsv } from './reporting-csv.js';
import { OPEN_ISSUE_STATUSES } from '../reporting/issues.js';
import { OPEN_ACTION_STATUSES } from '../reporting/actions.js';

const failAsText: Failure = (res, status, message) => {
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
};

const INDICATOR_IDS = prepareQuery<{ indicators: { id: string }[] }>('query IndicatorIds { indicators { id } }');

/**
 * Profile arguments common to every profile download, checked as the README promises: a period of
 * no known form is a 400, an indicator id the catalogue lacks a 404 (not an empty file).
 * `?geographyVersion=` is the version of the whole download, as the argument on a root field is
 * of a GraphQL request (geography/request-version.ts): a version there is not is a 404.
 */
async function profileArguments(req: Request, ctx: Context) {
  const version = textParameter(req, 'geographyVersion');
  if (version !== null) ctx.geography.useForRequest(version);
  const args = {
    theme: textParameter(req, 'theme'),
    indicators: listParameter(req, 'indicators'),
    period: textParameter(req, 'period'),
  };
  if (args.period !== null && parsePeriod(args.period) === null) {
    throw new BadUserInputError(`"${args.period}" is not a period (2019, 2019/20, 2019 Q3, 2019-07 or 2021-03-21)`, { field: 'period' });
  }
  if (args.indicators) {
    const known = new Set((await runQuery(INDICATOR_IDS, ctx)).indicators.map((i) => i.id));
    const unknown = args.indicators.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new NotFoundError('Indicator', unknown.join(', '));
  }
  return args;
}

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export function exportsRouter(deps: RouteDeps): Router {
  const router = Router();
  const csv = (route: string, work: Parameters<typeof handler>[1]) => router.get(route, handler(deps, work, failAsText));

  csv('/exports/fingertips.csv', async (req, res, ctx) => {
    const area = textParameter(req, 'area');
    if (!area) throw new BadUserInputError('name an area: ?area=<locality code> or ?area=county');
    const { filename, body } = await fingertipsCsv(ctx, area, await profileArguments(req, ctx));
    sendCsv(res, filename, body);
  });

  csv('/custom-areas/:id.csv', async (req, res, ctx) => {
    const args = await profileArguments(req, ctx);
    const data = await customAreaProfile(ctx, String(req.params.id), args);
    const slug = data.customArea.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'custom-area';
    sendCsv(res, `${slug}-profile.csv`, profileCsv(data.customArea.profile, data.county));
  });

  csv('/profiles/county.csv', async (req, res, ctx) => {
    const data = await runQuery(COUNTY_PROFILE, ctx, await profileArguments(req, ctx));
    sendCsv(res, 'county-profile.csv', profileCsv(data.county.profile, data.county));
  });

  csv('/profiles/:grouping/:group.csv', async (req, res, ctx) => {
    const [grouping, group] = [String(req.params.grouping), String(req.params.group)];
    const data = await runQuery(GROUP_PROFILE, ctx, { group: `${grouping}/${group}`, ...(await profileArguments(req, ctx)) });
    sendCsv(res, `${grouping}-${group.toLowerCase().replaceAll('_', '-')}-profile.csv`, profileCsv(data.localityGroup.profile, data.county));
  });

  csv('/profiles/:code.csv', async (req, res, ctx) => {
    const data = await runQuery(LOCALITY_PROFILE, ctx, { code: String(req.params.code), ...(await profileArguments(req, ctx)) });
    sendCsv(res, `${data.locality.code}-profile.csv`, profileCsv(data.locality.profile, data.county));
  });

  csv('/profiles.csv', async (req, res, ctx) => {
    const codes = listParameter(req, 'localities');
    const groupList = listParameter(req, 'groups');
    const allGroups = groupList?.length === 1 && ['true', 'false'].includes(groupList[0]!);
    const groups = allGroups ? null : (groupList ?? []);
    const withCounty = flag.safeParse(textParameter(req, 'county') ?? 'false');
    if (!withCounty.success) throw new BadUserInputError('county is true or false', { field: 'county' });
    const args = await profileArguments(req, ctx);
    const withGroups = allGroups ? groupList[0] === 'true' : groups!.length > 0;
    const data = await runQuery(AREAS_PROFILE, ctx, { ...args, withCounty: withCounty.data, withGroups });
    const known = (data.groupings ?? []).flatMap((g) => g.groups);
    const unknownGroups = (groups ?? []).filter((code) => !known.some((g) => g.areaCode === code));
    if (unknownGroups.length > 0) {
      throw new BadUserInputError(`"${unknownGroups.join('", "')}" is not a group of localities (${known.map((g) => g.areaCode).join(', ') || 'the geography defines none'})`, { field: 'groups' });
    }

    const unknownIndicators = (args.indicators ?? []).filter((id) => !data.indicators.some((i) => i.id === id));
    if (unknownIndicators.length > 0) throw new NotFoundError('Indicator', unknownIndicators.join(', '));
    const unknownLocalities = (codes ?? []).filter((code) => !data.localities.some((l) => l.code === code));
    if (unknownLocalities.length > 0) throw new NotFoundError('Locality', unknownLocalities.join(', '));

    const rows: ProfileRowData[] = [
      ...(data.county.profile ?? []),
      ...known.filter((g) => groups === null || groups.includes(g.areaCode)).flatMap((g) => g.profile),
      ...data.localities.filter((l) => codes === null || codes.includes(l.code)).flatMap((l) => l.profile),
    ];
    sendCsv(res, 'profiles.csv', profileCsv(rows, data.county));
  });

  csv('/exports/roles.csv', async (req, res, ctx) => {
    const { localityCode, group } = await areaFilter(req, ctx);
    const history = flag.safeParse(textParameter(req, 'history') ?? 'false');
    if (!history.success) throw new BadUserInputError('history is true or false', { field: 'history' });
    const on = history.data ? null : (textParameter(req, 'on') ?? new Date().toISOString().slice(0, 10));
    const name = `roles-${localityCode ?? group?.replace('/', '-').toLowerCase() ?? 'all'}-${on ?? 'history'}.csv`;
    sendCsv(res, name, await rolesCsv(ctx, { localityCode, group, on }));
  });

  csv('/exports/priorities.csv', async (req, res, ctx) => {
    const { localityCode, group } = await areaFilter(req, ctx);
    const status = (textParameter(req, 'status') ?? 'LIVE').toUpperCase();
    const name = `priorities-${localityCode ?? group?.replace('/', '-').toLowerCase() ?? 'all'}-${status.toLowerCase()}.csv`;
    sendCsv(res, name, await prioritiesCsv(ctx, { localityCode, group, status: status === 'ALL' ? null : status, theme: textParameter(req, 'theme') }));
  });

  // Open issues and actions (issue 8), through the graph so the viewer's sharing rules apply.
  const reportingCsv = (route: string, what: string, open: string[], write: typeof issuesCsv) =>
    csv(route, async (req, res, ctx) => {
      const { localityCode, group } = await areaFilter(req, ctx);
      const asked = (listParameter(req, 'status') ?? open).map((s) => s.toUpperCase());
      const status = asked.includes('ALL') ? [] : asked;
      const name = `${what}-${localityCode ?? group?.replace('/', '-').toLowerCase() ?? 'all'}-${status.length === 0 ? 'all' : status.join('-').toLowerCase()}.csv`;
      sendCsv(res, name, await write(ctx, { localityCode, group, status }));
    });
  reportingCsv('/exports/issues.csv', 'issues', OPEN_ISSUE_STATUSES, issuesCsv);
  reportingCsv('/exports/actions.csv', 'actions', OPEN_ACTION_STATUSES, actionsCsv);

  return router;
}

const LOCALITY_EXISTS = prepareQuery<{ locality: { code: string } }>(`query LocalityExists($code: String!) { locality(code: $code) { code } }`);

const GROUP_EXISTS = prepareQuery<{ localityGroup: { areaCode: string } }>(`query GroupExists($code: String!) { localityGroup(code: $code) { areaCode } }`);

/** `?locality=<code>` and `?group=<grouping>/<group>` of a partnership list (NOT_FOUND if there is none). */
async function areaFilter(req: Request, ctx: Context): Promise<{ localityCode: string | null; group: string | null }> {
  const locality = textParameter(req, 'locality');
  if (locality !== null) await runQuery(LOCALITY_EXISTS, ctx, { code: locality });
  const asked = textParameter(req, 'group');
  const group = asked === null ? null : (await runQuery(GROUP_EXISTS, ctx, { code: asked })).localityGroup.areaCode;
  return { localityCode: locality, group };
}
