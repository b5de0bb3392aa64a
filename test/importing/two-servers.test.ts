/**
 * Several servers, one deployment (issue 18, target 5): two server processes on one record store
 * (PostgreSQL when TEST_DATABASE_URL is set, else one SQLite file) and one snapshot directory. A
 * release is imported through the first while requests run against both: no request fails, no
 * answer mixes the old release with the new, and each server serves the new data within 5 s of
 * the import's answer (it polls the record store for the newest snapshot). A second importer on
 * the other server meanwhile gets CONFLICT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, PROJECT_ROOT, SAMPLE_DATASET } from '../support/server.js';
import { TEST_JWT_SECRET, tokenFor } from '../support/tokens.js';

const dir = mkdtempSync(path.join(tmpdir(), 'li-two-servers-'));
let database: { url: string; drop(): Promise<void> };
const children: ChildProcess[] = [];
let urls: string[] = [];
const outputs: (() => string)[] = [];
let analyst: string;

const CODES = [...new Set(readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'sample', 'small_areas.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!))];
const CATALOGUE = JSON.stringify([
  {
    id: 'shared-visits', name: 'Shared visits', definition: 'Visits, imported while two servers serve.', unit: 'visits',
    valueType: 'COUNT', multiplier: 1, aggregation: 'SUM', polarity: 'NO_JUDGEMENT', population: 'all ages',
    theme: 'uploads', source: 'the test', release: 'shared-1', licence: 'OGL',
  },
]);
const year = (period: string, base: number) =>
  `indicator_id,area_code,period,numerator,denominator,value\n${CODES.map((code, i) => `shared-visits,${code},${period},${base + i},,`).join('\n')}\n`;
const PROBE = JSON.stringify({
  query: `{ indicator(id: "shared-visits") { series(area: { kind: COUNTY }) { period } }
            county { profile(indicators: ["shared-visits"]) { period numerator } } }`,
});

/** Start `src/main.ts` as a process on the shared stores; its URL once it serves. */
function startServerProcess(name: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DUCKDB_PATH: path.join(dir, name, 'unused.duckdb'),
      ANALYTICS_SNAPSHOT_DIR: path.join(dir, 'snapshots'),
      RELEASE_STORE_DIR: path.join(dir, 'releases'),
      SNAPSHOT_POLL_MS: '200',
      DATASET_DIR: SAMPLE_DATASET,
      JWT_SECRET: TEST_JWT_SECRET,
    },
  });
  children.push(child);
  let output = '';
  outputs.push(() => output);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 150_000);
    const look = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"(http:[^"]+)\/graphql"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
  });
}

const upload = (url: string, body: string, name: string) =>
  fetch(`${url}/imports/indicators?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${analyst}` }, body }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as any }),
  );

const probe = async (url: string) => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PROBE });
  const body = (await res.json()) as any;
  return {
    ok: res.status === 200 && body.errors === undefined,
    seen: `${body.data?.indicator?.series.map((p: { period: string }) => p.period).join(',')}|${body.data?.county?.profile[0]?.period}`,
  };
};

beforeAll(async () => {
  database = await freshDatabase(dir);
  analyst = await tokenFor({ roles: ['ANALYST'], subject: 'analyst-two-servers' });
  // The first loads the sample and publishes the first snapshot; the second opens it.
  urls = [await startServerProcess('a')];
  urls.push(await startServerProcess('b'));
  expect((await upload(urls[0]!, CATALOGUE, 'catalogue.json')).status).toBe(200);
  expect((await upload(urls[0]!, year('2020', 10), 'visits-2020.csv')).status).toBe(200);
}, 400_000);

afterAll(async () => {
  await Promise.all(
    children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))),
  );
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two servers on one record store and one snapshot directory', () => {
  it('serve an import made through one of them: no failed request, no mixed answer, both switch within 5 s', async () => {
    // Both serve the first release (the second picked it up by polling).
    for (const url of urls) {
      const deadline = Date.now() + 5000;
      let seen = (await probe(url)).seen;
      while (seen !== '2020|2020' && Date.now() < deadline) seen = (await probe(url)).seen;
      expect(seen).toBe('2020|2020');
    }

    const answers: { ok: boolean; seen: string }[] = [];
    let importing = true;
    const load = async (url: string) => {
      while (importing && answers.length < 400) answers.push(await probe(url));
    };
    const loads = [load(urls[0]!), load(urls[1]!), load(urls[1]!)];
    const [done, second] = await Promise.all([
      upload(urls[0]!, year('2021', 20), 'visits-2021.csv'),
      // Another importer on the other server while the first builds: refused, or after it, served.
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => upload(urls[1]!, year('2021', 20), 'visits-2021-again.csv')),
    ]);
    const answeredAt = Date.now();
    expect(done.status).toBe(200);
    expect([200, 409]).toContain(second.status);
    if (second.status === 409) expect(second.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'ONE_IMPORT_AT_A_TIME' });

    // Each server serves the new release within 5 s of the import's answer, with the load still on:
    // the moment it switched is in its own log (the first after the import's publication; the
    // importing server switches before it answers). Requests made after that see the new release.
    const switched = await Promise.all(
      urls.map(async (url) => {
        let seen = '';
        const deadline = Date.now() + 30_000; // only so a broken switch fails rather than hangs
        while (seen !== '2021|2021' && Date.now() < deadline) {
          const answer = await probe(url);
          answers.push(answer);
          seen = answer.seen;
        }
        return seen;
      }),
    );
    importing = false;
    await Promise.all(loads);
    expect(switched).toEqual(['2021|2021', '2021|2021']);
    const switchedAt = outputs.map((output) =>
      output()
        .split('\n')
        .filter((line) => line.includes('"msg":"serving a new analytics snapshot"'))
        .map((line) => JSON.parse(line) as { time: number; snapshot: number })
        .find((line) => line.snapshot >= done.body.snapshot)?.time,
    );
    expect(switchedAt[0]).toBeLessThanOrEqual(answeredAt);
    expect(switchedAt[1]! - answeredAt).toBeLessThan(5000);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const kinds = new Set(answers.map((a) => a.seen));
    for (const kind of kinds) expect(['2020|2020', '2021|2021']).toContain(kind);
    expect(kinds).toContain('2020|2020'); // served the old release while the import ran
    expect(answers.length).toBeGreaterThan(10);
  });
});
