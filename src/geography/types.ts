/**
 * The geography in the graph: the area (`county`), its localities and the groupings of them the
 * import defined, the parishes and small areas the localities are built from, partners' service
 * areas, and the versions of the mapping.
 *
 * Nested relations are planned into the parent's Prisma query by the Prisma plugin, so a request
 * for every locality with its parishes and small areas is a fixed number of SQL statements
 * however many localities there are. Every field that depends on the mapping takes an optional
 * `geographyVersion` (default: the version the request asked for at its root, else the version in
 * force today; see versions.ts).
 */
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { NotFoundError } from '../errors.js';
import { AREA_KINDS, groupAreaCode, parseGroupAreaCode } from './areas.js';
import { BadUserInputError } from '../errors.js';
import { asFieldRef, builder, DEFAULT_PAGE_SIZE } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { GeographyVersionInfo } from './versions.js';

const AREA_KIND_TEXT: Record<(typeof AREA_KINDS)[number], string> = {
  LOCALITY: 'One locality.',
  LOCALITY_GROUP: 'A group of localities of one of the geography’s groupings (code `grouping/group`, e.g. tier/RURAL), taken together.',
  COUNTY: 'The whole area the geography covers (a county, unitary, district or metropolitan borough; code COUNTY).',
  GROUP: 'Localities combined on request (code GROUP).',
  CUSTOM: 'A custom area a user saved from small areas (code: the custom area’s global id); profiled like a locality, never ranked among them.',
};

/** The one list of area kinds in the graph (profiles, population, spend and cost of demand). */
export const AreaKindEnum = builder.enumType('AreaKind', {
  description: 'What kind of area an answer is about.',
  values: Object.fromEntries(AREA_KINDS.map((kind) => [kind, { value: kind, description: AREA_KIND_TEXT[kind] }])) as {
    [K in (typeof AREA_KINDS)[number]]: { value: K; description: string };
  },
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
    countyCode: t.exposeString('countyCode', { description: 'ONS code of the area the localities make up (a county, unitary, district or metropolitan borough).' }),
    countyName: t.exposeString('countyName', { description: 'Name of that area.' }),
    areaKind: t.exposeString('areaKind', { nullable: true, description: 'What kind of area it is, as the import named it (e.g. unitary authority).' }),
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
  // Keyed by its code: node(id:) and id arguments take a code here, not a number (src/schema/index.ts).
  extensions: { nodeKey: 'code' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code of the locality (e.g. ross-on-wye).' }),
    name: t.exposeString('name', { description: 'Name of the locality.' }),
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

export const WardRef = builder.prismaObject('Ward', {
  description: 'An electoral ward. Small areas do not nest in wards: each geography version gives each small area the one ward holding most of its population (ONS best-fit lookup).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ONS ward code (E05......).' }),
    name: t.exposeString('name', { description: 'Name of the ward.' }),
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

/** The whole area as read under one geography version. */
export interface CountyShape {
  version: GeographyVersionInfo;
}
/** A group of localities of one grouping, as read under one geography version. */
export interface LocalityGroupShape {
  versionId: string;
  grouping: string;
  groupingName: string;
  code: string;
  name: string;
}

type LocalityQuery = { include?: object; select?: object };

/**
 * The Prisma condition on a locality "in this group" (`grouping/group`) of this version (null:
 * of any version), or none without a group.
 */
export function inLocalityGroup(versionId: string | null, group: string | null | undefined, field = 'group') {
  if (!group) return {};
  const parsed = parseGroupAreaCode(group);
  if (!parsed) throw new BadUserInputError(`"${group}" is not a locality group: write grouping/group, e.g. tier/RURAL`, { field });
  return { groups: { some: { group: { code: parsed.group, grouping: { code: parsed.grouping, ...(versionId === null ? {} : { versionId }) } } } } };
}

/** Localities of a version, optionally of one group (`grouping/group`), in the order of the first grouping, then name. */
function localitiesOf(ctx: Context, query: LocalityQuery, versionId: string, group?: string | null) {
  const members = group ? findGroup(ctx, versionId, group, 'group').localities : null;
  return ctx.prisma.locality.findMany({
    ...(query as object),
    where: { versions: { some: { versionId } }, ...(members ? { code: { in: members } } : {}) },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
}

/** Every grouping of a version with its groups, in the import's order (from the version list: no statement). */
export function groupingsOf(ctx: Context, versionId: string) {
  const version = ctx.geography.versions.find((v) => v.id === versionId);
  return (version?.groupings ?? []).map((grouping) => ({
    code: grouping.code,
    name: grouping.name,
    groups: grouping.groups.map((g) => ({ ...g, versionId, grouping: grouping.code, groupingName: grouping.name })),
  }));
}

/** One group by its area code, `grouping/group`, as people type it (any case, - for _); NOT_FOUND if none. */
export function findGroup(ctx: Context, versionId: string, code: string, field = 'code'): LocalityGroupShape & { localities: string[] } {
  const parsed = parseGroupAreaCode(code);
  if (!parsed) throw new BadUserInputError(`"${code}" is not a locality group: write grouping/group, e.g. tier/RURAL`, { field });
  const loose = (text: string) => text.toLowerCase().replaceAll('-', '_');
  const groups = groupingsOf(ctx, versionId).find((g) => g.code === parsed.grouping)?.groups ?? [];
  const found = groups.find((g) => g.code === parsed.group) ?? groups.find((g) => loose(g.code) === loose(parsed.group));
  if (!found) throw new NotFoundError('Locality group', code);
  return found;
}

/** A locality's groups in a version, in grouping order. */
export function groupsOfLocality(ctx: Context, versionId: string, code: string): LocalityGroupShape[] {
  return groupingsOf(ctx, versionId).flatMap((grouping) => grouping.groups.filter((g) => g.localities.includes(code)));
}

export const LocalityGroupRef = builder.objectRef<LocalityGroupShape>('LocalityGroup').implement({
  description: 'A group of localities in one of the geography’s groupings (e.g. the market towns of a tier grouping), taken together.',
  fields: (t) => ({
    grouping: t.string({ description: 'Code of the grouping (e.g. tier).', resolve: (g) => g.grouping }),
    groupingName: t.string({ description: 'Name of the grouping.', resolve: (g) => g.groupingName }),
    code: t.string({ description: 'Code of the group within its grouping (e.g. MARKET_TOWN).', resolve: (g) => g.code }),
    areaCode: t.string({ description: 'Its area code, `grouping/group` (e.g. tier/MARKET_TOWN): the code of its profile rows.', resolve: (g) => groupAreaCode(g.grouping, g.code) }),
    name: t.string({ description: 'Name of the group.', resolve: (g) => g.name }),
    localities: t.prismaField({
      type: ['Locality'],
      description: 'The localities of the group.',
      resolve: (query, g, _args, ctx) => localitiesOf(ctx, query, g.versionId, groupAreaCode(g.grouping, g.code)),
    }),
  }),
});

const LocalityGroupingRef = builder
  .objectRef<{ code: string; name: string; groups: LocalityGroupShape[] }>('LocalityGrouping')
  .implement({
    description: 'One way the geography groups its localities (e.g. tiers; co-ordinated and managed areas), each locality in one group.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Code of the grouping (e.g. tier).' }),
      name: t.exposeString('name', { description: 'Name of the grouping.' }),
      groups: t.field({ type: [LocalityGroupRef], description: 'Its groups, in the import’s order.', resolve: (g) => g.groups }),
    }),
  });

builder.prismaObjectField('Locality', 'groups', (t) =>
  asFieldRef(t.field({
    type: [LocalityGroupRef],
    description: 'The groups the locality belongs to, one per grouping of the geography version (none without groupings).',
    args: versionArg(),
    select: { code: true },
    resolve: (locality, args, ctx) => groupsOfLocality(ctx, ctx.geography.versionId(args.geographyVersion), locality.code),
  })),
);

export const CountyRef = builder.objectRef<CountyShape>('County').implement({
  description:
    'The whole area the localities make up (a county, unitary, district or metropolitan borough, as the geography names it): the benchmark every locality is compared with.',
  fields: (t) => ({
    code: t.string({ description: 'ONS code of the area.', resolve: (county) => county.version.countyCode }),
    name: t.string({ description: 'Name of the area.', resolve: (county) => county.version.countyName }),
    geographyVersion: t.prismaField({
      type: 'GeographyVersion',
      description: 'The geography version this answer reads.',
      resolve: (query, county, _args, ctx) =>
        ctx.prisma.geographyVersion.findUniqueOrThrow({ ...query, where: { id: county.version.id } }),
    }),
    localities: t.prismaField({
      type: ['Locality'],
      description: 'Every locality of the area.',
      resolve: (query, county, _args, ctx) => localitiesOf(ctx, query, county.version.id),
    }),
    groupings: t.field({
      type: [LocalityGroupingRef],
      description: 'The groupings of its localities the geography defines (none, one or several).',
      resolve: (county, _args, ctx) => groupingsOf(ctx, county.version.id),
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
    description: 'The localities of the area, optionally of one group (in the order of the first grouping, then by name).',
    args: {
      group: t.arg.string({ required: false, description: 'Only localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      ...versionArg(),
    },
    complexity: { field: 1, multiplier: 10 },
    resolve: (query, _root, args, ctx) => localitiesOf(ctx, query, ctx.geography.versionId(args.geographyVersion), args.group),
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
  groupings: t.field({
    type: [LocalityGroupingRef],
    description: 'The groupings of localities the geography version defines, each with its groups (none, one or several).',
    args: versionArg(),
    resolve: (_root, args, ctx) => groupingsOf(ctx, ctx.geography.versionId(args.geographyVersion)),
  }),
  localityGroups: t.field({
    type: [LocalityGroupRef],
    description: 'Every group of one grouping (default: the first), in the import’s order; empty when the geography defines no groupings.',
    args: { grouping: t.arg.string({ required: false, description: 'The grouping code (e.g. tier); default: the first.' }), ...versionArg() },
    resolve: (_root, args, ctx) => {
      const groupings = groupingsOf(ctx, ctx.geography.versionId(args.geographyVersion));
      if (!args.grouping) return groupings[0]?.groups ?? [];
      const found = groupings.find((g) => g.code === args.grouping);
      if (!found) throw new NotFoundError('Grouping', args.grouping);
      return found.groups;
    },
  }),
  localityGroup: t.field({
    type: LocalityGroupRef,
    description: 'One group of localities by its area code, grouping/group (NOT_FOUND if the version has none).',
    args: { code: t.arg.string({ required: true, description: 'The group, written grouping/group (e.g. tier/RURAL).' }), ...versionArg() },
    resolve: (_root, args, ctx) => findGroup(ctx, ctx.geography.versionId(args.geographyVersion), args.code),
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
