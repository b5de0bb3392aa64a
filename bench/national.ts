/**
 * `npm run bench:national [indicators] [rounds]`: precomputed profiles at national size (issue 18,
 * targets 2 and 3).
 *
 * Data: the real Herefordshire geography (nine localities on its 116 2011 LSOAs, data/herefordshire)
 * in a store that also holds every one of the 32,844 English LSOAs of data/england/imd2019/, with
 * INDICATORS (default 200) generated indicators over 10 years on all of them (GENERATED values,
 * from a hash of the codes: 65.7 million observations at 200): a county's deployment with national
 * files loaded.
 *
 * Prints, from one run (medians of interleaved rounds, milliseconds):
 * - target 2: the county's whole profile (nine localities, their groups and the county, every
 *   indicator at its latest period with its trend) over HTTP from the precomputed rows, against
 *   reading those rows straight from the store (aggregates.sql and the catalogue), and against
 *   aggregating from small areas (profile.sql and the catalogue, today's request path); and the
 *   server's peak resident memory while serving (the process's high-water mark, reset after the
 *   data were generated) and over the whole run;
 * - target 3: importing one indicator's new year (a tidy file of 32,844 rows) with the recompute
 *   of what it touched, and the recompute alone, as a share.
 * Also the time to precompute the whole release once. Asserts nothing: tests never assert time.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { resourceUsage } from 'node:process';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { importGeography } from '../src/geography/import.js';
import { projectRoot } from '../src/project-root.js';
import { startServer } from '../src/server.js';
import { AGGREGATES_SQL, ensureAggregates, refreshAggregates, settingsKey } from '../src/statistics/aggregates.js';
import { loadCatalogue } from '../src/statistics/catalogue.js';
import { importIndicators } from '../src/statistics/import/tidy.js';
import { PROFILE_SQL, profileParameters } from '../src/statistics/profile.js';
import { FULL_PROFILE_QUERY, insertGeneratedIndicators } from './generated.js';
import { medians } from './timing.js';

const INDICATORS = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);
const YEARS = 10;
const HEREFORDSHIRE = path.join(projectRoot, 'data', 'herefordshire');
const IMD = path.join(projectRoot, 'data', 'england', 'imd2019', 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz');


const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
/** The process's peak resident memory since the last reset (Linux), in KiB. */
const highWater = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
const resetHighWater = () => writeFileSync('/proc/self/clear_refs', '5');

const dir = mkdtempSync(path.join(tmpdir(), 'li-bench-national-'));
// The one version loaded is the one in force (disclosure control across versions compares with it).
const settings = { smallNumberThreshold: 10, minimumCoverage: 0.5, versionInForce: 'hfd-2019' };
const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${dir}/records.db`,
    DUCKDB_PATH: `${dir}/analytics.duckdb`,
    JWT_DEV_SECRET_FILE: `${dir}/dev-secret`,
    LOG_LEVEL: 'silent',
    LOAD_SAMPLE_DATA: 'false',
    SMALL_NUMBER_THRESHOLD: String(settings.smallNumberThreshold),
    PROFILE_MINIMUM_COVERAGE: String(settings.minimumCoverage),
    DUCKDB_MEMORY_LIMIT: process.env.DUCKDB_MEMORY_LIMIT ?? '1GB',
    MAX_QUERY_COMPLEXITY: '10000000',
    MAX_QUERY_BREADTH: '100000',
    // Every answer computed: target 2 measures computing a profile from its precomputed rows; an
    // anonymous answer kept between releases (src/http/answer-cache.ts) would be a memory read
    // (bench:load shows both).
    ANSWER_CACHE_MEGABYTES: '0',
  }),
  pino({ level: 'silent' }),
);
const analytics = server.stores.analytics;
try {
  const geography = JSON.parse(readFileSync(path.join(HEREFORDSHIRE, 'dataset.json'), 'utf8')) as {
    geography: { version: string; effectiveFrom: string; area: { code: string; name: string }; localities: string; groupings: string; smallAreas: string }[];
  };
  const version = geography.geography.find((g) => g.version === 'hfd-2019')!;
  await importGeography(
    server.stores.records.prisma,
    analytics,
    {
      localities: path.join(HEREFORDSHIRE, version.localities),
      groupings: path.join(HEREFORDSHIRE, version.groupings),
      smallAreas: path.join(HEREFORDSHIRE, version.smallAreas),
    },
    { versionId: version.version, effectiveFrom: version.effectiveFrom, countyCode: version.area.code, countyName: version.area.name },
  );

  let started = performance.now();
  // One snapshot built statement by statement (all or nothing still: a failed build is discarded).
  await analytics.publish(async (tx) => {
    // Every English LSOA is a small area the store knows (national files load whole).
    await tx.run(
      `INSERT INTO small_area
       SELECT c.column0, c.column1 FROM read_csv($file, header = false, skip = 1, all_varchar = true) AS c
       WHERE c.column0 NOT IN (SELECT small_area_code FROM small_area)`,
      { file: IMD },
    );
    await insertGeneratedIndicators(tx, INDICATORS, YEARS, (i) => `bench-${String(i).padStart(3, '0')}`);
  }, { reason: 'bench', createdBy: 'bench:national' });
  const [{ n: observations } = { n: 0 }] = await analytics.query<{ n: number }>('SELECT count(*) AS n FROM observation');
  const generated = performance.now() - started;
  console.log(`generated ${observations.toLocaleString('en-GB')} observations in ${seconds(generated)} (peak resident memory so far ${mib(resourceUsage().maxRSS)})`);

  started = performance.now();
  await ensureAggregates(analytics, settings);
  const precomputed = performance.now() - started;
  const [{ n: storedRows } = { n: 0 }] = await analytics.query<{ n: number }>('SELECT count(*) AS n FROM profile_aggregate');

  console.log(
    `national size: ${observations.toLocaleString('en-GB')} observations (${INDICATORS} indicators x ${YEARS} years x all English LSOAs), ` +
      `generated in ${seconds(generated)}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, DuckDB memory limit ${process.env.DUCKDB_MEMORY_LIMIT ?? '1GB'}`,
  );
  console.log(`precompute of the whole release for Herefordshire (nine localities): ${seconds(precomputed)}, ${storedRows.toLocaleString('en-GB')} stored rows`);

  // Target 3: one indicator's new year, imported through the tidy importer, then the recompute alone.
  const codes = await analytics.query<{ small_area_code: string }>('SELECT small_area_code FROM small_area ORDER BY 1');
  const file = path.join(dir, 'new-year.csv');
  writeFileSync(
    file,
    ['indicator_id,area_code,period,numerator,denominator,value,standard_error', ...codes.map((c, i) => `bench-000,${c.small_area_code},2021,${(i * 7) % 60},${1200 + ((i * 13) % 800)},,`)].join('\n'),
  );
  started = performance.now();
  await importIndicators(analytics, { data: file });
  const imported = performance.now() - started;
  started = performance.now();
  await analytics.transaction((tx) => refreshAggregates(tx, ['bench-000']));
  const recompute = performance.now() - started;
  console.log(
    `target 3: one indicator's new year (${codes.length.toLocaleString('en-GB')} rows) imported in ${seconds(imported)}; ` +
      `its recompute alone ${seconds(recompute)} (${((100 * recompute) / imported).toFixed(0)}% of the import)`,
  );

  // Target 2: the county's profile three ways, interleaved. Resetting the high-water mark resets
  // getrusage's maxRSS too (Linux), so the peak before it is kept.
  const peakBefore = highWater();
  resetHighWater();
  const versionId = version.version;
  const shape = { versionId, indicatorIds: null, theme: null, period: null, group: [] as string[], series: false };
  const catalogue = () => loadCatalogue(analytics);
  let rows = 0;
  const works = {
    graphql: async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: FULL_PROFILE_QUERY }),
      });
      const body = (await response.json()) as { errors?: unknown[]; data?: { localities: { profile: unknown[] }[] } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      rows = body.data!.localities.reduce((sum, l) => sum + l.profile.length, 0);
    },
    stored: () =>
      Promise.all([
        catalogue(),
        analytics.query(AGGREGATES_SQL, {
          version_id: versionId,
          settings: settingsKey(settings),
          all_indicators: true,
          indicator_ids: [],
          theme: null,
          period: null,
          series: false,
        }),
      ]),
    aggregating: () => Promise.all([catalogue(), analytics.query(PROFILE_SQL, profileParameters(shape))]),
  };
  const times = await medians(works, ROUNDS, 1);
  console.log(`target 2, median of ${ROUNDS} interleaved rounds (${rows.toLocaleString('en-GB')} locality rows a profile):`);
  console.log(`  GraphQL over HTTP, precomputed: ${times.graphql.toFixed(1)} ms`);
  console.log(`  precomputed rows read straight from the store: ${times.stored.toFixed(1)} ms  -> GraphQL / stored = ${(times.graphql / times.stored).toFixed(2)}x (target <= 1.5x)`);
  console.log(`  aggregating from small areas (profile.sql): ${times.aggregating.toFixed(1)} ms  -> aggregating / GraphQL = ${(times.aggregating / times.graphql).toFixed(1)}x (target >= 20x)`);
  console.log(`peak resident memory while serving: ${mib(highWater())}; over the whole run (generation, precompute, import): ${mib(Math.max(peakBefore, highWater()))} (target < 2 GiB)`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
