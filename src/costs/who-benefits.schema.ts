/**
 * `AppraisalResult.whoBenefits`: the appraisal's central scenario split by the partner that pays
 * each cost and the partner that bears each unit cost (who-benefits.ts), as the GMCA / New Economy
 * CBA model's per-agency view. Money out is a pounds string rounded to the penny.
 */
import { builder } from '../schema/builder.js';
import { AppraisalResultRef } from './appraisal.schema.js';
import { formatPounds } from './money.js';
import { type PartnerImpact, type WhoBenefits, whoBenefits } from './who-benefits.js';

const PositionEnum = builder.enumType('PartnerBudgetPosition', {
  description: 'Whether a partner’s budget gains or loses from the intervention, over the appraisal period.',
  values: {
    INVESTS: { description: 'Its costs exceed its fiscal savings (net present budget impact below zero).' },
    SAVES: { description: 'Its fiscal savings exceed its costs.' },
    NEUTRAL: { description: 'Neither (within a penny).' },
  } as const,
});

const money = (pick: (p: PartnerImpact) => number, description: string) =>
  ({ description, resolve: (p: PartnerImpact) => formatPounds(pick(p)) }) as const;

const PartnerImpactRef = builder.objectRef<PartnerImpact>('PartnerImpact').implement({
  description: 'One partner’s share of an appraisal (present values, pounds of the price base): what it pays, what it saves, and its return.',
  fields: (t) => ({
    partnerName: t.string({ nullable: true, description: 'The partner; null for costs assigned to no partner.', resolve: (p) => p.partner }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'The partner’s record.',
      resolve: (query, p, _args, ctx) => (p.partner === null ? null : ctx.prisma.partner.findUnique({ ...query, where: { name: p.partner } })),
    }),
    presentValueCosts: t.string(money((p) => p.presentValueCosts, 'Present value of the costs it pays (with optimism bias).')),
    fiscalSavings: t.string(money((p) => p.fiscal, 'Present value of the savings to its budget (fiscal value of the demand it no longer meets).')),
    cashableSavings: t.string(money((p) => p.cashable, 'The cashable part of its fiscal savings (budget that can be released).')),
    nonCashableSavings: t.string(money((p) => p.nonCashable, 'The non-cashable part (capacity freed).')),
    economicValue: t.string(money((p) => p.economic, 'Present value of the economic value of the demand it bears (to people and businesses).')),
    socialValue: t.string(money((p) => p.social, 'Present value of the social value (well-being).')),
    netPresentBudgetImpact: t.string(money((p) => p.netPresentBudgetImpact, 'Fiscal savings less costs, discounted: the net present budget impact.')),
    financialReturn: t.float({ nullable: true, description: 'Fiscal savings / costs (null when it pays nothing).', resolve: (p) => p.financialReturn }),
    publicValueReturn: t.float({ nullable: true, description: '(Fiscal + economic + social value) / costs (null when it pays nothing).', resolve: (p) => p.publicValueReturn }),
    paybackYear: t.int({ nullable: true, description: 'The first year its cumulative discounted fiscal savings cover its costs (null if never, or it pays nothing).', resolve: (p) => p.paybackYear }),
    position: t.field({ type: PositionEnum, description: 'Whether it invests or saves, net.', resolve: (p) => p.position }),
  }),
});

const WhoBenefitsRef = builder.objectRef<WhoBenefits>('WhoBenefits').implement({
  description: 'The central scenario by partner: each partner’s budget impact, and where one partner invests while another saves.',
  fields: (t) => ({
    partners: t.field({ type: [PartnerImpactRef], description: 'Every partner that pays or saves, largest investor first.', resolve: (w) => w.partners }),
    netInvested: t.string({ description: 'What the investing partners put in, net of their own savings.', resolve: (w) => formatPounds(w.netInvested) }),
    netSavedByOthers: t.string({ description: 'What the saving partners gain, net of their own costs.', resolve: (w) => formatPounds(w.netSavedByOthers) }),
    oneInvestsAnotherSaves: t.exposeBoolean('oneInvestsAnotherSaves', { description: 'True when one partner invests while another saves: a case for pooling or reinvesting.' }),
  }),
});

builder.objectField(AppraisalResultRef, 'whoBenefits', (t) =>
  t.field({
    type: WhoBenefitsRef,
    description: 'Who pays and who saves: the central scenario split by partner into fiscal (cashable or not), economic and social value (GMCA / New Economy CBA model).',
    resolve: (a) => whoBenefits(a.appraisal, a.result.scenarios.find((s) => s.name === 'CENTRAL')?.reductionFactor ?? 1),
  }),
);
