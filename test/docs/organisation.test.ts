/**
 * The README's "How the code is organised" matches the tree: every folder and top-level module of
 * src/ is listed there, and every src/ path it lists exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const README = readFileSync(path.join(root, 'README.md'), 'utf8');
const section = /## How the code is organised\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '';
const tree = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
/** Each line's first column: `src/main.ts, start.ts` names src/main.ts and src/start.ts. */
const listed = tree
  .split('\n')
  .map((line) => line.slice(0, 26).trim())
  .filter((names) => names.startsWith('src/'))
  .flatMap((names) => {
    const [first, ...rest] = names.split(',').map((name) => name.trim());
    const folder = path.posix.dirname(first!);
    return [first!, ...rest.map((name) => path.posix.join(folder, name))];
  })
  .map((name) => name.replace(/\/$/, ''));

describe('README: how the code is organised', () => {
  it('has the section, with a tree', () => {
    expect(listed.length).toBeGreaterThan(20);
  });

  it('lists every folder and top-level module of src/', () => {
    const actual = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
      .map((entry) => `src/${entry.name}`);
    expect(actual.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('lists nothing that is not there', () => {
    expect(listed.filter((name) => name !== 'src/generated' && !existsSync(path.join(root, name)))).toEqual([]);
  });
});
