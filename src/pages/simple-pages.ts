/**
 * The smaller pages: the index of areas (/profiles), one indicator across the localities
 * (/profiles/indicators/<id>), and the error pages (404 and the rest), all in the same frame.
 */
import { type Html, html } from '../presenting/html.js';
import { type AreaChoices, localitySections, page } from '../presenting/layout.js';
import type { IndicatorData, LocalityListItem, ProfileRowData } from '../presenting/queries.js';
import { COMPARISON_WORDS, formatValue, trendWords, withUnit } from '../presenting/words.js';

export function indexPage(choices: AreaChoices & { customAreas?: { totalCount: number; edges: { node: { id: string; name: string } }[] } }): Html {
  const link = (path: string, label: string) =>
    html`<li><a href="/profiles/${path}">${label}</a> <a class="csv" href="/profiles/${path}.csv" download aria-label="${label} as CSV">CSV</a></li>`;
  const main = html`<h1>Locality profiles</h1>
<p>Key statistics for each locality of ${choices.county.name}, its groups of localities and the whole area, with confidence intervals, comparisons with the county, trends and ranks. Every table can be downloaded as CSV; <a href="/profiles.csv" download>all localities in one CSV</a>.</p>
<h2>County</h2>
<ul>${link('county', choices.county.name)}</ul>
${choices.county.groupings.map(
  (grouping) => html`<h2>${grouping.name}</h2>
<ul>${grouping.groups.map((g) => link(g.areaCode, g.name))}</ul>`,
)}
${localitySections(choices).map(
  (section) => html`<h2>${section.name}</h2>
<ul>${section.localities.map((l) => link(encodeURIComponent(l.code), l.name))}</ul>`,
)}
${choices.customAreas && choices.customAreas.totalCount > 0
    ? html`<h2>Custom areas</h2>
<p>Areas partners saved from small areas, that you may see${choices.customAreas.totalCount > choices.customAreas.edges.length ? ` (the first ${choices.customAreas.edges.length} of ${choices.customAreas.totalCount} by name)` : ''}.</p>
<ul>${choices.customAreas.edges.map(
        ({ node }) =>
          html`<li><a href="/custom-areas/${encodeURIComponent(node.id)}">${node.name}</a> <a class="csv" href="/custom-areas/${encodeURIComponent(node.id)}.csv" download aria-label="${node.name} as CSV">CSV</a></li>`,
      )}</ul>`
    : null}`;
  return page({ title: 'Locality profiles', choices, current: null, main });
}

const interval = (row: ProfileRowData) =>
  row.lowerCI95 === null || row.upperCI95 === null ? '–' : `${formatValue(row.lowerCI95)} to ${formatValue(row.upperCI95)}`;
const value = (row: ProfileRowData) => (row.value === null ? (row.note ?? 'Not available') : withUnit(row.value, row.indicator.unit));

export function indicatorPage(
  indicator: IndicatorData & { multiplier: number; aggregation: string; series: readonly ProfileRowData[] },
  choices: { county: AreaChoices['county']; localities: readonly (LocalityListItem & { profile: readonly ProfileRowData[] })[] },
): Html {
  const latest = choices.localities.map((l) => ({ locality: l, row: l.profile[l.profile.length - 1] }));
  const main = html`<h1>${indicator.name}</h1>
<dl class="metadata wide">
  <dt>Definition</dt><dd>${indicator.definition}</dd>
  <dt>Theme</dt><dd>${indicator.theme}</dd>
  <dt>Unit</dt><dd>${indicator.unit}</dd>
  <dt>Population</dt><dd>${indicator.population}</dd>
  <dt>Polarity</dt><dd>${indicator.polarity === 'NO_JUDGEMENT' ? 'Higher is neither better nor worse' : indicator.polarity === 'HIGHER_IS_BETTER' ? 'Higher is better' : 'Higher is worse'}</dd>
  <dt>Source</dt><dd>${indicator.source}</dd>
  <dt>Release</dt><dd>${indicator.release}</dd>
  <dt>Licence</dt><dd>${indicator.licence}</dd>
</dl>
<p class="downloads"><a href="/profiles.csv?indicators=${encodeURIComponent(indicator.id)}&amp;county=true&amp;groups=true" download>Download every area’s value as CSV</a></p>
<h2 id="localities-heading">The localities</h2>
<table class="profile">
  <caption>${indicator.name}: every locality, latest period</caption>
  <thead><tr><th scope="col">Locality</th><th scope="col">Period</th><th scope="col" class="num">Value</th><th scope="col" class="num">95% interval</th><th scope="col">Compared with ${choices.county.name}</th><th scope="col" class="num">Rank</th></tr></thead>
  <tbody>${latest.map(({ locality, row }) =>
    row
      ? html`<tr><th scope="row"><a href="/profiles/${encodeURIComponent(locality.code)}">${locality.name}</a></th><td>${row.period}</td><td class="num">${value(row)}</td><td class="num">${interval(row)}</td><td class="comparison comparison-${row.comparison.toLowerCase()}">${COMPARISON_WORDS[row.comparison]}</td><td class="num">${row.rank === null ? '–' : `${row.rank} of ${row.rankOutOf}`}</td></tr>`
      : html`<tr><th scope="row">${locality.name}</th><td colspan="5">No value</td></tr>`,
  )}</tbody>
</table>
<h2>${choices.county.name} over time</h2>
<table class="profile">
  <caption>${indicator.name}: ${choices.county.name}, every period</caption>
  <thead><tr><th scope="col">Period</th><th scope="col" class="num">Value</th><th scope="col" class="num">95% interval</th><th scope="col">Recent trend</th></tr></thead>
  <tbody>${indicator.series.map(
    (row) => html`<tr><th scope="row">${row.period}</th><td class="num">${value(row)}</td><td class="num">${interval(row)}</td><td>${trendWords(row.trend, row.indicator.polarity)}</td></tr>`,
  )}</tbody>
</table>`;
  return page({ title: indicator.name, choices, current: null, main });
}

export function errorPage(status: number, message: string, choices: AreaChoices | null = null): Html {
  const heading = status === 404 ? 'Page not found' : status < 500 ? 'This request cannot be answered' : 'Something went wrong';
  const main = html`<h1>${heading}</h1>
<p>${message}</p>
<p><a href="/profiles">See every locality’s profile</a>.</p>`;
  return page({ title: heading, choices, current: null, main });
}
