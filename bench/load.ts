/**
 * `npm run bench:load`: the server under load (issue 18, target 1), with autocannon.
 *
 * A server process (the compiled `npm start`, default settings: admission control, DuckDB
 * threads and pool as configured) on the bundled default dataset; the bench process drives it with
 * autocannon, so the load tool does not share the server's event loop. For each of two requests,
 * at 1 and then 32 connections, for DURATION seconds each:
 * - the baseline `{ localities { code name } }`;
 * - the full profile of every locality, every group of every grouping and the county.
 * Prints requests per second, p50 and p99 latency and errors, then the ratios of the targets:
 * profile throughput at 32 over the baseline's at 32 (target >= 25%), the profile's p99 over its
 * p50 at 32 (target < 10x), and the profile's throughput at 32 over at 1 (target >= 1).
 * Twice: as deployed (anonymous answers kept, src/http/answer-cache.ts) and with every answer
 * computed (ANSWER_CACHE_MEGABYTES=0), so the cost of computing a profile stays visible.
 * Asserts nothing: tests never assert time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../src/project-root.js';
import { FULL_PROFILE_QUERY } from './generated.js';

const DURATION = Number(process.argv[2] ?? 10);

const PROFILE_QUERY = FULL_PROFILE_QUERY;
const BASELINE_QUERY = '{ localities { code name } }';

async function startServerProcess(dir: string, env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dir}/records.db`,
      DUCKDB_PATH: `${dir}/analytics.duckdb`,
      JWT_DEV_SECRET_FILE: `${dir}/dev-secret`,
      LOG_LEVEL: 'info',
      MAX_QUERY_COMPLEXITY: '10000000',
      MAX_QUERY_BREADTH: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (line.includes('"serving"')) return resolve((JSON.parse(line) as { url: string }).url.replace(/\/graphql$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before serving`)));
  });
  child.stdout.resume();
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

async function load(url: string, query: string, connections: number): Promise<Run> {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: DURATION,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** The four runs and the targets' ratios, on a fresh server with `env`. */
async function bench(title: string, env: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-bench-load-'));
  const server = await startServerProcess(dir, env);
  try {
    // One checked answer of each, then a short warm-up.
    for (const query of [BASELINE_QUERY, PROFILE_QUERY]) {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }
    await load(server.url, PROFILE_QUERY, 4);

    console.log(`\n${title}: autocannon, ${DURATION} s per run, ${cpus().length} cores; requests/s, latency ms`);
    console.log(`${'request'.padEnd(12)} ${'clients'.padStart(7)} ${'req/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'errors'.padStart(7)} ${'non-2xx'.padStart(8)}`);
    const runs: Record<string, Run> = {};
    for (const [name, query] of [['localities', BASELINE_QUERY], ['profile', PROFILE_QUERY]] as const) {
      for (const connections of [1, 32]) {
        const run = await load(server.url, query, connections);
        runs[`${name}@${connections}`] = run;
        console.log(
          `${name.padEnd(12)} ${String(connections).padStart(7)} ${run.rps.toFixed(1).padStart(9)} ${String(run.p50).padStart(7)} ${String(run.p99).padStart(7)} ${String(run.errors).padStart(7)} ${String(run.non2xx).padStart(8)}`,
        );
      }
    }
    const profile32 = runs['profile@32']!;
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
    console.log(`profile/localities throughput at 32: ${ratio(profile32.rps, runs['localities@32']!.rps)} (target >= 0.25)`);
    console.log(`profile p99/p50 at 32: ${ratio(profile32.p99, profile32.p50)} (target < 10)`);
    console.log(`profile throughput 32/1: ${ratio(profile32.rps, runs['profile@1']!.rps)} (target >= 1)`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// As deployed (anonymous answers kept between releases), then with every answer computed, so the
// cost of computing a profile stays visible.
await bench('Anonymous answers kept (default)', {});
await bench('Every answer computed (ANSWER_CACHE_MEGABYTES=0)', { ANSWER_CACHE_MEGABYTES: '0' });
