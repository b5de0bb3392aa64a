/**
 * The geography in the graph: localities, tiers and the county, the parishes and small areas the
 * localities are built from, partners' service areas, and the versions of the mapping.
 *
 * Nested relations are planned into the parent's Prisma query by the Prisma plugin, so a request
 * for every locality with its parishes and small areas is a fixed number of SQL statements
 * however many localities there are. Every field that depends on the mapping takes an optional
 * `geographyVersion` (default: the version the request asked for at its root, else the version in
 * force today; see versions.ts).
 */
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { NotFoundError } from '../errors.js';
import type { Tier } from '../generated/prisma/sqlite/enums.js';
import { builder, DEFAULT_PAGE_SIZE } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { GeographyVersionInfo } from './versions.js';

const TIER_ORDER: readonly Tier[] = ['CITY', 'MARKET_TOWN', 'RURAL'];

export const TierEnum = builder.enumType('Tier', {
  description: 'The three kinds of locality in the locality strategy.',
  values: {
    CITY: { value: 'CITY', description: 'The city (Hereford City in the reference county).' },
    MARKET_TOWN: { value: 'MARKET_TOWN', description: 'A market town and its hinterland.' },
    RURAL: { value: 'RURAL', description: 'A rural area without a market town at its centre.' },
  } as const,
});

const versionArg = () =>
  builder.args((t) => ({
    geographyVersion: t.string({
      required: false,
      description:
        'A geography version id (see `geographyVersions`); default: the version in force today. On a root field it is the version of the whole request.',
    }),
  }));

/** The complexity of a connection page: its size times what is selected on each node. */
const pageComplexity = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: args.first ?? args.last ?? DEFAULT_PAGE_SIZE,
});

export const GeographyVersionRef = builder.prismaNode('GeographyVersion', {
  nullable: true,
  description: 'One load of the geography: the mapping of parishes and small areas to localities from a date.',
  id: { field: 'id' },
  fields: (t) => ({
    versionId: t.exposeString('id', { description: 'The id the version was loaded under.' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date', description: 'The date from which this mapping applies.' }),
    loadedAt: t.expose('loadedAt', { type: 'DateTime', description: 'When the version was loaded.' }),
    countyCode: t.exposeString('countyCode', { description: 'ONS code of the county.' }),
    countyName: t.exposeString('countyName', { description: 'Name of the county.' }),
    description: t.exposeString('description', { nullable: true, description: 'What changed in this version.' }),
    source: t.exposeString('source', { nullable: true, description: 'Where the mapping came from.' }),
    isCurrent: t.boolean({
      description: 'Whether this is the version in force today.',
      resolve: (version, _args, ctx) => ctx.geography.current?.id === version.id,
    }),
  }),
});

/**
 * A connection's node selection, never empty: asked only for `totalCount`, the plugin selects
 * nothing of the node, which Prisma refuses ("select must not be empty"), so select its id.
 */
function nonEmpty<T>(selection: T): T {
  const query = selection as { select?: object } | boolean;
  if (typeof query === 'object' && query.select && Object.keys(query.select).length === 0) {
    return { select: { id: true } } as T;
  }
  return selection;
}

const parishPage = prismaConnectionHelpers(builder, 'ParishAssignment', {
  cursor: 'versionId_parishId',
  args: (t) => ({
    geographyVersion: t.string({ required: false, description: 'A geography version id; default: the version the request asked for at its root, else the version in force today.' }),
  }),
  query: (args, ctx) => ({ where: { versionId: ctx.geography.versionId(args.geographyVersion) }, orderBy: { parishId: 'asc' as const } }),
  select: (nodeSelection) => ({ parish: nonEmpty(nodeSelection(true)) }),
  resolveNode: (assignment) => assignment.parish,
});

const smallAreaPage = prismaConnectionHelpers(builder, 'SmallAreaWeight', {
  cursor: 'versionId_smallAreaId_localityId',
  args: (t) => ({
    geographyVersion: t.string({ required: false, description: 'A geography version id; default: the version the request asked for at its root, else the version in force today.' }),
  }),
  query: (args, ctx) => ({ where: { versionId: ctx.geography.versionId(args.geographyVersion) }, orderBy: { smallAreaId: 'asc' as const } }),
  select: (nodeSelection) => ({ weight: true, smallArea: nonEmpty(nodeSelection(true)) }),
  resolveNode: (share) => share.smallArea,
});

export const LocalityRef = builder.prismaNode('Locality', {
  nullable: true,
  description: 'A locality: the area partners plan, meet and report on, built from civil parishes.',
  id: { field: 'code' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code of the locality (e.g. ross-on-wye).' }),
    name: t.exposeString('name', { description: 'Name of the locality.' }),
    tier: t.expose('tier', { type: TierEnum, description: 'The tier the locality belongs to.' }),
  }),
});

export const ParishRef = builder.prismaNode('Parish', {
  nullable: true,
  description: 'A civil parish, the building block of localities.',
  id: { field: 'code' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ONS civil parish code (E04......).' }),
    name: t.exposeString('name', { description: 'Name of the parish.' }),
  }),
});

export const SmallAreaShareRef = builder.prismaObject('SmallAreaWeight', {
  name: 'SmallAreaShare',
  description: 'The share of a small area that lies in one locality.',
  fields: (t) => ({
    locality: t.relation('locality', { description: 'The locality.' }),
    weight: t.exposeFloat('weight', { description: 'The share (0 to 1]; the shares of a small area sum to 1.' }),
  }),
});

export const SmallAreaRef = builder.prismaNode('SmallArea', {
  nullable: true,
  description: 'A statistical small area (LSOA), the level at which datasets are held.',
  id: { field: 'code' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ONS code (E01...... for an LSOA).' }),
    name: t.exposeString('name', { description: 'ONS name (e.g. Herefordshire 012A).' }),
    localities: t.relation('weights', {
      description: 'The localities the small area lies in, with its share in each.',
      args: versionArg(),
      // A small area lies in one locality, or two where split: not the default list's ten.
      complexity: { field: 1, multiplier: 2 },
      query: (args, ctx) => ({ where: { versionId: ctx.geography.versionId(args.geographyVersion) }, orderBy: { localityId: 'asc' as const } }),
    }),
  }),
});

export const ServiceAreaRef = builder.prismaNode('ServiceArea', {
  nullable: true,
  description: "A partner's operational area covering several localities (e.g. one of the police's four).",
  id: { field: 'code' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the service area.' }),
    name: t.exposeString('name', { description: 'Name of the service area.' }),
    organisation: t.exposeString('organisation', { description: 'The partner organisation whose area it is.' }),
    localities: t.field({
      type: [LocalityRef],
      description: 'The localities the service area covers.',
      args: versionArg(),
      select: (args, ctx, nestedSelection) => ({
        localities: {
          where: { versionId: ctx.geography.versionId(args.geographyVersion) },
          select: { locality: nestedSelection(true) },
          orderBy: { localityId: 'asc' },
        },
      }),
      resolve: (area) => area.localities.map((link) => link.locality),
    }),
  }),
});

// Fields that close the cycles between the types above, added once every type exists.
builder.prismaObjectFields('Locality', (t) => ({
  parishes: t.connection(
    {
      type: ParishRef,
      description: 'The civil parishes the locality is built from.',
      args: parishPage.getArgs(),
      complexity: pageComplexity,
      select: (args, ctx, nestedSelection) => ({
        parishAssignments: parishPage.getQuery(args, ctx, nestedSelection),
        _count: { select: { parishAssignments: { where: { versionId: ctx.geography.versionId(args.geographyVersion) } } } },
      }),
      resolve: (locality, args, ctx) => ({
        ...parishPage.resolve(locality.parishAssignments, args, ctx),
        totalCount: locality._count.parishAssignments,
      }),
    },
    {
      name: 'LocalityParishConnection',
      fields: (c) => ({ totalCount: c.int({ description: 'Parishes in all pages.', resolve: (page) => page.totalCount }) }),
    },
    { name: 'LocalityParishEdge' },
  ),
  smallAreas: t.connection(
    {
      type: SmallAreaRef,
      description: 'The small areas (LSOAs) that lie wholly or partly in the locality, each edge with its weight.',
      args: smallAreaPage.getArgs(),
      complexity: pageComplexity,
      select: (args, ctx, nestedSelection) => ({
        smallAreaWeights: smallAreaPage.getQuery(args, ctx, nestedSelection),
        _count: { select: { smallAreaWeights: { where: { versionId: ctx.geography.versionId(args.geographyVersion) } } } },
      }),
      resolve: (locality, args, ctx) => ({
        ...smallAreaPage.resolve(locality.smallAreaWeights, args, ctx),
        totalCount: locality._count.smallAreaWeights,
      }),
    },
    {
      name: 'LocalitySmallAreaConnection',
      fields: (c) => ({ totalCount: c.int({ description: 'Small areas in all pages.', resolve: (page) => page.totalCount }) }),
    },
    {
      name: 'LocalitySmallAreaEdge',
      fields: (edge) => ({
        weight: edge.float({
          description: 'Share of the small area in this locality: 1 where it nests wholly, a population share where split.',
          resolve: (share) => share.weight,
        }),
      }),
    },
  ),
  serviceAreas: t.field({
    type: [ServiceAreaRef],
    description: "Partners' service areas that cover the locality.",
    args: versionArg(),
    select: (args, ctx, nestedSelection) => ({
      serviceAreaLocalities: {
        where: { versionId: ctx.geography.versionId(args.geographyVersion) },
        select: { serviceArea: nestedSelection(true) },
        orderBy: { serviceAreaId: 'asc' },
      },
    }),
    resolve: (locality) => locality.serviceAreaLocalities.map((link) => link.serviceArea),
  }),
}));

builder.prismaObjectFields('Parish', (t) => ({
  locality: t.field({
    type: LocalityRef,
    nullable: true,
    description: 'The locality the parish lies in (null if the version does not place it).',
    args: versionArg(),
    select: (args, ctx, nestedSelection) => ({
      assignments: {
        where: { versionId: ctx.geography.versionId(args.geographyVersion) },
        select: { locality: nestedSelection(true) },
      },
    }),
    resolve: (parish) => parish.assignments[0]?.locality ?? null,
  }),
}));

/** The county (or a tier of it) as read under one geography version. */
export interface CountyShape {
  version: GeographyVersionInfo;
}
export interface TierShape {
  tier: Tier;
  versionId: string;
}

type LocalityQuery = { include?: object; select?: object };

/** Localities of a version, optionally of one tier, in tier then name order. */
function localitiesOf(ctx: Context, query: LocalityQuery, versionId: string, tier?: Tier | null) {
  return ctx.prisma.locality.findMany({
    ...(query as object),
    where: { versions: { some: { versionId } }, ...(tier ? { tier } : {}) },
    orderBy: [{ tier: 'asc' }, { name: 'asc' }],
  });
}

export const CountyRef = builder.objectRef<CountyShape>('County').implement({
  description: 'The county the localities make up: the benchmark every locality is compared with.',
  fields: (t) => ({
    code: t.string({ description: 'ONS code of the county.', resolve: (county) => county.version.countyCode }),
    name: t.string({ description: 'Name of the county.', resolve: (county) => county.version.countyName }),
    geographyVersion: t.prismaField({
      type: 'GeographyVersion',
      description: 'The geography version this answer reads.',
      resolve: (query, county, _args, ctx) =>
        ctx.prisma.geographyVersion.findUniqueOrThrow({ ...query, where: { id: county.version.id } }),
    }),
    localities: t.prismaField({
      type: ['Locality'],
      description: 'Every locality of the county.',
      resolve: (query, county, _args, ctx) => localitiesOf(ctx, query, county.version.id),
    }),
  }),
});

export const TierSummaryRef = builder.objectRef<TierShape>('TierSummary').implement({
  description: 'A tier of localities (the city, the market towns, or the rural areas) taken together.',
  fields: (t) => ({
    tier: t.field({ type: TierEnum, description: 'The tier.', resolve: (summary) => summary.tier }),
    localities: t.prismaField({
      type: ['Locality'],
      description: 'The localities of the tier.',
      resolve: (query, summary, _args, ctx) => localitiesOf(ctx, query, summary.versionId, summary.tier),
    }),
  }),
});

function countyOf(ctx: Context, asked?: string | null): CountyShape {
  const version = ctx.geography.version(asked);
  if (!version) throw new NotFoundError('Geography version', 'current');
  return { version };
}

builder.queryFields((t) => ({
  localities: t.prismaField({
    type: ['Locality'],
    description: 'The localities of the county, optionally of one tier.',
    args: { tier: t.arg({ type: TierEnum, required: false, description: 'Only localities of this tier.' }), ...versionArg() },
    complexity: { field: 1, multiplier: 10 },
    resolve: (query, _root, args, ctx) => localitiesOf(ctx, query, ctx.geography.versionId(args.geographyVersion), args.tier),
  }),
  locality: t.prismaField({
    type: 'Locality',
    nullable: true,
    description: 'One locality by its code (NOT_FOUND if the geography version has none with that code).',
    args: { code: t.arg.string({ required: true, description: 'The locality code, e.g. leominster.' }), ...versionArg() },
    resolve: async (query, _root, args, ctx) => {
      const versionId = ctx.geography.versionId(args.geographyVersion);
      const found = await ctx.prisma.locality.findFirst({
        ...query,
        where: { code: args.code, versions: { some: { versionId } } },
      });
      if (!found) throw new NotFoundError('Locality', args.code);
      return found;
    },
  }),
  tiers: t.field({
    type: [TierSummaryRef],
    description: 'The three tiers, each with its localities.',
    args: versionArg(),
    resolve: (_root, args, ctx) => {
      const versionId = ctx.geography.versionId(args.geographyVersion);
      return TIER_ORDER.map((tier) => ({ tier, versionId }));
    },
  }),
  tier: t.field({
    type: TierSummaryRef,
    description: 'One tier with its localities.',
    args: { tier: t.arg({ type: TierEnum, required: true, description: 'The tier.' }), ...versionArg() },
    resolve: (_root, args, ctx) => ({ tier: args.tier, versionId: ctx.geography.versionId(args.geographyVersion) }),
  }),
  county: t.field({
    type: CountyRef,
    description: 'The county as a whole (NOT_FOUND before any geography is loaded).',
    args: versionArg(),
    resolve: (_root, args, ctx) => countyOf(ctx, args.geographyVersion),
  }),
  geographyVersions: t.prismaField({
    type: ['GeographyVersion'],
    description: 'Every version of the geography, newest effective date first.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.geographyVersion.findMany({ ...query, orderBy: [{ effectiveFrom: 'desc' }, { loadedAt: 'desc' }] }),
  }),
  parish: t.prismaField({
    type: 'Parish',
    nullable: true,
    description: 'One civil parish by its ONS code.',
    args: { code: t.arg.string({ required: true, description: 'ONS parish code, e.g. E04000921.' }) },
    resolve: async (query, _root, args, ctx) =>
      (await ctx.prisma.parish.findUnique({ ...query, where: { code: args.code } })) ??
      Promise.reject(new NotFoundError('Parish', args.code)),
  }),
  smallArea: t.prismaField({
    type: 'SmallArea',
    nullable: true,
    description: 'One small area by its ONS code.',
    args: { code: t.arg.string({ required: true, description: 'ONS small area code, e.g. E01013986.' }) },
    resolve: async (query, _root, args, ctx) =>
      (await ctx.prisma.smallArea.findUnique({ ...query, where: { code: args.code } })) ??
      Promise.reject(new NotFoundError('Small area', args.code)),
  }),
  serviceAreas: t.prismaField({
    type: ['ServiceArea'],
    description: "Partners' service areas.",
    args: { organisation: t.arg.string({ required: false, description: 'Only this organisation’s areas.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.serviceArea.findMany({
        ...query,
        where: args.organisation ? { organisation: args.organisation } : {},
        orderBy: { code: 'asc' },
      }),
  }),
}));
