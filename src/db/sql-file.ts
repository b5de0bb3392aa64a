/**
 * SQL kept as SQL: each query lives in a `.sql` file beside the module that runs it, readable and
 * runnable in a DuckDB console with its `$parameters`. `sqlFile(import.meta.url, 'x.sql')` reads
 * it once. The files stay in src/ (the TypeScript build does not copy them), so code running
 * from dist/ reads them from the matching src/ folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../project-root.js';

export function sqlFile(moduleUrl: string, name: string): string {
  const dir = path.relative(projectRoot, path.dirname(fileURLToPath(moduleUrl)));
  const sourceDir = dir.startsWith(`dist${path.sep}`) ? dir.slice('dist'.length + 1) : dir;
  return readFileSync(path.join(projectRoot, sourceDir, name), 'utf8');
}
