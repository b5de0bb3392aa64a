/**
 * `npm run bench:profile-execution [rounds]`: what computing the full profile of every area costs
 * once its rows are precomputed (issue 18): the default dataset's full profile (every locality,
 * every group of every grouping, the county) over HTTP with every answer computed
 * (ANSWER_CACHE_MEGABYTES=0), against reading its precomputed rows straight from the store. The
 * gap is GraphQL execution and JSON. With CPU_PROFILE=file, the measured rounds (not the start)
 * are profiled into that file (open it in Chrome's DevTools) to see where the time goes.
 * Asserts nothing: tests never assert time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { AGGREGATES_SQL, settingsKey } from '../src/statistics/aggregates.js';
import { loadCatalogue } from '../src/statistics/catalogue.js';
import { FULL_PROFILE_QUERY } from './generated.js';
import { medians } from './timing.js';

const ROUNDS = Number(process.argv[2] ?? 60);
const dir = mkdtempSync(path.join(tmpdir(), 'li-bench-execution-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${dir}/records.db`,
  DUCKDB_PATH: `${dir}/analytics.duckdb`,
  JWT_DEV_SECRET_FILE: `${dir}/dev-secret`,
  LOG_LEVEL: 'silent',
  MAX_QUERY_COMPLEXITY: '10000000',
  MAX_QUERY_BREADTH: '100000',
  ANSWER_CACHE_MEGABYTES: '0',
});
const server = await startServer(config, pino({ level: 'silent' }));
try {
  const versionId = (await server.stores.records.prisma.geographyVersion.findFirstOrThrow({ orderBy: { effectiveFrom: 'desc' } })).id;
  let rows = 0;
  let bytes = 0;
  const settings = settingsKey({ smallNumberThreshold: config.SMALL_NUMBER_THRESHOLD, minimumCoverage: config.PROFILE_MINIMUM_COVERAGE, versionInForce: versionId });
  const profiler = process.env.CPU_PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const times = await medians(
    {
      graphql: async () => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: FULL_PROFILE_QUERY }),
        });
        const text = await response.text();
        bytes = text.length;
        const body = JSON.parse(text) as { errors?: unknown[]; data?: { localities: { profile: unknown[] }[]; groupings: { groups: { profile: unknown[] }[] }[]; county: { profile: unknown[] } } };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        const data = body.data!;
        rows =
          data.localities.reduce((sum, l) => sum + l.profile.length, 0) +
          data.groupings.reduce((sum, g) => sum + g.groups.reduce((s, x) => s + x.profile.length, 0), 0) +
          data.county.profile.length;
      },
      stored: () =>
        Promise.all([
          loadCatalogue(server.stores.analytics),
          server.stores.analytics.query(AGGREGATES_SQL, {
            version_id: versionId, settings, all_indicators: true, indicator_ids: [], theme: null, period: null, series: false,
          }),
        ]),
    },
    ROUNDS,
    20,
  );
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile));
  }
  console.log(`full profile of every area (${rows.toLocaleString('en-GB')} rows, ${(bytes / 1024).toFixed(0)} KiB of JSON), median of ${ROUNDS} interleaved rounds:`);
  console.log(`  GraphQL over HTTP, every answer computed: ${times.graphql.toFixed(1)} ms`);
  console.log(`  its precomputed rows read straight from the store: ${times.stored.toFixed(1)} ms`);
  console.log(`  GraphQL / stored = ${(times.graphql / times.stored).toFixed(2)}x`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
