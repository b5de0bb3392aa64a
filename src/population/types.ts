/**
 * Population in the graph: `population` on Locality, TierSummary and County, each answered by the
 * request's population loader (one analytics query per age band and period asked, whatever the
 * number of areas).
 */
import { CountyRef, TierSummaryRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { AreaKind, PopulationEstimate } from './service.js';

export const PopulationEstimateRef = builder.objectRef<PopulationEstimate>('PopulationEstimate').implement({
  description: 'Resident population of an area from small-area estimates and the geography weights.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The period of the estimate (a mid-year, e.g. 2020).' }),
    ageBand: t.exposeString('ageBand', { description: 'The age band (all_ages, aged_0_15, aged_65_plus, ...).' }),
    count: t.exposeFloat('count', {
      description: 'Residents: the weighted sum over small areas (fractional only where a small area is split).',
    }),
  }),
});

const populationArgs = builder.args((t) => ({
  ageBand: t.string({ defaultValue: 'all_ages', description: 'The age band; default all_ages.' }),
  period: t.string({ required: false, description: 'A period such as 2020; default: the latest with data.' }),
}));

function load(ctx: Context, versionId: string, kind: AreaKind, code: string, args: { ageBand?: string | null; period?: string | null }) {
  return ctx.loaders.population.load({
    versionId,
    ageBand: (args.ageBand ?? 'all_ages').toLowerCase(),
    period: args.period ?? null,
    area: { kind, code },
  });
}

builder.prismaObjectField('Locality', 'population', (t) =>
  t.field({
    type: PopulationEstimateRef,
    nullable: true,
    description: 'Resident population (null where no estimate is loaded for the band and period).',
    args: {
      ...populationArgs,
      geographyVersion: t.arg.string({ required: false, description: 'A geography version id; default: the version the request asked for at its root, else the version in force today.' }),
    },
    resolve: (locality, args, ctx) =>
      load(ctx, ctx.geography.versionId(args.geographyVersion), 'LOCALITY', locality.code, args),
  }),
);

builder.objectField(TierSummaryRef, 'population', (t) =>
  t.field({
    type: PopulationEstimateRef,
    nullable: true,
    description: 'Resident population of the tier’s localities together.',
    args: populationArgs,
    resolve: (summary, args, ctx) => load(ctx, summary.versionId, 'TIER', summary.tier, args),
  }),
);

builder.objectField(CountyRef, 'population', (t) =>
  t.field({
    type: PopulationEstimateRef,
    nullable: true,
    description: 'Resident population of the county: the sum of its localities.',
    args: populationArgs,
    resolve: (county, args, ctx) => load(ctx, county.version.id, 'COUNTY', 'COUNTY', args),
  }),
);
