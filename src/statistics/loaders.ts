/**
 * The request's statistics loaders: the indicator catalogue (one query, on first use) and the
 * profile loader, which answers every area asked for in one request shape (indicators, theme,
 * period, combined set) with one profile query (see profile.ts), whatever the number of
 * localities or indicators in the request.
 */
import DataLoader from 'dataloader';
import type { AnalyticsQueries } from '../db/analytics.js';
import { type Indicator, loadCatalogue } from './catalogue.js';
import { type AreaKey, computeProfiles, type ProfileRow, type ProfileShape } from './profile.js';

export interface ProfileKey extends ProfileShape {
  area: AreaKey;
}

export interface StatisticsSettings {
  smallNumberThreshold: number;
}

const shapeText = (shape: ProfileShape) =>
  JSON.stringify([shape.versionId, shape.indicatorIds, shape.theme, shape.period, shape.group, shape.series]);

export function createStatisticsLoaders(db: AnalyticsQueries, settings: StatisticsSettings) {
  let catalogue: Promise<Map<string, Indicator>> | undefined;
  const getCatalogue = () => {
    catalogue ??= loadCatalogue(db).then((entries) => new Map(entries.map((entry) => [entry.id, entry])));
    return catalogue;
  };

  // Answers per shape for the whole request, not per batch: fields of one shape can resolve in
  // different ticks (e.g. localities arrive from the record store after the county), and each must
  // reuse the one query.
  const shapes = new Map<string, Promise<Map<string, ProfileRow[]>>>();
  const profile = new DataLoader<ProfileKey, ProfileRow[], string>(
    async (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const text = shapeText(key);
          let answer = shapes.get(text);
          if (!answer) {
            answer = computeProfiles(db, getCatalogue(), key, { smallNumberThreshold: settings.smallNumberThreshold });
            shapes.set(text, answer);
          }
          return (await answer).get(`${key.area.kind}:${key.area.code}`) ?? [];
        }),
      ),
    { cacheKeyFn: (key) => `${shapeText(key)}|${key.area.kind}:${key.area.code}` },
  );

  return { catalogue: getCatalogue, profile };
}
