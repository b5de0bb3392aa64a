/**
 * The profile pages in a real browser: Debian's Chromium driven by playwright-core (one browser
 * for the whole file). It opens each of the nine sample localities' pages and finds one spine
 * chart marker per indicator row with a value, switches locality with the selector (with and
 * without JavaScript), prints to A4, checks accessibility with axe-core, checks every locality's
 * page at 1280 px and at A4 print width for overlapping, clipped or broken text, and saves
 * screenshots under var/screenshots/ (git-ignored) for a person to look at.
 *
 * Chromium: `apt-get install chromium` (.ci/run installs it); CHROMIUM_PATH overrides
 * /usr/bin/chromium. Without it the file is skipped locally, and fails in CI.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { seedAnalysis, seedIndicators } from './seed.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'var', 'screenshots');
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true';

let t: TestServer;
let browser: Browser;
let localities: { code: string; name: string; profile: { indicator: { id: string; valueType: string }; suppressed: boolean; value: number | null }[] }[];

beforeAll(async () => {
  if (!runnable) return;
  t = await startTestServer();
  await seedIndicators(t);
  await seedAnalysis(t);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(SCREENSHOTS, { recursive: true });
  localities = (await t.gql(`{ localities { code name profile { indicator { id valueType } suppressed value } } }`)).data.localities;
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/**
 * Runs in the page: every text box of the profile tables, from the browser's layout (a Range over
 * each text node gives the boxes the text is drawn in). It reports a text box that leaves its
 * cell's box (clipped, or drawn over the next column), two boxes of different cells of one row
 * that overlap, and a word split across two lines ("Perio/d"; a break after a hyphen is fine) outside the indicator names, which
 * may break anywhere. Text that is not drawn (a closed <details>, an SVG <title>) has no box.
 * Plain JavaScript in a string: the test's TypeScript has no DOM types.
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const slack = 0.5;
  const words = /[^\\s-]+/g; // a line may end after a hyphen
  for (const row of document.querySelectorAll('table.profile tr')) {
    const label = (row.getAttribute('data-indicator') || row.closest('table').querySelector('caption')?.textContent || '').trim();
    const boxes = [];
    [...row.children].forEach((cell, column) => {
      const edge = cell.getBoundingClientRect();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent;
        if (!text.trim() || node.parentElement.closest('title, script, style')) continue;
        // Not drawn: inside a closed <details> (Chromium still lays it out), display: none...
        if (!node.parentElement.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.height === 0) continue;
          boxes.push({ column, r, text: text.trim() });
          if (r.left < edge.left - slack || r.right > edge.right + slack || r.top < edge.top - slack || r.bottom > edge.bottom + slack) {
            problems.push(label + ': "' + text.trim() + '" is clipped by its cell (column ' + column + ')');
          }
        }
        if (cell.matches('th.indicator')) continue;
        for (const match of text.matchAll(words)) {
          const word = document.createRange();
          word.setStart(node, match.index);
          word.setEnd(node, match.index + match[0].length);
          const tops = new Set([...word.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push(label + ': the word "' + match[0] + '" is broken across lines');
        }
      }
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.column === b.column) continue;
        const overlap = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left) > slack && Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > slack;
        if (overlap) problems.push(label + ': "' + a.text + '" overlaps "' + b.text + '"');
      }
    }
  }
  return { problems, rows: document.querySelectorAll('table.profile tr[data-indicator]').length };
})()`;

/**
 * axe-core over the page in one run (legacy mode: axe.run in the page, same-origin frames
 * included; the pages have none). The default runs axe in each frame and then again in a new
 * blank page to merge them, a second or two more a check for nothing more checked here.
 */
const axe = (page: Page) => new AxeBuilder({ page }).setLegacyMode(true);

async function open(path: string, options: { javaScript?: boolean; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    javaScriptEnabled: options.javaScript ?? true,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const response = await page.goto(`${t.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe.skipIf(!runnable)('profile pages in Chromium', () => {
  it('shows each of the nine localities with one spine marker per indicator row that has a value', async () => {
    expect(localities).toHaveLength(9);
    const page = await open('/profiles');
    for (const locality of localities) {
      await page.goto(`${t.url}/profiles/${locality.code}`);
      await expect(page.locator('h1').textContent()).resolves.toContain(locality.name);
      const rows = page.locator('tr[data-indicator]');
      expect(await rows.count()).toBe(locality.profile.length);
      expect(locality.profile.length).toBeGreaterThan(0);
      // Counts are not drawn on a spine (they would sit far from the area's rate): a note instead.
      const drawn = (row: (typeof locality.profile)[number]) => row.value !== null && row.indicator.valueType !== 'COUNT';
      for (const row of locality.profile) {
        const cells = page.locator(`tr[data-indicator="${row.indicator.id}"]`);
        const markers = cells.locator('svg.spine circle.spine-marker');
        await expect(markers.count()).resolves.toBe(drawn(row) ? 1 : 0);
        if (row.indicator.valueType === 'COUNT') {
          await expect(cells.textContent()).resolves.toContain('Not drawn for counts');
          continue;
        }
        // The chart is an image with a name that states the values.
        const chart = cells.getByRole('img');
        await expect(chart.getAttribute('aria-labelledby')).resolves.toMatch(/^spine-\d+$/);
        const name = await cells.locator('svg.spine title').textContent();
        if (row.value !== null) expect(name).toContain(`${locality.name}: `);
        if (row.suppressed) await expect(cells.locator('td.withheld').textContent()).resolves.toContain('Withheld');
      }
      const markerCount = await page.locator('svg.spine circle.spine-marker').count();
      expect(markerCount).toBe(locality.profile.filter(drawn).length);
    }
    await page.goto(`${t.url}/profiles/kington`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kington.png'), fullPage: true });
    await page.context().close();
  });

  it('switches locality with the selector: on change with JavaScript, with the button without it', async () => {
    const page = await open('/profiles/leominster');
    await expect(page.locator('#area').inputValue()).resolves.toBe('leominster');
    await Promise.all([page.waitForURL('**/profiles/ledbury'), page.locator('#area').selectOption('ledbury')]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Ledbury');
    await expect(page.locator('#area').inputValue()).resolves.toBe('ledbury');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ledbury.png'), fullPage: true });
    await page.context().close();

    const plain = await open('/profiles/ledbury', { javaScript: false });
    await plain.getByRole('combobox', { name: 'Area' }).selectOption('tier/RURAL');
    expect(plain.url()).toMatch(/\/profiles\/ledbury$/); // nothing happens on change without a script
    await Promise.all([plain.waitForURL('**/profiles/tier/RURAL'), plain.getByRole('button', { name: 'Show profile' }).click()]);
    await expect(plain.locator('h1').textContent()).resolves.toContain('Rural areas');
    // The table needs no script: the rows and charts are in the served page.
    expect(await plain.locator('tr[data-indicator] svg.spine').count()).toBeGreaterThan(0);
    await plain.context().close();
  });

  // A4 landscape (297 mm) less the print style's 10 mm margins, at CSS's 96 px to the inch.
  const A4_CONTENT_WIDTH = Math.floor(((297 - 20) / 25.4) * 96);
  // The narrowest and widest screens the page is made for, the common laptop, and A4 print.
  for (const [media, width] of [['screen', 1024], ['screen', 1280], ['screen', 1920], ['print', A4_CONTENT_WIDTH]] as const) {
    it(`lays out the localities' pages at ${width} px (${media}) with no text clipped, overlapping or broken mid-word`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.emulateMedia({ media });
      const found: string[] = [];
      // Every locality at the common laptop width and in print; at the narrowest and widest screens,
      // the three with the longest names and the most rows (hereford-city, golden-valley, ross-on-wye).
      const checked = width === 1280 || media === 'print' ? localities : localities.filter((l) => ['hereford-city', 'golden-valley', 'ross-on-wye'].includes(l.code));
      expect(checked.length).toBeGreaterThanOrEqual(3);
      for (const locality of checked) {
        await page.goto(`${t.url}/profiles/${locality.code}`);
        const layout = (await page.evaluate(LAYOUT_PROBLEMS)) as { problems: string[]; rows: number };
        // The check looked at the rows it should have (a selector gone stale would find no problems).
        expect(layout.rows).toBe(locality.profile.length);
        found.push(...layout.problems.map((problem) => `${locality.code}: ${problem}`));
        // Screenshots of the common laptop width and of print, for a person to look at (JPEG: a
        // tall page encodes in half the time of a PNG).
        if (width === 1280 || media === 'print') await page.screenshot({ path: path.join(SCREENSHOTS, `${locality.code}-${media}-${width}.jpg`), fullPage: true, type: 'jpeg', quality: 80 });
      }
      expect(found).toEqual([]);
      await context.close();
    }, 300_000);
  }

  it('the layout check is not blind: a squeezed column and a narrow header are reported', async () => {
    // The page's Content-Security-Policy refuses injected styles: this test injects one on purpose.
    const page = await open('/profiles/kington', { bypassCSP: true });
    await page.addStyleTag({ content: 'table.profile th.col-interval { width: 12px !important; } table.profile thead th { overflow-wrap: anywhere !important; } table.profile th.col-period { width: 14px !important; } tr[data-indicator] td:nth-of-type(1) { letter-spacing: 40px; }' });
    const { problems } = (await page.evaluate(LAYOUT_PROBLEMS)) as { problems: string[] };
    expect(problems.some((p) => p.includes('is clipped by its cell'))).toBe(true);
    expect(problems.some((p) => p.includes('overlaps'))).toBe(true);
    expect(problems.some((p) => p.includes('is broken across lines'))).toBe(true);
    await page.context().close();
  });

  it('opens an indicator’s definition, source and licence with one click', async () => {
    const page = await open('/profiles/bromyard');
    const row = page.locator('tr[data-indicator="page-employment"]');
    await expect(row.locator('dl.metadata').isVisible()).resolves.toBe(false);
    await row.getByText('Employment rate').click();
    await expect(row.locator('dl.metadata').isVisible()).resolves.toBe(true);
    await expect(row.locator('dl.metadata').textContent()).resolves.toContain('Test labour survey');
    await page.context().close();
  });

  it('prints on A4 without the selector, table headers repeated', async () => {
    const page = await open('/profiles/hereford-city');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('thead').first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display)).resolves.toBe('table-header-group');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    // A4 landscape is 842 x 595 points.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeCloseTo(842, -1);
    expect(Number(box?.[2])).toBeCloseTo(595, -1);
    await page.context().close();
  });

  // One test a page, each with its own time: axe over a page with its maps and charts takes tens
  // of seconds on a loaded 2-core machine.
  const targets = { '/profiles/golden-valley': true, '/profiles/county': true, '/profiles/tier/MARKET_TOWN': true, '/profiles': false, '/profiles/indicators/page-smoking': false };
  // The analysis sections the check covers (issue 19): maps (of the localities; and of a
  // locality's small areas), and the charts by deprivation, funnel plot and pyramid.
  const analysis: Record<string, { maps: number; charts: string[] }> = {
    '/profiles/golden-valley': { maps: 2, charts: ['ineq-title', 'funnel-title', 'pyramid-title'] },
    '/profiles/county': { maps: 1, charts: ['ineq-title', 'funnel-title', 'pyramid-title'] },
  };
  for (const [target, charts] of Object.entries(targets)) {
    it(`has no serious or critical accessibility violations on ${target} (axe-core)`, async () => {
      const page = await open(target);
      const expected = analysis[target];
      if (expected) {
        expect(await page.locator('section.analysis svg.map-svg[role="img"]').count()).toBe(expected.maps);
        const charts = await page.locator('section.analysis svg.chart-svg[role="img"]').evaluateAll((all) => all.map((svg) => svg.getAttribute('aria-labelledby')!.split(' ')[0]));
        expect(charts).toEqual(expected.charts);
      }
      // Open every indicator's details, so their contents are checked too.
      await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
      const results = await axe(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${target}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // The checks that matter here did run and pass (not merely found nothing to check).
      const passed = results.passes.map((p) => p.id);
      expect(passed).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'select-name', 'skip-link', 'link-name']));
      if (charts) expect(passed).toEqual(expect.arrayContaining(['svg-img-alt', 'th-has-data-cells', 'summary-name']));
      await page.context().close();
    }, 300_000);
  }

  it('has no serious or critical accessibility violations on the influence map page, and the check is not blind', async () => {
    // The influence map page (src/influence/page.ts): plain language, a captioned table, no script.
    // axe runs as a script in the page, so JavaScript stays on here (the page itself has none).
    const influence = await open('/influence/kington');
    const checked = await axe(influence).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(checked.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(checked.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'skip-link', 'link-name', 'th-has-data-cells']));
    await influence.context().close();
    // The check is not blind: the same page with a comparison written in low contrast fails it.
    // The page's Content-Security-Policy refuses injected styles: this test injects one on purpose.
    const broken = await open('/profiles/golden-valley', { bypassCSP: true });
    await broken.addStyleTag({ content: '.comparison { color: #bbbbbb !important; background: #ffffff !important; }' });
    const flagged = await axe(broken).withRules(['color-contrast']).analyze();
    expect(flagged.violations.map((v) => [v.id, v.impact])).toEqual([['color-contrast', 'serious']]);
    await broken.context().close();
  }, 300_000);
});
