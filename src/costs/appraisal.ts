/**
 * Appraisal of an intervention, following HM Treasury's Green Book (2022): pure functions, money
 * in pounds as numbers here (rounded to pence only at the API boundary), one price base.
 *
 * - Discounting (Green Book 5.32-5.36 and Table 8, Annex A6): the social time preference rate,
 *   3.5% a year for years 0-30, 3.0% for 31-75, 2.5% for 76-125, 2.0% for 126-200, 1.5% for
 *   201-300 and 1.0% beyond; the factor of year t is the product of 1/(1 + r) over years 1..t, so
 *   year 40's is 1/(1.035^30 x 1.03^10) = 0.265105. Year 0 is today (factor 1).
 * - Additionality (Green Book A2; HCA/English Partnerships Additionality Guide): net benefit =
 *   gross x (1 - deadweight) x (1 - displacement) x (1 - leakage) x (1 - substitution) x
 *   attribution (the share of the change owed to this intervention).
 * - Optimism bias (Green Book 5.45-5.48 and its supplementary guidance): costs are raised by the
 *   stated percentage; benefits may be lowered by one too.
 * - Cashable savings are the part of the net saving a budget can actually release; the rest are
 *   non-cashable (capacity freed, costs avoided elsewhere) (HM Treasury / New Economy CBA guidance).
 * - Outputs: present values of benefits and costs, NPV = PVB - PVC, BCR = PVB / PVC, ROI = NPV /
 *   PVC, the payback year (the first year whose cumulative discounted net benefit is >= 0; null if
 *   none), scenarios (reductions scaled) side by side, and the break-even reduction: NPV is linear
 *   in the reduction (benefits scale with it, costs do not), so NPV(k) = k x PVB(1) - PVC is zero
 *   exactly at k = PVC / PVB(1), solved directly, not searched for.
 * - Lag and drop-off (HM Treasury / PSTN / New Economy, "Supporting public service transformation:
 *   cost benefit analysis guidance for local partnerships", 2014, ch. 7; the GMCA CBA model): an
 *   effect starts `lagYears` after its first year and then fades by `dropOff` a year, each year's
 *   reduction being the last year's x (1 - dropOff) (the drop-off of the Cabinet Office SROI guide).
 */

export interface DemandReduction {
  /** What the line is (the unit cost's name). */
  label: string;
  /** The value of one unit of demand avoided, in the price base (pounds). */
  unitValue: number;
  /** Units of demand avoided a year (central case). */
  perYear: number;
  fromYear: number;
  toYear: number;
  /** Share of the net saving that is cashable, 0..1. */
  cashableShare: number;
  /** Years after `fromYear` before the effect starts (default 0). */
  lagYears?: number;
  /** Share by which the effect falls each year after its first, 0..1 (default 0). */
  dropOff?: number;
  /** The partner (agency) that bears the unit cost, so gets the saving (who-benefits.ts). */
  bearer?: string;
  /** The unit value's fiscal, economic and social parts, in the price base (who-benefits.ts). */
  valueParts?: ValueParts;
}

export interface ValueParts {
  fiscal: number;
  economic: number;
  social: number;
}

/** Units of a line's demand avoided in `year` (before additionality): lag, then drop-off. */
export function unitsAvoided(line: DemandReduction, year: number, reductionFactor: number): number {
  const start = line.fromYear + (line.lagYears ?? 0);
  if (year < start || year > line.toYear) return 0;
  return line.perYear * reductionFactor * (1 - (line.dropOff ?? 0)) ** (year - start);
}

export interface Additionality {
  deadweight: number;
  displacement: number;
  leakage: number;
  substitution: number;
  attribution: number;
}

export interface CostYear {
  year: number;
  setUp: number;
  running: number;
  /** The partner that pays these costs (null: not assigned to one). */
  partner?: string | null;
}

export type Discounting = { kind: 'GREEN_BOOK' } | { kind: 'FIXED'; rate: number };

export interface Appraisal {
  /** Years 0..years are appraised. */
  years: number;
  discounting: Discounting;
  additionality: Additionality;
  optimismBias: { costs: number; benefits: number };
  reductions: DemandReduction[];
  costs: CostYear[];
  scenarios: { name: string; reductionFactor: number }[];
}

export interface YearResult {
  year: number;
  discountFactor: number;
  grossSavings: number;
  netSavings: number;
  cashableSavings: number;
  nonCashableSavings: number;
  setUpCosts: number;
  runningCosts: number;
  /** Set-up and running costs with optimism bias. */
  costs: number;
  netBenefit: number;
  discountedBenefits: number;
  discountedCosts: number;
  discountedNetBenefit: number;
  cumulativeDiscountedNetBenefit: number;
}

export interface ScenarioResult {
  name: string;
  reductionFactor: number;
  years: YearResult[];
  presentValueBenefits: number;
  presentValueCosts: number;
  netPresentValue: number;
  benefitCostRatio: number | null;
  returnOnInvestment: number | null;
  paybackYear: number | null;
}

export interface AppraisalResult {
  scenarios: ScenarioResult[];
  /** The factor on the stated reductions at which NPV = 0 (null when the reductions are worth nothing). */
  breakEvenFactor: number | null;
  /** Units avoided a year per line at break-even (null as above). */
  breakEvenPerYear: (number | null)[];
}

/** Green Book schedule: the rate that discounts year t (t >= 1) back to year t - 1. */
export function greenBookRate(year: number): number {
  if (year <= 30) return 0.035;
  if (year <= 75) return 0.03;
  if (year <= 125) return 0.025;
  if (year <= 200) return 0.02;
  if (year <= 300) return 0.015;
  return 0.01;
}

/** Discount factors of years 0..years. */
export function discountFactors(years: number, discounting: Discounting = { kind: 'GREEN_BOOK' }): number[] {
  const factors = [1];
  for (let t = 1; t <= years; t += 1) {
    const rate = discounting.kind === 'FIXED' ? discounting.rate : greenBookRate(t);
    factors.push(factors[t - 1]! / (1 + rate));
  }
  return factors;
}

/** The share of a gross benefit that is additional (see the header). */
export function additionalShare(a: Additionality): number {
  return (1 - a.deadweight) * (1 - a.displacement) * (1 - a.leakage) * (1 - a.substitution) * a.attribution;
}

function scenario(input: Appraisal, factors: number[], name: string, reductionFactor: number): ScenarioResult {
  const share = additionalShare(input.additionality) * (1 - input.optimismBias.benefits);
  const years: YearResult[] = [];
  let cumulative = 0;
  let paybackYear: number | null = null;
  for (let year = 0; year <= input.years; year += 1) {
    let gross = 0;
    let cashable = 0;
    for (const line of input.reductions) {
      const lineGross = unitsAvoided(line, year, reductionFactor) * line.unitValue;
      gross += lineGross;
      cashable += lineGross * share * line.cashableShare;
    }
    const net = gross * share;
    const setUp = input.costs.filter((c) => c.year === year).reduce((sum, c) => sum + c.setUp, 0);
    const running = input.costs.filter((c) => c.year === year).reduce((sum, c) => sum + c.running, 0);
    const costs = (setUp + running) * (1 + input.optimismBias.costs);
    const factor = factors[year]!;
    const discountedNet = (net - costs) * factor;
    cumulative += discountedNet;
    if (paybackYear === null && cumulative >= 0) paybackYear = year;
    years.push({
      year,
      discountFactor: factor,
      grossSavings: gross,
      netSavings: net,
      cashableSavings: cashable,
      nonCashableSavings: net - cashable,
      setUpCosts: setUp,
      runningCosts: running,
      costs,
      netBenefit: net - costs,
      discountedBenefits: net * factor,
      discountedCosts: costs * factor,
      discountedNetBenefit: discountedNet,
      cumulativeDiscountedNetBenefit: cumulative,
    });
  }
  const pvb = years.reduce((sum, y) => sum + y.discountedBenefits, 0);
  const pvc = years.reduce((sum, y) => sum + y.discountedCosts, 0);
  return {
    name,
    reductionFactor,
    years,
    presentValueBenefits: pvb,
    presentValueCosts: pvc,
    netPresentValue: pvb - pvc,
    benefitCostRatio: pvc > 0 ? pvb / pvc : null,
    returnOnInvestment: pvc > 0 ? (pvb - pvc) / pvc : null,
    paybackYear,
  };
}

/** Every scenario of `input`, and the break-even reduction. */
export function appraise(input: Appraisal): AppraisalResult {
  const factors = discountFactors(input.years, input.discounting);
  const scenarios = input.scenarios.map((s) => scenario(input, factors, s.name, s.reductionFactor));
  const unit = scenario(input, factors, 'unit', 1);
  const breakEvenFactor = unit.presentValueBenefits > 0 ? unit.presentValueCosts / unit.presentValueBenefits : null;
  return {
    scenarios,
    breakEvenFactor,
    breakEvenPerYear: input.reductions.map((line) => (breakEvenFactor === null ? null : line.perYear * breakEvenFactor)),
  };
}
