/**
 * The cost of demand in an area: for each unit cost, the demand its indicator counts in the area
 * (the profile row's count: the numerator, weighted from small areas as profile.sql aggregates
 * it) times the unit cost re-based to one price year; added up by theme (the indicator's) and by
 * the partner who bears it.
 *
 * The counts come from the profile loader, so the request that shows the cost shows the same
 * indicator row with its interval, comparison with the county and trend, from the same one query.
 * A count withheld by disclosure control (small numbers) gives no cost: that line is null and
 * counted in `withheldLines`, and the totals are of the lines with a cost.
 */
import type { ProfileRow } from '../statistics/profile.js';
import { type DeflatorSeries, rebase } from './deflators.js';
import type { UnitCost } from './unit-costs.js';

export interface DemandLine {
  unitCost: UnitCost;
  /** The indicator's profile row for the area (null when it has no value for the period). */
  profile: ProfileRow | null;
  /** Units of demand: the profile row's count (null when withheld or missing). */
  count: number | null;
  /** The unit cost in the answer's price base. */
  unitCostPence: bigint;
  /** count x unit cost, to the penny (null without a count). */
  pence: bigint | null;
}

export interface DemandGroup {
  key: string;
  pence: bigint;
  lineCount: number;
}

export interface CostOfDemand {
  priceBase: string;
  pence: bigint;
  lines: DemandLine[];
  byTheme: DemandGroup[];
  byPartner: DemandGroup[];
  withheldLines: number;
}

/**
 * Count x re-based unit cost, rounded to whole pence (half away from zero). The count may be
 * fractional where a small area is split between localities; the product of a count under 10^7
 * and a unit cost under 10^8 pence is exact enough in a double to round correctly.
 */
export function demandCost(count: number, unitCostPence: bigint): bigint {
  return BigInt(Math.round(count * Number(unitCostPence)));
}

/** The cost of demand of one area from its profile rows (by indicator id). */
export function costOfDemand(
  unitCosts: readonly UnitCost[],
  rowsByIndicator: ReadonlyMap<string, ProfileRow>,
  deflators: DeflatorSeries,
  priceBase: string,
): CostOfDemand {
  const lines: DemandLine[] = unitCosts.map((unitCost) => {
    const profile = rowsByIndicator.get(unitCost.indicatorId) ?? null;
    const unitCostPence = rebase(deflators, unitCost.costPence, unitCost.priceBase, priceBase);
    const count = profile && !profile.suppressed ? profile.numerator : null;
    return { unitCost, profile, count, unitCostPence, pence: count === null ? null : demandCost(count, unitCostPence) };
  });
  const group = (keyOf: (line: DemandLine) => string): DemandGroup[] => {
    const groups = new Map<string, DemandGroup>();
    for (const line of lines) {
      if (line.pence === null) continue;
      const key = keyOf(line);
      const found = groups.get(key) ?? { key, pence: 0n, lineCount: 0 };
      found.pence += line.pence;
      found.lineCount += 1;
      groups.set(key, found);
    }
    return [...groups.values()].sort((a, b) => (a.pence === b.pence ? a.key.localeCompare(b.key) : a.pence > b.pence ? -1 : 1));
  };
  return {
    priceBase,
    pence: lines.reduce((sum, line) => sum + (line.pence ?? 0n), 0n),
    lines,
    byTheme: group((line) => line.profile?.indicator.theme ?? 'unknown'),
    byPartner: group((line) => line.unitCost.partnerName),
    withheldLines: lines.filter((line) => line.pence === null).length,
  };
}
