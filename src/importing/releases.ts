/**
 * Nothing imported is lost: every import into the analytics store (through the command line, the
 * upload route or the first-start dataset) goes through `importRelease`, which
 * - runs the importer on a new snapshot being built (src/db/snapshots.ts: all or nothing, one
 *   importer at a time, readers switch when it is complete);
 * - keeps every file it read in the release store (RELEASE_STORE_DIR), content-addressed: the file
 *   whose sha256 is H is `<store>/<H[0..2]>/<H>`, written once whoever imports it again;
 * - records the release in the record store (`AnalyticsRelease`: importer, options with the file
 *   paths replaced by `file:<n>`, the files' names and hashes, who imported it and when, the
 *   report) and an audit event, in the transaction that announces the snapshot.
 *
 * `rebuildAnalytics` makes the analytics store again from the record store alone: the geography
 * mirror, then every kept release replayed through its importer in the order it was imported.
 * A server starting without its snapshot (deleted, or a fresh snapshot directory) does so, so the
 * profiles it serves are the ones it served before. Replay reads the geography as it is now: a
 * release imported with `onlyLoadedAreas` before a later geography version added small areas
 * would keep those areas' rows on replay.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync, readdirSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import { DuckDBStore } from '../db/analytics.js';
import { AnalyticsMigrationError } from '../db/analytics-migrate.js';
import type { RecordStore, RecordsClient } from '../db/records.js';
import type { SnapshotStore } from '../db/snapshots.js';
import { mirrorGeography } from '../geography/analytics-mirror.js';
import { importBoundaries } from '../maps/import.js';
import { importSmallAreaLookup } from '../geography/small-area-lookup.js';
import { importPopulation } from '../population/import.js';
import { runCostsImport, type CostsImport } from '../costs/import/commands.js';
import { runStatisticsImport, type StatisticsImport } from '../statistics/import/commands.js';
import { loadDefaultStatistics } from '../statistics/default-statistics.js';

/** An import into the analytics store, as its importer takes it (file paths as given). */
export type Release =
  | { kind: 'statistics'; request: StatisticsImport }
  | { kind: 'population'; file: string }
  | { kind: 'published-statistics'; dir: string }
  | { kind: 'costs'; request: CostsImport }
  | { kind: 'boundaries'; file: string; versionId: string; codeProperty?: string }
  | { kind: 'small-area-lookup'; lookup: string; populations?: string };

export interface KeptFile {
  /** Which path of the request (file:<n>). */
  input: number;
  /** The file's name (a folder's name for a file inside a folder). */
  name: string;
  /** Inside a folder: the file's path below it; '' for a file named itself. */
  relative: string;
  sha256: string;
  bytes: number;
}

export interface ImportedRelease {
  releaseId: number;
  sha256: string;
  summary: string;
  files: KeptFile[];
}

/** Option names whose values are paths of files or folders the importer reads. */
const PATH_KEYS = new Set(['lookup', 'populations', 'file', 'files', 'catalogue', 'data', 'mapping', 'dir', 'areaLookup', 'tables', 'file1', 'file2', 'file6', 'file8', 'subdomains']);

/** `value` with every path (under PATH_KEYS) replaced by `replace(path)`. */
function mapPaths(value: unknown, key: string, replace: (p: string) => string): unknown {
  if (typeof value === 'string') return PATH_KEYS.has(key) ? replace(value) : value;
  if (Array.isArray(value)) return value.map((item) => mapPaths(item, key, replace));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapPaths(v, k === 'request' ? '' : k, replace)]));
  }
  return value;
}

/** Run a release's importer on `analytics` (a snapshot being built); its one-line report. */
async function runRelease(prisma: RecordsClient, records: RecordStore, analytics: DuckDBStore, release: Release): Promise<string> {
  switch (release.kind) {
    case 'statistics':
      return runStatisticsImport(analytics, release.request);
    case 'population': {
      const summary = await importPopulation(prisma, analytics, release.file);
      return `population loaded: ${summary.rows} figures for ${summary.periods.join(', ')} (${summary.ageBands.join(', ')})`;
    }
    case 'published-statistics': {
      const s = await loadDefaultStatistics(analytics, release.dir);
      return `published statistics loaded: ${s.indicators} indicators, ${s.observations} observations`;
    }
    case 'costs':
      return runCostsImport({ records, analytics }, release.request);
    case 'small-area-lookup': {
      const s = await importSmallAreaLookup(analytics, { lookup: release.lookup, populations: release.populations });
      return (
        `small-area lookup ${s.lookup} loaded: ${s.changedPairs} changed pairs (${s.rows} rows, both ways), ` +
        `${s.apportioned} areas shared among several ${s.weighting === 'population' ? 'by residents' : 'equally'}`
      );
    }
    case 'boundaries': {
      const s = await importBoundaries(analytics, release.file, { versionId: release.versionId, codeProperty: release.codeProperty });
      return `boundaries loaded for ${s.versionId}: ${s.smallAreas} small areas (${s.codeProperty}), ${s.localities} locality outlines`;
    }
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const blobPath = (store: string, sha256: string) => path.join(store, sha256.slice(0, 2), sha256);

function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesBelow(dir, relative) : entry.isFile() ? [relative] : [];
    });
}

/** Copy every file a release reads into the store (once per content); the request with `file:<n>` for its paths. */
async function keepFiles(store: string, release: Release): Promise<{ request: unknown; files: KeptFile[] }> {
  const inputs: string[] = [];
  const request = mapPaths(release, '', (p) => `file:${inputs.push(p) - 1}`);
  const files: KeptFile[] = [];
  for (const [input, given] of inputs.entries()) {
    const isDir = statSync(given).isDirectory();
    const members = isDir ? filesBelow(given) : [''];
    for (const relative of members) {
      const file = relative ? path.join(given, relative) : given;
      const sha256 = await sha256Of(file);
      const target = blobPath(store, sha256);
      if (!existsSync(target)) {
        await mkdir(path.dirname(target), { recursive: true });
        const partial = `${target}.${process.pid}.partial`;
        await copyFile(file, partial);
        await rename(partial, target);
      }
      files.push({ input, name: path.basename(given), relative, sha256, bytes: statSync(file).size });
    }
  }
  return { request, files };
}

const releaseHash = (kind: string, request: unknown, files: KeptFile[]) =>
  createHash('sha256').update(JSON.stringify({ kind, request, files: files.map(({ input, name, relative, sha256 }) => ({ input, name, relative, sha256 })) })).digest('hex');

export interface ImportContext {
  records: RecordStore;
  analytics: SnapshotStore;
  releaseStore: string;
}

/** A release run on a snapshot being built, its files kept: to be recorded with `recordRelease`. */
export interface RanRelease {
  kind: Release['kind'];
  summary: string;
  request: unknown;
  files: KeptFile[];
}

/** Run `release` on `store` (a snapshot being built) and keep its files. */
export async function runAndKeep(context: Omit<ImportContext, 'analytics'>, store: DuckDBStore, release: Release): Promise<RanRelease> {
  const summary = await runRelease(context.records.prisma, context.records, store, release);
  return { kind: release.kind, summary, ...(await keepFiles(context.releaseStore, release)) };
}

/** Record a release that ran (who: `viewer`) and its audit event, in `tx`; its id. */
export async function recordRelease(tx: RecordsClient, viewer: Viewer, ran: RanRelease): Promise<number> {
  const row = await tx.analyticsRelease.create({
    data: {
      kind: ran.kind,
      request: JSON.stringify(ran.request),
      files: JSON.stringify(ran.files),
      sha256: releaseHash(ran.kind, ran.request, ran.files),
      importedBy: viewer.subject ?? 'unknown',
      summary: ran.summary,
    },
  });
  await recordAudit(tx, viewer, { action: 'CREATE', entity: 'AnalyticsRelease', entityId: row.id, after: row });
  return row.id;
}

/**
 * Import `release` into a new snapshot, keep its files and record it (who: `viewer`); all or
 * nothing. Throws the importer's ImportRejectedError (nothing written, nothing kept) or
 * ImportInProgressError (CONFLICT) while another import runs.
 */
export async function importRelease(context: ImportContext, release: Release, viewer: Viewer): Promise<ImportedRelease> {
  let releaseId = 0;
  const ran = await context.analytics.publish((store) => runAndKeep(context, store, release), {
    reason: 'import',
    createdBy: viewer.subject ?? 'unknown',
    record: async (tx, result) => (releaseId = await recordRelease(tx, viewer, result)),
  });
  return { releaseId, sha256: releaseHash(ran.kind, ran.request, ran.files), summary: ran.summary, files: ran.files };
}

/** Put a kept release's files back under `dir` with their names; the request with those paths. */
async function materialise(store: string, dir: string, requestJson: string, files: KeptFile[]): Promise<Release> {
  const places = new Map<number, string>();
  for (const file of files) {
    const base = path.join(dir, String(file.input), file.name);
    places.set(file.input, base);
    const target = file.relative ? path.join(base, ...file.relative.split('/')) : base;
    const blob = blobPath(store, file.sha256);
    if (!existsSync(blob)) throw new Error(`release file ${file.name}${file.relative ? `/${file.relative}` : ''} (sha256 ${file.sha256}) is missing from the release store ${store}`);
    await mkdir(path.dirname(target), { recursive: true });
    await link(blob, target).catch(() => copyFile(blob, target));
  }
  return mapPaths(JSON.parse(requestJson), '', (token) => {
    const n = /^file:(\d+)$/.exec(token);
    const place = n ? places.get(Number(n[1])) : undefined;
    if (place === undefined) throw new Error(`a kept release names ${token}, which it does not hold`);
    return place;
  }) as Release;
}

/** Replay every kept release, in import order, into `analytics` (a snapshot being built); how many. */
export async function replayReleases(records: RecordStore, analytics: DuckDBStore, releaseStore: string): Promise<number> {
  const releases = await records.prisma.analyticsRelease.findMany({ orderBy: { id: 'asc' } });
  for (const kept of releases) {
    const dir = await mkdtemp(path.join(tmpdir(), 'li-release-'));
    try {
      const release = await materialise(releaseStore, dir, kept.request, JSON.parse(kept.files) as KeptFile[]);
      await runRelease(records.prisma, records, analytics, release);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return releases.length;
}

/**
 * Make sure a snapshot is served: none published, or its file gone, with releases or geography
 * on record: rebuilt from them (logged); nothing on record: an empty one. A served snapshot with
 * pending analytics migrations (src/db/analytics-migrate.ts) is never written: with `migrate`
 * (MIGRATE_ON_START) a migrated copy is published and served, without it the start is refused;
 * one whose applied migrations changed or are unknown to this code is refused either way.
 */
export async function ensureAnalytics(context: ImportContext, logger: Logger, legacyFile?: string, migrate = true): Promise<void> {
  const { records, analytics } = context;
  if (analytics.hasSnapshot) {
    const state = await analytics.migrationState();
    if (state.unknown.length > 0 || state.changed.length > 0) throw new AnalyticsMigrationError(analytics.file, state);
    if (state.pending.length === 0) return;
    const pending = state.pending.map((m) => m.name);
    if (!migrate) {
      throw new Error(
        `the analytics snapshot ${analytics.file} lacks migration ${pending.join(', ')} and MIGRATE_ON_START is false: start once with MIGRATE_ON_START=true to publish a migrated snapshot`,
      );
    }
    await analytics.publish(async () => undefined, { reason: 'migrations', createdBy: 'server' });
    logger.info({ applied: pending, snapshot: analytics.snapshotId }, 'analytics store migrated (a new snapshot)');
    return;
  }
  // Upgrading from one DuckDB file (DUCKDB_PATH) to snapshots: that file is the first snapshot.
  if (legacyFile && existsSync(legacyFile) && (await records.prisma.analyticsSnapshot.count()) === 0) {
    // Opened read-only first, so a damaged or locked file is reported as DUCKDB_PATH's.
    (await DuckDBStore.open(legacyFile, { connections: 1, readOnly: true })).close();
    await analytics.publish(async () => undefined, { reason: 'adopted', createdBy: 'server', baseFile: legacyFile });
    logger.warn({ file: legacyFile }, 'the analytics store at DUCKDB_PATH is now the first analytics snapshot');
    return;
  }
  await rebuildAnalytics(context, logger);
}

/** Build a snapshot from the record store alone: the geography, then every kept release in order. */
export async function rebuildAnalytics(context: ImportContext, logger: Logger): Promise<{ releases: number }> {
  const { records, analytics, releaseStore } = context;
  const prisma = records.prisma;
  const [releases, snapshots, versions] = await Promise.all([
    prisma.analyticsRelease.count(),
    prisma.analyticsSnapshot.count(),
    prisma.geographyVersion.count(),
  ]);
  if (releases + snapshots + versions === 0) {
    await analytics.publish(async () => undefined, { reason: 'empty', createdBy: 'server' });
    return { releases: 0 };
  }
  const replayed = await analytics.publish(
    async (store) => {
      if (versions > 0) await mirrorGeography(prisma, store);
      return replayReleases(records, store, releaseStore);
    },
    { reason: 'rebuild', createdBy: 'server', fromEmpty: true },
  );
  logger.warn({ releases: replayed, geographyVersions: versions, releaseStore }, 'analytics snapshot missing: rebuilt from the record store and the kept releases');
  return { releases: replayed };
}
