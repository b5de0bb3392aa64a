/**
 * The spine chart's geometry and the HTML templates' escaping, as plain functions: the chart is
 * centred on the county, oriented worst-left/best-right by polarity, its range spans the
 * localities and its title states the values; interpolated text is always escaped.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/pages/html.js';
import { SPINE_WIDTH, spineChart } from '../../src/pages/spine.js';

const attribute = (svg: string, element: string, name: string) =>
  Number(new RegExp(`<${element}[^>]* ${name}="([^"]+)"`).exec(svg)?.[1]);

const chart = (polarity: 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT', marker = 30) =>
  spineChart({
    id: 'spine-1',
    polarity,
    unit: '%',
    range: [10, 20, 30, 40],
    county: 25,
    marker: { areaName: 'Ledbury', value: marker, comparison: 'WORSE' },
  }).markup;

describe('spine chart', () => {
  it('puts the county in the centre and scales symmetrically to the furthest locality', () => {
    const svg = chart('HIGHER_IS_BETTER');
    expect(attribute(svg, 'line', 'x1')).toBe(SPINE_WIDTH / 2);
    // 10 and 40 are 15 from the county: both ends reach the margins.
    expect(attribute(svg, 'rect', 'x')).toBe(8);
    expect(attribute(svg, 'rect', 'width')).toBe(SPINE_WIDTH - 16);
    expect(attribute(svg, 'circle', 'cx')).toBeCloseTo(80 + (5 / 15) * 72, 1);
  });

  it('puts the better side on the right: higher values right when higher is better, left when worse', () => {
    expect(attribute(chart('HIGHER_IS_BETTER', 40), 'circle', 'cx')).toBe(152);
    expect(attribute(chart('HIGHER_IS_WORSE', 40), 'circle', 'cx')).toBe(8);
    expect(attribute(chart('NO_JUDGEMENT', 40), 'circle', 'cx')).toBe(152);
  });

  it('is an image whose title states the area, the county and the range in words', () => {
    const svg = chart('HIGHER_IS_WORSE');
    expect(svg).toMatch(/^<svg class="spine" role="img" aria-labelledby="spine-1"/);
    expect(svg).toContain(
      '<title id="spine-1">Spine chart. Ledbury: 30.0%, worse; county: 25.0%; the localities range from 10.0% (best) to 40.0% (worst).</title>',
    );
    expect(svg).toContain('data-comparison="WORSE"');
  });

  it('draws no marker for the county’s own page or a withheld value, and no line without a county value', () => {
    const svg = spineChart({ id: 's', polarity: 'NO_JUDGEMENT', unit: 'score', range: [1, 2], county: null, marker: null }).markup;
    expect(svg).not.toContain('<circle');
    expect(svg).not.toContain('<line');
    expect(svg).toContain('the localities range from 1.0 score (lowest) to 2.0 score (highest)');
  });
});

describe('html templates', () => {
  it('escapes every interpolated string, number and list item, and nothing written as markup', () => {
    const name = `<script>alert('x')</script> & "quoted"`;
    const out = html`<p title="${name}">${name}</p>${[name, 1.5, null, false, undefined]}`.markup;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;1.5',
    );
  });

  it('inserts markup made by the templates as it is', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
