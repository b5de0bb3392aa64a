/**
 * Population in the graph: `population` on every kind of area (registered once, see
 * geography/area-fields.ts), each answered by the
 * request's population loader (one analytics query per age band and period asked, whatever the
 * number of areas).
 */
import { registerAreaField } from '../geography/area-fields.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { PopulationEstimate } from './service.js';

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

registerAreaField('population', {
  type: PopulationEstimateRef,
  nullable: true,
  args: {
    ...populationArgs,
    geographyVersion: builder.args((t) => ({
      geographyVersion: t.string({
        required: false,
        description: 'A geography version id (localities only; a group or the whole area is read at its own version); default: the version the request asked for at its root, else the version in force today.',
      }),
    })).geographyVersion,
  },
  description: (whose) =>
    whose === 'locality'
      ? 'Resident population (null where no estimate is loaded for the band and period).'
      : whose === 'group'
        ? 'Resident population of the group’s localities together.'
        : 'Resident population of the whole area: the sum of its localities.',
  resolve: ({ versionId, area }, args: { ageBand?: string | null; period?: string | null }, ctx: Context) =>
    ctx.loaders.population.load({
      versionId,
      ageBand: (args.ageBand ?? 'all_ages').toLowerCase(),
      period: args.period ?? null,
      area,
    }),
});
