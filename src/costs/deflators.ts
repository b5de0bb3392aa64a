/**
 * Price bases and the GDP deflator. HM Treasury's Green Book asks that costs and benefits from
 * different years be expressed in one year's prices before they are added ("real" terms), using
 * the GDP deflator at market prices (HM Treasury, "GDP deflators at market prices, and money
 * GDP"; The Green Book 2022, section 5 and Annex A6). The series is loaded as data
 * (import/deflators.ts): one index per financial year, any base, since only ratios are used:
 *
 *   amount in year T prices = amount in year B prices x deflator[T] / deflator[B]
 *
 * rounded to whole pence, half to even. Indices are exact decimals (6 places), so re-basing is
 * integer arithmetic.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { parsePeriod } from '../statistics/period.js';
import { divideHalfEven, scaledDecimal } from './money.js';

export const INDEX_SCALE = 6;

/** A financial year label in its one canonical spelling ("2019/20"); null if it is not one. */
export function financialYear(text: string): { label: string; startYear: number; start: string } | null {
  const period = parsePeriod(text);
  if (!period || period.kind !== 'FINANCIAL_YEAR') return null;
  const year = period.index!;
  return { label: `${year}/${String((year + 1) % 100).padStart(2, '0')}`, startYear: year, start: period.start };
}

export interface DeflatorSeries {
  /** Index of each financial year, scaled by 10^INDEX_SCALE. */
  readonly index: ReadonlyMap<string, bigint>;
  /** The latest year of the series (the default price base), or null when none is loaded. */
  readonly latest: string | null;
  readonly series: string | null;
}

/** The loaded series (one query). */
export async function loadDeflators(db: AnalyticsQueries): Promise<DeflatorSeries> {
  const rows = await db.query<{ financial_year: string; index_value: string; series: string }>(
    `SELECT financial_year, CAST(index_value AS VARCHAR) AS index_value, series
     FROM gdp_deflator ORDER BY year_start`,
  );
  return {
    index: new Map(rows.map((row) => [row.financial_year, scaledDecimal(row.index_value, INDEX_SCALE)])),
    latest: rows.at(-1)?.financial_year ?? null,
    series: rows.at(-1)?.series ?? null,
  };
}

export class UnknownPriceBaseError extends Error {
  constructor(readonly priceBase: string) {
    super(`no GDP deflator is loaded for ${priceBase}`);
  }
}

/** `pence` in `from` prices re-based to `to` prices (exact ratio, rounded half to even). */
export function rebase(deflators: DeflatorSeries, pence: bigint, from: string, to: string): bigint {
  if (from === to) return pence;
  const base = deflators.index.get(from);
  if (base === undefined) throw new UnknownPriceBaseError(from);
  const target = deflators.index.get(to);
  if (target === undefined) throw new UnknownPriceBaseError(to);
  return divideHalfEven(pence * target, base);
}
