/**
 * Locality profiles in the graph: the indicator catalogue, `profile` on every kind of area
 * (registered once, see geography/area-fields.ts), an indicator's `series` for one area, and `compare` side by side. Every profile field is
 * answered by the request's profile loader: one analytics query per request shape, however many
 * localities and indicators the request names (see loaders.ts and profile.sql).
 */
import { registerAreaField } from '../geography/area-fields.js';
import { COMBINED_CODE, groupAreaCode, WHOLE_AREA_CODE, type AreaKey, type AreaKind } from '../geography/areas.js';
import { AreaKindEnum, groupsOfLocality } from '../geography/types.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { AGGREGATIONS, type Indicator, POLARITIES, VALUE_TYPES } from './catalogue.js';
import type { Area, ProfileRow, ProfileShape } from './profile.js';

const VALUE_TYPE_TEXT: Record<(typeof VALUE_TYPES)[number], string> = {
  COUNT: 'A count of people or events.',
  PROPORTION: 'A proportion, given as a percentage (multiplier 100).',
  RATE: 'A rate per N (the multiplier), e.g. per 1,000 residents.',
  MEAN: 'A mean (or weighted mean) of a measure.',
  SCORE: 'A score or index without a confidence interval.',
  DSR: 'A directly standardised rate per N (the multiplier), standardised to the European Standard Population 2013 from age-banded counts, with Dobson limits; not computed under 10 events.',
};

const AGGREGATION_TEXT: Record<(typeof AGGREGATIONS)[number], string> = {
  SUM: 'Numerators summed.',
  RATIO: 'Summed numerators over summed denominators.',
  WEIGHTED_MEAN: 'A mean weighted by the population named in `weightPopulation`.',
  NOT_ADDITIVE: 'Not additive: published for small areas only.',
};

const ValueTypeEnum = builder.enumType('ValueType', {
  description: 'What kind of number an indicator is.',
  values: Object.fromEntries(VALUE_TYPES.map((value) => [value, { description: VALUE_TYPE_TEXT[value] }])),
});

const PolarityEnum = builder.enumType('Polarity', {
  description: 'Whether a higher value is better, worse, or neither (which turns "higher" into "better" or "worse").',
  values: POLARITIES,
});

const AggregationEnum = builder.enumType('Aggregation', {
  description: 'How small-area values combine into a locality, a group of localities or the whole area.',
  values: Object.fromEntries(AGGREGATIONS.map((value) => [value, { description: AGGREGATION_TEXT[value] }])),
});

const ComparisonEnum = builder.enumType('Comparison', {
  description:
    'An area against the county (the benchmark): BETTER/WORSE when the county value lies outside the area’s 95% interval (by polarity), HIGHER/LOWER where there is no judgement, SIMILAR inside it, NOT_COMPARED where the method does not apply (no interval, a withheld value, the county itself).',
  values: ['BETTER', 'SIMILAR', 'WORSE', 'HIGHER', 'LOWER', 'NOT_COMPARED'] as const,
});

const TrendEnum = builder.enumType('Trend', {
  description:
    'The recent trend over the last five periods, as the public health profiles mark it: a significant rise or fall (99.8% level), no significant change, or not enough data (fewer than five consecutive periods, or withheld values).',
  values: ['INCREASING', 'DECREASING', 'NO_SIGNIFICANT_CHANGE', 'NOT_ENOUGH_DATA'] as const,
});

export const IndicatorRef = builder.objectRef<Indicator>('Indicator');
export const ProfileRowRef = builder.objectRef<ProfileRow>('ProfileRow');

IndicatorRef.implement({
  description: 'An indicator of the profiles’ catalogue: what it measures, how it combines, where it comes from.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The indicator’s id in the catalogue.' }),
    name: t.exposeString('name', { description: 'Short name.' }),
    definition: t.exposeString('definition', { description: 'What exactly is counted or measured.' }),
    unit: t.exposeString('unit', { description: 'Unit of the value (%, per 1,000, people, score...).' }),
    valueType: t.field({ type: ValueTypeEnum, description: 'What kind of number it is.', resolve: (i) => i.valueType }),
    multiplier: t.exposeFloat('multiplier', { description: '100 for a percentage, N for a rate per N, 1 otherwise.' }),
    polarity: t.field({ type: PolarityEnum, description: 'Whether higher is better.', resolve: (i) => i.polarity }),
    aggregation: t.field({ type: AggregationEnum, description: 'How it combines from small areas.', resolve: (i) => i.aggregation }),
    weightPopulation: t.exposeString('weightPopulation', { nullable: true, description: 'For a weighted mean: the population that weights it.' }),
    population: t.exposeString('population', { description: 'Who it is about (all ages, aged 0-15, ...).' }),
    theme: t.exposeString('theme', { description: 'Theme (health, crime, deprivation, housing, economy, population...).' }),
    source: t.exposeString('source', { description: 'Who publishes it.' }),
    release: t.exposeString('release', { description: 'The release the loaded values come from.' }),
    licence: t.exposeString('licence', { description: 'The licence it is published under.' }),
    disclosureControl: t.exposeBoolean('disclosureControl', { description: 'Whether small numbers are withheld.' }),
    series: t.field({
      type: [ProfileRowRef],
      description: 'Every period of this indicator for one area, oldest first, each with its intervals, comparison and trend.',
      args: { area: t.arg({ type: AreaInput, required: true, description: 'The area.' }) },
      resolve: async (indicator, args, ctx) =>
        profileOf(ctx, areaKey(args.area), { indicatorIds: [indicator.id], theme: null, period: null, series: true }),
    }),
  }),
});

const AreaRef = builder.objectRef<Area>('Area').implement({
  description: 'The area a profile row describes.',
  fields: (t) => ({
    kind: t.field({ type: AreaKindEnum, description: 'Locality, group of localities, the whole area, a combined set or a custom area.', resolve: (a) => a.kind }),
    code: t.exposeString('code', { description: 'Locality code, group (grouping/group, e.g. tier/RURAL), COUNTY, GROUP, or a custom area’s global id.' }),
    name: t.exposeString('name', { description: 'Name to show.' }),
  }),
});

const AreaInput = builder.inputType('AreaInput', {
  description: 'An area: a locality (by code), a group of localities (grouping/group), or the whole area.',
  fields: (t) => ({
    kind: t.field({ type: AreaKindEnum, required: true, description: 'LOCALITY, LOCALITY_GROUP or COUNTY.' }),
    code: t.string({ required: false, description: 'The locality code (LOCALITY) or the group, grouping/group (LOCALITY_GROUP); omitted for COUNTY.' }),
  }),
});

const float = (description: string, pick: (row: ProfileRow) => number | null) =>
  ({ nullable: true, description, resolve: pick }) as const;

ProfileRowRef.implement({
  description:
    'One indicator for one area and period: value, count, confidence intervals, the county value, the comparison with it, the trend and the rank. Withheld values are null with `suppressed` true and a `note`.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, description: 'The indicator.', resolve: (row) => row.indicator }),
    area: t.field({ type: AreaRef, description: 'The area.', resolve: (row) => row.area }),
    period: t.exposeString('period', { description: 'The period, as published (2019, 2019/20, 2019 Q3...).' }),
    periodStart: t.field({ type: 'Date', description: 'The day the period starts: periods sort by it.', resolve: (row) => new Date(`${row.periodStart}T00:00:00Z`) }),
    value: t.float(float('The value (a percentage for proportions, per multiplier for rates); null where withheld or not additive.', (r) => r.value)),
    numerator: t.float(float('The count (numerator); fractional where a small area is split between localities; null for a mean, which has no count.', (r) => r.numerator)),
    denominator: t.float(float('The denominator: the population at risk, or for a mean its weight (the population named by the indicator’s weightPopulation).', (r) => r.denominator)),
    lowerCI95: t.float(float('Lower 95% confidence limit.', (r) => r.lowerCI95)),
    upperCI95: t.float(float('Upper 95% confidence limit.', (r) => r.upperCI95)),
    lowerCI998: t.float(float('Lower 99.8% confidence limit.', (r) => r.lowerCI998)),
    upperCI998: t.float(float('Upper 99.8% confidence limit.', (r) => r.upperCI998)),
    countyValue: t.float(float('The county value for the same period (the benchmark).', (r) => r.countyValue)),
    comparison: t.field({ type: ComparisonEnum, description: 'Compared with the county.', resolve: (row) => row.comparison }),
    trend: t.field({ type: TrendEnum, description: 'Recent trend up to this period.', resolve: (row) => row.trend }),
    rank: t.int({ nullable: true, description: 'Rank among the localities (1 = best by polarity; 1 = highest where there is no judgement); localities only.', resolve: (row) => row.rank }),
    rankOutOf: t.int({ nullable: true, description: 'How many localities were ranked.', resolve: (row) => row.rankOutOf }),
    quintile: t.int({ nullable: true, description: 'Quintile among all the localities of the geography (1 = best by polarity; PHEindicatormethods phe_quantile, as the profiles compare areas of one type); null for fewer than five localities, while any locality is withheld, and for groupings, the county and combined areas.', resolve: (row) => row.quintile }),
    suppressed: t.exposeBoolean('suppressed', { description: 'True when the value is withheld by disclosure control (a small number, or a figure that would reveal one).' }),
    coverage: t.float(float('Share (0 to 1, by weight) of the area’s small areas with data for this period.', (r) => r.coverage)),
    denominatorCoverage: t.float(float('Share (0 to 1) of the area’s denominator, where its small areas give one, in small areas that have a count.', (r) => r.denominatorCoverage)),
    smallAreaLookup: t.exposeString('smallAreaLookup', {
      nullable: true,
      description:
        'How figures published on another generation of small areas (2011 or 2021 LSOAs) were carried to this geography’s: the ONS lookup, summed where areas became one, shared by residents where one became several (null when every figure is on the geography’s own small areas).',
    }),
    incomplete: t.exposeBoolean('incomplete', { description: 'True when the figure covers less than the whole area (either share under 1); the note says how much. Under PROFILE_MINIMUM_COVERAGE the value is withheld.' }),
    note: t.exposeString('note', { nullable: true, description: 'Why a value is withheld or missing.' }),
  }),
});

const AreaProfileRef = builder.objectRef<{ area: Area; rows: ProfileRow[] }>('AreaProfile').implement({
  description: 'One area’s profile rows, for side-by-side comparison.',
  fields: (t) => ({
    area: t.field({ type: AreaRef, description: 'The area.', resolve: (p) => p.area }),
    rows: t.field({ type: [ProfileRowRef], description: 'Its rows, in indicator order.', resolve: (p) => p.rows }),
  }),
});

export const profileArgs = builder.args((t) => ({
  theme: t.string({ required: false, description: 'Only indicators of this theme.' }),
  indicators: t.idList({ required: false, description: 'Only these indicators (by id).' }),
  period: t.string({ required: false, description: 'This period (e.g. 2019); default: each indicator’s latest.' }),
}));

export interface ProfileArgs {
  theme?: string | null;
  indicators?: readonly (string | number)[] | null;
  period?: string | null;
}

export const shapeOf = (args: ProfileArgs): Pick<ProfileShape, 'indicatorIds' | 'theme' | 'period'> => ({
  indicatorIds: args.indicators ? [...new Set(args.indicators.map(String))].sort() : null,
  theme: args.theme ?? null,
  period: args.period ?? null,
});

function areaKey(input: { kind: AreaKind; code?: string | null }): AreaKey {
  if (input.kind === 'COUNTY') return { kind: 'COUNTY', code: WHOLE_AREA_CODE };
  if (input.kind === 'GROUP' || input.kind === 'CUSTOM' || !input.code) {
    throw new BadUserInputError('An area is a LOCALITY or LOCALITY_GROUP with its code, or the COUNTY', { field: 'area' });
  }
  return { kind: input.kind, code: input.code };
}

/** An area's rows of a request shape, through the request's profile loader. */
export function profileOf(
  ctx: Context,
  area: AreaKey,
  shape: Pick<ProfileShape, 'indicatorIds' | 'theme' | 'period'> & Partial<Pick<ProfileShape, 'series' | 'group' | 'versionId'>>,
): Promise<ProfileRow[]> {
  return ctx.loaders.statistics.profile.load({
    versionId: shape.versionId ?? ctx.geography.versionId(),
    group: shape.group ?? [],
    series: shape.series ?? false,
    indicatorIds: shape.indicatorIds,
    theme: shape.theme,
    period: shape.period,
    area,
  });
}

const profileDescription =
  'Key statistics of the area: every indicator (of the theme, or those named) at its latest period (or the one asked), with intervals, the county value, comparison, trend and rank.';

registerAreaField('profile', {
  type: [ProfileRowRef],
  args: profileArgs,
  description: (whose) =>
    whose === 'locality'
      ? profileDescription
      : whose === 'group'
        ? `${profileDescription} The group's localities taken together.`
        : `${profileDescription} For the whole area, comparison is NOT_COMPARED (it is the benchmark).`,
  resolve: ({ versionId, area }, args: ProfileArgs, ctx) => profileOf(ctx, area, { ...shapeOf(args), versionId }),
});

builder.queryFields((t) => ({
  indicators: t.field({
    type: [IndicatorRef],
    description: 'The indicator catalogue, in theme then name order.',
    args: { theme: t.arg.string({ required: false, description: 'Only this theme.' }) },
    resolve: async (_root, args, ctx) => {
      const catalogue = [...(await ctx.loaders.statistics.catalogue()).values()];
      return args.theme ? catalogue.filter((i) => i.theme === args.theme!.toLowerCase()) : catalogue;
    },
  }),
  indicator: t.field({
    type: IndicatorRef,
    description: 'One indicator of the catalogue (NOT_FOUND if there is none with this id).',
    args: { id: t.arg.id({ required: true, description: 'The indicator id.' }) },
    resolve: async (_root, args, ctx) => {
      const found = (await ctx.loaders.statistics.catalogue()).get(String(args.id));
      if (!found) throw new NotFoundError('Indicator', String(args.id));
      return found;
    },
  }),
  themes: t.stringList({
    description: 'The themes of the catalogue.',
    resolve: async (_root, _args, ctx) =>
      [...new Set([...(await ctx.loaders.statistics.catalogue()).values()].map((i) => i.theme))].sort(),
  }),
  compare: t.field({
    type: [AreaProfileRef],
    description:
      'Localities side by side with their groups (of every grouping) and the whole area (and, with `combined`, the localities taken together as one area), for the same indicators and period.',
    args: {
      localityCodes: t.arg.stringList({ required: true, description: 'Locality codes.' }),
      combined: t.arg.boolean({ defaultValue: false, description: 'Also the localities combined into one area.' }),
      geographyVersion: t.arg.string({ required: false, description: 'A geography version id (see `geographyVersions`); default: the version of the request, else the version in force today.' }),
      ...{
        theme: t.arg.string({ required: false, description: 'Only indicators of this theme.' }),
        indicators: t.arg.idList({ required: false, description: 'Only these indicators (by id).' }),
        period: t.arg.string({ required: false, description: 'This period; default: each indicator’s latest.' }),
      },
    },
    resolve: async (_root, args, ctx) => {
      const codes = [...new Set(args.localityCodes)];
      if (codes.length === 0) throw new BadUserInputError('Name at least one locality', { field: 'localityCodes' });
      const versionId = ctx.geography.versionId(args.geographyVersion);
      const found = await ctx.prisma.locality.findMany({
        where: { code: { in: codes }, versions: { some: { versionId } } },
        select: { code: true },
      });
      const unknown = codes.filter((code) => !found.some((l) => l.code === code));
      if (unknown.length > 0) throw new NotFoundError('Locality', unknown.join(', '));
      const group = args.combined ? [...codes].sort() : [];
      const areas: AreaKey[] = [
        ...codes.map((code) => ({ kind: 'LOCALITY' as const, code })),
        ...[
          ...new Set(
            codes.flatMap((code) => groupsOfLocality(ctx, versionId, code).map((g) => groupAreaCode(g.grouping, g.code))),
          ),
        ].map((code) => ({ kind: 'LOCALITY_GROUP' as const, code })),
        ...(args.combined ? [{ kind: 'GROUP' as const, code: COMBINED_CODE }] : []),
        { kind: 'COUNTY', code: WHOLE_AREA_CODE },
      ];
      const shape = { ...shapeOf(args), group, versionId };
      const profiles = await Promise.all(areas.map((area) => profileOf(ctx, area, shape)));
      return areas.map((area, i) => ({
        area: profiles[i]![0]?.area ?? { ...area, name: area.code },
        rows: profiles[i]!,
      }));
    },
  }),
}));

