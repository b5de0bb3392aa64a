/**
 * Maps over HTTP, as GeoJSON (RFC 7946, `application/geo+json`) for GIS tools and web maps:
 *   GET /maps/localities.geojson?indicator=ID[&geographyVersion=V]
 *       every locality's outline with its value and comparison with the county
 *   GET /maps/localities/:code/small-areas.geojson?indicator=ID[&geographyVersion=V]
 *       the small areas of one locality with their values and quintiles
 * The same figures, and the same withholding, as the profiles and the pages' inline SVG maps.
 */
import { Router } from 'express';
import { BadUserInputError } from '../errors.js';
import { handler, type RouteDeps, textParameter } from '../http/route-handler.js';
import { localityMap, mapGeoJson, smallAreaMap } from './service.js';

export function mapsRouter(deps: RouteDeps): Router {
  const router = Router();
  const fail = (res: import('express').Response, status: number, message: string) => {
    res.status(status).json({ error: message });
  };
  const indicatorOf = (req: import('express').Request) => {
    const indicator = textParameter(req, 'indicator');
    if (!indicator) throw new BadUserInputError('name an indicator: ?indicator=<id>');
    return indicator;
  };
  router.get(
    '/maps/localities.geojson',
    handler(deps, async (req, res, ctx) => {
      const map = await localityMap(ctx, ctx.geography.versionId(textParameter(req, 'geographyVersion')), indicatorOf(req));
      res.type('application/geo+json').send(JSON.stringify(mapGeoJson(map)));
    }, fail),
  );
  router.get(
    '/maps/localities/:code/small-areas.geojson',
    handler(deps, async (req, res, ctx) => {
      const version = ctx.geography.versionId(textParameter(req, 'geographyVersion'));
      const map = await smallAreaMap(ctx, version, String(req.params.code), indicatorOf(req));
      res.type('application/geo+json').send(JSON.stringify(mapGeoJson(map)));
    }, fail),
  );
  return router;
}
