/**
 * Unit costs, the GDP deflator series and the cost of demand in the graph: `unitCosts`,
 * `gdpDeflators`, and `costOfDemand(year:)` on every kind of area (registered once, geography/area-fields.ts). Cost of demand
 * reads the request's unit cost catalogue (one query) and the profile loader (one query per
 * shape, shared with any `profile` field of the same request asking for the same indicators and
 * period), so a locality screen with each line's significance is a fixed number of queries.
 *
 * Unit costs come from published sources and the counts from the public profiles, so these are
 * public. Money is a pounds string (exact pence).
 */
import { registerAreaField } from '../geography/area-fields.js';
import { BadUserInputError } from '../errors.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { AreaKey } from '../geography/areas.js';
import { IndicatorRef, ProfileRowRef } from '../statistics/types.js';
import { CostAreaRef } from './common.schema.js';
import { type CostOfDemand, costOfDemand, type DemandGroup, type DemandLine } from './demand.js';
import { financialYear } from './deflators.js';
import type { SpendAreaKind } from './ledger.js';
import { formatPence } from './money.js';
import type { UnitCost } from './unit-costs.js';

const money = (pence: bigint | null) => (pence === null ? null : formatPence(pence));

export const UnitCostRef = builder.objectRef<UnitCost>('UnitCost').implement({
  description: 'The cost of one unit of demand, from a published source, in its own price base.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The unit cost’s id in the catalogue.' }),
    name: t.exposeString('name', { description: 'What it is the cost of (e.g. Anti-social behaviour incident).' }),
    unit: t.exposeString('unit', { description: 'The unit of demand (incident, call-out, person a year...).' }),
    cost: t.string({ description: 'Cost of one unit in pounds, in its price base.', resolve: (c) => formatPence(c.costPence) }),
    fiscal: t.string({ nullable: true, description: 'The fiscal part (to the public purse), where the source gives it.', resolve: (c) => money(c.fiscalPence) }),
    economic: t.string({ nullable: true, description: 'The economic part, where given.', resolve: (c) => money(c.economicPence) }),
    social: t.string({ nullable: true, description: 'The social part, where given.', resolve: (c) => money(c.socialPence) }),
    source: t.exposeString('source', { description: 'Where it comes from (e.g. GMCA / New Economy Unit Cost Database).' }),
    sourceYear: t.exposeString('sourceYear', { description: 'The year the source gives it for.' }),
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices it is in.' }),
    partnerName: t.exposeString('partnerName', { description: 'The partner (agency) that bears the cost.' }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'The partner’s record.',
      resolve: (query, c, _args, ctx) => ctx.prisma.partner.findUnique({ ...query, where: { name: c.partnerName } }),
    }),
    indicatorId: t.exposeString('indicatorId', { description: 'The profile indicator that counts the demand.' }),
    indicator: t.field({
      type: IndicatorRef,
      nullable: true,
      description: 'That indicator (null if it is no longer in the catalogue).',
      resolve: async (c, _args, ctx) => (await ctx.loaders.statistics.catalogue()).get(c.indicatorId) ?? null,
    }),
  }),
});

const DemandLineRef = builder.objectRef<DemandLine>('DemandLine').implement({
  description: 'One unit cost’s demand in an area: the indicator’s count x the unit cost, with the indicator’s profile row (its interval, comparison with the county and trend).',
  fields: (t) => ({
    unitCost: t.field({ type: UnitCostRef, description: 'The unit cost.', resolve: (l) => l.unitCost }),
    indicator: t.field({ type: ProfileRowRef, nullable: true, description: 'The indicator’s profile row for the area (null without a value for the period).', resolve: (l) => l.profile }),
    count: t.float({ nullable: true, description: 'Units of demand: the indicator’s count (null when withheld for small numbers).', resolve: (l) => l.count }),
    unitCostRebased: t.string({ description: 'The unit cost in the answer’s price base, in pounds.', resolve: (l) => formatPence(l.unitCostPence) }),
    cost: t.string({ nullable: true, description: 'Count x unit cost in pounds (null without a count).', resolve: (l) => money(l.pence) }),
  }),
});

const DemandGroupRef = builder.objectRef<DemandGroup>('DemandGroup').implement({
  description: 'Cost of demand added up over one theme or one bearing partner.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The theme (the indicator’s) or the partner’s name.' }),
    cost: t.string({ description: 'The total in pounds.', resolve: (g) => formatPence(g.pence) }),
    lineCount: t.exposeInt('lineCount', { description: 'How many unit costs it adds up.' }),
  }),
});

const CostOfDemandRef = builder.objectRef<CostOfDemand & { area: { kind: SpendAreaKind; code: string; name: string } }>('CostOfDemand').implement({
  description: 'What demand costs in an area: each indicator’s count x its unit costs, re-based to one price year, by theme and by the partner who bears it.',
  fields: (t) => ({
    area: t.field({ type: CostAreaRef, description: 'The area.', resolve: (c) => c.area }),
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices the costs are in.' }),
    total: t.string({ description: 'Total cost of demand in pounds (lines with a count).', resolve: (c) => formatPence(c.pence) }),
    withheldLines: t.exposeInt('withheldLines', { description: 'Lines without a cost because the count is withheld (small numbers) or missing.' }),
    lines: t.field({ type: [DemandLineRef], description: 'Each unit cost’s demand and cost.', resolve: (c) => c.lines }),
    byTheme: t.field({ type: [DemandGroupRef], description: 'By theme, largest first.', resolve: (c) => c.byTheme }),
    byPartner: t.field({ type: [DemandGroupRef], description: 'By the partner who bears the cost, largest first.', resolve: (c) => c.byPartner }),
  }),
});

const demandArgs = builder.args((t) => ({
  year: t.string({ required: false, description: 'The period of the demand counts as the indicators publish it (e.g. 2019 or 2019/20); default: each indicator’s latest.' }),
  priceBase: t.string({ required: false, description: 'Express costs in this financial year’s prices; default: the latest year of the GDP deflator series.' }),
}));

async function demandOf(ctx: Context, versionId: string, area: AreaKey & { kind: SpendAreaKind }, name: string, args: { year?: string | null; priceBase?: string | null }) {
  const [unitCosts, deflators] = await Promise.all([ctx.loaders.costs.unitCosts(), ctx.loaders.costs.deflators()]);
  const asked = args.priceBase ? financialYear(args.priceBase) : null;
  if (args.priceBase && !asked) throw new BadUserInputError('priceBase: must be a financial year such as 2023/24', { field: 'priceBase' });
  const bases = [...new Set(unitCosts.map((c) => c.priceBase))];
  // Without a deflator series, costs all in one price base need no re-basing.
  const priceBase = asked?.label ?? deflators.latest ?? (bases.length === 1 ? bases[0]! : null);
  const missing = bases.filter((base) => base !== priceBase && !(deflators.index.has(base) && priceBase && deflators.index.has(priceBase)));
  if (unitCosts.length > 0 && (!priceBase || missing.length > 0)) {
    throw new BadUserInputError(`priceBase: no GDP deflator is loaded to re-base ${missing.join(', ') || 'the unit costs'} to ${priceBase ?? 'one year'}`, {
      field: 'priceBase',
    });
  }
  const indicatorIds = [...new Set(unitCosts.map((c) => c.indicatorId))].sort();
  const rows =
    indicatorIds.length === 0
      ? []
      : await ctx.loaders.statistics.profile.load({ versionId, group: [], series: false, indicatorIds, theme: null, period: args.year ?? null, area });
  const result = costOfDemand(unitCosts, new Map(rows.map((row) => [row.indicator.id, row])), deflators, priceBase ?? '');
  return { ...result, area: { kind: area.kind, code: area.code, name } };
}

registerAreaField('costOfDemand', {
  type: CostOfDemandRef,
  args: demandArgs,
  description: (whose) =>
    whose === 'locality'
      ? 'What demand costs in the locality: indicator counts x unit costs, by theme and by bearing partner.'
      : whose === 'group'
        ? 'What demand costs in the group’s localities together.'
        : 'What demand costs in the whole area.',
  resolve: ({ versionId, area, name }, args: { year?: string | null; priceBase?: string | null }, ctx) =>
    demandOf(ctx, versionId, area as AreaKey & { kind: SpendAreaKind }, name, args),
});

const DeflatorRef = builder.objectRef<{ year: string; index: bigint }>('GdpDeflator').implement({
  description: 'One year of the GDP deflator series loaded (HM Treasury GDP deflators at market prices, or the sample).',
  fields: (t) => ({
    year: t.exposeString('year', { description: 'The financial year.' }),
    index: t.string({ description: 'The index, an exact decimal (any base: only ratios are used).', resolve: (d) => formatIndex(d.index) }),
  }),
});

function formatIndex(scaled: bigint): string {
  const text = scaled.toString().padStart(7, '0');
  return `${text.slice(0, -6)}.${text.slice(-6)}`.replace(/\.?0+$/, '');
}

builder.queryFields((t) => ({
  unitCosts: t.field({
    type: [UnitCostRef],
    description: 'The unit cost catalogue, by name.',
    resolve: (_root, _args, ctx) => ctx.loaders.costs.unitCosts(),
  }),
  gdpDeflators: t.field({
    type: [DeflatorRef],
    description: 'The GDP deflator series loaded, oldest first.',
    resolve: async (_root, _args, ctx) => [...(await ctx.loaders.costs.deflators()).index].map(([year, index]) => ({ year, index })),
  }),
}));
