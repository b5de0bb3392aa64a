/**
 * What makes one small-area observation valid for its indicator, and the row it becomes.
 *
 * The observation table holds what profile.sql sums, so each aggregation fixes what a row needs:
 * - SUM: the count as `numerator` (a file may give it as `value` only); `value` = the numerator.
 * - RATIO: `numerator` and `denominator` (above 0); `value` = numerator / denominator x multiplier,
 *   computed when empty, checked against the numbers when given. A PROPORTION's numerator is at
 *   most its denominator.
 * - WEIGHTED_MEAN: `denominator` = the weight (the population named by the indicator's
 *   weightPopulation, above 0) and `numerator` = value x weight (value / multiplier x weight):
 *   a file may give the mean as `value` with its weight, and the numerator is computed here.
 *   `standard_error` is given in the value's units (a percentage point for a percentage), as the
 *   README documents, and stored, like the numerator, divided by the multiplier: the standard
 *   error of numerator / denominator, which profile.sql multiplies back.
 * - NOT_ADDITIVE: a `value`; numerator and denominator are kept as given.
 * A DSR's rows are RATIO rows, one per age band (commit.ts keeps them apart and adds their totals).
 * Counts (COUNT, PROPORTION, RATE, DSR) are never negative; a standard error is never negative.
 */
import type { Indicator } from '../catalogue.js';
import { parsePeriod } from '../period.js';

/** Where a row came from, for its problems. */
export interface SourceLine {
  file: string;
  line: number;
}

export interface ObservationInput {
  indicatorId: string;
  areaCode: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Decimal places the value was written with (a published value is rounded): absent when computed. */
  valueDecimals?: number;
  standardError: number | null;
  /** A DSR's age band (ESP2013, '0-4' ... '90+'); absent or null for every other value type. */
  ageBand?: string | null;
  /** The release the value comes from; null: the indicator's catalogue release. */
  release: string | null;
  source: SourceLine;
}

/** The observation table's columns, in table order (src/db/analytics-migrations/), for the appender. */
export type ObservationRow = [
  indicatorId: string,
  smallAreaCode: string,
  period: string,
  periodKind: string,
  periodStart: string,
  periodIndex: number | null,
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  standardError: number | null,
  release: string,
];

const COUNTED = new Set<Indicator['valueType']>(['COUNT', 'PROPORTION', 'RATE', 'DSR']);

/** Whether a value as written agrees with the one the numbers give, allowing for its rounding. */
function agrees(given: number, computed: number, decimals: number | undefined): boolean {
  const rounding = decimals === undefined ? 0 : 0.5 * 10 ** -decimals;
  return Math.abs(given - computed) <= rounding + 1e-9 * Math.max(1, Math.abs(computed));
}

const show = (n: number) => String(Number(n.toPrecision(12)));

/** The row an observation becomes, or the reasons it cannot be one. */
export function observationRow(
  input: ObservationInput,
  indicator: Indicator,
): { row: ObservationRow; reasons: [] } | { row: null; reasons: string[] } {
  const reasons: string[] = [];
  const period = parsePeriod(input.period);
  if (!period) {
    reasons.push(
      `period "${input.period}" is not a year (2019), a financial year (2019/20), a quarter (2019 Q3), a month (2019-07) or a date (2021-03-21)`,
    );
  }
  let { numerator: x, value: v } = input;
  const { denominator: n, standardError: se } = input;
  const { valueType, aggregation, multiplier: m } = indicator;
  const what = `a ${valueType.toLowerCase()} (${aggregation})`;

  if (COUNTED.has(valueType)) {
    if (x !== null && x < 0) reasons.push(`numerator ${show(x)} is negative: a count is 0 or more`);
    if (n !== null && n < 0) reasons.push(`denominator ${show(n)} is negative: a count is 0 or more`);
  }
  if (se !== null && se < 0) reasons.push(`standard_error ${show(se)} is negative`);

  switch (aggregation) {
    case 'SUM':
      if (x === null && v === null) reasons.push(`${what} needs its count as the numerator (or the value)`);
      else if (x === null) x = v;
      else if (v !== null && !agrees(v, x, input.valueDecimals)) reasons.push(`value ${show(v)} is not the numerator ${show(x)}`);
      v = x;
      break;
    case 'RATIO':
      if (x === null || n === null) {
        reasons.push(`${what} needs a numerator and a denominator`);
      } else if (!(n > 0)) {
        reasons.push(`denominator ${show(n)} must be above 0`);
      } else if (valueType === 'PROPORTION' && x > n) {
        reasons.push(`numerator ${show(x)} is above the denominator ${show(n)}: a proportion is at most 100%`);
      } else {
        const computed = (x / n) * m;
        if (v !== null && !agrees(v, computed, input.valueDecimals)) {
          reasons.push(`value ${show(v)} does not match numerator / denominator x ${show(m)} = ${show(computed)}`);
        }
        v = computed;
      }
      break;
    case 'WEIGHTED_MEAN':
      if (n === null || !(n > 0)) {
        reasons.push(`${what} needs its weight (${indicator.weightPopulation}) as the denominator, above 0`);
      } else if (x === null && v === null) {
        reasons.push(`${what} needs the value (or the numerator: value x weight)`);
      } else if (x === null) {
        x = (v! / m) * n;
      } else {
        const computed = (x / n) * m;
        if (v !== null && !agrees(v, computed, input.valueDecimals)) {
          reasons.push(`value ${show(v)} does not match numerator / weight x ${show(m)} = ${show(computed)}`);
        }
        v = computed;
      }
      break;
    case 'NOT_ADDITIVE':
      if (v === null) reasons.push(`${what} needs a value`);
      break;
  }

  if (reasons.length > 0 || !period) return { row: null, reasons };
  return {
    row: [
      indicator.id,
      input.areaCode,
      period.label,
      period.kind,
      period.start,
      period.index,
      x,
      n,
      v,
      // One convention: the file's standard error is in the value's units; stored without the multiplier.
      se === null ? null : aggregation === 'WEIGHTED_MEAN' ? se / m : se,
      input.release ?? indicator.release,
    ],
    reasons: [],
  };
}
