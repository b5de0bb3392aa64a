/**
 * CustomArea in the graph: the type (guarded by the sharing rule, restricted reads audited, a
 * hidden one null in node(id:) exactly as a missing one), its `profile` (the locality profile's
 * rows, compared with the county, never ranked), `customAreas` and `customArea(id:)`, and
 * createCustomArea / updateCustomArea / deleteCustomArea. Sharing changes go through changeSharing.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError } from '../errors.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/input.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { SharingLevelEnum } from '../sharing/types.js';
import { shareableNode } from '../sharing/shareable.schema.js';
import { visibleWhere } from '../sharing/visibility.js';
import { LocalityRef, ParishRef, WardRef } from '../geography/types.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { profileArgs, type ProfileArgs, ProfileRowRef, shapeOf } from '../statistics/types.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import type { Context } from '../schema/context.js';
import {
  createCustomArea,
  createCustomAreaInput,
  deleteCustomArea,
  updateCustomArea,
  updateCustomAreaInput,
} from './custom-areas.js';

const CustomAreaBasisEnum = builder.enumType('CustomAreaBasis', {
  description: 'How a custom area was given.',
  values: {
    SMALL_AREAS: { description: 'A list of small areas (LSOAs), each with the share of it the area takes.' },
    LOCALITIES: { description: 'Localities, resolved to their small areas with the weights the geography version gives them.' },
    WARDS: { description: 'Electoral wards, each resolved to the small areas whose best-fit ward it is (ONS best-fit lookup), whole: an approximation of the ward.' },
    PARISHES: {
      description: 'Civil parishes making up whole wards (ONS parish-to-ward lookup), resolved as those wards: an approximation of the parishes.',
    },
  },
});

builder.prismaObject('CustomAreaMember', {
  description: 'A small area of a custom area and the share of it the area takes.',
  fields: (t) => ({
    smallArea: t.relation('smallArea', { description: 'The small area.' }),
    weight: t.exposeFloat('weight', { description: 'The share of the small area in the custom area (0 < weight <= 1).' }),
  }),
});

/** A custom area's profile rows (batched with the request's other custom areas), named as its own area: its global id and name. */
async function customProfile(ctx: Context, area: { id: number; name: string; versionId: string }, args: ProfileArgs) {
  const rows = await ctx.loaders.customAreaProfiles.load({ area: { id: area.id, versionId: area.versionId }, shape: shapeOf(args) });
  const own = { kind: 'CUSTOM' as const, code: encodeGlobalID('CustomArea', area.id), name: area.name };
  return rows.map((row) => ({ ...row, area: own }));
}

export const CustomAreaRef = builder.prismaNode('CustomArea', {
  nullable: true,
  description:
    'A named area a user saved from the small areas of one geography version, shared at a sharing level. Its profile is a locality’s, compared with the county and never ranked among the localities. Reads of RESTRICTED custom areas are audited.',
  ...shareableNode('CustomArea'),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'Its name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What it is and why it was drawn.' }),
    geographyVersion: t.exposeString('versionId', { description: 'The geography version whose small areas (and weights) it is built on; its profile is on that version.' }),
    basis: t.expose('basis', { type: CustomAreaBasisEnum, description: 'Whether it was given as small areas, localities, wards or parishes.' }),
    smallAreas: t.relation('members', {
      description: 'Its small areas with their weights, by code.',
      query: { orderBy: { smallArea: { code: 'asc' } } },
    }),
    smallAreaCount: t.relationCount('members', { description: 'How many small areas it takes (in part or whole).' }),
    localities: t.field({
      type: [LocalityRef],
      description: 'The localities it was built from (basis LOCALITIES; empty for a list of small areas).',
      select: { localities: { select: { locality: true }, orderBy: { locality: { name: 'asc' } } } },
      resolve: (area) => area.localities.map((link) => link.locality),
    }),
    wards: t.field({
      type: [WardRef],
      description: 'The wards it was built from (basis WARDS; empty otherwise).',
      select: { wards: { select: { ward: true }, orderBy: { ward: { name: 'asc' } } } },
      resolve: (area) => area.wards.map((link) => link.ward),
    }),
    parishes: t.field({
      type: [ParishRef],
      description: 'The parishes it was built from (basis PARISHES; empty otherwise).',
      select: { parishes: { select: { parish: true }, orderBy: { parish: { name: 'asc' } } } },
      resolve: (area) => area.parishes.map((link) => link.parish),
    }),
    profile: t.field({
      type: [ProfileRowRef],
      args: profileArgs,
      description:
        'Key statistics of the custom area, aggregated from its small areas with its weights as a locality’s are: every indicator (of the theme, or those named) at its latest period (or the one asked), with intervals, the county value, the comparison and the trend; rank and quintile are null (it is never ranked among the localities). Counts are withheld by disclosure control (README, "Disclosure control", rule 5).',
      select: { name: true, versionId: true },
      resolve: (area, args, ctx) => customProfile(ctx, area, args),
    }),
    sharingLevel: t.expose('sharingLevel', { type: SharingLevelEnum, description: 'Who may see it.' }),
    sharedWith: t.field({
      type: [PartnerRef],
      description: "The partners named on it (who, besides the author's partner, may see it when RESTRICTED).",
      resolve: (area) => area.sharedWith.map((share) => share.partner),
    }),
    authorPartner: t.relation('authorPartner', { description: 'The partner of the person who saved it.' }),
    authorPerson: t.relation('authorPerson', { nullable: true, description: 'The person who saved it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

builder.queryFields((t) => ({
  customAreas: t.prismaConnection(
    {
      type: 'CustomArea',
      cursor: 'id',
      description: 'The custom areas the viewer may see, by name.',
      totalCount: (_parent, _args, ctx) => ctx.prisma.customArea.count({ where: visibleWhere(ctx.viewer) }),
      complexity: pageComplexity,
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.customArea.findMany({ ...query, where: visibleWhere(ctx.viewer), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    },
    ...pageTypes('custom areas'),
  ),
  customArea: t.prismaField({
    type: 'CustomArea',
    nullable: false,
    description: 'One custom area by its global id (NOT_FOUND when there is none, or the viewer may not see it).',
    args: { id: t.arg.id({ required: true, description: 'The custom area’s global id.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf('CustomArea', String(args.id));
      const found = await ctx.prisma.customArea.findFirst({ ...query, where: { id, AND: [visibleWhere(ctx.viewer)] } });
      if (!found) throw new NotFoundError('CustomArea', String(args.id));
      return found;
    },
  }),
}));

const SmallAreaShareInput = builder.inputType('CustomAreaSmallAreaInput', {
  description: 'A small area of a custom area.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'The small area’s ONS code (an LSOA of the geography version).' }),
    weight: t.float({ required: false, description: 'The share of it the area takes, more than 0 and at most 1 (default 1: the whole of it).' }),
  }),
});

const WARD_CODES = 'Electoral wards (ONS codes) to build it from (or give smallAreas, localityCodes or parishCodes). Approximate: a ward is taken as the small areas (LSOAs) whose ONS best-fit ward it is, whole (the ward holding most of each one’s population), so its edges follow LSOAs, not the ward boundary.';
const PARISH_CODES = 'Civil parishes (ONS codes) to build it from (or give smallAreas, localityCodes or wardCodes). Approximate: small areas follow wards, not parishes, so the parishes must make up whole wards (ONS parish-to-ward lookup: every parish of each ward they lie in, BAD_USER_INPUT naming the missing ones otherwise) and the area is those wards as wardCodes takes them.';

const CreateCustomAreaInput = builder.inputType('CreateCustomAreaInput', {
  description: 'A new custom area: a name, and small areas with weights, localities, wards or parishes (one of them). Its author partner is the viewer’s.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name.' }),
    description: t.string({ required: false, description: 'What it is and why it was drawn.' }),
    smallAreas: t.field({ type: [SmallAreaShareInput], required: false, description: 'Its small areas with their weights (or give localityCodes, wardCodes or parishCodes).' }),
    localityCodes: t.stringList({ required: false, description: 'Localities to build it from, with the geography’s weights (or give smallAreas, wardCodes or parishCodes).' }),
    wardCodes: t.stringList({ required: false, description: WARD_CODES }),
    parishCodes: t.stringList({ required: false, description: PARISH_CODES }),
    geographyVersion: t.string({ required: false, description: 'The geography version it is built on (default: the version of the request, else the version in force today).' }),
    sharingLevel: t.field({ type: SharingLevelEnum, required: false, description: 'Who may see it (default PARTNERSHIP).' }),
    sharedWithPartnerIds: t.idList({ required: false, description: 'Partners (global ids) who may see it when RESTRICTED.' }),
  }),
}).validate(createCustomAreaInput);

const UpdateCustomAreaInput = builder.inputType('UpdateCustomAreaInput', {
  description: 'Changes to a custom area; smallAreas, localityCodes, wardCodes or parishCodes replace its membership (sharing changes go through changeSharing).',
  fields: (t) => ({
    name: t.string({ required: false, description: 'Its name.' }),
    description: t.string({ required: false, description: 'What it is (null or blank clears it).' }),
    smallAreas: t.field({ type: [SmallAreaShareInput], required: false, description: 'Its small areas with their weights (replaces the membership).' }),
    localityCodes: t.stringList({ required: false, description: 'Localities to rebuild it from (replaces the membership).' }),
    wardCodes: t.stringList({ required: false, description: `Replaces the membership. ${WARD_CODES}` }),
    parishCodes: t.stringList({ required: false, description: `Replaces the membership. ${PARISH_CODES}` }),
    geographyVersion: t.string({ required: false, description: 'Move it to this geography version (with smallAreas, localityCodes, wardCodes or parishCodes).' }),
  }),
}).validate(updateCustomAreaInput);

const SIGNED_IN = { signedIn: true } as const;

builder.mutationFields((t) => ({
  createCustomArea: t.prismaField({
    type: 'CustomArea',
    nullable: false,
    description: 'Save a custom area (any signed-in viewer whose token names a partner). Audited.',
    authScopes: SIGNED_IN,
    args: { input: t.arg({ type: CreateCustomAreaInput, required: true, description: 'The area.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createCustomArea(ctx.prisma, ctx.viewer, ctx.geography.versionId(), args.input);
      return ctx.prisma.customArea.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateCustomArea: t.prismaField({
    type: 'CustomArea',
    nullable: false,
    description: 'Change a custom area (the person who saved it, a CONTRIBUTOR or LOCALITY_LEAD of its partner, or an ADMIN). Audited.',
    authScopes: SIGNED_IN,
    args: {
      ...targetArgs(t.arg, 'CustomArea', 'The custom area’s global id.'),
      input: t.arg({ type: UpdateCustomAreaInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateCustomArea(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.customArea.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  deleteCustomArea: t.id({
    description: 'Delete a custom area (as updateCustomArea); returns its global id. Audited with the whole record.',
    authScopes: SIGNED_IN,
    args: {
      ...targetArgs(t.arg, 'CustomArea', 'The custom area’s global id.'),
    },
    resolve: async (_root, args, ctx) => {
      await deleteCustomArea(ctx.prisma, ctx.viewer, args);
      return encodeGlobalID('CustomArea', args.id);
    },
  }),
}));
