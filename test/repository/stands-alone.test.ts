/**
 * The repository stands alone: nothing in the code, tests, benches or scripts reads a folder
 * beside it (../shared), and every dataset file the default loads lies inside the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetManifest } from '../../src/dataset.js';
import { PROJECT_ROOT } from '../support/server.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) return [];
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|js|mjs|sql|json)$/.test(name) ? [full] : [];
  });
}

describe('the repository stands alone', () => {
  it('has no code, test, bench or script that reaches outside the repository root', () => {
    const offenders = ['src', 'test', 'bench', 'scripts']
      .flatMap((dir) => sources(path.join(PROJECT_ROOT, dir)))
      .filter((file) => !file.endsWith('stands-alone.test.ts'))
      .filter((file) => /\.\.\/shared\/data|'\.\.', 'shared'/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(PROJECT_ROOT, file))).toEqual([]);
  });

  it('loads the default dataset from files inside the repository only', () => {
    const dataset = readDatasetManifest(path.join(PROJECT_ROOT, 'data', 'herefordshire'));
    const files = [
      ...dataset.geography.flatMap((g) => [g.localities, g.groupings, g.smallAreas, g.parishes, g.serviceAreas]),
      dataset.localityRoleKinds,
      dataset.population,
      ...dataset.statistics.flatMap((s) => ('files' in s ? s.files : 'dir' in s ? [s.dir] : [s.catalogue, s.data])),
    ].filter((file): file is string => file !== undefined);
    for (const file of files) {
      expect(path.relative(PROJECT_ROOT, file).startsWith('..'), file).toBe(false);
      expect(statSync(file).size, file).toBeGreaterThan(0);
    }
  });
});
