/**
 * A profile page: per theme a heading and a table of every indicator with its period, count,
 * value, 95% interval, the county value, the comparison (coloured and written), the trend (symbol
 * and words), the rank among the localities and a spine chart. One template serves a locality,
 * a group of localities and the whole area; the columns that mean nothing for an area (the county compared with
 * itself, a group's rank) are left out rather than shown empty.
 */
import { type Html, html } from '../presenting/html.js';
import { type AreaChoices, type AreaPath, page } from '../presenting/layout.js';
import type { ProfileRowData, RangePoint } from '../presenting/queries.js';
import { spineChart } from './spine.js';
import { COMPARISON_MEANINGS, COMPARISON_WORDS, formatCount, formatValue, TREND_SYMBOLS, trendWords } from '../presenting/words.js';

export interface ProfileView {
  kind: 'LOCALITY' | 'LOCALITY_GROUP' | 'COUNTY' | 'CUSTOM';
  path: AreaPath;
  /** Where its CSV is (default: /profiles/<path>.csv). */
  csvHref?: string;
  areaName: string;
  /** A line under the heading: what the area is. */
  summary: string;
  county: { code: string; name: string };
  rows: readonly ProfileRowData[];
  /** Every locality's values of the same indicators, for the spine's range. */
  localities: readonly { profile: readonly RangePoint[] }[];
  choices: AreaChoices;
  /** A locality's suggested approach with its reasons (src/insight/page.ts), before the tables. */
  approach?: Html | null;
  /** Analysis sections after the tables (maps, inequality, funnel, pyramid: src/pages/analysis.ts). */
  analysis?: Html | null;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function indicatorCell(row: ProfileRowData): Html {
  const i = row.indicator;
  return html`<th scope="row" class="indicator"><details>
  <summary>${i.name}</summary>
  <dl class="metadata">
    <dt>Definition</dt><dd>${i.definition}</dd>
    <dt>Unit</dt><dd>${i.unit}</dd>
    <dt>Population</dt><dd>${i.population}</dd>
    <dt>Period</dt><dd>${row.period} (from ${row.periodStart})</dd>
    <dt>Source</dt><dd>${i.source}</dd>
    <dt>Release</dt><dd>${i.release}</dd>
    <dt>Licence</dt><dd>${i.licence}</dd>
    ${row.smallAreaLookup ? html`<dt>Small areas</dt><dd>${row.smallAreaLookup}</dd>` : null}
  </dl>
  <a href="/profiles/indicators/${encodeURIComponent(i.id)}">All localities and the county’s series</a>
</details></th>`;
}

function valueCell(row: ProfileRowData): Html {
  if (row.value !== null) {
    // An incomplete figure says so beside the value (how much of the area it covers).
    return html`<td class="num${row.incomplete ? ' incomplete' : ''}">${figure(row.value, row.indicator.unit)}${row.incomplete && row.note ? html`<span class="note">${row.note}</span>` : null}</td>`;
  }
  // A withheld value's note says so and why ("Withheld: based on a count under 5...").
  // It spans the interval's column too (a withheld value has no interval), so the reason has room.
  const text = row.suppressed ? (row.note ?? 'Withheld') : 'Not available';
  return html`<td class="withheld" colspan="2">${text}${!row.suppressed && row.note ? html`<span class="note">${row.note}</span>` : null}</td>`;
}

const dash = html`<span aria-label="none">–</span>`;

/**
 * A value in a table cell: the number (never broken) and, for units other than %, the unit on a
 * line of its own under it, so "673.9 £ a week" fits a narrow column instead of running into the
 * next one (the layout is checked in test/pages/browser.test.ts).
 */
function figure(value: number, unit: string): Html {
  return unit === '%'
    ? html`<span class="figure">${formatValue(value)}%</span>`
    : html`<span class="figure">${formatValue(value)}</span> <span class="unit">${unit}</span>`;
}

function intervalCell(row: ProfileRowData): Html {
  return row.lowerCI95 === null || row.upperCI95 === null
    ? html`<td class="num">${dash}</td>`
    : html`<td class="num"><span class="figure">${formatValue(row.lowerCI95)}</span> to <span class="figure">${formatValue(row.upperCI95)}</span></td>`;
}

function comparisonCell(row: ProfileRowData): Html {
  return html`<td class="comparison comparison-${row.comparison.toLowerCase()}">${COMPARISON_WORDS[row.comparison]}</td>`;
}

function trendCell(row: ProfileRowData): Html {
  return html`<td class="trend"><span class="symbol" aria-hidden="true">${TREND_SYMBOLS[row.trend]}</span> ${trendWords(row.trend, row.indicator.polarity)}</td>`;
}

function rangeOf(view: ProfileView, row: ProfileRowData): number[] {
  const values: number[] = [];
  for (const locality of view.localities) {
    const point = locality.profile.find((p) => p.indicator.id === row.indicator.id && p.period === row.period);
    if (point?.value !== null && point?.value !== undefined) values.push(point.value);
  }
  return values;
}

function row(view: ProfileView, data: ProfileRowData, index: number): Html {
  // A count is not drawn on a spine: a locality's count is a part of the county's, so the county
  // line would sit far outside every locality (compare counts as rates instead).
  const spine = data.indicator.valueType === 'COUNT' ? html`<span class="note">Not drawn for counts</span>` : spineChart({
    id: `spine-${index}`,
    polarity: data.indicator.polarity,
    unit: data.indicator.unit,
    range: rangeOf(view, data),
    county: view.kind === 'COUNTY' ? data.value : data.countyValue,
    marker:
      view.kind === 'COUNTY' || data.value === null
        ? null
        : { areaName: view.areaName, value: data.value, comparison: data.comparison },
  });
  return html`<tr data-indicator="${data.indicator.id}">
  ${indicatorCell(data)}
  <td>${data.period}</td>
  <td class="num">${data.numerator === null ? dash : formatCount(data.numerator)}</td>
  ${valueCell(data)}
  ${data.value === null ? null : intervalCell(data)}
  ${view.kind === 'COUNTY' ? null : html`<td class="num">${data.countyValue === null ? dash : figure(data.countyValue, data.indicator.unit)}</td>`}
  ${view.kind === 'COUNTY' ? null : comparisonCell(data)}
  ${trendCell(data)}
  ${view.kind === 'LOCALITY' ? html`<td class="num">${data.rank === null ? dash : `${data.rank} of ${data.rankOutOf}`}</td>` : null}
  <td class="spine-cell">${spine}</td>
</tr>`;
}

function themeTable(view: ProfileView, theme: string, rows: readonly { data: ProfileRowData; index: number }[]): Html {
  const id = `theme-${theme.replace(/[^a-z0-9]+/g, '-')}`;
  const compared = view.kind === 'COUNTY' ? '' : `, compared with ${view.county.name}`;
  return html`<section class="theme" aria-labelledby="${id}">
<h2 id="${id}">${capitalised(theme)}</h2>
<div class="table-scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table class="profile columns">
  <caption id="${id}-caption">${capitalised(theme)} indicators for ${view.areaName}${compared}</caption>
  <thead><tr>
    <th scope="col" class="col-indicator">Indicator</th>
    <th scope="col" class="col-period">Period</th>
    <th scope="col" class="num col-count">Count</th>
    <th scope="col" class="num col-value">Value</th>
    <th scope="col" class="num col-interval">95% interval</th>
    ${view.kind === 'COUNTY' ? null : html`<th scope="col" class="num col-county">County value</th>`}
    ${view.kind === 'COUNTY' ? null : html`<th scope="col" class="col-comparison">Compared with county</th>`}
    <th scope="col" class="col-trend">Recent trend</th>
    ${view.kind === 'LOCALITY' ? html`<th scope="col" class="num col-rank">Rank</th>` : null}
    <th scope="col" class="col-spine">Spine chart <span class="spine-key">worst ← county → best</span></th>
  </tr></thead>
  <tbody>
  ${rows.map(({ data, index }) => row(view, data, index))}
  </tbody>
</table>
</div>
</section>`;
}

function legend(view: ProfileView): Html {
  const comparisons = view.kind === 'COUNTY' ? [] : (['BETTER', 'SIMILAR', 'WORSE', 'LOWER', 'HIGHER', 'NOT_COMPARED'] as const);
  return html`<section class="legend" aria-labelledby="legend-heading">
<h2 id="legend-heading">How to read this profile</h2>
${comparisons.length > 0
    ? html`<p>Each value is compared with the ${view.county.name} value at the 95% level:</p>
<ul class="comparisons">${comparisons.map(
        (c) => html`<li><span class="swatch comparison-${c.toLowerCase()}" aria-hidden="true"></span><strong>${COMPARISON_WORDS[c]}</strong>: ${COMPARISON_MEANINGS[c]}</li>`,
      )}</ul>`
    : null}
<p>Recent trend over the last five periods (99.8% level): ↑ increasing, ↓ decreasing, → no significant change, – cannot be calculated; “getting better” or “getting worse” follows the indicator’s polarity.</p>
${view.kind === 'LOCALITY' ? html`<p>Rank: among the localities with a value, 1 is the best (the highest where higher is neither better nor worse).</p>` : null}
<p>Spine chart: the light grey bar is the range of the localities’ values, worst on the left and best on the right (lowest to highest where higher is neither better nor worse), and the darker band the middle half of them (25th to 75th percentile); the black line is ${view.county.name}${view.kind === 'COUNTY' ? '' : html`; the circle is ${view.areaName}, coloured as its comparison`}. Select an indicator’s name for its definition, source, period and licence.</p>
</section>`;
}

export function profilePage(view: ProfileView): Html {
  const themes = new Map<string, { data: ProfileRowData; index: number }[]>();
  view.rows.forEach((data, index) => {
    themes.set(data.indicator.theme, [...(themes.get(data.indicator.theme) ?? []), { data, index }]);
  });
  const sorted = [...themes.entries()].sort(([a], [b]) => a.localeCompare(b));
  const main = html`<h1>${view.areaName} <span class="kind">profile</span></h1>
<p class="summary">${view.summary}</p>
<p class="downloads"><a href="${view.csvHref ?? `/profiles/${encodeURI(view.path)}.csv`}" download>Download this profile as CSV</a> (one row per indicator and period, with both intervals, the comparison and the trend)</p>
${view.approach ?? null}
${legend(view)}
${sorted.length === 0 ? html`<p>No indicators are loaded yet.</p>` : sorted.map(([theme, rows]) => themeTable(view, theme, rows))}
${view.analysis ?? null}`;
  // A custom area is not one of the selector's areas.
  return page({ title: `${view.areaName} profile`, choices: view.choices, current: view.kind === 'CUSTOM' ? null : view.path, main });
}
