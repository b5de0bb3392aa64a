import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

describe('internal errors', () => {
  it('are masked for the client and logged in full', async () => {
    // Break the analytics store under a running server: the population field then fails inside.
    t.server.stores.analytics.close();
    const res = await t.gql('{ locality(code: "leominster") { code population { count } } }');
    expect(res.data.locality).toEqual({ code: 'leominster', population: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      message: 'Internal server error',
      path: ['locality', 'population'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(res.errors)).not.toMatch(/closed|duckdb|stack/i);
    const logged = t.logs.find((line) => line.msg === 'internal error');
    expect(logged?.err?.message).toMatch(/closed/);

    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', records: 'ok', analytics: 'unavailable' });
  });
});
