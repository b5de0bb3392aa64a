/**
 * `npm run bench:profile`: what a whole profile request costs over the SQL that computes it,
 * measured in the same run, at two sizes:
 *
 * 1. the bundled sample (nine localities, the sample indicators);
 * 2. national size: the real 32,844 English LSOAs of data/england/imd2019/, grouped into
 *    their 317 local authority districts as the "localities" of a bench geography, with 50
 *    indicators over 10 years generated here on those codes (16.4 million observations).
 *
 * For each: the median time of the GraphQL request for every locality's profile, tier and county
 * rows included (values, counts, both intervals, county value, comparison, trend, rank) over
 * HTTP, against the median time of profile.sql run straight on the analytics store with the same
 * parameters, with the catalogue query beside it (the raw DuckDB SQL that gives the same answer). Prints the ratio and the
 * process's peak resident memory. Asserts nothing: tests never assert time.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resourceUsage } from 'node:process';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/project-root.js';
import { importGeography } from '../src/geography/import.js';
import { type RunningServer, startServer } from '../src/server.js';
import { refreshAggregates } from '../src/statistics/aggregates.js';
import { loadCatalogue } from '../src/statistics/catalogue.js';
import { PROFILE_SQL, profileParameters } from '../src/statistics/profile.js';
import { FULL_PROFILE_QUERY, insertGeneratedIndicators } from './generated.js';
import { medians } from './timing.js';

const ROUNDS = Number(process.argv[2] ?? 15);
const ENGLAND = path.resolve(projectRoot, 'data', 'england', 'imd2019');
const INDICATORS = 50;
const YEARS = 10;


async function start(dir: string, sample: boolean): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dir}/r.db`,
      DUCKDB_PATH: `${dir}/a.duckdb`,
      LOG_LEVEL: 'silent',
      LOAD_SAMPLE_DATA: String(sample),
      MAX_QUERY_COMPLEXITY: '10000000',
      MAX_QUERY_BREADTH: '100000',
    }),
    pino({ level: 'silent' }),
  );
}

async function measure(name: string, server: RunningServer, rounds: number, warmUp: number) {
  const versionId = (await server.stores.records.prisma.geographyVersion.findFirstOrThrow()).id;
  const gql = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: FULL_PROFILE_QUERY }),
    });
    const body = (await response.json()) as { errors?: unknown[]; data?: { localities: { profile: unknown[] }[] } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.localities.reduce((sum, l) => sum + l.profile.length, 0);
  };
  // The same answer straight from DuckDB: the catalogue and the aggregation, at once.
  const shape = { versionId, indicatorIds: null, theme: null, period: null, group: [], series: false };
  const raw = () =>
    Promise.all([loadCatalogue(server.stores.analytics), server.stores.analytics.query(PROFILE_SQL, profileParameters(shape))]);
  const rows = await gql();
  const { graph, base } = await medians({ graph: gql, base: raw }, rounds, warmUp);
  console.log(
    `${name.padEnd(44)} ${String(rows).padStart(7)} ${graph.toFixed(1).padStart(9)} ${base.toFixed(1).padStart(9)} ${(graph / base).toFixed(2).padStart(6)}x`,
  );
}

/** LSOA code and local authority district of every LSOA in England (IMD 2019 File 1). */
async function englishLsoas(): Promise<{ code: string; name: string; lad: string; ladName: string }[]> {
  const rows: { code: string; name: string; lad: string; ladName: string }[] = [];
  const parser = createReadStream(path.join(ENGLAND, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ bom: true, from_line: 2 }));
  for await (const record of parser as AsyncIterable<string[]>) {
    rows.push({ code: record[0]!, name: record[1]!, lad: record[2]!, ladName: record[3]! });
  }
  return rows;
}

async function national(dir: string): Promise<RunningServer> {
  const lsoas = await englishLsoas();
  const districts = [...new Map(lsoas.map((l) => [l.lad, l.ladName])).entries()];
  const slug = (code: string) => code.toLowerCase();
  const tiers = ['CITY', 'MARKET_TOWN', 'RURAL'];
  writeFileSync(
    `${dir}/localities.csv`,
    ['locality_code,locality_name,tier', ...districts.map(([code, name], i) => `${slug(code)},"${name}",${tiers[i % 3]}`)].join('\n'),
  );
  writeFileSync(
    `${dir}/small_areas.csv`,
    ['small_area_code,small_area_name,locality_code', ...lsoas.map((l) => `${l.code},"${l.name}",${slug(l.lad)}`)].join('\n'),
  );
  const server = await start(dir, false);
  await importGeography(
    server.stores.records.prisma,
    server.stores.analytics,
    { localities: `${dir}/localities.csv`, smallAreas: `${dir}/small_areas.csv` },
    { versionId: 'england-bench', effectiveFrom: '2019-01-01', countyCode: 'E92000001', countyName: 'England' },
  );
  // 50 indicators, a tenth of each value type's share, over 10 years, from a hash of the codes:
  // deterministic, and varied enough that comparisons and trends differ between areas.
  await server.stores.analytics.transaction(async (tx) => {
    await insertGeneratedIndicators(tx, INDICATORS, YEARS, (i) => `bench-${i}`);
    await refreshAggregates(tx, null); // the server reads precomputed profiles
  });
  return server;
}

console.log(`median of ${ROUNDS * 8} interleaved rounds for the sample, ${ROUNDS} at national size, milliseconds; ratio = GraphQL over the raw SQL`);
console.log(`${'data'.padEnd(44)} ${'rows'.padStart(7)} ${'graphql'.padStart(9)} ${'raw sql'.padStart(9)} ${'ratio'.padStart(7)}`);

const sampleDir = mkdtempSync(path.join(tmpdir(), 'li-bench-'));
const sample = await start(sampleDir, true);
// Milliseconds each: more rounds, and a longer warm-up so the JIT has compiled the request path.
await measure('sample: 9 localities, every indicator', sample, ROUNDS * 8, 30);
await sample.stop();
rmSync(sampleDir, { recursive: true, force: true });

const nationalDir = mkdtempSync(path.join(tmpdir(), 'li-bench-'));
const big = await national(nationalDir);
await measure(`England: 317 areas, ${INDICATORS} indicators x ${YEARS} years`, big, ROUNDS, 1);
await big.stop();
rmSync(nationalDir, { recursive: true, force: true });

console.log(`peak resident memory: ${(resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
