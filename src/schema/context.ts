/**
 * The per-request context: the stores, the geography version scope, the request's loaders and
 * the query limits. Nothing request-scoped is global: loaders are made per request, so a cache
 * never outlives its request or leaks between viewers.
 */
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { type GeographyScope, loadGeographyScope } from '../geography/versions.js';
import type { StatisticsSettings } from '../statistics/loaders.js';
import type { InsightConfig } from '../insight/config.js';
import { createLoaders, type Loaders } from './loaders.js';
import { newRestrictedReads, type RestrictedReads } from '../sharing/read-audit.js';

export interface QueryLimits {
  depth: number;
  breadth: number;
  complexity: number;
}

export interface Context {
  prisma: RecordsClient;
  analytics: AnalyticsStore;
  geography: GeographyScope;
  loaders: Loaders;
  limits: QueryLimits;
  logger: Logger;
  /** Who is asking (ANONYMOUS without a token). */
  viewer: Viewer;
  /** RESTRICTED items this request has read, audited once when it ends (src/sharing/read-audit.ts). */
  restrictedReads: RestrictedReads;
  /** The deployment's insight rules (INSIGHT_CONFIG_FILE): the approach rule, the theme map. */
  insight: InsightConfig;
}

export interface ContextDeps {
  prisma: RecordsClient;
  analytics: AnalyticsStore;
  limits: QueryLimits;
  logger: Logger;
  viewer: Viewer;
  statistics: StatisticsSettings;
  insight: InsightConfig;
}

export async function createContext(deps: ContextDeps): Promise<Context> {
  const geography = await loadGeographyScope(deps.prisma, deps.analytics);
  return {
    ...deps,
    geography,
    // Profiles on any version are protected against the version in force (disclosure.ts, rule 6).
    loaders: createLoaders(deps.analytics, { ...deps.statistics, versionInForce: geography.disclosureReference }, deps.prisma, deps.viewer),
    restrictedReads: newRestrictedReads(),
  };
}
