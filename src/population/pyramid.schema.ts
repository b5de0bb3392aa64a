/**
 * `populationPyramid(year:)` on Locality and County: five-year bands by sex (pyramid.ts).
 */
import { CountyRef, LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import type { Pyramid, PyramidBand } from './pyramid.js';

const BandRef = builder.objectRef<PyramidBand>('PopulationPyramidBand').implement({
  description: 'Residents of one five-year age band.',
  fields: (t) => ({
    label: t.exposeString('label', { description: '"0-4" ... "85-89", "90+".' }),
    from: t.exposeInt('from', { description: 'First age of the band.' }),
    to: t.exposeInt('to', { nullable: true, description: 'Last age (inclusive); null for 90 and over.' }),
    persons: t.exposeFloat('persons', { nullable: true, description: 'All residents of the band.' }),
    males: t.exposeFloat('males', { nullable: true, description: 'Males; null where the estimates have no sex split.' }),
    females: t.exposeFloat('females', { nullable: true, description: 'Females; null where the estimates have no sex split.' }),
  }),
});

const PyramidRef = builder.objectRef<Pyramid>('PopulationPyramid').implement({
  description: 'Residents by five-year age band (and sex where the estimates have it) for one mid-year.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The mid-year.' }),
    bySex: t.exposeBoolean('bySex', { description: 'True when every band has males and females.' }),
    bands: t.field({ type: [BandRef], description: 'Bands from 0-4 to 90+.', resolve: (p) => p.bands }),
  }),
});

const args = builder.args((t) => ({
  year: t.string({ required: false, description: 'A mid-year such as "2020"; the latest with five-year bands when omitted.' }),
}));

builder.objectField(LocalityRef, 'populationPyramid', (t) =>
  t.field({
    type: PyramidRef,
    nullable: true,
    description: 'Residents by five-year age band and sex; null where no estimates with five-year bands are loaded.',
    args,
    resolve: (locality, a, ctx) =>
      ctx.loaders.pyramid.load({ versionId: ctx.geography.versionId(), period: a.year ?? null, area: { kind: 'LOCALITY', code: locality.code } }),
  }),
);

builder.objectField(CountyRef, 'populationPyramid', (t) =>
  t.field({
    type: PyramidRef,
    nullable: true,
    description: 'Residents of the county by five-year age band and sex.',
    args,
    resolve: (county, a, ctx) =>
      ctx.loaders.pyramid.load({ versionId: county.version.id, period: a.year ?? null, area: { kind: 'COUNTY', code: 'COUNTY' } }),
  }),
);
