/**
 * `createLoaders`: the one factory for a request's loaders (DataLoaders, and shape loaders for
 * the fields one query answers for every area), one per batch-shaped data function of the
 * domains. Made per request (see context.ts), never shared.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import { createPopulationLoader } from '../population/service.js';
import { createStatisticsLoaders } from '../statistics/loaders.js';
import type { ProfileOptions } from '../statistics/profile.js';
import { createCostLoaders } from '../costs/loaders.js';
import type { RecordsClient } from '../db/records.js';
import type { Viewer } from '../auth/viewer.js';
import { createFundLoaders } from '../funds/loaders.js';
import { createInequalityLoader } from '../inequality/service.js';
import { createPyramidLoader } from '../population/pyramid.js';
import { createCustomAreaProfileLoader } from '../custom-areas/profile-loader.js';

export function createLoaders(analytics: AnalyticsStore, statistics: ProfileOptions, prisma: RecordsClient, viewer: Viewer) {
  const statisticsLoaders = createStatisticsLoaders(analytics, statistics);
  return {
    population: createPopulationLoader(analytics),
    statistics: statisticsLoaders,
    /** Custom areas' profiles: one profile query per request shape for all the custom areas asked for. */
    customAreaProfiles: createCustomAreaProfileLoader(prisma, analytics, statisticsLoaders.catalogue, statistics, statisticsLoaders.referenceTables),
    costs: createCostLoaders(analytics, prisma),
    funds: createFundLoaders(prisma, viewer, { smallNumberThreshold: statistics.smallNumberThreshold }),
    inequality: createInequalityLoader(analytics, { ...statistics, countPublished: statisticsLoaders.countPublished }),
    pyramid: createPyramidLoader(analytics),
    /** The statistics settings (the small-number threshold) for code that publishes figures. */
    statisticsSettings: statistics,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
