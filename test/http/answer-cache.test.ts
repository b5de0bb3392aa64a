/**
 * The server's cache of anonymous answers (src/http/answer-cache.ts), on as in production: a
 * repeated anonymous request is answered from memory (no DuckDB statement, one record-store
 * statement for the tag) with the same bytes; a record change, a new release and a signed-in viewer
 * each get a freshly computed answer; nothing a signed-in viewer was answered ever reaches an
 * anonymous one.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { newTempDir } from '../statistics/import-support.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let writer: string;
let reader: string;

const PROFILE = '{ county { profile(indicators: ["asb-incidents"]) { period value } } localities { code profile(indicators: ["asb-incidents"]) { value } } }';
const ITEMS = '{ intelligence(first: 50) { totalCount edges { node { title } } } }';
const post = (query: string, token?: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), text: await res.text() }));

beforeAll(async () => {
  t = await startTestServer({ env: { ANSWER_CACHE_MEGABYTES: '16' } });
  const partner = (await t.server.stores.records.prisma.partner.findFirstOrThrow({ orderBy: { id: 'asc' }, select: { id: true } })).id;
  writer = await tokenFor({ personId: 1, partnerId: partner, roles: ['CONTRIBUTOR'] });
  reader = await tokenFor({ personId: 1, partnerId: partner, roles: ['READER'] });
});
afterAll(async () => {
  await t?.stop();
});

const createItem = (title: string, sharingLevel: string) =>
  post(
    `mutation { createIntelligenceItem(input: { title: "${title}", body: "b", source: SURVEY, theme: "cache", observedOn: "2024-01-01", localityCodes: ["kington"], sharingLevel: ${sharingLevel} }) { id } }`,
    writer,
  );

describe('answers kept for anonymous viewers', () => {
  it('answers a repeated anonymous query from memory: the same bytes, no DuckDB statement', async () => {
    const first = await post(PROFILE);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data.localities.length).toBeGreaterThan(0);
    let again: Awaited<ReturnType<typeof post>> | undefined;
    const counted = await t.countStatements(async () => {
      again = await post(PROFILE);
    });
    expect(again).toEqual(first);
    expect(counted.analytics).toBe(0);
    expect(counted.records).toBe(1); // the tag's latest audit event
    // A page and a CSV download (GET) likewise.
    for (const route of ['/profiles/county', '/profiles/county.csv']) {
      const page = await fetch(`${t.url}${route}`).then((r) => r.text());
      let second = '';
      const read = await t.countStatements(async () => {
        second = await fetch(`${t.url}${route}`).then((r) => r.text());
      });
      expect(second).toBe(page);
      expect(read.analytics).toBe(0);
      expect(read.records).toBe(1); // one tag for the ETag and the kept answer alike
    }
    // Computing it costs DuckDB statements: the zero above is the cache, not a cheap query.
    const signedIn = await t.countStatements(() => post(PROFILE, reader));
    expect(signedIn.analytics).toBeGreaterThan(0);
  });

  it('answers afresh once a release changed the data', async () => {
    const before = JSON.parse((await post(PROFILE)).text).data.county.profile as { period: string }[];
    const areas = await t.server.stores.analytics.query<{ small_area_code: string }>('SELECT DISTINCT small_area_code FROM small_area_locality ORDER BY 1');
    const file = path.join(newTempDir(), 'asb-2030.csv');
    writeFileSync(file, ['indicator_id,area_code,period,numerator,denominator,value,standard_error', ...areas.map((a) => `asb-incidents,${a.small_area_code},2030,3,,,`)].join('\n'));
    await importIndicators(t.server.stores.analytics, { data: file });
    const after = JSON.parse((await post(PROFILE)).text).data.county.profile as { period: string }[];
    expect(before[0]!.period).not.toBe('2030');
    expect(after[0]!.period).toBe('2030');
  });

  it('answers afresh once a record changed, and never gives an anonymous viewer what a signed-in one was answered', async () => {
    const titles = async (token?: string) => (JSON.parse((await post(ITEMS, token)).text).data.intelligence.edges as { node: { title: string } }[]).map((e) => e.node.title);
    const anonymousBefore = await titles();
    expect((await createItem('Cached public item', 'PUBLIC')).status).toBe(200);
    expect(await titles()).toEqual(expect.arrayContaining(['Cached public item']));
    expect((await createItem('Cached restricted item', 'RESTRICTED')).status).toBe(200);
    // The signed-in colleague sees the restricted item, asked twice (never from an anonymous answer).
    expect(await titles(reader)).toEqual(expect.arrayContaining(['Cached restricted item']));
    expect(await titles(reader)).toEqual(expect.arrayContaining(['Cached restricted item']));
    // The same request anonymously: the restricted item is in no answer it gets.
    for (let i = 0; i < 2; i++) expect(await titles()).not.toContain('Cached restricted item');
    expect(anonymousBefore).not.toContain('Cached public item');
  });

  it('keeps no answer with errors: a failing query is run again each time', async () => {
    const bad = '{ locality(code: "nowhere") { code profile(indicators: ["nope"]) { value } } }';
    const first = await post(bad);
    expect(JSON.parse(first.text).errors).toBeDefined();
    const counted = await t.countStatements(() => post(bad));
    expect(counted.records + counted.analytics).toBeGreaterThan(1);
  });
});
