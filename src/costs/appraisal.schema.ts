/**
 * The appraisal in the graph: `AppraisalInput` (shared with the business case mutations), the
 * results (scenarios side by side, each year's savings and costs, NPV, BCR, ROI, payback, the
 * break-even reduction) and the `appraisal(input:)` query, which computes without saving.
 * Money out is a pounds string rounded to the penny; ratios and discount factors are Floats.
 */
import { BadUserInputError } from '../errors.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { type Appraisal, type AppraisalResult, appraise, type ScenarioResult, type YearResult } from './appraisal.js';
import { type AppraisalInput, parseAppraisalInput, prepareAppraisal } from './appraisal-input.js';
import { formatPounds } from './money.js';
import { UnitCostRef } from './demand.schema.js';
import type { UnitCost } from './unit-costs.js';

const BasisEnum = builder.enumType('AppraisalBasis', {
  description: 'Which part of each unit cost counts as the saving when demand is avoided.',
  values: {
    FULL: { description: 'The whole unit cost (fiscal, economic and social).' },
    FISCAL: { description: 'Only its fiscal part (to the public purse); refused for unit costs without one.' },
  } as const,
});

const ReductionInput = builder.inputType('DemandReductionInput', {
  description: 'Demand the intervention is expected to avoid, for one unit cost.',
  fields: (t) => ({
    unitCostId: t.string({ required: true, description: 'The unit cost (see `unitCosts`).' }),
    perYear: t.float({ required: true, description: 'Units of demand avoided a year (central case).' }),
    fromYear: t.int({ description: 'First year with the reduction (default 1; year 0 is today).' }),
    toYear: t.int({ description: 'Last year with the reduction (default: the end of the appraisal period).' }),
    cashableShare: t.float({ description: 'Share of the net saving that is cashable, 0 to 1 (default 0: none); in `whoBenefits`, the share of the fiscal saving.' }),
    lagYears: t.int({ description: 'Years after `fromYear` before the effect starts (default 0), as the GMCA / New Economy CBA model’s lag.' }),
    dropOff: t.float({ description: 'Share by which the effect falls each year after its first, 0 to 1 (default 0), as the CBA model’s drop-off.' }),
  }),
});

const CostYearInput = builder.inputType('CostYearInput', {
  description: 'The intervention’s costs in one year, in pounds of the price base.',
  fields: (t) => ({
    year: t.int({ required: true, description: 'The year (0 = today).' }),
    setUp: t.string({ description: 'Set-up (one-off) costs, pounds with up to 2 decimals.' }),
    running: t.string({ description: 'Running costs, pounds with up to 2 decimals.' }),
    partner: t.string({ description: 'The partner (by name, as on record) that pays these costs; default: not assigned to a partner.' }),
  }),
});

const ScenarioFactorsInput = builder.inputType('ScenarioFactorsInput', {
  description: 'Scenarios as factors on the expected reductions.',
  fields: (t) => ({
    low: t.float({ description: 'Low case (default 0.5).' }),
    central: t.float({ description: 'Central case (default 1).' }),
    high: t.float({ description: 'High case (default 1.5).' }),
  }),
});

export const AppraisalInputRef = builder.inputType('AppraisalInput', {
  description:
    'An intervention to appraise (HM Treasury Green Book). Shares are fractions (0.2 is 20%); money is pounds as a string in the price base.',
  fields: (t) => ({
    localityCode: t.string({ description: 'The target locality (code), if any.' }),
    cohort: t.string({ description: 'The target cohort, in words.' }),
    priceBase: t.string({ description: 'The financial year whose prices the money is in; default: the latest of the GDP deflator series.' }),
    years: t.int({ required: true, description: 'The appraisal period: years 0 (today) to this.' }),
    discountRate: t.float({ description: 'A fixed discount rate (e.g. 0.015 for health effects); default: the Green Book schedule, 3.5% to year 30, then 3.0%, 2.5%...' }),
    deadweight: t.float({ description: 'Share that would have happened anyway (default 0).' }),
    displacement: t.float({ description: 'Share displaced from elsewhere (default 0).' }),
    leakage: t.float({ description: 'Share that benefits those outside the target (default 0).' }),
    substitution: t.float({ description: 'Share substituted for a similar effect (default 0).' }),
    attribution: t.float({ description: 'Share of the change owed to this intervention (default 1).' }),
    optimismBias: t.float({ description: 'Optimism bias uplift on costs (0.2 raises them by 20%; default 0).' }),
    benefitsOptimismBias: t.float({ description: 'Optimism bias reduction of benefits (default 0).' }),
    basis: t.field({ type: BasisEnum, description: 'Which part of each unit cost is saved (default FULL).' }),
    reductions: t.field({ type: [ReductionInput], required: true, description: 'Expected reductions in demand, per unit cost.' }),
    costs: t.field({ type: [CostYearInput], description: 'Set-up and running costs by year.' }),
    scenarios: t.field({ type: ScenarioFactorsInput, description: 'Low, central and high factors on the reductions.' }),
  }),
});

const pounds = (pick: (y: YearResult) => number, description: string) =>
  ({ description, resolve: (y: YearResult) => formatPounds(pick(y)) }) as const;

const AppraisalYearRef = builder.objectRef<YearResult>('AppraisalYear').implement({
  description: 'One year of an appraisal scenario (money in pounds of the price base).',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year (0 = today).' }),
    discountFactor: t.exposeFloat('discountFactor', { description: 'The discount factor of the year.' }),
    grossSavings: t.string(pounds((y) => y.grossSavings, 'Demand avoided x unit values, before additionality.')),
    netSavings: t.string(pounds((y) => y.netSavings, 'Savings after deadweight, displacement, leakage, substitution, attribution and benefit optimism bias.')),
    cashableSavings: t.string(pounds((y) => y.cashableSavings, 'The cashable part of the net savings.')),
    nonCashableSavings: t.string(pounds((y) => y.nonCashableSavings, 'The non-cashable part.')),
    setUpCosts: t.string(pounds((y) => y.setUpCosts, 'Set-up costs as given.')),
    runningCosts: t.string(pounds((y) => y.runningCosts, 'Running costs as given.')),
    costs: t.string(pounds((y) => y.costs, 'All costs with optimism bias.')),
    netBenefit: t.string(pounds((y) => y.netBenefit, 'Net savings less costs.')),
    discountedBenefits: t.string(pounds((y) => y.discountedBenefits, 'Net savings x the discount factor.')),
    discountedCosts: t.string(pounds((y) => y.discountedCosts, 'Costs x the discount factor.')),
    discountedNetBenefit: t.string(pounds((y) => y.discountedNetBenefit, 'Their difference.')),
    cumulativeDiscountedNetBenefit: t.string(pounds((y) => y.cumulativeDiscountedNetBenefit, 'Discounted net benefit up to and including this year.')),
  }),
});

const AppraisalScenarioRef = builder.objectRef<ScenarioResult>('AppraisalScenario').implement({
  description: 'One scenario of an appraisal.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'LOW, CENTRAL or HIGH.' }),
    reductionFactor: t.exposeFloat('reductionFactor', { description: 'The factor on the expected reductions.' }),
    years: t.field({ type: [AppraisalYearRef], description: 'Each year, 0 to the end of the period.', resolve: (s) => s.years }),
    presentValueBenefits: t.string({ description: 'Present value of the net savings (pounds).', resolve: (s) => formatPounds(s.presentValueBenefits) }),
    presentValueCosts: t.string({ description: 'Present value of the costs (pounds).', resolve: (s) => formatPounds(s.presentValueCosts) }),
    netPresentValue: t.string({ description: 'NPV = PVB - PVC (pounds).', resolve: (s) => formatPounds(s.netPresentValue) }),
    benefitCostRatio: t.float({ nullable: true, description: 'BCR = PVB / PVC (null without costs).', resolve: (s) => s.benefitCostRatio }),
    returnOnInvestment: t.float({ nullable: true, description: 'ROI = NPV / PVC (null without costs).', resolve: (s) => s.returnOnInvestment }),
    paybackYear: t.int({ nullable: true, description: 'The first year whose cumulative discounted net benefit is 0 or more (null if none within the period).', resolve: (s) => s.paybackYear }),
  }),
});

interface BreakEvenLine {
  unitCost: UnitCost;
  perYear: number;
  breakEvenPerYear: number | null;
}

const BreakEvenRef = builder.objectRef<BreakEvenLine>('BreakEvenReduction').implement({
  description: 'The reduction in one unit cost’s demand at which NPV is zero (all lines scaled together).',
  fields: (t) => ({
    unitCost: t.field({ type: UnitCostRef, description: 'The unit cost.', resolve: (b) => b.unitCost }),
    expectedPerYear: t.exposeFloat('perYear', { description: 'The expected (central) reduction a year.' }),
    breakEvenPerYear: t.float({ nullable: true, description: 'Units a year at which NPV = 0 (null when the reductions are worth nothing).', resolve: (b) => b.breakEvenPerYear }),
  }),
});

export interface AppraisalAnswer {
  priceBase: string;
  result: AppraisalResult;
  unitCosts: UnitCost[];
  input: AppraisalInput;
  /** The appraisal as computed (unit values re-based), for `whoBenefits`. */
  appraisal: Appraisal;
}

export const AppraisalResultRef = builder.objectRef<AppraisalAnswer>('AppraisalResult').implement({
  description: 'An appraisal’s results: low, central and high scenarios side by side and the break-even reduction.',
  fields: (t) => ({
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices the money is in.' }),
    scenarios: t.field({ type: [AppraisalScenarioRef], description: 'LOW, CENTRAL and HIGH.', resolve: (a) => a.result.scenarios }),
    central: t.field({ type: AppraisalScenarioRef, description: 'The central scenario.', resolve: (a) => a.result.scenarios.find((s) => s.name === 'CENTRAL')! }),
    breakEvenFactor: t.float({
      nullable: true,
      description: 'The factor on the expected reductions at which NPV = 0 (solved exactly: NPV is linear in the reduction).',
      resolve: (a) => a.result.breakEvenFactor,
    }),
    breakEven: t.field({
      type: [BreakEvenRef],
      description: 'Each line’s reduction a year at break-even.',
      resolve: (a) => a.unitCosts.map((unitCost, i) => ({ unitCost, perYear: a.input.reductions[i]!.perYear, breakEvenPerYear: a.result.breakEvenPerYear[i] ?? null })),
    }),
  }),
});

/**
 * Validate, look up and appraise (BAD_USER_INPUT naming the field under `root`). A new appraisal
 * must name partners on record as payers of costs (`checkPartners`); a saved one is recomputed as
 * saved.
 */
export async function runAppraisal(ctx: Context, raw: unknown, root = 'input', checkPartners = true): Promise<AppraisalAnswer> {
  const input = parseAppraisalInput(raw, root);
  const payers = [...new Set((input.costs ?? []).flatMap((cost) => (cost.partner ? [cost.partner] : [])))];
  const [catalogue, deflators, known] = await Promise.all([
    ctx.loaders.costs.unitCosts(),
    ctx.loaders.costs.deflators(),
    checkPartners && payers.length > 0 ? ctx.prisma.partner.findMany({ where: { name: { in: payers } }, select: { name: true } }) : Promise.resolve(null),
  ]);
  if (known) {
    const names = new Set(known.map((p) => p.name));
    const i = (input.costs ?? []).findIndex((cost) => cost.partner && !names.has(cost.partner));
    if (i >= 0) {
      const field = `${root}.costs.${i}.partner`;
      throw new BadUserInputError(`${field}: no partner named "${input.costs![i]!.partner}" is on record`, { field });
    }
  }
  const prepared = prepareAppraisal(input, catalogue, deflators, root);
  return { priceBase: prepared.priceBase, result: appraise(prepared.appraisal), unitCosts: prepared.unitCosts, input, appraisal: prepared.appraisal };
}

builder.queryField('appraisal', (t) =>
  t.field({
    type: AppraisalResultRef,
    description: 'Appraise an intervention without saving it (Green Book discounting, additionality, optimism bias, scenarios, break-even).',
    args: { input: t.arg({ type: AppraisalInputRef, required: true, description: 'The intervention.' }) },
    resolve: (_root, args, ctx) => runAppraisal(ctx, args.input),
  }),
);
