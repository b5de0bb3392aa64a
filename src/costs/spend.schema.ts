/**
 * Spend in the graph: `spend(year:)` on every kind of area (registered once, geography/area-fields.ts), and `compareSpend`.
 * Every field is answered by the request's spend loader: one analytics query per (geography
 * version, year, price base), however many areas a request names. Partners are named by their
 * unique name in the ledger; `partner` finds the record with findUnique, which Prisma batches
 * into one query for all rows of a tick.
 *
 * Spend ledgers are partnership data: reading them needs a signed-in viewer (any role).
 * Money is a pounds string with two decimals (exact pence), never a float.
 */
import { BadUserInputError, NotFoundError } from '../errors.js';
import { registerAreaField } from '../geography/area-fields.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { financialYear } from './deflators.js';
import type { PartnerSpend, ServiceSpend, SpendAreaKind, SpendSummary } from './ledger.js';
import { formatPence } from './money.js';
import { CostAreaRef } from './common.schema.js';

const SIGNED_IN = { signedIn: true } as const;
const money = (pence: bigint | null) => (pence === null ? null : formatPence(pence));

const PartnerSpendRef = builder.objectRef<PartnerSpend & { total: bigint }>('PartnerSpend').implement({
  description: 'One partner’s spend in an area.',
  fields: (t) => ({
    partnerName: t.exposeString('partnerName', { description: 'The partner as the ledger names it (its unique name).' }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'The partner’s record.',
      resolve: (query, row, _args, ctx) => ctx.prisma.partner.findUnique({ ...query, where: { name: row.partnerName } }),
    }),
    amount: t.string({ description: 'Spend in pounds (exact pence), in the answer’s price base.', resolve: (row) => formatPence(row.pence) }),
    perHead: t.string({ nullable: true, description: 'Pounds per resident (all ages), to the penny.', resolve: (row) => money(row.perHeadPence) }),
    share: t.float({
      nullable: true,
      description: 'Its share of the area’s total spend (0 to 1; null when the total is 0).',
      resolve: (row) => (row.total === 0n ? null : Number(row.pence) / Number(row.total)),
    }),
  }),
});

const ServiceSpendRef = builder.objectRef<ServiceSpend>('ServiceSpend').implement({
  description: 'Spend on one service line of one partner in an area.',
  fields: (t) => ({
    partnerName: t.exposeString('partnerName', { description: 'The partner (its unique name).' }),
    classification: t.exposeString('classification', { nullable: true, description: 'The service classification (e.g. Revenue Outturn); null for a free service name.' }),
    serviceCode: t.exposeString('serviceCode', { nullable: true, description: 'The service line’s code in its classification, if any.' }),
    service: t.exposeString('service', { description: 'The service line or name.' }),
    amount: t.string({ description: 'Spend in pounds (exact pence).', resolve: (row) => formatPence(row.pence) }),
  }),
});

export const SpendSummaryRef = builder.objectRef<SpendSummary>('SpendSummary').implement({
  description:
    'All partners’ spend in an area for one financial year: locality lines, small-area lines split by the geography weights, and county-wide lines apportioned by their driver (largest-remainder rounding, so localities sum to the county exactly), in one price base.',
  fields: (t) => ({
    area: t.field({ type: CostAreaRef, description: 'The area.', resolve: (s) => s.area }),
    year: t.exposeString('year', { description: 'The financial year (e.g. 2019/20).' }),
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices the amounts are in (GDP deflator).' }),
    total: t.string({ description: 'Total spend in pounds (exact pence).', resolve: (s) => formatPence(s.pence) }),
    direct: t.string({ description: 'Spend from lines placed in a locality or small area.', resolve: (s) => formatPence(s.directPence) }),
    apportioned: t.string({ description: 'Spend from county-wide lines apportioned by their driver.', resolve: (s) => formatPence(s.apportionedPence) }),
    unapportioned: t.string({
      description: 'County only: spend that could not be placed (a driver with no data for the year, or a small area outside the geography version); 0 elsewhere. Included in the county total.',
      resolve: (s) => formatPence(s.unapportionedPence),
    }),
    lineCount: t.exposeInt('lineCount', { description: 'How many ledger lines contribute.' }),
    population: t.float({
      nullable: true,
      description: 'All-ages residents used for per-head figures (the latest mid-year estimate at or before the year’s mid-year).',
      resolve: (s) => (s.populationScaled === null ? null : Number(s.populationScaled) / 1e9),
    }),
    populationPeriod: t.exposeString('populationPeriod', { nullable: true, description: 'The mid-year of that population.' }),
    perHead: t.string({ nullable: true, description: 'Spend per resident in pounds, to the penny.', resolve: (s) => money(s.perHeadPence) }),
    countyPerHead: t.string({ nullable: true, description: 'The county’s spend per resident, for comparison.', resolve: (s) => money(s.countyPerHeadPence) }),
    perHeadIndex: t.float({
      nullable: true,
      description: 'Spend per head as a percentage of the county’s (100 = the same).',
      resolve: (s) => (s.perHeadPence === null || !s.countyPerHeadPence ? null : (Number(s.perHeadPence) / Number(s.countyPerHeadPence)) * 100),
    }),
    byPartner: t.field({
      type: [PartnerSpendRef],
      description: 'Spend by partner, largest first.',
      resolve: (s) => s.byPartner.map((row) => ({ ...row, total: s.pence })),
    }),
    byService: t.field({ type: [ServiceSpendRef], description: 'Spend by partner and service line.', resolve: (s) => s.byService }),
  }),
});

const spendArgs = builder.args((t) => ({
  year: t.string({ required: true, description: 'The financial year, e.g. 2019/20.' }),
  priceBase: t.string({ required: false, description: 'Express amounts in this financial year’s prices (GDP deflator); default: the year itself.' }),
}));

interface SpendArgs {
  year: string;
  priceBase?: string | null;
}

/** The spend of one area (null when it has neither spend nor population for the year). */
export async function spendOf(ctx: Context, versionId: string, kind: SpendAreaKind, code: string, args: SpendArgs) {
  const year = financialYear(args.year);
  if (!year) throw new BadUserInputError('year: must be a financial year such as 2019/20', { field: 'year' });
  const base = args.priceBase ? financialYear(args.priceBase) : year;
  if (!base) throw new BadUserInputError('priceBase: must be a financial year such as 2019/20', { field: 'priceBase' });
  if (base.label !== year.label && !(await ctx.loaders.costs.deflators()).index.has(base.label)) {
    throw new BadUserInputError(`priceBase: no GDP deflator is loaded for ${base.label}`, { field: 'priceBase' });
  }
  const version = ctx.geography.version(versionId === '' ? null : versionId);
  return ctx.loaders.costs.spend.load({
    versionId,
    year: year.label,
    yearStart: year.start,
    startYear: year.startYear,
    priceBase: base.label,
    countyName: version?.countyName ?? 'County',
    area: { kind, code },
  });
}

registerAreaField('spend', {
  type: SpendSummaryRef,
  nullable: true,
  authScopes: SIGNED_IN,
  args: spendArgs,
  description: (whose) =>
    whose === 'locality'
      ? 'All partners’ spend in the locality for a financial year, by partner and service, per head and against the county per head (signed-in partners only).'
      : whose === 'group'
        ? 'All partners’ spend in the group’s localities together (signed-in partners only).'
        : 'All partners’ spend in the whole area: every line, including any that could not be placed in a locality (signed-in partners only).',
  resolve: ({ versionId, area }, args: SpendArgs, ctx) =>
    spendOf(ctx, area.kind === 'LOCALITY' ? ctx.geography.versionId() : versionId, area.kind as SpendAreaKind, area.code, args),
});

builder.queryField('compareSpend', (t) =>
  t.field({
    type: [SpendSummaryRef],
    authScopes: SIGNED_IN,
    description: 'Localities’ spend side by side for one financial year, followed by the county (signed-in partners only).',
    args: {
      localityCodes: t.arg.stringList({ required: true, description: 'Locality codes.' }),
      ...spendArgs,
    },
    resolve: async (_root, args, ctx) => {
      const codes = [...new Set(args.localityCodes)];
      if (codes.length === 0) throw new BadUserInputError('localityCodes: name at least one locality', { field: 'localityCodes' });
      const versionId = ctx.geography.versionId();
      const known = await ctx.prisma.locality.findMany({ where: { code: { in: codes }, versions: { some: { versionId } } }, select: { code: true } });
      const unknown = codes.filter((code) => !known.some((l) => l.code === code));
      if (unknown.length > 0) throw new NotFoundError('Locality', unknown.join(', '));
      const areas: [SpendAreaKind, string][] = [...codes.map((code) => ['LOCALITY', code] as [SpendAreaKind, string]), ['COUNTY', 'COUNTY']];
      const found = await Promise.all(areas.map(([kind, code]) => spendOf(ctx, versionId, kind, code, args)));
      return found.filter((s): s is SpendSummary => s !== null);
    },
  }),
);
