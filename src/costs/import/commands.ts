/**
 * The cost importers' command lines (wired into src/cli.ts):
 *   import-spend --file FILE                  a spend ledger (replaces each partner's lines of the years it holds)
 *   import-unit-costs --file FILE             unit costs (replaces entries with the same id)
 *   import-deflators --file FILE [--series NAME]  a GDP deflator series (replaces the series)
 * A rejected import throws ImportRejectedError (every problem with its file and line).
 */
import { parseArgs } from 'node:util';
import type { AnalyticsStore } from '../../db/analytics.js';
import type { RecordStore } from '../../db/records.js';
import { formatPence } from '../money.js';
import { importDeflators } from './deflators.js';
import { importSpend } from './spend.js';
import { importUnitCosts } from './unit-costs.js';

export const COSTS_USAGE = `  npm run import:spend -- --file FILE
  npm run import:unit-costs -- --file FILE
  npm run import:deflators -- --file FILE [--series NAME]`;

export class CostsUsageError extends Error {}

const COMMANDS = ['import-spend', 'import-unit-costs', 'import-deflators'] as const;
export type CostsCommand = (typeof COMMANDS)[number];
export const isCostsImport = (command: string | undefined): command is CostsCommand => (COMMANDS as readonly string[]).includes(command ?? '');

export interface CostsImport {
  command: CostsCommand;
  file: string;
  series?: string;
}

export function parseCostsImport(command: CostsCommand, args: string[]): CostsImport {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, series: { type: 'string' } }, strict: true });
  if (!values.file) throw new CostsUsageError('--file is required');
  if (values.series !== undefined && command !== 'import-deflators') throw new CostsUsageError('--series is for import-deflators only');
  return { command, file: values.file, series: values.series };
}

/** Run the import; its one-line summary. */
export async function runCostsImport(stores: { records: RecordStore; analytics: AnalyticsStore }, request: CostsImport): Promise<string> {
  const { prisma } = stores.records;
  if (request.command === 'import-deflators') {
    const s = await importDeflators(stores.analytics, request.file, { series: request.series });
    return `GDP deflators loaded: ${s.years} years, ${s.first} to ${s.last} (series "${s.series}")`;
  }
  if (request.command === 'import-unit-costs') {
    const s = await importUnitCosts(prisma, stores.analytics, request.file);
    return `unit costs loaded: ${s.unitCosts} (${s.replaced} stored entries replaced)`;
  }
  const s = await importSpend(prisma, stores.analytics, request.file);
  return `spend loaded: ${s.lines} lines of ${s.partners} partners for ${s.years.join(', ')}, £${formatPence(s.totalPence)} (${s.replaced} stored lines replaced)`;
}
