/**
 * Inequality and funnel plots in the graph: `inequality(indicator:, by:)` on Locality and County
 * (values by national IMD 2019 quintile or decile, with the SII and RII), and `funnel(indicator:)`
 * on County (the localities against 95% and 99.8% control limits around the county value).
 * Resolvers are thin: they find the indicator and call the domain functions (service.ts, funnel-plot.ts).
 */
import { NotFoundError } from '../errors.js';
import { CountyRef, LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { IndicatorRef } from '../statistics/types.js';
import { type FunnelPlot, type FunnelPoint, funnelPlotOf } from './funnel-plot.js';
import type { FunnelLimits } from './funnel.js';
import { type Inequality, type QuantileKind, type QuantileValue, refuseStandardisedRate } from './service.js';
import type { SiiResult } from './sii.js';

const QuantileKindEnum = builder.enumType('DeprivationQuantile', {
  description: 'How the small areas are grouped by national deprivation (IMD 2019).',
  values: {
    QUINTILE: { description: 'Five groups: decile 1-2 is quintile 1 (the most deprived fifth of England), 9-10 quintile 5.' },
    DECILE: { description: 'Ten groups, IMD 2019 deciles (1 = most deprived tenth of England).' },
  },
});

const float = (description: string, pick: (v: QuantileValue) => number | null | undefined) =>
  ({ nullable: true, description, resolve: (v: QuantileValue) => pick(v) ?? null }) as const;

const QuantileValueRef = builder.objectRef<QuantileValue>('DeprivationQuantileValue').implement({
  description: 'An indicator in one deprivation quantile of an area’s small areas.',
  fields: (t) => ({
    quantile: t.exposeInt('quantile', { description: '1 = the nationally most deprived quintile (or decile).' }),
    smallAreas: t.exposeInt('smallAreas', { description: 'How many of the area’s small areas are in it.' }),
    value: t.float(float('The value; null where withheld or where no small area is in the quantile.', (v) => v.value)),
    numerator: t.float(float('Summed numerator (withheld when small).', (v) => v.numerator)),
    denominator: t.float(float('Summed denominator.', (v) => v.denominator)),
    lowerCI95: t.float(float('Lower 95% limit.', (v) => v.lower95)),
    upperCI95: t.float(float('Upper 95% limit.', (v) => v.upper95)),
    lowerCI998: t.float(float('Lower 99.8% limit.', (v) => v.lower998)),
    upperCI998: t.float(float('Upper 99.8% limit.', (v) => v.upper998)),
    suppressed: t.exposeBoolean('suppressed', { description: 'True when the count is too small to publish.' }),
    note: t.exposeString('note', { nullable: true, description: 'Why a value is missing or withheld.' }),
  }),
});

const SiiRef = builder.objectRef<SiiResult>('SlopeIndexOfInequality').implement({
  description:
    'Slope and relative index of inequality across the quantiles (PHEindicatormethods phe_sii; Low & Low 2004): the modelled gap from the most to the least deprived end, with 95% limits simulated from each quantile’s interval.',
  fields: (t) => ({
    sii: t.exposeFloat('sii', { description: 'SII: least deprived end minus most deprived end, in the indicator’s unit (negative when the value falls as deprivation falls).' }),
    siiLower: t.exposeFloat('siiLower', { description: 'Lower 95% limit of the SII.' }),
    siiUpper: t.exposeFloat('siiUpper', { description: 'Upper 95% limit of the SII.' }),
    rii: t.exposeFloat('rii', { description: 'RII: the least deprived end over the most deprived end.' }),
    riiLower: t.exposeFloat('riiLower', { description: 'Lower 95% limit of the RII.' }),
    riiUpper: t.exposeFloat('riiUpper', { description: 'Upper 95% limit of the RII.' }),
    repetitions: t.exposeInt('repetitions', { description: 'Simulations behind the limits.' }),
  }),
});

const InequalityRef = builder.objectRef<Inequality>('DeprivationInequality').implement({
  description: 'An indicator by national deprivation within one area.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, description: 'The indicator.', resolve: (i) => i.indicator }),
    period: t.exposeString('period', { nullable: true, description: 'The period.' }),
    by: t.field({ type: QuantileKindEnum, description: 'Quintiles or deciles.', resolve: (i) => i.quantiles }),
    values: t.field({ type: [QuantileValueRef], description: 'One entry per quantile, most deprived first.', resolve: (i) => i.values }),
    slopeIndex: t.field({ type: SiiRef, nullable: true, description: 'The SII and RII; null with `slopeIndexNote` saying why.', resolve: (i) => i.slopeIndex().sii }),
    slopeIndexNote: t.string({ nullable: true, description: 'Why there is no SII.', resolve: (i) => i.slopeIndex().note }),
  }),
});

const inequalityArgs = builder.args((t) => ({
  indicator: t.id({ required: true, description: 'The indicator id.' }),
  period: t.string({ required: false, description: 'A period label; the latest when omitted.' }),
  by: t.field({ type: QuantileKindEnum, required: false, defaultValue: 'QUINTILE', description: 'Quintiles (default) or deciles.' }),
}));

async function indicatorOf(ctx: Context, id: string) {
  const indicator = (await ctx.loaders.statistics.catalogue()).get(id);
  if (!indicator) throw new NotFoundError('Indicator', id);
  return indicator;
}

async function inequalityOf(
  ctx: Context,
  area: { kind: 'LOCALITY' | 'COUNTY'; code: string },
  args: { indicator: string | number; period?: string | null; by?: QuantileKind | null },
  versionId: string,
) {
  const indicator = await indicatorOf(ctx, String(args.indicator));
  return ctx.loaders.inequality.load({
    area,
    indicator,
    indicatorId: indicator.id,
    period: args.period ?? null,
    quantiles: args.by ?? 'QUINTILE',
    versionId,
  });
}

builder.objectField(LocalityRef, 'inequality', (t) =>
  t.field({
    type: InequalityRef,
    nullable: true,
    description:
      'The indicator by national deprivation quintile (or decile) of the locality’s small areas; null where no small area has an IMD 2019 decile or a value. A directly standardised rate is BAD_USER_INPUT on `indicator` (its quantiles are not standardised here).',
    args: inequalityArgs,
    resolve: (locality, args, ctx) => inequalityOf(ctx, { kind: 'LOCALITY', code: locality.code }, args, ctx.geography.versionId()),
  }),
);

builder.objectField(CountyRef, 'inequality', (t) =>
  t.field({
    type: InequalityRef,
    nullable: true,
    description:
      'The indicator by national deprivation quintile (or decile) of the county’s small areas. A directly standardised rate is BAD_USER_INPUT on `indicator` (its quantiles are not standardised here).',
    args: inequalityArgs,
    resolve: (county, args, ctx) => inequalityOf(ctx, { kind: 'COUNTY', code: 'COUNTY' }, args, county.version.id),
  }),
);

const FunnelPositionEnum = builder.enumType('FunnelPosition', {
  description: 'Where a locality lies against the funnel (PHEindicatormethods assign_funnel_significance).',
  values: {
    HIGH_998: { description: 'Above the 99.8% limit.' },
    HIGH_95: { description: 'Above the 95% limit, inside 99.8%.' },
    WITHIN: { description: 'Inside the 95% limits.' },
    LOW_95: { description: 'Below the 95% limit, inside 99.8%.' },
    LOW_998: { description: 'Below the 99.8% limit.' },
    NOT_PLOTTED: { description: 'Withheld or without a denominator.' },
  },
});

const FunnelLimitsRef = builder.objectRef<FunnelLimits>('FunnelLimits').implement({
  description: 'Control limits at one denominator.',
  fields: (t) => ({
    denominator: t.exposeFloat('denominator', { description: 'The denominator (population or persons counted).' }),
    lower95: t.exposeFloat('lower95', { description: 'Lower 95% control limit.' }),
    upper95: t.exposeFloat('upper95', { description: 'Upper 95% control limit.' }),
    lower998: t.exposeFloat('lower998', { description: 'Lower 99.8% control limit.' }),
    upper998: t.exposeFloat('upper998', { description: 'Upper 99.8% control limit.' }),
  }),
});

const FunnelPointRef = builder.objectRef<FunnelPoint>('FunnelPoint').implement({
  description: 'A locality on the funnel plot.',
  fields: (t) => ({
    localityCode: t.exposeString('localityCode', { description: 'The locality’s code.' }),
    localityName: t.exposeString('localityName', { description: 'The locality’s name.' }),
    value: t.exposeFloat('value', { nullable: true, description: 'Its value; null where withheld.' }),
    denominator: t.exposeFloat('denominator', { nullable: true, description: 'Its denominator.' }),
    limits: t.field({ type: FunnelLimitsRef, nullable: true, description: 'The limits at its denominator.', resolve: (p) => p.limits }),
    position: t.field({ type: FunnelPositionEnum, description: 'Where it lies against the limits.', resolve: (p) => p.position }),
  }),
});

const FunnelPlotRef = builder.objectRef<FunnelPlot>('FunnelPlot').implement({
  description:
    'The localities against 95% and 99.8% control limits around the county value (PHEindicatormethods calculate_funnel_limits: Wilson-based limits for proportions, exact Poisson limits for rates; Spiegelhalter 2005).',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, description: 'The indicator.', resolve: (f) => f.indicator }),
    period: t.exposeString('period', { nullable: true, description: 'The period.' }),
    countyValue: t.exposeFloat('countyValue', { nullable: true, description: 'The county value: the funnel’s centre line.' }),
    points: t.field({ type: [FunnelPointRef], description: 'Each locality.', resolve: (f) => f.points }),
    curve: t.field({ type: [FunnelLimitsRef], description: 'The limits at 100 denominators spanning the localities’, to draw the funnel.', resolve: (f) => f.curve }),
    note: t.exposeString('note', { nullable: true, description: 'Why there is no funnel (a value type without one, a withheld county value).' }),
  }),
});

builder.objectField(CountyRef, 'funnel', (t) =>
  t.field({
    type: FunnelPlotRef,
    description:
      'A funnel plot of the localities for a proportion or rate (for other value types, no points and a note; a directly standardised rate is BAD_USER_INPUT on `indicator`: its funnel limits are not computed here).',
    args: {
      indicator: t.arg.id({ required: true, description: 'The indicator id.' }),
      period: t.arg.string({ required: false, description: 'A period label; the latest when omitted.' }),
    },
    resolve: async (county, args, ctx) => {
      const indicator = await indicatorOf(ctx, String(args.indicator));
      refuseStandardisedRate(indicator, 'a funnel plot');
      const shape = { versionId: county.version.id, indicatorIds: [indicator.id], theme: null, period: args.period ?? null, group: [], series: false };
      const [countyRows, localities] = await Promise.all([
        ctx.loaders.statistics.profile.load({ ...shape, area: { kind: 'COUNTY', code: 'COUNTY' } }),
        ctx.prisma.locality.findMany({ where: { versions: { some: { versionId: county.version.id } } }, select: { code: true } }),
      ]);
      const rows = await Promise.all(
        localities.map((l) => ctx.loaders.statistics.profile.load({ ...shape, area: { kind: 'LOCALITY', code: l.code } })),
      );
      return funnelPlotOf(indicator, countyRows[0] ?? null, rows.flat());
    },
  }),
);
