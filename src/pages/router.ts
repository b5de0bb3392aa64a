/**
 * The profile pages, served beside /graphql:
 *
 *   GET /profiles                     the index of areas (`?area=<path>` redirects: the selector's plain form)
 *   GET /profiles/<locality code>     a locality's profile
 *   GET /profiles/county              the county's
 *   GET /profiles/<grouping>/<group>  a group of localities' (e.g. /profiles/tier/RURAL)
 *   GET /profiles/indicators/<id>     one indicator: what it is, every locality, the county's series
 *   GET /custom-areas/<global id>     a custom area's profile (src/custom-areas/), as the viewer may see it
 *   GET /assets/profiles.css          the one stylesheet
 *
 * Each page is one in-process GraphQL query (queries.ts) rendered to HTML; the CSV downloads are
 * in src/exports/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Request, type Response, Router } from 'express';
import { NotFoundError } from '../errors.js';
import { projectRoot } from '../project-root.js';
import type { Context } from '../schema/context.js';
import { type Failure, handler, type RouteDeps, textParameter } from '../http/route-handler.js';
import { runQuery } from '../http/graphql-in-process.js';
import type { Html } from '../presenting/html.js';
import { STYLESHEET_PATH } from '../presenting/layout.js';
import { profilePage } from './profile-page.js';
import { analysisSections } from './analysis.js';
import { approachSection } from '../insight/page.js';
import { AREA_LIST, COUNTY_PROFILE, customAreaProfile, GROUP_PROFILE, INDICATOR_PAGE, LOCALITY_PROFILE } from '../presenting/queries.js';
import { errorPage, indexPage, indicatorPage } from './simple-pages.js';

// Kept in src/ beside this module like the .sql files (the TypeScript build copies nothing), so
// it is read from there whether the server runs from src/ or dist/.
const STYLESHEET = readFileSync(path.join(projectRoot, 'src', 'pages', 'profiles.css'), 'utf8');

const sendPage = (res: Response, page: Html, status = 200) => {
  res.status(status).type('html').send(page.markup);
};

const failAsPage: Failure = (res, status, message) => sendPage(res, errorPage(status, message), status);

/** The selector's values: `county`, a group `<grouping>/<group>`, or a locality code (slug). */
const AREA_PATH = /^(county|[a-z][a-z0-9_-]*\/[A-Za-z0-9_-]+|[a-z0-9][a-z0-9-]*)$/;

export function pagesRouter(deps: RouteDeps): Router {
  const router = Router();
  const get = (route: string, render: (req: Request, ctx: Context) => Promise<Html>) =>
    router.get(
      route,
      handler(deps, async (req, res, ctx) => sendPage(res, await render(req, ctx)), failAsPage),
    );

  router.get(STYLESHEET_PATH, (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=300').send(STYLESHEET);
  });

  router.get(
    '/profiles',
    handler(
      deps,
      async (req, res, ctx) => {
        const area = textParameter(req, 'area');
        if (area !== null) {
          if (!AREA_PATH.test(area)) return failAsPage(res, 404, 'There is no area with that name.');
          return res.redirect(303, `/profiles/${area}`);
        }
        sendPage(res, indexPage(await runQuery(AREA_LIST, ctx)));
      },
      failAsPage,
    ),
  );

  get('/profiles/county', async (req, ctx) => {
    const data = await runQuery(COUNTY_PROFILE, ctx);
    const analysis = await analysisSections(ctx, { kind: 'COUNTY', code: 'COUNTY', name: data.county.name }, textParameter(req, 'indicator'));
    return profilePage({
      kind: 'COUNTY',
      path: 'county',
      areaName: data.county.name,
      summary: `${data.county.name} as a whole: the benchmark every locality is compared with, and the range of its ${data.localities.length} localities.`,
      county: data.county,
      rows: data.county.profile,
      localities: data.localities,
      choices: { county: data.county, localities: data.localities },
      analysis,
    });
  });

  get('/profiles/indicators/:id', async (req, ctx) => {
    const data = await runQuery(INDICATOR_PAGE, ctx, { id: String(req.params.id) });
    return indicatorPage(data.indicator, data);
  });

  get('/profiles/:grouping/:group', async (req, ctx) => {
    const data = await runQuery(GROUP_PROFILE, ctx, { group: `${String(req.params.grouping)}/${String(req.params.group)}` });
    const group = data.localityGroup;
    const names = data.localities.filter((l) => group.localities.some((m) => m.code === l.code)).map((l) => l.name);
    return profilePage({
      kind: 'LOCALITY_GROUP',
      path: group.areaCode,
      areaName: group.name,
      summary: `${group.name} (${group.groupingName.toLowerCase()}) of ${data.county.name} taken together: ${names.join(', ')}.`,
      county: data.county,
      rows: group.profile,
      localities: data.localities,
      choices: data,
    });
  });

  get('/profiles/:code', async (req, ctx) => {
    const code = String(req.params.code);
    const data = await runQuery(LOCALITY_PROFILE, ctx, { code });
    const locality = data.locality;
    const analysis = await analysisSections(ctx, { kind: 'LOCALITY', code: locality.code, name: locality.name }, textParameter(req, 'indicator'));
    const approach = await approachSection(ctx, locality.code);
    return profilePage({
      kind: 'LOCALITY',
      path: locality.code,
      areaName: locality.name,
      summary: `A locality of ${data.county.name}${locality.groups.map((g) => `, in ${g.name.toLowerCase()}`).join('')}: compared with ${data.county.name}, and ranked among the ${data.localities.length} localities.`,
      county: data.county,
      rows: locality.profile,
      localities: data.localities,
      choices: data,
      approach,
      analysis,
    });
  });

  get('/custom-areas/:id', async (req, ctx) => {
    const data = await customAreaProfile(ctx, String(req.params.id));
    const area = data.customArea;
    const built =
      area.basis === 'LOCALITIES'
        ? `built from ${area.localities.map((l) => l.name).join(', ')}`
        : `${area.smallAreaCount} small area${area.smallAreaCount === 1 ? '' : 's'}`;
    return profilePage({
      kind: 'CUSTOM',
      path: `custom-areas/${area.id}`,
      csvHref: `/custom-areas/${encodeURIComponent(area.id)}.csv`,
      areaName: area.name,
      summary: `A custom area of ${data.county.name} saved by ${area.authorPartner.name} (${built}, geography ${area.geographyVersion})${area.description ? `: ${area.description}` : ''}. Compared with ${data.county.name}; not ranked among the localities.`,
      county: data.county,
      rows: area.profile,
      localities: data.localities,
      choices: data,
    });
  });

  router.get('/profiles/*rest', (_req, res) => failAsPage(res, 404, 'There is no profile page at this address.'));
  return router;
}

