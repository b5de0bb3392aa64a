/**
 * The default dataset, loaded into empty stores on first start so `npm start` answers on a fresh
 * clone: a folder with a `dataset.json` manifest naming its files (paths relative to the folder).
 * `DATASET_DIR` chooses the folder (default `data/herefordshire`: real Herefordshire geography
 * and statistics, generated partnership records; see data/README.md). Every file goes through the
 * same importers users run, in the order the manifest's parts depend on each other: geography
 * versions, the kinds of locality role, small-area lookups, population, statistics, partnership,
 * intelligence, costs, reporting, funds.
 *
 * Files must lie inside the dataset folder: a dataset is self-contained, so a clone stands alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Stores } from './db/stores.js';
import { importGeography } from './geography/import.js';
import { loadPartnershipSample } from './partnership/sample.js';
import { loadIntelligenceSample } from './intelligence/sample.js';
import { systemViewer } from './partnership/import.js';
import { importRoleKinds } from './partnership/role-kinds.js';
import { type RanRelease, recordRelease, type Release, runAndKeep } from './importing/releases.js';
import { loadReportingSample } from './reporting/sample.js';
import { loadFundsSample } from './funds/sample.js';
import { ImportProblems } from './importing/problems.js';

const file = z.string().min(1);

const geographyVersion = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  area: z.object({ code: z.string(), name: z.string(), kind: z.string().optional() }),
  localities: file,
  groupings: file.optional(),
  smallAreas: file,
  parishes: file.optional(),
  serviceAreas: file.optional(),
  wards: file.optional(),
  parishWards: file.optional(),
  description: z.string().optional(),
  source: z.string().optional(),
});

const statisticsPart = z.discriminatedUnion('importer', [
  z.object({ importer: z.literal('indicators'), catalogue: file, data: file }),
  z.object({ importer: z.literal('imd2019'), dir: file }),
  z.object({ importer: z.literal('population-estimates'), files: z.array(file).min(1) }),
  /** Every published release in a folder laid out as data/herefordshire/statistics (statistics/default-statistics.ts). */
  z.object({ importer: z.literal('published'), dir: file }),
]);

/** The manifest, `dataset.json`. */
export const datasetManifest = z.object({
  name: z.string(),
  /** Geography versions in load order; with equal effective dates the one loaded last is current. */
  geography: z.array(geographyVersion).min(1),
  /** Lookups between generations of small areas (the ONS LSOA 2011 to 2021 lookup), after the geography. */
  smallAreaLookups: z.array(z.object({ lookup: file, populations: file.optional() })).default([]),
  /** The council's kinds of locality role (src/partnership/role-kinds.ts), before the partnership's roles name them. */
  localityRoleKinds: file.optional(),
  population: file.optional(),
  statistics: z.array(statisticsPart).default([]),
  partnership: file.optional(),
  intelligence: file.optional(),
  costs: file.optional(),
  reporting: file.optional(),
  /** Generated, labelled illustrative funds, commissions and a participatory-budgeting round (after the partnership). */
  funds: file.optional(),
});
export type DatasetManifest = z.infer<typeof datasetManifest>;

/** Read and check `dir/dataset.json`; returns it with every path made absolute inside `dir`. */
export function readDatasetManifest(dir: string): DatasetManifest {
  const manifestFile = path.join(dir, 'dataset.json');
  const parsed = datasetManifest.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  if (!parsed.success) {
    const problems = new ImportProblems();
    for (const issue of parsed.error.issues) problems.add(manifestFile, 0, `${issue.path.join('.')}: ${issue.message}`);
    problems.throwIfAny('Dataset');
  }
  const inside = (relative: string) => {
    const absolute = path.resolve(dir, relative);
    if (path.relative(dir, absolute).startsWith('..')) {
      const problems = new ImportProblems();
      problems.add(manifestFile, 0, `"${relative}" lies outside the dataset folder: a dataset carries its own files`);
      problems.throwIfAny('Dataset');
    }
    return absolute;
  };
  const m = parsed.data!;
  const optional = (relative: string | undefined) => (relative === undefined ? undefined : inside(relative));
  return {
    ...m,
    geography: m.geography.map((g) => ({
      ...g,
      localities: inside(g.localities),
      groupings: optional(g.groupings),
      smallAreas: inside(g.smallAreas),
      parishes: optional(g.parishes),
      serviceAreas: optional(g.serviceAreas),
      wards: optional(g.wards),
      parishWards: optional(g.parishWards),
    })),
    smallAreaLookups: m.smallAreaLookups.map((l) => ({ lookup: inside(l.lookup), populations: optional(l.populations) })),
    localityRoleKinds: optional(m.localityRoleKinds),
    population: optional(m.population),
    statistics: m.statistics.map((s) =>
      s.importer === 'indicators'
        ? { ...s, catalogue: inside(s.catalogue), data: inside(s.data) }
        : s.importer === 'imd2019' || s.importer === 'published'
          ? { ...s, dir: inside(s.dir) }
          : { ...s, files: s.files.map(inside) },
    ),
    partnership: optional(m.partnership),
    intelligence: optional(m.intelligence),
    costs: optional(m.costs),
    reporting: optional(m.reporting),
    funds: optional(m.funds),
  };
}

/** The dataset's analytics parts as releases, in load order (each kept like any import). */
function analyticsReleases(dataset: DatasetManifest): { before: Release[]; costs: Release[] } {
  const before: Release[] = dataset.smallAreaLookups.map((lookup) => ({ kind: 'small-area-lookup' as const, ...lookup }));
  if (dataset.population) before.push({ kind: 'population', file: dataset.population });
  for (const part of dataset.statistics) {
    if (part.importer === 'indicators') before.push({ kind: 'statistics', request: { command: 'import-indicators', catalogue: part.catalogue, data: part.data } });
    else if (part.importer === 'published') before.push({ kind: 'published-statistics', dir: part.dir });
    else if (part.importer === 'imd2019') before.push({ kind: 'statistics', request: { command: 'import-imd2019', dir: part.dir, files: {}, onlyLoadedAreas: false } });
    else before.push({ kind: 'statistics', request: { command: 'import-population-estimates', files: part.files, onlyLoadedAreas: false } });
  }
  // Deflators, unit costs and the spend ledger, after the partners and indicators they name.
  const costs: Release[] = dataset.costs
    ? [
        { kind: 'costs', request: { command: 'import-deflators', file: path.join(dataset.costs, 'deflators.csv'), series: 'ILLUSTRATIVE sample series (not HM Treasury figures)' } },
        { kind: 'costs', request: { command: 'import-unit-costs', file: path.join(dataset.costs, 'unit_costs.csv') } },
        { kind: 'costs', request: { command: 'import-spend', file: path.join(dataset.costs, 'spend.csv') } },
      ]
    : [];
  return { before, costs };
}

/**
 * Load the dataset in `dir` if the record store holds no geography yet; returns whether it did.
 * Its analytics parts are built into ONE new snapshot and kept as releases (src/importing/releases.ts),
 * so a lost analytics store is rebuilt to the same profiles.
 */
export async function loadDatasetIfEmpty(stores: Stores, dir: string, logger: Logger): Promise<boolean> {
  const { prisma } = stores.records;
  if ((await prisma.geographyVersion.count()) > 0) return false;
  const dataset = readDatasetManifest(dir);
  const { before, costs } = analyticsReleases(dataset);
  const viewer = systemViewer(`dataset:${dataset.name}`);
  const ran: RanRelease[] = [];
  const run = async (analytics: Parameters<typeof runAndKeep>[1], release: Release) => {
    const result = await runAndKeep(stores, analytics, release);
    logger.info({ summary: result.summary }, `dataset ${release.kind} loaded`);
    ran.push(result);
  };
  await stores.analytics.publish(
    async (analytics) => {
      for (const g of dataset.geography) {
        const summary = await importGeography(
          prisma,
          analytics,
          { localities: g.localities, groupings: g.groupings, smallAreas: g.smallAreas, parishes: g.parishes, serviceAreas: g.serviceAreas, wards: g.wards, parishWards: g.parishWards },
          {
            versionId: g.version,
            effectiveFrom: g.effectiveFrom,
            countyCode: g.area.code,
            countyName: g.area.name,
            areaKind: g.area.kind,
            description: g.description,
            source: g.source,
          },
        );
        logger.info(summary, 'dataset geography loaded');
      }
      if (dataset.localityRoleKinds) logger.info(await importRoleKinds(prisma, viewer, dataset.localityRoleKinds), 'dataset locality role kinds loaded');
      for (const release of before) await run(analytics, release);
      if (dataset.partnership) logger.info(await loadPartnershipSample(prisma, dataset.partnership), 'dataset partnership loaded');
      if (dataset.intelligence) logger.info(await loadIntelligenceSample(prisma, dataset.intelligence), 'dataset intelligence loaded');
      for (const release of costs) await run(analytics, release);
      if (dataset.reporting) logger.info(await loadReportingSample(prisma, dataset.reporting), 'dataset reporting loaded');
      if (dataset.funds) logger.info(await loadFundsSample(prisma, dataset.funds), 'dataset funds loaded');
    },
    {
      reason: 'dataset',
      createdBy: viewer.subject!,
      record: async (tx) => {
        for (const release of ran) await recordRelease(tx, viewer, release);
        return undefined;
      },
    },
  );
  logger.info({ dataset: dataset.name }, 'dataset loaded');
  return true;
}
