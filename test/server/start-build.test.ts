/**
 * `npm start` builds only when the compiled server is missing or older than its sources
 * (scripts/start-build.mjs), so a second start serves at once.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script, without type declarations
import { buildReason, STAMP } from '../../scripts/start-build.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'li-start-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);
function write(file: string, seconds: number) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), 'x');
  at(file, seconds);
}

describe('npm start', () => {
  it('builds when there is no compiled server, and not again until a source changes', () => {
    write('src/server.ts', 1000);
    write('prisma/schema.prisma', 1000);
    write('package-lock.json', 1000);
    for (const dir of ['src', 'prisma']) at(dir, 1000);
    expect(buildReason(root)).toBe('no compiled server yet');

    write('dist/src/main.js', 2000);
    write(STAMP, 2000);
    expect(buildReason(root)).toBeNull();

    write('src/generated/client.ts', 3000); // the build's own output is no reason to build
    at('src', 1000);
    expect(buildReason(root)).toBeNull();

    write('src/statistics/profile.sql', 3000);
    for (const dir of ['src', 'src/statistics']) at(dir, 3000);
    expect(buildReason(root)).toBe('src changed since the last build');
    write(STAMP, 4000);
    expect(buildReason(root)).toBeNull();

    at('prisma/schema.prisma', 5000);
    expect(buildReason(root)).toBe('prisma/schema.prisma changed since the last build');
  });
});
