/**
 * A funnel plot of the localities from their profile rows: the county value is the centre line
 * (the funnel's benchmark, as the profiles compare with the county), each locality's limits at its
 * own denominator, and a curve of limits to draw. Proportions and rates only (the methods of
 * funnel.ts); a withheld locality is not plotted, a withheld county value gives no funnel.
 */
import type { Indicator } from '../statistics/catalogue.js';
import type { ProfileRow } from '../statistics/profile.js';
import { type FunnelLimits, type FunnelPosition, type FunnelStatistic, funnelCurve, funnelLimits, funnelPosition } from './funnel.js';

export interface FunnelPoint {
  localityCode: string;
  localityName: string;
  value: number | null;
  denominator: number | null;
  limits: FunnelLimits | null;
  position: FunnelPosition | 'NOT_PLOTTED';
}

export interface FunnelPlot {
  indicator: Indicator;
  period: string | null;
  countyValue: number | null;
  points: FunnelPoint[];
  curve: FunnelLimits[];
  note: string | null;
}

const STATISTIC: Partial<Record<Indicator['valueType'], FunnelStatistic>> = { PROPORTION: 'PROPORTION', RATE: 'RATE' };

export function funnelPlotOf(indicator: Indicator, county: ProfileRow | null, localities: readonly ProfileRow[]): FunnelPlot {
  const statistic = STATISTIC[indicator.valueType];
  const empty = (note: string): FunnelPlot => ({
    indicator,
    period: county?.period ?? null,
    countyValue: county?.value ?? null,
    points: [],
    curve: [],
    note,
  });
  if (indicator.valueType === 'DSR') return empty('No funnel plot for a directly standardised rate: its funnel limits are not computed here.');
  if (!statistic || indicator.aggregation !== 'RATIO') return empty('Funnel plots are drawn for proportions and rates.');
  if (!county || county.value === null || !county.numerator || !county.denominator) return empty('The county value is withheld or missing.');
  // calculate_funnel_limits: the baseline is sum(numerators) / sum(denominators).
  const benchmark = county.numerator / county.denominator;
  const points = [...localities]
    .sort((a, b) => a.area.name.localeCompare(b.area.name))
    .map((row): FunnelPoint => {
      const base = { localityCode: row.area.code, localityName: row.area.name, value: row.value, denominator: row.denominator };
      if (row.suppressed || row.value === null || !row.denominator) return { ...base, limits: null, position: 'NOT_PLOTTED' };
      const limits = funnelLimits(statistic, benchmark, row.denominator, indicator.multiplier);
      return { ...base, limits, position: funnelPosition(row.value, limits) };
    });
  const denominators = points.flatMap((p) => (p.denominator ? [p.denominator] : []));
  const curve = denominators.length
    ? funnelCurve(statistic, benchmark, indicator.multiplier, Math.min(...denominators) * 0.5, Math.max(...denominators) * 1.5)
    : [];
  return { indicator, period: county.period, countyValue: county.value, points, curve, note: null };
}
