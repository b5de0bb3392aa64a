/**
 * Need, as a profile row shows it: how the area compares with the county at two levels (95% and
 * 99.8%, as the public health profiles grade it; METHODS.md "Comparison") and whether its recent
 * trend is getting worse (a significant rise where higher is worse, a fall where higher is
 * better). Indicators without a judgement (NO_JUDGEMENT polarity, counts, withheld values) show
 * no need either way.
 */
import { compareWithBenchmarkAtTwoLevels } from '../statistics/methods.js';
import type { ProfileRow } from '../statistics/profile.js';

export const SIGNIFICANCES = ['WORSE_998', 'WORSE_95', 'SIMILAR', 'BETTER_95', 'BETTER_998', 'NOT_JUDGED'] as const;
export type Significance = (typeof SIGNIFICANCES)[number];

/** The confidence level at which "significantly worse" is judged. */
export type ConfidenceLevel = 'CONFIDENCE_95' | 'CONFIDENCE_998';

export interface Judgement {
  row: ProfileRow;
  significance: Significance;
  /** A significant recent trend in the worse direction. */
  worsening: boolean;
}

export function significanceOf(row: ProfileRow): Significance {
  if (row.area.kind === 'COUNTY' || row.suppressed || row.value === null || row.indicator.polarity === 'NO_JUDGEMENT') return 'NOT_JUDGED';
  if (row.lowerCI95 === null || row.upperCI95 === null || row.lowerCI998 === null || row.upperCI998 === null) return 'NOT_JUDGED';
  if (row.comparison !== 'BETTER' && row.comparison !== 'WORSE' && row.comparison !== 'SIMILAR') return 'NOT_JUDGED';
  const { comparison, at998 } = compareWithBenchmarkAtTwoLevels(
    { lower95: row.lowerCI95, upper95: row.upperCI95, lower998: row.lowerCI998, upper998: row.upperCI998 },
    row.countyValue,
    row.indicator.polarity,
  );
  if (comparison === 'WORSE') return at998 ? 'WORSE_998' : 'WORSE_95';
  if (comparison === 'BETTER') return at998 ? 'BETTER_998' : 'BETTER_95';
  return comparison === 'SIMILAR' ? 'SIMILAR' : 'NOT_JUDGED';
}

export function isWorsening(row: ProfileRow): boolean {
  const { polarity } = row.indicator;
  return (row.trend === 'INCREASING' && polarity === 'HIGHER_IS_WORSE') || (row.trend === 'DECREASING' && polarity === 'HIGHER_IS_BETTER');
}

export function judge(row: ProfileRow): Judgement {
  return { row, significance: significanceOf(row), worsening: isWorsening(row) };
}

/** Significantly worse at the level: at 95% both grades count, at 99.8% only the stronger. */
export function isWorseAt(significance: Significance, level: ConfidenceLevel): boolean {
  return significance === 'WORSE_998' || (level === 'CONFIDENCE_95' && significance === 'WORSE_95');
}

/** The row shows need: significantly worse at the level, or getting worse. */
export const showsNeed = (judgement: Judgement, level: ConfidenceLevel): boolean =>
  isWorseAt(judgement.significance, level) || judgement.worsening;

/** The row can say whether there is need (a judged comparison, or a trend). */
export const isJudged = (judgement: Judgement): boolean =>
  judgement.significance !== 'NOT_JUDGED' || judgement.worsening;
