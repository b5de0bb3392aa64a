/**
 * The change interval against Newcombe's published values, and the approach rule as a
 * deployment's file: checked at start (a bad file stops the server with the field named) and
 * applied as written (a custom rule changes every suggestion).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differenceInterval } from '../../src/insight/change.js';
import { loadInsightConfig } from '../../src/insight/config.js';
import { wilsonInterval } from '../../src/statistics/methods.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the interval of a change (MOVER; Newcombe 1998 method 10 for proportions)', () => {
  // Newcombe, R. G. (1998) Statistics in Medicine 17, 873-890, Table II, method 10 (hybrid score):
  // p1 = a/m, p2 = b/n, 95% limits of p1 - p2.
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  it.each(published)('%i/%i - %i/%i gives %f to %f', (a, m, b, n, lower, upper) => {
    const w1 = wilsonInterval(a, m, 0.95);
    const w2 = wilsonInterval(b, n, 0.95);
    const d = differenceInterval({ value: b / n, ...w2 }, { value: a / m, ...w1 });
    expect(d.difference).toBeCloseTo(a / m - b / n, 12);
    expect(d.lower).toBeCloseTo(lower, 4);
    expect(d.upper).toBeCloseTo(upper, 4);
  });
});

describe('the approach rule, configured per deployment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-insight-'));
  const file = path.join(dir, 'insight.json');
  let t: TestServer;
  beforeAll(async () => {
    writeFileSync(
      file,
      JSON.stringify({
        approach: { rules: [{ approach: 'MANAGED', when: 'ALL', conditions: [{ measure: 'INDICATORS_WORSE_95', atLeast: 0 }] }], otherwise: 'CORE' },
        themes: {},
      }),
    );
    t = await startTestServer({ env: { INSIGHT_CONFIG_FILE: file } });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('suggests what the deployment’s file says: a rule every locality meets makes every one managed', async () => {
    const res = await t.gql(`{ localityApproaches { locality { code } suggested rules { approach when holds conditions { measure atLeast met } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.localityApproaches.length).toBeGreaterThan(0);
    for (const s of res.data.localityApproaches) {
      expect(s.suggested).toBe('MANAGED');
      expect(s.rules).toEqual([{ approach: 'MANAGED', when: 'ALL', holds: true, conditions: [{ measure: 'INDICATORS_WORSE_95', atLeast: 0, met: true }] }]);
    }
  });

  it('refuses a file that breaks the schema, naming the field', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ approach: { rules: [{ approach: 'MANAGED', conditions: [{ measure: 'POPULATION', atLeast: 1 }] }] } }));
    expect(() => loadInsightConfig(bad)).toThrow(/INSIGHT_CONFIG_FILE .*bad\.json: approach\.rules\.0\.conditions\.0\.measure/);
    expect(() => loadInsightConfig(path.join(dir, 'missing.json'))).toThrow(/cannot be read/);
  });
});
