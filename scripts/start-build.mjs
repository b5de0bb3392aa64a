/**
 * `npm start`'s first step: build (generate the Prisma clients, compile with tsc) only when the
 * compiled server is missing or older than what it is built from, so a second `npm start` serves
 * at once. Plain JavaScript, so deciding costs no TypeScript start-up. A build that succeeds
 * writes dist/.build-stamp; what it is compared with is listed in BUILD_INPUTS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a build reads (folders are walked; src/generated is its output, not an input). */
export const BUILD_INPUTS = ['src', 'prisma/schema.prisma', 'scripts/generate.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const SKIP = new Set([path.join('src', 'generated')]);
export const STAMP = path.join('dist', '.build-stamp');

function newestChange(root, relative) {
  const full = path.join(root, relative);
  if (SKIP.has(relative) || !existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(full)) newest = Math.max(newest, newestChange(root, path.join(relative, entry)));
  return newest;
}

/** Why `root` needs a build, or null when dist is current. */
export function buildReason(root) {
  const stamp = path.join(root, STAMP);
  if (!existsSync(path.join(root, 'dist', 'src', 'main.js')) || !existsSync(stamp)) return 'no compiled server yet';
  const built = statSync(stamp).mtimeMs;
  const changed = BUILD_INPUTS.find((input) => newestChange(root, input) > built);
  return changed ? `${changed} changed since the last build` : null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const reason = buildReason(root);
  if (reason === null) {
    console.error('build: up to date (dist/), starting');
  } else {
    console.error(`build: ${reason}: npm run build`);
    const started = Date.now();
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    // Stamped with the build's start, so a file saved while it ran makes the next start build again.
    writeFileSync(path.join(root, STAMP), `${new Date(started).toISOString()}\n`);
    utimesSync(path.join(root, STAMP), started / 1000, started / 1000);
  }
}
