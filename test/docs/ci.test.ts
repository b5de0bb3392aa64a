/** CI runs beside other services: .ci/run asks the kernel for free ports instead of naming any. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CI = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('.ci/run', () => {
  it('hard-codes no port: PostgreSQL and npm start each listen on a free one', () => {
    expect(CI).not.toMatch(/PORT=[0-9]/);
    expect(CI).not.toMatch(/127\.0\.0\.1:[0-9]/);
    expect(CI).not.toMatch(/-p [0-9]/);
    expect(CI).toMatch(/PG_PORT=\$\(free_port\)/);
    expect(CI).toMatch(/START_PORT=\$\(free_port\)/);
  });

  it("asks npm start the README's first query, word for word", () => {
    const readmeQuery = /-d '(\{"query":"[^']*\})'/.exec(README)?.[1];
    expect(readmeQuery).toBeDefined();
    expect(CI).toContain(`-d '${readmeQuery}'`);
  });
});
