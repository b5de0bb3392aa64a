/**
 * Who benefits from an intervention, and who pays: the appraisal split by partner, as the GMCA /
 * New Economy cost benefit analysis model does (HM Treasury, Public Service Transformation Network
 * and New Economy, "Supporting public service transformation: cost benefit analysis guidance for
 * local partnerships", April 2014, chapters 5 and 7; GMCA Research, "Cost Benefit Analysis").
 *
 * - Each saving goes to the partner that bears the unit cost (the unit cost's agency) and is split
 *   into its fiscal (to that partner's budget), economic (to people and businesses) and social
 *   (well-being) value, from the unit cost's own parts. Where the source does not split a unit
 *   cost, the part(s) it leaves out get the remainder in the order fiscal, economic, social (a
 *   cost with no split is all fiscal: what the agency spends on the unit of demand).
 * - Only fiscal savings can be cashable (a budget released); the line's `cashableShare` is the
 *   share of its fiscal saving that is, the rest of it non-cashable (capacity freed).
 * - Each cost year is paid by the partner it names (none: "not assigned").
 * - The same discounting, additionality, optimism bias, lag and drop-off as the appraisal
 *   (appraisal.ts), so the partners' values add up to the appraisal's present value of benefits
 *   (full basis) and costs.
 * - Per partner: net present budget impact = PV(fiscal savings) - PV(costs) (the model's
 *   "net present budget impact"), financial return on investment = PV(fiscal) / PV(costs), public
 *   value return = PV(fiscal + economic + social) / PV(costs), and the payback year: the first year
 *   whose cumulative discounted fiscal saving less costs is 0 or more, for a partner that pays
 *   anything (null when it never pays back within the period, or pays nothing).
 * - The partnership: which partners invest (budget impact below zero) while others save (above).
 */
import { additionalShare, type Appraisal, discountFactors, unitsAvoided, type ValueParts } from './appraisal.js';

export type PartnerPosition = 'INVESTS' | 'SAVES' | 'NEUTRAL';

export interface PartnerImpact {
  /** The partner's name; null for costs not assigned to a partner. */
  partner: string | null;
  presentValueCosts: number;
  fiscal: number;
  cashable: number;
  nonCashable: number;
  economic: number;
  social: number;
  netPresentBudgetImpact: number;
  financialReturn: number | null;
  publicValueReturn: number | null;
  paybackYear: number | null;
  position: PartnerPosition;
}

export interface WhoBenefits {
  partners: PartnerImpact[];
  /** What the investing partners put in net of their own savings (positive pounds). */
  netInvested: number;
  /** What the saving partners gain net of their own costs. */
  netSavedByOthers: number;
  /** True when at least one partner invests while another saves. */
  oneInvestsAnotherSaves: boolean;
}

/** A unit value's fiscal, economic and social parts from the source's (possibly partial) split. */
export function splitValue(total: number, parts: { fiscal: number | null; economic: number | null; social: number | null }): ValueParts {
  const given = (parts.fiscal ?? 0) + (parts.economic ?? 0) + (parts.social ?? 0);
  let remainder = total - given;
  const take = (part: number | null) => {
    if (part !== null) return part;
    const value = remainder;
    remainder = 0;
    return value;
  };
  const fiscal = take(parts.fiscal);
  const economic = take(parts.economic);
  const social = take(parts.social);
  return { fiscal, economic, social };
}

/** Split the appraisal's scenario with reduction factor `reductionFactor` by partner. */
export function whoBenefits(input: Appraisal, reductionFactor = 1): WhoBenefits {
  const factors = discountFactors(input.years, input.discounting);
  const share = additionalShare(input.additionality) * (1 - input.optimismBias.benefits);
  const rows = new Map<string, PartnerImpact & { cumulative: number }>();
  const row = (partner: string | null) => {
    const key = partner ?? '';
    let found = rows.get(key);
    if (!found) {
      found = {
        partner, presentValueCosts: 0, fiscal: 0, cashable: 0, nonCashable: 0, economic: 0, social: 0,
        netPresentBudgetImpact: 0, financialReturn: null, publicValueReturn: null, paybackYear: null, position: 'NEUTRAL', cumulative: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const line of input.reductions) row(line.bearer ?? null);
  for (const cost of input.costs) row(cost.partner ?? null);
  for (let year = 0; year <= input.years; year += 1) {
    const factor = factors[year]!;
    const flow = new Map<PartnerImpact, number>();
    for (const line of input.reductions) {
      const units = unitsAvoided(line, year, reductionFactor) * share;
      if (units === 0) continue;
      const parts = line.valueParts ?? { fiscal: line.unitValue, economic: 0, social: 0 };
      const r = row(line.bearer ?? null);
      const fiscal = units * parts.fiscal * factor;
      r.fiscal += fiscal;
      r.cashable += fiscal * line.cashableShare;
      r.nonCashable += fiscal * (1 - line.cashableShare);
      r.economic += units * parts.economic * factor;
      r.social += units * parts.social * factor;
      flow.set(r, (flow.get(r) ?? 0) + fiscal);
    }
    for (const cost of input.costs) {
      if (cost.year !== year) continue;
      const r = row(cost.partner ?? null);
      const discounted = (cost.setUp + cost.running) * (1 + input.optimismBias.costs) * factor;
      r.presentValueCosts += discounted;
      flow.set(r, (flow.get(r) ?? 0) - discounted);
    }
    for (const r of rows.values()) {
      r.cumulative += flow.get(r) ?? 0;
      if (r.paybackYear === null && r.presentValueCosts > 0 && r.cumulative >= 0) r.paybackYear = year;
    }
  }
  const partners: PartnerImpact[] = [...rows.values()].map(({ cumulative: _, ...r }) => {
    const impact = r.fiscal - r.presentValueCosts;
    const costs = r.presentValueCosts;
    return {
      ...r,
      // A partner that pays nothing has no payback; one that only pays never pays back.
      paybackYear: costs > 0 ? r.paybackYear : null,
      netPresentBudgetImpact: impact,
      financialReturn: costs > 0 ? r.fiscal / costs : null,
      publicValueReturn: costs > 0 ? (r.fiscal + r.economic + r.social) / costs : null,
      position: impact < -0.005 ? 'INVESTS' : impact > 0.005 ? 'SAVES' : 'NEUTRAL',
    };
  });
  partners.sort((a, b) => a.netPresentBudgetImpact - b.netPresentBudgetImpact || (a.partner ?? '').localeCompare(b.partner ?? ''));
  const netInvested = -partners.filter((p) => p.position === 'INVESTS').reduce((sum, p) => sum + p.netPresentBudgetImpact, 0);
  const netSavedByOthers = partners.filter((p) => p.position === 'SAVES').reduce((sum, p) => sum + p.netPresentBudgetImpact, 0);
  return { partners, netInvested, netSavedByOthers, oneInvestsAnotherSaves: netInvested > 0 && netSavedByOthers > 0 };
}
