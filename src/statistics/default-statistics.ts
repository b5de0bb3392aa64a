/**
 * The default statistics: Herefordshire's published releases as copied into
 * data/herefordshire/statistics/ (Open Government Licence v3.0; data/README.md), loaded on first
 * start through the same importers an analyst runs, in the order they depend on each other:
 * IoD 2019 Files 1, 2 and 6 (ranks, deciles, domains and the mid-2015 denominators), the ONS
 * small-area population estimates (mid-2017, 2019, 2020), IoD 2019 File 8 and the sub-domains
 * (over the File 6 denominators), the eight Census 2021 tables (on the 2021 LSOAs they are
 * published on), and police.uk street crime for five months (rates over the nearest population
 * estimate). IoD, estimates and crime are on 2011 LSOAs, Census on 2021 LSOAs, so the geography
 * loaded first must hold both; each version reads the other generation's
 * figures through the ONS lookup (geography/small-area-lookup.ts).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AnalyticsStore } from '../db/analytics.js';
import { projectRoot } from '../project-root.js';
import { importCensus2021 } from './import/census2021.js';
import { importIod2019, iod2019FilesIn } from './import/iod2019.js';
import { importIod2019Underlying } from './import/iod2019-underlying.js';
import { importPoliceCrime } from './import/police-crime.js';
import { importPopulationEstimates } from './import/population-estimates.js';
import { ImportProblems } from '../importing/problems.js';

export const DEFAULT_STATISTICS_DIR = path.join(projectRoot, 'data', 'herefordshire', 'statistics');

const files = (dir: string, pattern: RegExp) =>
  readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));

export interface DefaultStatisticsSummary {
  indicators: number;
  observations: number;
  /** Rows police.uk could not place (reported, not counted). */
  crimeRowsWithoutLocation: number;
}

/** Load every default release, in dependency order; each import is all or nothing. */
export async function loadDefaultStatistics(analytics: AnalyticsStore, dir = DEFAULT_STATISTICS_DIR): Promise<DefaultStatisticsSummary> {
  const problems = new ImportProblems();
  const imd = await importIod2019(analytics, iod2019FilesIn(path.join(dir, 'imd2019'), problems), { problems });
  const population = await importPopulationEstimates(analytics, files(path.join(dir, 'population'), /^sape_mid\d{4}_.*\.csv$/));
  const underlying = await importIod2019Underlying(analytics, {
    file8: path.join(dir, 'imd2019', 'IoD2019_underlying_indicators.herefordshire.csv'),
    subdomains: path.join(dir, 'imd2019', 'IoD2019_subdomains.herefordshire.csv'),
  });
  // On the 2021 LSOAs as published: the 2011-based geography reads them through the ONS lookup (profile.sql).
  const census = await importCensus2021(analytics, files(path.join(dir, 'census2021'), /^ts\d{3}/i));
  const crime = await importPoliceCrime(analytics, files(path.join(dir, 'crime'), /-street.*\.csv$/));
  const all = [imd, population, underlying, census, crime];
  return {
    indicators: all.reduce((a, s) => a + s.indicators, 0),
    observations: all.reduce((a, s) => a + s.observations, 0),
    crimeRowsWithoutLocation: crime.withoutLocation,
  };
}
