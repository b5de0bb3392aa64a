/**
 * Starting as `npm start` does: settings from the environment, one-line errors for bad settings
 * (in-process, through src/start.ts), and then the two programs as processes, once per exit path:
 * the server (exit 1 on a bad setting; serving, then exit 0 on SIGTERM) and the command line
 * (exit 0 on a good import, 1 on a rejected one; every other case runs it in-process).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFromEnvironment } from '../../src/start.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'li-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startProcess(
  env: Record<string, string>,
  program: string[] = ['src/main.ts'],
): ChildProcess & { output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...program], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** Start in-process as main.ts does; exit code 1 where it gives no server, with what it wrote on stderr. */
async function failsWith(env: Record<string, string>) {
  const stderr: string[] = [];
  const server = await startFromEnvironment(
    { LOG_LEVEL: 'silent', DATABASE_URL: `file:${dir}/r.db`, DUCKDB_PATH: `${dir}/a.duckdb`, ...env },
    (line) => stderr.push(line),
  );
  await server?.stop();
  return { code: server ? 0 : 1, lines: stderr.join('\n').trim().split('\n') };
}

describe('start-up settings', () => {
  it.each([
    [{ DATABASE_URL: 'mysql://localhost/records' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgresql://' }, 'DATABASE_URL'],
    [{ PORT: 'forty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    [{ JWT_SECRET: 'too-short-secret' }, 'JWT_SECRET'],
    [{ JWT_JWKS_URL: 'not a url' }, 'JWT_JWKS_URL'],
    [{ JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS'],
    [{ JWT_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://idp.example/jwks.json' }, 'JWT_JWKS_URL'],
  ])('refuses %o with one line naming %s', async (env, variable) => {
    const { code, lines } = await failsWith(env);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });

  it('never repeats a bad JWT_SECRET in its message', async () => {
    const { lines } = await failsWith({ JWT_SECRET: 'short-but-still-secret' });
    expect(lines[0]).toContain('JWT_SECRET');
    expect(lines[0]).not.toContain('short-but-still-secret');
  });

  it('refuses an unreachable PostgreSQL with one line naming DATABASE_URL, without echoing its password', async () => {
    const { code, lines } = await failsWith({ DATABASE_URL: 'postgresql://someone:secret@127.0.0.1:1/records' });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).not.toContain('secret');
  });

  it('refuses a PORT already in use with one line naming PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      // No dataset to load first: the port is what is refused.
      const { code, lines } = await failsWith({ PORT: String(port), HOST: '127.0.0.1', DUCKDB_PATH: `${dir}/busy.duckdb`, LOAD_SAMPLE_DATA: 'false' });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/PORT .*in use/);
    } finally {
      blocker.close();
    }
  });
});

describe('the server as a process', () => {
  it('exits 1 on a bad setting, with one line on stderr naming it', async () => {
    const child = startProcess({ DATABASE_URL: 'mysql://localhost/records', DUCKDB_PATH: `${dir}/a.duckdb` });
    expect(await exited(child)).toBe(1);
    const lines = child.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
  });

  it('creates its stores at DATABASE_URL and DUCKDB_PATH, serves, reports health, and stops cleanly on SIGTERM', async () => {
    const child = startProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dir}/scratch/records.db`,
      DUCKDB_PATH: `${dir}/scratch/analytics.duckdb`,
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${JSON.stringify(child.output())}`)), 60_000);
      child.stdout!.on('data', () => {
        const match = /"url":"(http:[^"]+)\/graphql"/.exec(child.output().stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', records: 'ok', analytics: 'ok', load: { active: expect.any(Number), queued: 0 } });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ localities { code } }' }),
    });
    expect(((await res.json()) as any).data.localities).toHaveLength(9);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(child.output().stdout).toContain('"msg":"stopped"');
  });
});

describe('the command line as a process', () => {
  const sample = (name: string) => path.join(root, 'data', 'herefordshire', 'geography', name);
  const command = (args: string[]) =>
    startProcess({ DATABASE_URL: `file:${dir}/cli/r.db`, DUCKDB_PATH: `${dir}/cli/a.duckdb`, LOG_LEVEL: 'silent' }, ['src/cli-main.ts', ...args]);

  it('exits 0 on a good import, saying what it loaded', async () => {
    const child = command([
      'import-geography', '--version', 'g1', '--effective-from', '2020-04-01', '--county-code', 'E06000019', '--county-name', 'Herefordshire',
      '--localities', sample('herefordshire_localities.csv'), '--small-areas', sample('herefordshire_lsoa11_localities.csv'),
    ]);
    expect(await exited(child)).toBe(0);
    expect(child.output().stderr).toBe('');
    expect(child.output().stdout).toMatch(/^geography version g1 loaded: 9 localities, 0 parishes, \d+ small areas/);
  });

  it('exits 1 on a rejected import, printing each problem as file:line: reason on stderr', async () => {
    const file = path.join(dir, 'bad-localities.csv');
    writeFileSync(file, 'locality_code,locality_name\nLeominster Town!,Leominster\n');
    const child = command([
      'import-geography', '--version', 'g2', '--effective-from', '2021-04-01', '--county-code', 'E06000019', '--county-name', 'Herefordshire',
      '--localities', file, '--small-areas', sample('herefordshire_lsoa11_localities.csv'),
    ]);
    expect(await exited(child)).toBe(1);
    expect(child.output().stdout).toBe('');
    expect(child.output().stderr).toContain('nothing was written');
    expect(child.output().stderr).toMatch(/^\s*bad-localities\.csv:2: /m);
  });
});
