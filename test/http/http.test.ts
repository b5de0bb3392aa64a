/**
 * The HTTP edge (src/http/): past capacity a request waits in a bounded queue and the rest are
 * refused at once with 503 (or 429 for one client holding too many) and Retry-After, while /healthz
 * answers; anonymous GET answers carry an ETag from the data and answer 304 while it is unchanged,
 * and answers to a signed-in viewer are never cached.
 *
 * Deterministic: a request is held in its slot by a body that has not finished arriving, and the
 * queue is observed through /healthz's load report; nothing waits on a clock.
 */
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { newTempDir } from '../statistics/import-support.js';

/** A POST to /graphql whose body is sent only when `release` is called: it holds its slot until then. */
function heldRequest(url: string): { release(): Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ query: '{ localities { code } }' });
  const target = new URL('/graphql', url);
  let answer!: Promise<{ status: number; body: string }>;
  const request = http.request(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  answer = new Promise((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, 5));
  return {
    release: () => {
      request.end(body.slice(5));
      return answer;
    },
  };
}

async function load(url: string): Promise<{ active: number; queued: number }> {
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { load: { active: number; queued: number } }).load;
}

/** Ask /healthz until the load is as expected (each ask is a round trip; no timer). */
async function until(url: string, want: { active: number; queued: number }): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const now = await load(url);
    if (now.active === want.active && now.queued === want.queued) return;
  }
  throw new Error(`load never reached ${JSON.stringify(want)}`);
}

describe('overload: capacity 1, a queue of 1', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false, env: { MAX_CONCURRENT_REQUESTS: '1', MAX_QUEUED_REQUESTS: '1', OVERLOAD_RETRY_AFTER: '7' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('queues one request, refuses the next with 503 and Retry-After, keeps /healthz fast, then serves the queued one', async () => {
    const held = heldRequest(t.url);
    await until(t.url, { active: 1, queued: 0 });
    const queued = fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    await until(t.url, { active: 1, queued: 1 });

    const refused = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');

    const first = await held.release();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).errors).toBeUndefined();
    const second = await queued;
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ data: { __typename: 'Query' } });
    await until(t.url, { active: 0, queued: 0 });
  });

  it('frees the slot of a client that went away while queued', async () => {
    const held = heldRequest(t.url);
    await until(t.url, { active: 1, queued: 0 });
    const abort = new AbortController();
    const gone = fetch(`${t.url}/graphql`, { method: 'POST', signal: abort.signal, headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).catch(() => 'aborted');
    await until(t.url, { active: 1, queued: 1 });
    abort.abort();
    expect(await gone).toBe('aborted');
    await held.release();
    await until(t.url, { active: 0, queued: 0 });
    const after = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(after.status).toBe(200);
  });
});

describe('overload per client: 429 past MAX_REQUESTS_PER_CLIENT', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false, env: { MAX_REQUESTS_PER_CLIENT: '1' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a client its second request at once with 429 and Retry-After, and serves it again when the first ends', async () => {
    const held = heldRequest(t.url);
    await until(t.url, { active: 1, queued: 0 });
    const refused = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect((await held.release()).status).toBe(200);
    const again = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(again.status).toBe(200);
  });
});

describe('HTTP caching of GET answers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const QUERY = '{ county { profile(indicators: ["asb-incidents"]) { period value } } }';
  const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${pathAndQuery}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  const gqlGet = (query: string, headers: Record<string, string> = {}) => get(`/graphql?query=${encodeURIComponent(query)}`, headers);

  it('tags an anonymous GraphQL GET, answers 304 to its tag, and a new tag once an import changed the data', async () => {
    const first = await gqlGet(QUERY);
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const before = ((await first.json()) as { data: { county: { profile: { period: string }[] } } }).data.county.profile;

    const again = await gqlGet(QUERY, { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another query is another answer: not confirmed by this tag.
    expect((await gqlGet('{ localities { code } }', { 'if-none-match': tag! })).status).toBe(200);

    const areas = await t.server.stores.analytics.query<{ small_area_code: string }>('SELECT DISTINCT small_area_code FROM small_area_locality ORDER BY 1');
    const file = path.join(newTempDir(), 'asb-2021.csv');
    writeFileSync(file, ['indicator_id,area_code,period,numerator,denominator,value,standard_error', ...areas.map((a) => `asb-incidents,${a.small_area_code},2021,3,,,`)].join('\n'));
    await importIndicators(t.server.stores.analytics, { data: file });

    const changed = await gqlGet(QUERY, { 'if-none-match': tag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    const after = ((await changed.json()) as { data: { county: { profile: { period: string }[] } } }).data.county.profile;
    expect(after[0]!.period).toBe('2021');
    expect(after[0]!.period).not.toBe(before[0]!.period);
  });

  it('never caches an answer to a signed-in viewer, nor confirms it with an anonymous tag', async () => {
    const anonymous = await gqlGet(QUERY);
    const tag = anonymous.headers.get('etag')!;
    const token = await tokenFor({ roles: ['ANALYST'] });
    const signedIn = await gqlGet(QUERY, { authorization: `Bearer ${token}`, 'if-none-match': tag });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('etag')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect(signedIn.headers.get('vary')).toMatch(/Authorization/i);
  });

  it('tags an automatic persisted query only once the server knows it', async () => {
    const hash = createHash('sha256').update(QUERY).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const unknown = await get(`/graphql?extensions=${extensions}`);
    const body = (await unknown.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers.get('etag')).toBeNull();
    expect(unknown.headers.get('cache-control')).toBe('no-store');

    const registered = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(registered.status).toBe(200);
    const known = await get(`/graphql?extensions=${extensions}`);
    expect(known.status).toBe(200);
    const tag = known.headers.get('etag');
    expect(tag).not.toBeNull();
    expect((await get(`/graphql?extensions=${extensions}`, { 'if-none-match': tag! })).status).toBe(304);
  });

  it('tags profile pages and CSV downloads, and answers 304 to their tags', async () => {
    for (const page of ['/profiles/county', '/profiles/county.csv']) {
      const first = await get(page);
      expect(first.status, page).toBe(200);
      const tag = first.headers.get('etag');
      expect(tag, page).not.toBeNull();
      const again = await get(page, { 'if-none-match': tag! });
      expect(again.status, page).toBe(304);
    }
  });
});
