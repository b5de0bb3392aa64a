/**
 * The words a page and a CSV use for the profile's codes, one list for both so a reader sees the
 * same "Worse" on screen and in a spreadsheet. Trends are worded as the public health profiles
 * word them: a significant rise or fall, with whether that is getting better or worse where the
 * indicator has a polarity.
 */
import type { Comparison, Polarity, Trend } from './queries.js';

export const COMPARISON_WORDS: Record<Comparison, string> = {
  BETTER: 'Better',
  SIMILAR: 'Similar',
  WORSE: 'Worse',
  HIGHER: 'Higher',
  LOWER: 'Lower',
  NOT_COMPARED: 'Not compared',
};

/** What each comparison means, for the legend. */
export const COMPARISON_MEANINGS: Record<Comparison, string> = {
  BETTER: 'significantly better than the county (the county value lies outside the 95% interval)',
  SIMILAR: 'not significantly different from the county',
  WORSE: 'significantly worse than the county',
  HIGHER: 'significantly higher than the county, where higher is neither better nor worse',
  LOWER: 'significantly lower than the county, where lower is neither better nor worse',
  NOT_COMPARED: 'no comparison: no interval, a withheld value, or the county itself',
};

export function trendWords(trend: Trend, polarity: Polarity): string {
  const judged = (direction: 'Increasing' | 'Decreasing', higherIsBetter: boolean) => {
    if (polarity === 'NO_JUDGEMENT') return direction;
    const better = (direction === 'Increasing') === higherIsBetter;
    return `${direction} and getting ${better ? 'better' : 'worse'}`;
  };
  switch (trend) {
    case 'INCREASING':
      return judged('Increasing', polarity === 'HIGHER_IS_BETTER');
    case 'DECREASING':
      return judged('Decreasing', polarity === 'HIGHER_IS_BETTER');
    case 'NO_SIGNIFICANT_CHANGE':
      return 'No significant change';
    case 'NOT_ENOUGH_DATA':
      return 'Cannot be calculated';
  }
}

export const TREND_SYMBOLS: Record<Trend, string> = {
  INCREASING: '↑',
  DECREASING: '↓',
  NO_SIGNIFICANT_CHANGE: '→',
  NOT_ENOUGH_DATA: '–',
};


export const AREA_TYPE_WORDS = { LOCALITY: 'Locality', LOCALITY_GROUP: 'Group of localities', COUNTY: 'County', GROUP: 'Combined localities', CUSTOM: 'Custom area' } as const;

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A value as the profiles print it: one decimal place, whole numbers from 1,000 up. */
export function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? whole.format(value) : oneDecimal.format(value);
}

/** A count: whole, or one decimal where a split small area makes it fractional. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? whole.format(value) : oneDecimal.format(value);
}

/** A value with its unit: "12.3%" for a percentage, "4.5 per 1,000" otherwise. */
export function withUnit(value: number, unit: string): string {
  return unit === '%' ? `${formatValue(value)}%` : `${formatValue(value)} ${unit}`;
}
