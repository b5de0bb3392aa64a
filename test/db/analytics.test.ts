import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsStore, AnalyticsStoreLockedError, quoteIdentifier } from '../../src/db/analytics.js';

const dir = mkdtempSync(path.join(tmpdir(), 'li-duck-'));
let store: AnalyticsStore;
beforeAll(async () => {
  store = await AnalyticsStore.open(path.join(dir, 'a.duckdb'), { connections: 2 });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the analytics store', () => {
  it('converts BIGINT and HUGEINT to numbers at the boundary', async () => {
    const [row] = await store.query('SELECT count(*) AS n, sum(x)::HUGEINT AS total, 42::BIGINT AS big FROM range(10) t(x)');
    expect(row).toEqual({ n: 10, total: 45, big: 42 });
    expect(typeof row!.n).toBe('number');
  });

  it('refuses an integer a JS number cannot hold exactly, rather than rounding it', async () => {
    await expect(store.query('SELECT 9007199254740993::BIGINT AS x')).rejects.toThrow(RangeError);
  });

  it('binds values as named parameters', async () => {
    const rows = await store.query('SELECT $name AS name, $n + 1 AS next', { name: "O'Brien; DROP TABLE x", n: 41 });
    expect(rows).toEqual([{ name: "O'Brien; DROP TABLE x", next: 42 }]);
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });

  it('rolls a failed transaction back whole', async () => {
    await store.run('CREATE TABLE t (x INTEGER)');
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        await tx.append('t', [[2], [3]]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await store.transaction(async (tx) => tx.append('t', [[2], [3]]));
    expect(await store.query('SELECT sum(x) AS s FROM t')).toEqual([{ s: 5 }]);
  });

  it('serves more concurrent queries than it has connections', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.query('SELECT $i AS i', { i })));
    expect(results.map((rows) => rows[0]!.i)).toEqual([...Array(10).keys()]);
  });

  it('says plainly when another process holds the file', async () => {
    const { spawnSync } = await import('node:child_process');
    const file = path.join(dir, 'a.duckdb');
    const other = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('${path.resolve('src/db/analytics.ts')}').then(async (m) => { try { await m.AnalyticsStore.open(${JSON.stringify(file)}, { connections: 1 }); console.log('opened'); } catch (e) { console.log(e.name); } })`],
      { encoding: 'utf8' },
    );
    expect(other.stdout.trim()).toBe(new AnalyticsStoreLockedError(file).name);
  });
});
