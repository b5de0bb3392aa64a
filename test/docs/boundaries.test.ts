/**
 * Domains reach each other only through named shared modules: every relative import in src/ that
 * crosses from one folder into another lands in a shared folder, a top-level module, or one of a
 * domain's entry modules, as the README's "How the code is organised" lists them. The lists are
 * read from the README, so the documentation and the check cannot drift apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const src = path.join(root, 'src');
const README = readFileSync(path.join(root, 'README.md'), 'utf8');
const section = /## How the code is organised\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
const BULLET = /(?:^|\n)- ([\s\S]*?)(?=\n- |\n\n|$)/g;
const bullets = [...section.matchAll(BULLET)].map((m) => m[1]!);
const sharedText = bullets.find((b) => b.startsWith('Shared by every domain')) ?? '';
const entryText = bullets.find((b) => b.startsWith("A domain's entry modules")) ?? '';

/** Folders any domain may import (`src/schema/`...). */
const SHARED_FOLDERS = new Set([...sharedText.matchAll(/`src\/([a-z-]+)\/`/g)].map((m) => m[1]!));
/** A domain's entry modules, as paths under src/ (`statistics/profile.ts`...). */
const ENTRIES = new Set([...entryText.matchAll(/\b[a-z-]+\/[a-z0-9/.-]+\.ts\b/g)].map((m) => m[0]));
/** The composition root: builds the server from every domain, so it may import anything. */
const COMPOSITION = new Set(['schema/index.ts', 'schema/context.ts', 'schema/loaders.ts']);

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = path.relative(src, file).split(path.sep).join('/');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((specifier) => {
    const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
    return { from, to: path.relative(src, target).split(path.sep).join('/') };
  });
}

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

/** The imports that reach into another folder's internals. */
function violations(imports: readonly Import[]): string[] {
  return imports
    .filter(({ from, to }) => {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a === '' || COMPOSITION.has(from)) return false; // the composition root
      if (a === b || b === '' || b === 'generated' || to.startsWith('..')) return false;
      return !SHARED_FOLDERS.has(b) && !ENTRIES.has(to);
    })
    .map(({ from, to }) => `${from} -> ${to}`);
}

describe('domain boundaries', () => {
  it('reads the shared folders and entry modules from the README', () => {
    expect(SHARED_FOLDERS).toContain('schema');
    expect(SHARED_FOLDERS).toContain('db');
    expect(ENTRIES.size).toBeGreaterThan(20);
    expect([...ENTRIES].filter((entry) => !existsSync(path.join(src, entry)))).toEqual([]);
    expect([...SHARED_FOLDERS].filter((folder) => !existsSync(path.join(src, folder)))).toEqual([]);
  });

  it('catches a domain importing another domain internals', () => {
    expect(violations([{ from: 'costs/spend.schema.ts', to: 'partnership/roles.ts' }])).toEqual(['costs/spend.schema.ts -> partnership/roles.ts']);
    expect(violations([{ from: 'costs/spend.schema.ts', to: 'statistics/profile.ts' }])).toEqual([]);
    expect(violations([{ from: 'costs/spend.schema.ts', to: 'schema/input.ts' }])).toEqual([]);
  });

  it('no domain imports another domain internals except through the named shared modules', () => {
    const imports = sourceFiles(src).flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(500);
    expect(violations(imports)).toEqual([]);
  });
});
