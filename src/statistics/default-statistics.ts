/**
 * The default statistics: Herefordshire's published releases as copied into
 * data/herefordshire/statistics/ (Open Government Licence v3.0; data/README.md), loaded on first
 * start through the same importers an analyst runs, in the order they depend on each other:
 * IoD 2019 Files 1, 2 and 6 (ranks, deciles, domains and the mid-2015 denominators), the ONS
 * small-area population estimates (mid-2017, 2019, 2020), IoD 2019 File 8 and the sub-domains
 * (over the File 6 denominators), the eight Census 2021 tables (summed from 2021 into 2011 small
 * areas by the ONS lookup), and police.uk street crime for five months (rates over the nearest
 * population estimate). All on the real 2011 LSOA codes, so the geography loaded first must hold
 * them (`fitsDefaultStatistics`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyticsStore } from '../db/analytics.js';
import { projectRoot } from '../project-root.js';
import { importCensus2021 } from './import/census2021.js';
import { knownSmallAreas } from './import/commit.js';
import { importIod2019, iod2019FilesIn } from './import/imd2019.js';
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

/** Whether every small area of the default statistics (the 116 LSOAs of IoD 2019 File 6) is loaded. */
export async function fitsDefaultStatistics(analytics: AnalyticsStore, dir = DEFAULT_STATISTICS_DIR): Promise<boolean> {
  const [file6] = files(path.join(dir, 'imd2019'), /^File_6_/);
  if (!file6) return false;
  const codes = readFileSync(file6, 'utf8').split(/\r?\n/).slice(1).map((line) => line.split(',')[0]).filter(Boolean) as string[];
  const known = await knownSmallAreas(analytics);
  return codes.length > 0 && codes.every((code) => known.has(code));
}

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
  const census = await importCensus2021(analytics, files(path.join(dir, 'census2021'), /^ts\d{3}/i), {
    areaLookup: path.join(dir, 'census2021', 'herefordshire_lsoa11_lsoa21.csv'),
  });
  const crime = await importPoliceCrime(analytics, files(path.join(dir, 'crime'), /-street.*\.csv$/));
  const all = [imd, population, underlying, census, crime];
  return {
    indicators: all.reduce((a, s) => a + s.indicators, 0),
    observations: all.reduce((a, s) => a + s.observations, 0),
    crimeRowsWithoutLocation: crime.withoutLocation,
  };
}
