/** CI runs beside other services: .ci/run asks the kernel for free ports instead of naming any. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CI = readFileSync(path.resolve(import.meta.dirname, '..', '..', '.ci', 'run'), 'utf8');

describe('.ci/run', () => {
  it('hard-codes no port: PostgreSQL and npm start each listen on a free one', () => {
    expect(CI).not.toMatch(/PORT=[0-9]/);
    expect(CI).not.toMatch(/127\.0\.0\.1:[0-9]/);
    expect(CI).not.toMatch(/-p [0-9]/);
    expect(CI).toMatch(/PG_PORT=\$\(free_port\)/);
    expect(CI).toMatch(/START_PORT=\$\(free_port\)/);
  });
});
