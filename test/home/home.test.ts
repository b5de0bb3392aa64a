/**
 * The first five minutes: `/` links what the server offers, `/graphql` in a browser is GraphiQL
 * served wholly from this server (it works offline), and the API still answers at /graphql.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_QUERY } from '../../src/home/router.js';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const links = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('the home page', () => {
  it('links the profiles, the API, its schema, the health check and the README’s first query, each answering', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const found = links(await res.text());
    expect(found).toEqual(expect.arrayContaining(['/profiles', '/graphql', '/schema.graphql', '/healthz', `/graphql?q=${encodeURIComponent(FIRST_QUERY)}`]));
    for (const link of found) {
      const answer = await fetch(`${t.url}${link}`, { headers: { accept: 'text/html' } });
      expect(answer.status, link).toBe(200);
    }
  });

  it('offers the README’s first query, as the README writes it', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(JSON.stringify({ query: FIRST_QUERY }));
  });

  it('serves the schema the server runs, with its descriptions', async () => {
    const res = await fetch(`${t.url}/schema.graphql`);
    expect(res.status).toBe(200);
    const sdl = await res.text();
    expect(sdl).toMatch(/^type Query \{/m);
    expect(sdl).toMatch(/^type Locality implements Node \{/m);
    expect(sdl).toContain('"""');
  });
});

describe('GraphiQL at /graphql', () => {
  it('is what a browser gets, every script and style from this server (nothing from the internet)', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    const assets = [...html.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(5);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\//);
      const answer = await fetch(`${t.url}${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await answer.text()).length, asset).toBeGreaterThan(asset.endsWith('start.js') ? 100 : 1000);
    }
  });

  it('opens with the query given in ?q=, kept as data that cannot close the script', async () => {
    const res = await fetch(`${t.url}/graphql?q=${encodeURIComponent('{ x } </script><b>')}`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).not.toContain('</script><b>');
    const settings = JSON.parse(/<script id="graphiql-settings" type="application\/json">(.*)<\/script>/.exec(html)![1]!);
    expect(settings.query).toBe('{ x } </script><b>');
  });

  it('leaves the API as it was: a POST and a GET with ?query= are answered by GraphQL', async () => {
    const post = await t.gql('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
