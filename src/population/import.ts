/**
 * Importing resident population by small area: the ONE population importer is
 * src/statistics/import/population-estimates.ts (ONS small-area estimates as published, single
 * year of age or broad bands, any number of years, several files at once). This entry point
 * keeps the `import:population -- --file F` command and the bundled sample's call: it runs that
 * importer and reports the populations it wrote.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import type { Progress } from '../importing/progress.js';
import { importPopulationEstimates, type PopulationEstimatesSummary } from '../statistics/import/population-estimates.js';

export interface PopulationImportSummary extends PopulationEstimatesSummary {
  /** Small-area population figures written (one per area, period and age band). */
  rows: number;
  ageBands: string[];
}

export async function importPopulation(
  _prisma: RecordsClient,
  analytics: AnalyticsStore,
  file: string | readonly string[],
  options: { onlyLoadedAreas?: boolean; progress?: Progress } = {},
): Promise<PopulationImportSummary> {
  const summary = await importPopulationEstimates(analytics, typeof file === 'string' ? [file] : file, options);
  return { ...summary, rows: summary.populationRows, periods: summary.populationPeriods, ageBands: summary.ageBands };
}
