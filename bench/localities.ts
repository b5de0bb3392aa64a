/**
 * `npm run bench`: what the graph costs over the store it reads, measured in the same run.
 *
 * Two request shapes, each against its own baseline:
 * 1. every locality's population over HTTP GraphQL vs the raw DuckDB SQL that answers it
 *    (area-population.sql straight on the analytics store);
 * 2. every locality with all its parishes and small areas over HTTP GraphQL vs the same rows
 *    read with plain Prisma findMany calls.
 * Prints median milliseconds and the ratio; asserts nothing (tests never assert time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { areaPopulations } from '../src/population/service.js';
import { startServer } from '../src/server.js';
import { medians } from './timing.js';

const ROUNDS = Number(process.argv[2] ?? 200);
/** The GraphQL request and its baseline, interleaved round by round. */
const pair = async (graph: () => Promise<unknown>, base: () => Promise<unknown>): Promise<[number, number]> => {
  const times = await medians({ graph, base }, ROUNDS, 20);
  return [times.graph, times.base];
};
const dir = mkdtempSync(path.join(tmpdir(), 'li-bench-'));
const server = await startServer(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/r.db`, DUCKDB_PATH: `${dir}/a.duckdb`, LOG_LEVEL: 'silent' }),
  pino({ level: 'silent' }),
);
const { prisma } = server.stores.records;
const versionId = (await prisma.geographyVersion.findFirstOrThrow()).id;


const gql = (query: string) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(
    (res) => res.json(),
  );

const rows: [string, number, number][] = [];
rows.push([
  'localities { population }',
  ...(await pair(
    () => gql('{ localities { code population { count } } }'),
    () => areaPopulations(server.stores.analytics, { versionId, ageBand: 'all_ages', period: null }),
  )),
]);
rows.push([
  'localities { parishes smallAreas }',
  ...(await pair(
    () =>
      gql('{ localities { code parishes(first: 100) { totalCount edges { node { code name } } } smallAreas(first: 100) { totalCount edges { weight node { code name } } } } }'),
    async () => {
      const localities = await prisma.locality.findMany({ where: { versions: { some: { versionId } } } });
      const ids = localities.map((l) => l.id);
      await Promise.all([
        prisma.parishAssignment.findMany({ where: { versionId, localityId: { in: ids } }, include: { parish: true } }),
        prisma.smallAreaWeight.findMany({ where: { versionId, localityId: { in: ids } }, include: { smallArea: true } }),
      ]);
    },
  )),
]);

console.log(`rounds: ${ROUNDS} (median ms)`);
console.log('request shape                          graphql   baseline   ratio');
for (const [name, graph, base] of rows) {
  console.log(`${name.padEnd(38)} ${graph.toFixed(2).padStart(7)} ${base.toFixed(2).padStart(10)} ${(graph / base).toFixed(2).padStart(7)}x`);
}
await server.stop();
rmSync(dir, { recursive: true, force: true });
