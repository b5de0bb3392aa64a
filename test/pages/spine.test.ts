/**
 * The spine chart's geometry and the HTML templates' escaping, as plain functions: the chart is
 * centred on the county, oriented worst-left/best-right by polarity, its range spans the
 * localities with their 25th to 75th percentile as a band, and its title states the values; interpolated text is always escaped.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/presenting/html.js';
import { SPINE_WIDTH, middleHalf, spineChart } from '../../src/pages/spine.js';

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
      '<title id="spine-1">Spine chart. Ledbury: 30.0%, worse; county: 25.0%; the localities range from 10.0% (best) to 40.0% (worst); the middle half from 17.5% to 32.5%.</title>',
    );
    expect(svg).toContain('data-comparison="WORSE"');
  });

  it('draws the 25th to 75th percentile of the localities as a band inside the range (R quantile type 7)', () => {
    // R: quantile(c(10, 20, 30, 40), c(.25, .75), type = 7) = 17.5, 32.5; county 25, half-width 15,
    // 72 px either side of the centre (80): 17.5 -> 80 - 7.5/15*72 = 44, 32.5 -> 116.
    const svg = chart('HIGHER_IS_BETTER');
    const band = /<rect class="spine-iqr" x="([^"]+)" y="6" width="([^"]+)"/.exec(svg);
    expect(band).not.toBeNull();
    expect(Number(band![1])).toBe(44);
    expect(Number(band![2])).toBe(72);
    // Higher is worse: mirrored about the centre, the same width.
    const mirrored = /<rect class="spine-iqr" x="([^"]+)" y="6" width="([^"]+)"/.exec(chart('HIGHER_IS_WORSE'));
    expect(Number(mirrored![1])).toBe(44);
    // The band is drawn above the range bar and below the county line and the marker.
    expect(svg.indexOf('spine-range')).toBeLessThan(svg.indexOf('spine-iqr'));
    expect(svg.indexOf('spine-iqr')).toBeLessThan(svg.indexOf('spine-county'));
    // Five uneven values: quantile(c(1, 2, 4, 8, 16), c(.25, .75)) = 2, 8.
    expect(middleHalf([16, 1, 8, 2, 4])).toEqual([2, 8]);
    // One locality has no middle half.
    expect(middleHalf([3])).toBeNull();
    expect(spineChart({ id: 's', polarity: 'NO_JUDGEMENT', unit: '%', range: [3], county: 2, marker: null }).markup).not.toContain('spine-iqr');
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
