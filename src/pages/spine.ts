/**
 * The spine chart of one profile row, in the public health profiles' convention: the county (the
 * benchmark) is a line down the centre; a light grey bar spans the range of the localities'
 * values and a darker band inside it their 25th to 75th percentile (the middle half of the
 * localities; quantiles by Hyndman and Fan's definition 7, src/statistics/quantiles.ts), oriented
 * so the worst end is on the left and the best on the right (low to high where higher is neither
 * better nor worse); the area's own value is a circle coloured by its comparison with the county.
 * This is the convention of OHID's Fingertips spine charts ("Spine chart" in the Fingertips user
 * guide: benchmark line, range, 25th to 75th percentile). The scale is symmetric about the county, its half-width the locality furthest from
 * it, so every chart of the page reads the same way: right of the line is better.
 *
 * Inline SVG with `role="img"` and a `<title>` stating the values, so a screen reader gets the
 * chart as a sentence.
 */
import { quantileType7 } from '../statistics/quantiles.js';
import { type Html, html } from '../presenting/html.js';
import type { Comparison, Polarity } from '../presenting/queries.js';
import { COMPARISON_WORDS, withUnit } from '../presenting/words.js';

export const SPINE_WIDTH = 160;
export const SPINE_HEIGHT = 22;
const MARGIN = 8;

export interface SpineInput {
  /** The `id` of the chart's title element (unique in the page). */
  id: string;
  polarity: Polarity;
  unit: string;
  /** The localities' values (withheld ones left out). */
  range: readonly number[];
  county: number | null;
  /** The area's own value; null for the county's own page or a withheld value. */
  marker: { areaName: string; value: number; comparison: Comparison } | null;
}

/** x of a value: the county at the centre; higher to the right unless higher is worse. */
function scale(input: SpineInput, values: readonly number[]): (value: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const centre = input.county ?? (min + max) / 2;
  const half = Math.max(Math.abs(max - centre), Math.abs(min - centre)) || 1;
  const direction = input.polarity === 'HIGHER_IS_WORSE' ? -1 : 1;
  const reach = SPINE_WIDTH / 2 - MARGIN;
  return (value) => SPINE_WIDTH / 2 + (direction * (value - centre) * reach) / half;
}

function description(input: SpineInput): string {
  const parts: string[] = [];
  if (input.marker) {
    parts.push(`${input.marker.areaName}: ${withUnit(input.marker.value, input.unit)}, ${COMPARISON_WORDS[input.marker.comparison].toLowerCase()}`);
  }
  if (input.county !== null) parts.push(`county: ${withUnit(input.county, input.unit)}`);
  if (input.range.length > 0) {
    const min = Math.min(...input.range);
    const max = Math.max(...input.range);
    const [low, high] =
      input.polarity === 'NO_JUDGEMENT'
        ? ['lowest', 'highest']
        : input.polarity === 'HIGHER_IS_BETTER'
          ? ['worst', 'best']
          : ['best', 'worst'];
    parts.push(`the localities range from ${withUnit(min, input.unit)} (${low}) to ${withUnit(max, input.unit)} (${high})`);
    const band = middleHalf(input.range);
    if (band) parts.push(`the middle half from ${withUnit(band[0], input.unit)} to ${withUnit(band[1], input.unit)}`);
  }
  return parts.length > 0 ? `Spine chart. ${parts.join('; ')}.` : 'Spine chart: no values to show.';
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The 25th and 75th percentiles of the localities' values; none for fewer than two values. */
export function middleHalf(range: readonly number[]): [number, number] | null {
  if (range.length < 2) return null;
  const sorted = [...range].sort((a, b) => a - b);
  return [quantileType7(sorted, 0.25)!, quantileType7(sorted, 0.75)!];
}

/** A horizontal bar between two values, at least 1 unit wide so a narrow band still shows. */
function span(x: (value: number) => number, from: number, to: number, className: string): Html {
  const ends = [x(from), x(to)];
  const left = Math.min(...ends);
  return html`<rect class="${className}" x="${round(left)}" y="6" width="${round(Math.max(Math.max(...ends) - left, 1))}" height="10"/>`;
}

export function spineChart(input: SpineInput): Html {
  const values = [...input.range, ...(input.county === null ? [] : [input.county]), ...(input.marker ? [input.marker.value] : [])];
  const x = values.length > 0 ? scale(input, values) : () => SPINE_WIDTH / 2;
  const bar = input.range.length > 0 ? span(x, Math.min(...input.range), Math.max(...input.range), 'spine-range') : null;
  const band = middleHalf(input.range);
  const middle = band ? span(x, band[0], band[1], 'spine-iqr') : null;
  const centre =
    input.county === null ? null : html`<line class="spine-county" x1="${SPINE_WIDTH / 2}" x2="${SPINE_WIDTH / 2}" y1="2" y2="${SPINE_HEIGHT - 2}"/>`;
  const marker = input.marker
    ? html`<circle class="spine-marker comparison-${input.marker.comparison.toLowerCase()}" data-comparison="${input.marker.comparison}" cx="${round(x(input.marker.value))}" cy="${SPINE_HEIGHT / 2}" r="5"/>`
    : null;
  return html`<svg class="spine" role="img" aria-labelledby="${input.id}" width="${SPINE_WIDTH}" height="${SPINE_HEIGHT}" viewBox="0 0 ${SPINE_WIDTH} ${SPINE_HEIGHT}"><title id="${input.id}">${description(input)}</title>${bar}${middle}${centre}${marker}</svg>`;
}
