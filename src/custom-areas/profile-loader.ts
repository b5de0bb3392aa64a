/**
 * The request's custom-area profile loader: every custom area whose profile a request asks for
 * with one request shape (geography version, indicators, theme, period) is profiled by ONE run of
 * the profile query (src/statistics/profile.sql, which takes any number of custom areas), after
 * one batch of record-store reads for all their memberships (membershipsOf). A list of custom
 * areas with their profiles therefore costs the same number of statements whatever its length.
 *
 * A DataLoader (batching the keys of one tick): a list's profile fields resolve in the same tick,
 * and nothing else of the request waits on them. Made per request (src/schema/loaders.ts).
 */
import DataLoader from 'dataloader';
import type { AnalyticsQueries } from '../db/analytics.js';
import type { Db } from '../db/records.js';
import type { Indicator } from '../statistics/catalogue.js';
import { computeProfiles, type ProfileOptions, type ProfileRow, type ProfileShape, type ReferenceTables } from '../statistics/profile.js';
import { membershipsOf } from './custom-areas.js';

export interface CustomAreaProfileKey {
  area: { id: number; versionId: string };
  shape: Pick<ProfileShape, 'indicatorIds' | 'theme' | 'period'>;
}

const shapeText = (key: CustomAreaProfileKey) => JSON.stringify([key.area.versionId, key.shape.indicatorIds, key.shape.theme, key.shape.period]);

export function createCustomAreaProfileLoader(
  prisma: Db,
  analytics: AnalyticsQueries,
  catalogue: () => Promise<ReadonlyMap<string, Indicator>>,
  settings: ProfileOptions,
  /** The request's tables of the version in force (disclosure.ts, rule 6), shared with the statistics loaders. */
  referenceTables: ReferenceTables,
) {
  return new DataLoader<CustomAreaProfileKey, ProfileRow[], string>(
    async (keys) => {
      const memberships = await membershipsOf(prisma, [...new Map(keys.map((key) => [key.area.id, key.area])).values()]);
      const shapes = new Map<string, CustomAreaProfileKey[]>();
      for (const key of keys) shapes.set(shapeText(key), [...(shapes.get(shapeText(key)) ?? []), key]);
      const answers = new Map<string, ProfileRow[]>();
      await Promise.all(
        [...shapes].map(async ([text, group]) => {
          const ids = [...new Set(group.map((key) => key.area.id))].sort((a, b) => a - b);
          const { shape, area } = group[0]!;
          const rows = await computeProfiles(
            analytics,
            catalogue(),
            {
              versionId: area.versionId,
              ...shape,
              group: [],
              series: false,
              customs: ids.map((id) => ({ key: String(id), ...memberships.get(id)! })),
            },
            settings,
            referenceTables,
          );
          for (const id of ids) answers.set(`${text}|${id}`, rows.get(`CUSTOM:${id}`) ?? []);
        }),
      );
      return keys.map((key) => answers.get(`${shapeText(key)}|${key.area.id}`) ?? []);
    },
    { cacheKeyFn: (key) => `${shapeText(key)}|${key.area.id}` },
  );
}
