/**
 * The profile pages over HTTP: what each page shows agrees with the GraphQL profile of the same
 * area; the pages have the structure assistive technology needs; unknown areas get a 404 page;
 * every string from the data or the URL reaches the page escaped; a page costs a bounded number
 * of queries. (The browser test, browser.test.ts, looks at the rendered pages.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { PAGE_INDICATORS, seedIndicators } from './seed.js';

/** How the page prints a value: one decimal, whole numbers with thousands separators from 1,000 up. */
const printed = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(1));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await seedIndicators(t);
});
afterAll(async () => {
  await t?.stop();
});

const get = async (path: string) => {
  const response = await fetch(`${t.url}${path}`, { redirect: 'manual' });
  return { status: response.status, type: response.headers.get('content-type'), location: response.headers.get('location'), body: await response.text() };
};

/** The text of every element matching an opening tag with this attribute (a small, strict scan). */
const rowsOf = (body: string) => [...body.matchAll(/<tr data-indicator="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1]!, cells: m[2]! }));
const textOf = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('profile pages', () => {
  it('shows every indicator of a locality’s GraphQL profile, with its value, interval, comparison, trend, rank and a spine marker', async () => {
    const api = await t.gql(`{ locality(code: "kington") { name profile { indicator { id name theme valueType } period value lowerCI95 upperCI95 comparison rank rankOutOf suppressed } } }`);
    const page = await get('/profiles/kington');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html; charset=utf-8/);
    const rows = rowsOf(page.body);
    const profile = api.data.locality.profile as any[];
    expect(rows.map((r) => r.id).sort()).toEqual(profile.map((p) => p.indicator.id).sort());
    for (const p of profile) {
      const cells = rows.find((r) => r.id === p.indicator.id)!.cells;
      expect(textOf(cells)).toContain(p.indicator.name);
      expect(textOf(cells)).toContain(p.period);
      if (p.suppressed) {
        expect(textOf(cells)).toContain('Withheld');
        expect(cells).not.toContain('spine-marker');
      } else if (p.value === null) {
        // Not additive (a small-area score): no value above small areas, so no marker either.
        expect(cells).not.toContain('spine-marker');
      } else {
        expect(textOf(cells)).toContain(printed(p.value));
        if (p.lowerCI95 !== null) expect(textOf(cells)).toContain(`${printed(p.lowerCI95)} to ${printed(p.upperCI95)}`);
        // Ranked only among all localities (none while any is withheld).
        if (p.rank !== null) expect(textOf(cells)).toContain(`${p.rank} of ${p.rankOutOf}`);
        if (p.indicator.valueType === 'COUNT') {
          // A count is a part of the county's total: not drawn on a spine centred on it.
          expect(cells).not.toContain('spine-marker');
          expect(textOf(cells)).toContain('Not drawn for counts');
        } else {
          expect(cells.match(/class="spine-marker/g)).toHaveLength(1);
          expect(cells).toContain(`data-comparison="${p.comparison}"`);
        }
      }
      const word = { BETTER: 'Better', SIMILAR: 'Similar', WORSE: 'Worse', HIGHER: 'Higher', LOWER: 'Lower', NOT_COMPARED: 'Not compared' }[p.comparison as string];
      expect(cells).toMatch(new RegExp(`class="comparison comparison-${p.comparison.toLowerCase()}">${word}<`));
    }
    // One heading and table per theme, each with a caption and scoped headers.
    const themes = [...new Set(profile.map((p) => p.indicator.theme))];
    for (const theme of themes) expect(page.body).toContain(`<h2 id="theme-${theme.replace(/[^a-z0-9]+/g, '-')}">`);
    expect(page.body.match(/<caption/g)).toHaveLength(themes.length);
    expect(page.body.match(/<th scope="row"/g)).toHaveLength(profile.length);
    expect(page.body).toContain('<html lang="en-GB">');
    expect(page.body).toContain('<a class="skip-link" href="#main">');
    expect(page.body).toContain('<main id="main"');
    expect(page.body).toMatch(/<label for="area">Area<\/label>\s*<select id="area" name="area">/);
  });

  it('puts definition, source, period, unit, release and licence one click away in each row', async () => {
    const page = await get('/profiles/leominster');
    const smoking = rowsOf(page.body).find((r) => r.id === 'page-smoking')!.cells;
    const seeded = PAGE_INDICATORS[0]!;
    expect(smoking).toMatch(/<details>\s*<summary>Smoking prevalence in adults<\/summary>/);
    for (const text of [seeded.definition, seeded.source, 'test release 1', 'Open Government Licence v3.0', '2020 (from 2020-01-01)']) {
      expect(smoking).toContain(text);
    }
    expect(smoking).toContain('href="/profiles/indicators/page-smoking"');
    const indicator = await get('/profiles/indicators/page-smoking');
    expect(indicator.status).toBe(200);
    expect(indicator.body.match(/<tr><th scope="row"><a href="\/profiles\//g)).toHaveLength(9);
  });

  it('serves the county and each tier, the county without comparison or rank, a tier without rank', async () => {
    const api0 = await t.gql(`{ county { profile { value indicator { valueType } } } }`);
    const county = await get('/profiles/county');
    expect(county.status).toBe(200);
    expect(county.body).toContain('<h1>Herefordshire <span class="kind">profile</span></h1>');
    expect(county.body).not.toContain('Compared with county</th>');
    expect(county.body).not.toContain('spine-marker');
    // The county is each chart's centre line (where it has a value), with no marker of its own.
    expect(county.body.match(/class="spine-county"/g)).toHaveLength(
      api0.data.county.profile.filter((r: any) => r.value !== null && r.indicator.valueType !== 'COUNT').length,
    );
    expect(rowsOf(county.body)).toHaveLength(api0.data.county.profile.length);

    const api = await t.gql(`{ tier: localityGroup(code: "tier/RURAL") { profile { indicator { id valueType } comparison value } } }`);
    const tier = await get('/profiles/tier/RURAL');
    expect(tier.status).toBe(200);
    expect(tier.body).toContain('Rural areas');
    expect(tier.body).toContain('Compared with county</th>');
    expect(tier.body).not.toContain('>Rank</th>');
    for (const row of api.data.tier.profile.filter((r: any) => r.value !== null && r.indicator.valueType !== 'COUNT')) {
      expect(rowsOf(tier.body).find((r) => r.id === row.indicator.id)!.cells).toContain(`data-comparison="${row.comparison}"`);
    }
    expect((await get('/profiles/tier/market-town')).status).toBe(200);
  });

  it('lets the selector work as a plain form: /profiles?area= redirects to the area’s page', async () => {
    expect(await get('/profiles?area=ledbury')).toMatchObject({ status: 303, location: '/profiles/ledbury' });
    expect(await get('/profiles?area=tier%2FCITY')).toMatchObject({ status: 303, location: '/profiles/tier/CITY' });
    expect(await get('/profiles?area=county')).toMatchObject({ status: 303, location: '/profiles/county' });
    expect((await get('/profiles?area=%2F%2Fevil.example')).status).toBe(404);
    const index = await get('/profiles');
    expect(index.status).toBe(200);
    expect(index.body.match(/<option value="[a-z-]+"/g)).toHaveLength(10); // the county and the nine localities
    expect(index.body).toContain('<option value="tier/MARKET_TOWN">');
    expect(index.body).toContain('<button type="submit">Show profile</button>');
  });

  it('answers an unknown locality, tier, indicator or path with a 404 page', async () => {
    for (const path of ['/profiles/atlantis', '/profiles/tier/SUBURBAN', '/profiles/indicators/no-such-thing', '/profiles/a/b/c']) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.body).toContain('<h1>Page not found</h1>');
    }
    expect((await get('/profiles/atlantis')).body).toContain('Locality &quot;atlantis&quot; was not found');
  });

  it('escapes every string from the URL and from the data', async () => {
    const hostile = `<script>alert("x")</script>&'`;
    const page = await get(`/profiles/${encodeURIComponent(hostile)}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;&amp;&#39;');

    await seedIndicators(t, [
      {
        id: 'page-hostile',
        name: `<img src=x onerror="alert(1)"> & "quotes"`,
        definition: `</details><script>document.title='owned'</script>`,
        source: `O'Brien & Sons <b>`,
        theme: `<i>odd</i> theme`,
        observe: () => ({ numerator: 50, denominator: 1000 }),
      },
    ]);
    const body = (await get('/profiles/hereford-city')).body;
    expect(body).not.toMatch(/<img|<script>document\.title|<b>|<i>odd/);
    expect(body).toContain('<summary>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;</summary>');
    expect(body).toContain('&lt;/details&gt;&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;');
    expect(body).toContain('O&#39;Brien &amp; Sons &lt;b&gt;');
    expect(body).toContain('&lt;i&gt;odd&lt;/i&gt; theme');
    // The only scripts are the selector's own.
    expect(body.match(/<script/g)).toHaveLength(1);
  });

  it('renders a page with one profile query, however many localities the spine charts read', async () => {
    await get('/profiles/weobley');
    const one = await t.countStatements(() => get('/profiles/weobley'));
    const api = await t.countStatements(() => t.gql(`{ locality(code: "weobley") { profile { value } } }`));
    // The catalogue and one profile query, as the API itself, then the analysis sections
    // (src/pages/analysis.ts): the chosen indicator's profile, its deprivation breakdown, the
    // locality outlines, the small areas' values, the locality's outline and the age pyramid.
    expect(one.analytics).toBe(2 + 6);
    expect(one.analytics).toBe(api.analytics + 6);
    // The locality, the list of localities, the localities of the analysis; and the suggested
    // approach (src/insight/page.ts): the localities with their approved plans (two statements).
    expect(one.records).toBeLessThanOrEqual(api.records + 3 + 2);
    const county = await t.countStatements(() => get('/profiles/county'));
    expect(county.analytics).toBe(2 + 4); // the analysis: the indicator's profile, breakdown, outlines, pyramid
  });

  it('serves the stylesheet, with print rules for A4', async () => {
    const css = await get('/assets/profiles.css');
    expect(css.status).toBe(200);
    expect(css.type).toMatch(/^text\/css/);
    expect(css.body).toContain('@page { size: A4 landscape');
    expect(css.body).toMatch(/@media print \{[\s\S]*\.masthead nav/);
  });
});
