/**
 * The analysis sections under a profile page's tables, for one chosen indicator (`?indicator=`,
 * by default the first proportion or rate of the profile): the map of the localities coloured by
 * comparison (and, on a locality's page, its small areas by quintile), the indicator by national
 * deprivation quintile with the SII, and the funnel plot of the localities. Every chart is inline
 * SVG with a title, a description and its figures as a table, so it reads without colour,
 * without JavaScript and on paper.
 */
import { type FunnelPlot, funnelPlotOf } from '../inequality/funnel-plot.js';
import type { Inequality } from '../inequality/service.js';
import { localityMap, smallAreaMap } from '../maps/service.js';
import { mapSvg } from '../maps/svg.js';
import type { Context } from '../schema/context.js';
import type { Indicator } from '../statistics/catalogue.js';
import type { Pyramid } from '../population/pyramid.js';
import { type Html, html } from '../presenting/html.js';

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '–' : v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function analysisSections(
  ctx: Context,
  area: { kind: 'LOCALITY' | 'COUNTY'; code: string; name: string },
  asked: string | null,
): Promise<Html | null> {
  const catalogue = [...(await ctx.loaders.statistics.catalogue()).values()];
  const choices = catalogue.filter((i) => (i.valueType === 'PROPORTION' || i.valueType === 'RATE') && i.aggregation === 'RATIO');
  const indicator = (asked ? catalogue.find((i) => i.id === asked) : null) ?? choices[0];
  if (!indicator) return null;
  const versionId = ctx.geography.versionId();
  const shape = { versionId, indicatorIds: [indicator.id], theme: null, period: null, group: [], series: false };
  const localities = await ctx.prisma.locality.findMany({ where: { versions: { some: { versionId } } }, select: { code: true } });
  // A DSR's quintiles and small areas are not standardised (refuseStandardisedRate): notes instead.
  const standardised = indicator.valueType === 'DSR';
  const [countyRows, localityRows, inequality, map, smallMap, pyramid] = await Promise.all([
    ctx.loaders.statistics.profile.load({ ...shape, area: { kind: 'COUNTY', code: 'COUNTY' } }),
    Promise.all(localities.map((l) => ctx.loaders.statistics.profile.load({ ...shape, area: { kind: 'LOCALITY', code: l.code } }))),
    standardised
      ? Promise.resolve(null)
      : ctx.loaders.inequality.load({ area: { kind: area.kind, code: area.code }, indicator, indicatorId: indicator.id, period: null, quantiles: 'QUINTILE', versionId }),
    localityMap(ctx, versionId, indicator.id),
    area.kind === 'LOCALITY' && !standardised ? smallAreaMap(ctx, versionId, area.code, indicator.id).catch(() => null) : Promise.resolve(null),
    ctx.loaders.pyramid.load({ versionId, period: null, area: { kind: area.kind, code: area.code } }),
  ]);
  const funnel = funnelPlotOf(indicator, countyRows[0] ?? null, localityRows.flat());
  return html`<section class="analysis" aria-labelledby="analysis-heading">
<h2 id="analysis-heading">Analysis: ${indicator.name}</h2>
<form method="get" class="indicator-choice"><label for="indicator-choice">Indicator</label>
<select id="indicator-choice" name="indicator">${catalogue.map((i) => html`<option value="${i.id}"${i.id === indicator.id ? html` selected` : null}>${i.name}</option>`)}</select>
<button type="submit">Show</button></form>
${map.areas.length > 0 ? html`<h3>Map of the localities</h3>${mapSvg(map, { marks: true })}` : html`<p>No boundaries are loaded for this geography (npm run import:boundaries).</p>`}
${smallMap && smallMap.areas.length > 0 ? html`<h3>Small areas of ${area.name}</h3>${mapSvg(smallMap)}` : null}
<h3>By national deprivation (IMD 2019 quintile)</h3>
${standardised
  ? html`<p>Not shown for a directly standardised rate: its quintiles would be crude rates, and standardising each one is not done here.</p>`
  : inequality ? inequalityChart(indicator, inequality) : html`<p>No small area of ${area.name} has an IMD 2019 decile and a value of this indicator.</p>`}
<h3>Funnel plot of the localities</h3>
${funnel.note ? html`<p>${funnel.note}</p>` : funnelChart(funnel, area.kind === 'LOCALITY' ? area.code : null)}
<h3>Population by age${pyramid?.bySex ? ' and sex' : ''}</h3>
${pyramid ? pyramidChart(area.name, pyramid) : html`<p>No population estimates with five-year age bands are loaded.</p>`}
<p class="source">Boundaries: Office for National Statistics, Open Government Licence v3.0; contains OS data © Crown copyright and database right.</p>
</section>`;
}

function inequalityChart(indicator: Indicator, inequality: Inequality): Html {
  const width = 560;
  const height = 260;
  const left = 60;
  const bottom = 40;
  const values = inequality.values;
  const top = Math.max(1, ...values.map((v) => v.upper95 ?? v.value ?? 0)) * 1.1;
  const y = (v: number) => height - bottom - (v / top) * (height - bottom - 10);
  const band = (width - left - 10) / values.length;
  const { sii, note } = inequality.slopeIndex();
  const siiText = sii
    ? `Slope index of inequality ${fmt(sii.sii, 2)} (95% ${fmt(sii.siiLower, 2)} to ${fmt(sii.siiUpper, 2)}); relative index ${fmt(sii.rii, 2)} (${fmt(sii.riiLower, 2)} to ${fmt(sii.riiUpper, 2)}).`
    : `No slope index: ${note ?? ''}`;
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ineq-title ineq-desc" class="chart-svg">
<title id="ineq-title">${indicator.name} by national deprivation quintile</title>
<desc id="ineq-desc">${siiText}</desc>
<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#333"></line>
<text x="${left - 6}" y="${y(0)}" text-anchor="end" font-size="12">0</text>
<text x="${left - 6}" y="${y(top / 1.1) + 4}" text-anchor="end" font-size="12">${fmt(top / 1.1)}</text>
${values.map((v, i) => {
    const x = left + i * band + band * 0.2;
    const w = band * 0.6;
    return html`<g>${v.value !== null ? html`<rect x="${x.toFixed(1)}" y="${y(v.value).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(0) - y(v.value)).toFixed(1)}" fill="#5b7fbf"><title>Quintile ${v.quantile}: ${fmt(v.value)}</title></rect>` : null}
${v.lower95 !== undefined && v.upper95 !== undefined ? html`<line x1="${(x + w / 2).toFixed(1)}" x2="${(x + w / 2).toFixed(1)}" y1="${y(v.lower95).toFixed(1)}" y2="${y(v.upper95).toFixed(1)}" stroke="#000" stroke-width="1.5"></line>` : null}
<text x="${(x + w / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="12">${v.quantile === 1 ? '1 most' : v.quantile === values.length ? `${v.quantile} least` : String(v.quantile)}</text></g>`;
  })}
<text x="${(left + width) / 2}" y="${height - 6}" text-anchor="middle" font-size="12">Deprivation quintile (1 = most deprived fifth of England)</text>
</svg>
<figcaption><p>${siiText}</p>
<table class="chart-table" aria-label="${indicator.name} by deprivation quintile">
<thead><tr><th scope="col">Quintile</th><th scope="col">Small areas</th><th scope="col">Value</th><th scope="col">95% interval</th></tr></thead>
<tbody>${values.map((v) => html`<tr><td>${v.quantile}</td><td class="num">${v.smallAreas}</td><td class="num">${v.value === null ? (v.note ?? '–') : fmt(v.value)}</td><td class="num">${v.lower95 === undefined ? '–' : `${fmt(v.lower95)} to ${fmt(v.upper95)}`}</td></tr>`)}</tbody></table>
</figcaption></figure>`;
}

const POSITION_WORDS: Record<string, string> = {
  HIGH_998: 'above the 99.8% limit',
  HIGH_95: 'above the 95% limit',
  WITHIN: 'within the 95% limits',
  LOW_95: 'below the 95% limit',
  LOW_998: 'below the 99.8% limit',
  NOT_PLOTTED: 'not plotted (withheld)',
};

function funnelChart(funnel: FunnelPlot, highlight: string | null): Html {
  const width = 560;
  const height = 300;
  const left = 60;
  const bottom = 40;
  const xs = funnel.curve.map((c) => c.denominator);
  const ys = [...funnel.curve.flatMap((c) => [c.lower998, c.upper998]), ...funnel.points.flatMap((p) => (p.value === null ? [] : [p.value]))];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const x = (v: number) => left + ((v - x0) / (x1 - x0 || 1)) * (width - left - 10);
  const y = (v: number) => height - bottom - ((v - y0) / (y1 - y0 || 1)) * (height - bottom - 10);
  const line = (pick: (c: FunnelPlot['curve'][number]) => number) =>
    funnel.curve.map((c, i) => `${i === 0 ? 'M' : 'L'}${x(c.denominator).toFixed(1)},${y(pick(c)).toFixed(1)}`).join('');
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="funnel-title funnel-desc" class="chart-svg">
<title id="funnel-title">Funnel plot of ${funnel.indicator.name} by locality</title>
<desc id="funnel-desc">County value ${fmt(funnel.countyValue)}; ${funnel.points.map((p) => `${p.localityName} ${POSITION_WORDS[p.position]}`).join('; ')}.</desc>
<line x1="${left}" x2="${width - 10}" y1="${y(funnel.countyValue ?? 0).toFixed(1)}" y2="${y(funnel.countyValue ?? 0).toFixed(1)}" stroke="#000"></line>
<path d="${line((c) => c.upper95)}" fill="none" stroke="#555" stroke-dasharray="4 3"></path>
<path d="${line((c) => c.lower95)}" fill="none" stroke="#555" stroke-dasharray="4 3"></path>
<path d="${line((c) => c.upper998)}" fill="none" stroke="#555"></path>
<path d="${line((c) => c.lower998)}" fill="none" stroke="#555"></path>
${funnel.points.map((p) =>
    p.value === null || p.denominator === null
      ? null
      : html`<circle cx="${x(p.denominator).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.localityCode === highlight ? 7 : 4.5}" fill="${p.localityCode === highlight ? '#c00000' : '#1d3f7a'}" stroke="#fff"><title>${p.localityName}: ${fmt(p.value)}, ${POSITION_WORDS[p.position]}</title></circle>`,
  )}
<text x="${(left + width) / 2}" y="${height - 6}" text-anchor="middle" font-size="12">Denominator</text>
<text x="${left - 6}" y="${y(y1).toFixed(1)}" text-anchor="end" font-size="12">${fmt(y1)}</text>
<text x="${left - 6}" y="${y(y0).toFixed(1)}" text-anchor="end" font-size="12">${fmt(y0)}</text>
</svg>
<figcaption><p>Black line: the county value. Dashed: 95% control limits; solid: 99.8%.</p>
<table class="chart-table" aria-label="Localities against the funnel">
<thead><tr><th scope="col">Locality</th><th scope="col">Value</th><th scope="col">Denominator</th><th scope="col">Position</th></tr></thead>
<tbody>${funnel.points.map((p) => html`<tr><td>${p.localityName}</td><td class="num">${fmt(p.value)}</td><td class="num">${fmt(p.denominator, 0)}</td><td>${POSITION_WORDS[p.position]}</td></tr>`)}</tbody></table>
</figcaption></figure>`;
}

function pyramidChart(name: string, pyramid: Pyramid): Html {
  const width = 560;
  const row = 16;
  const height = pyramid.bands.length * row + 40;
  const mid = width / 2;
  const sides = pyramid.bySex
    ? pyramid.bands.flatMap((b) => [b.males ?? 0, b.females ?? 0])
    : pyramid.bands.map((b) => b.persons ?? 0);
  const max = Math.max(1, ...sides);
  const half = (mid - 50) / max;
  const total = pyramid.bands.reduce((s, b) => s + (b.persons ?? 0), 0);
  const text = pyramid.bySex
    ? `${name}, mid-${pyramid.period}: ${fmt(total, 0)} residents by five-year age band, males on the left, females on the right.`
    : `${name}, mid-${pyramid.period}: ${fmt(total, 0)} residents by five-year age band (the loaded estimates have no sex split).`;
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="pyramid-title pyramid-desc" class="chart-svg">
<title id="pyramid-title">Population pyramid of ${name}, mid-${pyramid.period}</title>
<desc id="pyramid-desc">${text}</desc>
${pyramid.bands.map((b, i) => {
    const y = height - 30 - (i + 1) * row;
    return html`<g>${pyramid.bySex
      ? html`<rect x="${(mid - 25 - (b.males ?? 0) * half).toFixed(1)}" y="${y}" width="${((b.males ?? 0) * half).toFixed(1)}" height="${row - 2}" fill="#1d3f7a"><title>Males ${b.label}: ${fmt(b.males, 0)}</title></rect>
<rect x="${mid + 25}" y="${y}" width="${((b.females ?? 0) * half).toFixed(1)}" height="${row - 2}" fill="#c05a00"><title>Females ${b.label}: ${fmt(b.females, 0)}</title></rect>`
      : html`<rect x="${mid + 25}" y="${y}" width="${((b.persons ?? 0) * half).toFixed(1)}" height="${row - 2}" fill="#1d3f7a"><title>${b.label}: ${fmt(b.persons, 0)}</title></rect>`}
<text x="${mid}" y="${y + row - 4}" text-anchor="middle" font-size="11">${b.label}</text></g>`;
  })}
${pyramid.bySex ? html`<text x="${mid - 30}" y="${height - 10}" text-anchor="end" font-size="12">Males</text><text x="${mid + 30}" y="${height - 10}" font-size="12">Females</text>` : html`<text x="${mid + 30}" y="${height - 10}" font-size="12">Persons</text>`}
</svg>
<figcaption><p>${text}</p>
<details><summary>The pyramid as a table</summary><table class="chart-table" aria-label="Residents by age band">
<thead><tr><th scope="col">Age</th><th scope="col">Persons</th>${pyramid.bySex ? html`<th scope="col">Males</th><th scope="col">Females</th>` : null}</tr></thead>
<tbody>${pyramid.bands.map((b) => html`<tr><td>${b.label}</td><td class="num">${fmt(b.persons, 0)}</td>${pyramid.bySex ? html`<td class="num">${fmt(b.males, 0)}</td><td class="num">${fmt(b.females, 0)}</td>` : null}</tr>`)}</tbody></table></details>
</figcaption></figure>`;
}
