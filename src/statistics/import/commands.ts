/**
 * The statistics importers' command lines (wired into src/cli.ts):
 *   import-indicators --catalogue FILE --data FILE            a catalogue (CSV or JSON) and tidy observations
 *   import-imd2019 (--dir DIR | --file1 F --file2 F --file6 F) [--only-loaded-areas]
 *   import-population-estimates FILE... [--only-loaded-areas]
 * `parseStatisticsImport` checks the arguments before any store is opened; `runStatisticsImport`
 * imports and returns the one-line summary. A rejected import throws ImportRejectedError.
 */
import { parseArgs } from 'node:util';
import type { AnalyticsStore } from '../../db/analytics.js';
import { ImportProblems } from '../../importing/problems.js';
import type { CommitSummary } from './commit.js';
import { importIod2019, iod2019FilesIn, type Iod2019Files } from './imd2019.js';
import { importPopulationEstimates } from './population-estimates.js';
import { importIndicators } from './tidy.js';

export const STATISTICS_USAGE = `  npm run import:indicators -- [--catalogue FILE.csv|FILE.json] [--data FILE.csv]
  npm run import:imd2019 -- (--dir DIR | --file1 FILE --file2 FILE --file6 FILE) [--only-loaded-areas]
  npm run import:population-estimates -- FILE... [--only-loaded-areas]`;

export class StatisticsUsageError extends Error {}

export type StatisticsImport =
  | { command: 'import-indicators'; catalogue?: string; data?: string }
  | { command: 'import-imd2019'; dir?: string; files: Partial<Iod2019Files>; onlyLoadedAreas: boolean }
  | { command: 'import-population-estimates'; files: string[]; onlyLoadedAreas: boolean };

export const isStatisticsImport = (command: string | undefined): command is StatisticsImport['command'] =>
  command === 'import-indicators' || command === 'import-imd2019' || command === 'import-population-estimates';

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
    };
  }
  const { values, positionals } = parseArgs({
    args,
    options: { 'only-loaded-areas': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new StatisticsUsageError('name one or more population estimate files');
  return { command, files: positionals, onlyLoadedAreas: values['only-loaded-areas'] ?? false };
}

const n = (count: number) => count.toLocaleString('en-GB');
const written = (s: CommitSummary) =>
  `${n(s.indicators)} indicators, ${n(s.observations)} observations for ${s.periods.join(', ') || 'no period'} (${n(s.replaced)} stored observations replaced)`;
const skipped = (count: number) => (count > 0 ? `; ${n(count)} small areas of no loaded geography skipped` : '');

/** Run the import; its one-line summary. */
export async function runStatisticsImport(analytics: AnalyticsStore, request: StatisticsImport): Promise<string> {
  if (request.command === 'import-indicators') {
    const summary = await importIndicators(analytics, request);
    return `indicators loaded: ${written(summary)}`;
  }
  if (request.command === 'import-imd2019') {
    const problems = new ImportProblems();
    const files = request.dir ? { ...iod2019FilesIn(request.dir, problems), ...definedOnly(request.files) } : request.files;
    const summary = await importIod2019(analytics, files, { onlyLoadedAreas: request.onlyLoadedAreas, problems });
    return (
      `IoD 2019 loaded for ${n(summary.smallAreas)} small areas: ${written(summary)}, ` +
      `${n(summary.populationRows)} small-area populations for 2015${skipped(summary.skippedAreas)}`
    );
  }
  const summary = await importPopulationEstimates(analytics, request.files, { onlyLoadedAreas: request.onlyLoadedAreas });
  return (
    `population estimates loaded from ${n(summary.files)} files for ${n(summary.smallAreas)} small areas: ${written(summary)}, ` +
    `${n(summary.populationRows)} small-area populations${skipped(summary.skippedAreas)}`
  );
}

const definedOnly = (files: Partial<Iod2019Files>) =>
  Object.fromEntries(Object.entries(files).filter(([, file]) => file !== undefined)) as Partial<Iod2019Files>;
