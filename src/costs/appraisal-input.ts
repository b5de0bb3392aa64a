/**
 * An appraisal as a client sends it (the `appraisal` query, and the business case mutations that
 * save one): validated with zod (BAD_USER_INPUT with the input path in `extensions.field`), its
 * unit costs looked up and re-based to the appraisal's price base, then turned into the pure
 * `Appraisal` of appraisal.ts. Shares (deadweight, optimism bias...) are fractions: 0.2 is 20%.
 * Money is a pounds string with up to two decimals, never a float.
 */
import { z } from 'zod';
import { BadUserInputError } from '../errors.js';
import { parseInput } from '../schema/input.js';
import type { Appraisal } from './appraisal.js';
import { splitValue } from './who-benefits.js';
import { type DeflatorSeries, financialYear, rebase } from './deflators.js';
import { parseInputPounds, poundsOf } from './money.js';
import type { UnitCost } from './unit-costs.js';

export const MAX_APPRAISAL_YEARS = 100;

const share = z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1 (a fraction: 0.2 is 20%)');
const pounds = z.string().transform((text, ctx) => {
  const parsed = parseInputPounds(text);
  if ('problem' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  return parsed.pence;
});
const year = z.number().int('must be a whole year').min(0, 'must be 0 (today) or later').max(MAX_APPRAISAL_YEARS);

export const appraisalInputSchema = z
  .object({
    localityCode: z.string().trim().min(1).nullish(),
    cohort: z.string().trim().max(500).nullish(),
    priceBase: z.string().nullish(),
    years: z.number().int('must be a whole number of years').min(1, 'must be at least 1').max(MAX_APPRAISAL_YEARS, `must be at most ${MAX_APPRAISAL_YEARS}`),
    discountRate: z.number().min(0, 'must be 0 or more').max(0.2, 'must be at most 0.2 (a fraction: 0.035 is 3.5%)').nullish(),
    deadweight: share.nullish(),
    displacement: share.nullish(),
    leakage: share.nullish(),
    substitution: share.nullish(),
    attribution: share.nullish(),
    optimismBias: z.number().min(0, 'must be 0 or more').max(5, 'must be at most 5 (500%)').nullish(),
    benefitsOptimismBias: share.nullish(),
    basis: z.enum(['FULL', 'FISCAL']).nullish(),
    reductions: z
      .array(
        z.object({
          unitCostId: z.string().trim().min(1, 'must not be blank'),
          perYear: z.number().min(0, 'must be 0 or more').max(1e9),
          fromYear: year.nullish(),
          toYear: year.nullish(),
          cashableShare: share.nullish(),
          lagYears: z.number().int('must be a whole number of years').min(0, 'must be 0 or more').max(MAX_APPRAISAL_YEARS).nullish(),
          dropOff: share.nullish(),
        }),
      )
      .min(1, 'name at least one reduction in demand')
      .max(100),
    costs: z
      .array(z.object({ year, setUp: pounds.nullish(), running: pounds.nullish(), partner: z.string().trim().min(1, 'must not be blank').max(200).nullish() }))
      .max(1000)
      .nullish(),
    scenarios: z
      .object({ low: z.number().min(0).max(100).nullish(), central: z.number().min(0).max(100).nullish(), high: z.number().min(0).max(100).nullish() })
      .nullish(),
  })
  .superRefine((input, ctx) => {
    input.reductions.forEach((line, i) => {
      const from = line.fromYear ?? 1;
      const to = line.toYear ?? input.years;
      if (from > input.years) ctx.addIssue({ code: 'custom', path: ['reductions', i, 'fromYear'], message: `must be within the appraisal period (0 to ${input.years})` });
      if (to > input.years) ctx.addIssue({ code: 'custom', path: ['reductions', i, 'toYear'], message: `must be within the appraisal period (0 to ${input.years})` });
      if (to < from) ctx.addIssue({ code: 'custom', path: ['reductions', i, 'toYear'], message: 'must not be before fromYear' });
      else if (from + (line.lagYears ?? 0) > to) ctx.addIssue({ code: 'custom', path: ['reductions', i, 'lagYears'], message: 'must leave at least one year of effect before toYear' });
    });
    (input.costs ?? []).forEach((cost, i) => {
      if (cost.year > input.years) ctx.addIssue({ code: 'custom', path: ['costs', i, 'year'], message: `must be within the appraisal period (0 to ${input.years})` });
    });
  });

export type AppraisalInput = z.output<typeof appraisalInputSchema>;

/** Parse a client's appraisal input (BAD_USER_INPUT naming the field under `root`). */
export const parseAppraisalInput = (value: unknown, root = 'input'): AppraisalInput => parseInput(appraisalInputSchema, value, root);

export interface PreparedAppraisal {
  appraisal: Appraisal;
  priceBase: string;
  /** The unit cost of each reduction line, in input order. */
  unitCosts: UnitCost[];
}

/** The appraisal with its unit costs looked up and re-based (BAD_USER_INPUT for unknown ones). */
export function prepareAppraisal(
  input: AppraisalInput,
  catalogue: readonly UnitCost[],
  deflators: DeflatorSeries,
  root = 'input',
): PreparedAppraisal {
  const asked = input.priceBase ? financialYear(input.priceBase) : null;
  if (input.priceBase && !asked) {
    throw new BadUserInputError(`${root}.priceBase: must be a financial year such as 2023/24`, { field: `${root}.priceBase` });
  }
  const priceBase = asked?.label ?? deflators.latest;
  if (!priceBase || !deflators.index.has(priceBase)) {
    throw new BadUserInputError(`${root}.priceBase: no GDP deflator is loaded for ${priceBase ?? 'any year'} (load one with import:deflators)`, {
      field: `${root}.priceBase`,
    });
  }
  const byId = new Map(catalogue.map((cost) => [cost.id, cost]));
  const basis = input.basis ?? 'FULL';
  const unitCosts = input.reductions.map((line, i) => {
    const field = `${root}.reductions.${i}.unitCostId`;
    const cost = byId.get(line.unitCostId);
    if (!cost) throw new BadUserInputError(`${field}: unknown unit cost "${line.unitCostId}"`, { field });
    if (basis === 'FISCAL' && cost.fiscalPence === null) {
      throw new BadUserInputError(`${field}: the unit cost "${cost.id}" has no fiscal part: appraise it on the FULL basis`, { field });
    }
    return cost;
  });
  const scenarios = input.scenarios ?? {};
  const appraisal: Appraisal = {
    years: input.years,
    discounting: input.discountRate === null || input.discountRate === undefined ? { kind: 'GREEN_BOOK' } : { kind: 'FIXED', rate: input.discountRate },
    additionality: {
      deadweight: input.deadweight ?? 0,
      displacement: input.displacement ?? 0,
      leakage: input.leakage ?? 0,
      substitution: input.substitution ?? 0,
      attribution: input.attribution ?? 1,
    },
    optimismBias: { costs: input.optimismBias ?? 0, benefits: input.benefitsOptimismBias ?? 0 },
    reductions: input.reductions.map((line, i) => {
      const cost = unitCosts[i]!;
      const value = basis === 'FISCAL' ? cost.fiscalPence! : cost.costPence;
      const rebased = (pence: bigint | null) => (pence === null ? null : poundsOf(rebase(deflators, pence, cost.priceBase, priceBase)));
      return {
        label: cost.name,
        unitValue: rebased(value)!,
        perYear: line.perYear,
        fromYear: line.fromYear ?? 1,
        toYear: line.toYear ?? input.years,
        cashableShare: line.cashableShare ?? 0,
        lagYears: line.lagYears ?? 0,
        dropOff: line.dropOff ?? 0,
        bearer: cost.partnerName,
        valueParts: splitValue(rebased(cost.costPence)!, { fiscal: rebased(cost.fiscalPence), economic: rebased(cost.economicPence), social: rebased(cost.socialPence) }),
      };
    }),
    costs: (input.costs ?? []).map((cost) => ({
      year: cost.year,
      setUp: poundsOf(cost.setUp ?? 0n),
      running: poundsOf(cost.running ?? 0n),
      partner: cost.partner ?? null,
    })),
    scenarios: [
      { name: 'LOW', reductionFactor: scenarios.low ?? 0.5 },
      { name: 'CENTRAL', reductionFactor: scenarios.central ?? 1 },
      { name: 'HIGH', reductionFactor: scenarios.high ?? 1.5 },
    ],
  };
  return { appraisal, priceBase, unitCosts };
}
