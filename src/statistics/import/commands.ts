/**
 * The statistics importers' command lines (wired into src/cli.ts):
 *   import-indicators --catalogue FILE --data FILE            a catalogue (CSV or JSON) and tidy observations
 *   import-imd2019 (--dir DIR | --file1 F --file2 F --file6 F) [--only-loaded-areas]
 *   import-population-estimates FILE... [--only-loaded-areas]   (also import-population)
 *   import-census2021 FILE... [--area-lookup F] [--tables F.json] [--catalogue F] [--only-loaded-areas]
 *   import-police-crime FILE... [--catalogue F] [--only-loaded-areas]
 *   import-iod2019-indicators [--file8 F] [--subdomains F] [--catalogue F] [--only-loaded-areas]
 *   import-council-data --data F --mapping F [--period P]
 * `parseStatisticsImport` checks the arguments before any store is opened; `runStatisticsImport`
 * imports and returns the one-line summary. A rejected import throws ImportRejectedError.
 */
import { parseArgs } from 'node:util';
import type { AnalyticsStore } from '../../db/analytics.js';
import { ImportProblems } from '../../importing/problems.js';
import type { CommitSummary } from './commit.js';
import { importIod2019, iod2019FilesIn, type Iod2019Files } from './iod2019.js';
import { importPopulationEstimates } from './population-estimates.js';
import { importIndicators } from './tidy.js';
import { terminalProgress } from '../../importing/progress.js';
import { importCensus2021, readCensusTables } from './census2021.js';
import { importCouncilData } from './council-data.js';
import { importIod2019Underlying } from './iod2019-underlying.js';
import { importPoliceCrime } from './police-crime.js';

export const STATISTICS_USAGE = `  npm run import:indicators -- [--catalogue FILE.csv|FILE.json] [--data FILE.csv]
  npm run import:imd2019 -- (--dir DIR | --file1 FILE --file2 FILE --file6 FILE) [--catalogue FILE] [--only-loaded-areas]
  npm run import:population -- FILE... [--catalogue FILE] [--only-loaded-areas]      (single year of age or broad bands; also --file FILE)
  npm run import:census2021 -- FILE... [--area-lookup LSOA11_LSOA21.csv] [--tables TABLES.json] [--catalogue FILE] [--only-loaded-areas]
  npm run import:police-crime -- FILE... [--catalogue FILE] [--only-loaded-areas]
  npm run import:iod2019-indicators -- [--file8 FILE] [--subdomains FILE] [--catalogue FILE] [--only-loaded-areas]
  npm run import:council-data -- --data FILE --mapping FILE [--period PERIOD]`;

export class StatisticsUsageError extends Error {}

export type StatisticsImport =
  | { command: 'import-indicators'; catalogue?: string; data?: string }
  | { command: 'import-imd2019'; dir?: string; files: Partial<Iod2019Files>; onlyLoadedAreas: boolean; catalogue?: string }
  | { command: 'import-population-estimates'; files: string[]; onlyLoadedAreas: boolean; catalogue?: string }
  | { command: 'import-census2021'; files: string[]; areaLookup?: string; tables?: string; catalogue?: string; onlyLoadedAreas: boolean }
  | { command: 'import-police-crime'; files: string[]; catalogue?: string; onlyLoadedAreas: boolean }
  | { command: 'import-iod2019-indicators'; file8?: string; subdomains?: string; catalogue?: string; onlyLoadedAreas: boolean }
  | { command: 'import-council-data'; data: string; mapping: string; period?: string };

const RELEASE_COMMANDS = ['import-census2021', 'import-police-crime', 'import-iod2019-indicators', 'import-council-data'] as const;

export const isStatisticsImport = (command: string | undefined): command is StatisticsImport['command'] =>
  command === 'import-indicators' ||
  command === 'import-imd2019' ||
  command === 'import-population-estimates' ||
  (RELEASE_COMMANDS as readonly (string | undefined)[]).includes(command);

export function parseStatisticsImport(command: StatisticsImport['command'], args: string[]): StatisticsImport {
  if (command === 'import-indicators') {
    const { values } = parseArgs({ args, options: { catalogue: { type: 'string' }, data: { type: 'string' } }, strict: true });
    if (!values.catalogue && !values.data) throw new StatisticsUsageError('--catalogue or --data (or both) is required');
    return { command, catalogue: values.catalogue, data: values.data };
  }
  if (command === 'import-imd2019') {
    const { values, positionals } = parseArgs({
      args,
      options: {
        dir: { type: 'string' },
        file1: { type: 'string' },
        file2: { type: 'string' },
        file6: { type: 'string' },
        'only-loaded-areas': { type: 'boolean' },
        catalogue: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const dir = values.dir ?? positionals[0];
    if (!dir && !(values.file1 && values.file2 && values.file6)) {
      throw new StatisticsUsageError('--dir (a folder with the published File_1_, File_2_ and File_6_ files) or --file1, --file2 and --file6 are required');
    }
    return {
      command,
      dir,
      files: { file1: values.file1, file2: values.file2, file6: values.file6 },
      onlyLoadedAreas: values['only-loaded-areas'] ?? false,
      catalogue: values.catalogue,
    };
  }
  const { values, positionals } = parseArgs({
    args,
    options: {
      'only-loaded-areas': { type: 'boolean' },
      catalogue: { type: 'string' },
      'area-lookup': { type: 'string' },
      tables: { type: 'string' },
      file8: { type: 'string' },
      subdomains: { type: 'string' },
      data: { type: 'string' },
      mapping: { type: 'string' },
      period: { type: 'string' },
      file: { type: 'string', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
  const files = [...(values.file ?? []), ...positionals];
  const onlyLoadedAreas = values['only-loaded-areas'] ?? false;
  const { catalogue } = values;
  if (command === 'import-council-data') {
    if (!values.data || !values.mapping) throw new StatisticsUsageError('--data (the wide CSV) and --mapping (its columns to indicators) are required');
    return { command, data: values.data, mapping: values.mapping, period: values.period };
  }
  if (command === 'import-iod2019-indicators') {
    if (!values.file8 && !values.subdomains) throw new StatisticsUsageError('--file8 (the underlying indicators) or --subdomains (or both) is required');
    return { command, file8: values.file8, subdomains: values.subdomains, catalogue, onlyLoadedAreas };
  }
  if (files.length === 0) throw new StatisticsUsageError('name one or more files');
  if (command === 'import-census2021') return { command, files, areaLookup: values['area-lookup'], tables: values.tables, catalogue, onlyLoadedAreas };
  if (command === 'import-police-crime') return { command, files, catalogue, onlyLoadedAreas };
  return { command, files, onlyLoadedAreas, catalogue };
}

const n = (count: number) => count.toLocaleString('en-GB');
const periods = (list: string[]) => (list.length > 6 ? `${list[0]} to ${list.at(-1)} (${list.length} periods)` : list.join(', ') || 'no period');
/** What an import added and replaced (the stored observations it took the place of). */
const written = (s: CommitSummary) =>
  `${n(s.indicators)} indicators, ${n(s.observations)} observations for ${periods(s.periods)} ` +
  `(${n(Math.max(0, s.observations - s.replaced))} added, ${n(s.replaced)} replaced)`;
const skipped = (count: number) => (count > 0 ? `; ${n(count)} small areas of no loaded geography skipped` : '');

/** Run the import; its one-line summary. */
export async function runStatisticsImport(analytics: AnalyticsStore, request: StatisticsImport): Promise<string> {
  if (request.command === 'import-indicators') {
    const summary = await importIndicators(analytics, request);
    const bands = summary.ageBandRows > 0 ? `; ${n(summary.ageBandRows)} age-band rows of directly standardised rates` : '';
    return `indicators loaded: ${written(summary)}${bands}`;
  }
  if (request.command === 'import-imd2019') {
    const problems = new ImportProblems();
    const files = request.dir ? { ...iod2019FilesIn(request.dir, problems), ...definedOnly(request.files) } : request.files;
    const summary = await importIod2019(analytics, files, { onlyLoadedAreas: request.onlyLoadedAreas, problems, catalogue: request.catalogue });
    return (
      `IoD 2019 loaded for ${n(summary.smallAreas)} small areas: ${written(summary)}, ` +
      `${n(summary.populationRows)} small-area populations for 2015${skipped(summary.skippedAreas)}`
    );
  }
  if (request.command === 'import-census2021') {
    const problems = new ImportProblems();
    const tables = request.tables ? await readCensusTables(request.tables, problems) : undefined;
    problems.throwIfAny('Census 2021 import');
    const s = await importCensus2021(analytics, request.files, { ...request, tables, progress: terminalProgress() });
    return `Census 2021 loaded (${s.tables.join(', ')}) for ${n(s.smallAreas)} small areas: ${written(s)}${skipped(s.skippedAreas)}`;
  }
  if (request.command === 'import-police-crime') {
    const s = await importPoliceCrime(analytics, request.files, { ...request, progress: terminalProgress() });
    return (
      `police.uk crime loaded from ${n(s.files)} files (${n(s.rows)} rows, ${s.months.join(', ')}) for ${n(s.smallAreas)} small areas: ${written(s)}; ` +
      `skipped: ${n(s.withoutLocation)} rows without an LSOA (police.uk could not place them)` +
      (s.outsideGeography > 0 ? `, ${n(s.outsideGeography)} rows in small areas of no loaded geography` : '')
    );
  }
  if (request.command === 'import-iod2019-indicators') {
    const s = await importIod2019Underlying(analytics, request, request);
    return `IoD 2019 underlying indicators and sub-domains loaded for ${n(s.smallAreas)} small areas: ${written(s)}; skipped: ${n(s.blanks)} cells blank in the release${skipped(s.skippedAreas)}`;
  }
  if (request.command === 'import-council-data') {
    const s = await importCouncilData(analytics, request, request);
    return `council data loaded from ${n(s.rows)} rows: ${written(s)}; skipped: ${n(s.blanks)} blank cells`;
  }
  const summary = await importPopulationEstimates(analytics, request.files, { onlyLoadedAreas: request.onlyLoadedAreas, catalogue: request.catalogue, progress: terminalProgress() });
  return (
    `population estimates loaded from ${n(summary.files)} files for ${n(summary.smallAreas)} small areas: ${written(summary)}, ` +
    `${n(summary.populationRows)} small-area populations${skipped(summary.skippedAreas)}`
  );
}

const definedOnly = (files: Partial<Iod2019Files>) =>
  Object.fromEntries(Object.entries(files).filter(([, file]) => file !== undefined)) as Partial<Iod2019Files>;
