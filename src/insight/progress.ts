/**
 * Priority progress: for each live priority, each evidence indicator in each of its places (its
 * locality, the localities of its service area, or the county for a county board): the figure
 * when it went live (the latest period starting on or before that day), the latest figure, the
 * change with its 95% and 99.8% intervals (change.ts: MOVER; Newcombe's method 10 for
 * proportions), whether the change is significant and in which direction by polarity, the recent
 * trend over the periods since it went live (the profiles' trend test, trend.ts, over the last
 * five of them: NOT_ENOUGH_DATA under five), and the cost of demand then and now for each unit
 * cost counted by the indicator (costs/demand.ts, one price base).
 */
import { costOfDemand, type DemandLine } from '../costs/demand.js';
import type { DeflatorSeries } from '../costs/deflators.js';
import type { UnitCost } from '../costs/unit-costs.js';
import type { TrendDirection } from '../statistics/methods.js';
import { consecutive, type PeriodKind, parsePeriod } from '../statistics/period.js';
import type { ProfileRow } from '../statistics/profile.js';
import { recentTrend } from '../statistics/trend.js';
import { type DifferenceInterval, differenceInterval, excludesZero } from './change.js';
import type { LivePriority } from './records.js';

export const CHANGE_VERDICTS = ['IMPROVED', 'WORSENED', 'INCREASED', 'DECREASED', 'NO_SIGNIFICANT_CHANGE', 'NO_NEWER_FIGURE', 'NOT_COMPARABLE'] as const;
export type ChangeVerdict = (typeof CHANGE_VERDICTS)[number];

export const CHANGE_METHOD =
  'MOVER (Zou and Donner 2008) from each figure’s own limits: Newcombe’s hybrid score interval (1998, method 10) for proportions (Wilson limits), MOVER with Byar’s limits for rates and counts, the normal interval for means; the two figures are treated as independent.';

export interface CostThenAndNow {
  unitCost: UnitCost;
  then: DemandLine;
  now: DemandLine;
  priceBase: string;
}

export interface EvidenceProgress {
  indicatorId: string;
  area: { kind: 'LOCALITY' | 'COUNTY'; code: string };
  baseline: ProfileRow | null;
  latest: ProfileRow | null;
  change95: DifferenceInterval | null;
  change998: DifferenceInterval | null;
  verdict: ChangeVerdict;
  /** Significant at 99.8% too (the stronger grade). */
  significantAt998: boolean;
  trendSince: TrendDirection;
  periodsSince: number;
  costs: CostThenAndNow[];
  note: string | null;
}

export interface PriorityProgress {
  priority: LivePriority;
  evidence: EvidenceProgress[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function limits(row: ProfileRow, level: 95 | 998) {
  const lower = level === 95 ? row.lowerCI95 : row.lowerCI998;
  const upper = level === 95 ? row.upperCI95 : row.upperCI998;
  return row.value === null || lower === null || upper === null ? null : { value: row.value, lower, upper };
}

function verdictOf(row: ProfileRow, interval: DifferenceInterval): ChangeVerdict {
  if (!excludesZero(interval)) return 'NO_SIGNIFICANT_CHANGE';
  const rose = interval.lower > 0;
  const { polarity } = row.indicator;
  if (polarity === 'NO_JUDGEMENT') return rose ? 'INCREASED' : 'DECREASED';
  return rose === (polarity === 'HIGHER_IS_BETTER') ? 'IMPROVED' : 'WORSENED';
}

/** The progress of one indicator in one area from its whole series (oldest first). */
export function evidenceProgress(
  series: readonly ProfileRow[],
  wentLiveOn: Date,
  area: EvidenceProgress['area'],
  indicatorId: string,
  costs: { unitCosts: readonly UnitCost[]; deflators: DeflatorSeries; priceBase: string | null },
): EvidenceProgress {
  const live = day(wentLiveOn);
  const published = series.filter((row) => !row.suppressed && row.value !== null);
  const baseline = [...published].reverse().find((row) => row.periodStart <= live) ?? null;
  const latest = published.at(-1) ?? null;
  const empty = { indicatorId, area, baseline, latest, change95: null, change998: null, significantAt998: false, trendSince: 'NOT_ENOUGH_DATA' as const, periodsSince: 0, costs: [] };
  if (!latest) return { ...empty, verdict: 'NOT_COMPARABLE', note: 'No published figure for this indicator here (missing, or withheld).' };
  if (!baseline) return { ...empty, verdict: 'NOT_COMPARABLE', note: `No published figure from before it went live (${live}): the series starts ${published[0]!.period}.` };

  // The periods since it went live, baseline included: the trend test takes the last five of them.
  const since = series.filter((row) => row.periodStart >= baseline.periodStart);
  const points = since.map((row) => ({ row, period: parsePeriod(row.period) }));
  const oneKind = points.every((p) => p.period) && consecutive(points.map((p) => ({ kind: p.period!.kind as PeriodKind, index: p.period!.index })));
  const trendSince: TrendDirection =
    !oneKind || since.some((row) => row.suppressed)
      ? 'NOT_ENOUGH_DATA'
      : recentTrend(
          latest.indicator.valueType,
          points.map(({ row, period }) => ({ index: period!.index ?? Number.NaN, numerator: row.numerator, denominator: row.denominator, value: row.value, lower95: row.lowerCI95, upper95: row.upperCI95 })),
        ).direction;

  const unitCosts = costs.unitCosts.filter((c) => c.indicatorId === indicatorId);
  const costLines: CostThenAndNow[] =
    costs.priceBase === null
      ? []
      : unitCosts.map((unitCost) => ({
          unitCost,
          then: costOfDemand([unitCost], new Map([[indicatorId, baseline]]), costs.deflators, costs.priceBase!).lines[0]!,
          now: costOfDemand([unitCost], new Map([[indicatorId, latest]]), costs.deflators, costs.priceBase!).lines[0]!,
          priceBase: costs.priceBase!,
        }));

  const base = { ...empty, trendSince, periodsSince: since.length - 1, costs: costLines };
  if (baseline === latest) {
    return { ...base, verdict: 'NO_NEWER_FIGURE', note: `No figure newer than ${latest.period}, the latest when it went live.` };
  }
  const l95 = [limits(baseline, 95), limits(latest, 95)] as const;
  const l998 = [limits(baseline, 998), limits(latest, 998)] as const;
  if (!l95[0] || !l95[1] || !l998[0] || !l998[1]) {
    return { ...base, verdict: 'NOT_COMPARABLE', note: 'A figure has no confidence interval, so the change cannot be tested.' };
  }
  const change95 = differenceInterval(l95[0], l95[1]);
  const change998 = differenceInterval(l998[0], l998[1]);
  const verdict = verdictOf(latest, change95);
  return {
    ...base,
    change95,
    change998,
    verdict,
    significantAt998: verdict !== 'NO_SIGNIFICANT_CHANGE' && excludesZero(change998),
    note: null,
  };
}
