/**
 * CommunityAsset in the graph: the live register `communityAssets(filter:)`, `Locality.assets`,
 * and createCommunityAsset / updateCommunityAsset (any signed-in CONTRIBUTOR adds; the author's
 * partner, the locality's lead or an ADMIN edits). Sharing as for every shareable record.
 */
import type { Viewer } from '../auth/viewer.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { shareableFields, shareableInputFields, shareableNode } from '../sharing/shareable.schema.js';
import { visibleWhere } from '../sharing/visibility.js';
import { ASSET_KINDS, createAsset, createAssetInput, updateAsset, updateAssetInput } from './assets.js';
import { searchWhere } from '../sharing/search.js';

export const AssetKindEnum = builder.enumType('AssetKind', {
  description: 'What kind of community asset it is (asset-based community development).',
  values: {
    BUILDING: { description: 'A building (hall, centre, library, pub...).' },
    GROUP: { description: 'A community group.' },
    ASSOCIATION: { description: 'An association or club.' },
    SERVICE: { description: 'A service run in or for the community.' },
    GREEN_SPACE: { description: 'A green or open space.' },
    SKILL_OR_NETWORK: { description: "People's skills, or an informal network." },
  } satisfies Record<(typeof ASSET_KINDS)[number], { description: string }>,
});

export const CommunityAssetRef = builder.prismaNode('CommunityAsset', {
  nullable: true,
  description: 'A community asset on the register, shared at a sharing level. Reads of RESTRICTED assets are audited.',
  ...shareableNode('CommunityAsset'),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'Its name.' }),
    kind: t.expose('kind', { type: AssetKindEnum, description: 'What kind of asset it is.' }),
    locality: t.relation('locality', { description: 'Its locality.' }),
    parish: t.relation('parish', { nullable: true, description: 'Its parish, when known.' }),
    contact: t.exposeString('contact', { nullable: true, description: 'How to get in touch.' }),
    ownerPartner: t.relation('ownerPartner', { nullable: true, description: 'The partner that owns it (null: the community owns it).' }),
    communityOwned: t.boolean({ description: 'True when the community owns it.', select: { ownerPartnerId: true }, resolve: (a) => a.ownerPartnerId === null }),
    description: t.exposeString('description', { nullable: true, description: 'What it offers.' }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: 'The day it closed (null while current).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});
shareableFields('CommunityAsset', { authorPartner: 'The partner that added it.' });

const AssetFilter = builder.inputType('CommunityAssetFilter', {
  description: 'Narrows the register; every condition given must hold.',
  fields: (t) => ({
    search: t.string({ required: false, description: 'Words in the name or description (any case).' }),
    localityCodes: t.stringList({ required: false, description: 'In any of these localities.' }),
    kind: t.field({ type: AssetKindEnum, required: false, description: 'Of this kind.' }),
    communityOwned: t.boolean({ required: false, description: 'Owned by the community (true) or by a partner (false).' }),
    includeClosed: t.boolean({ required: false, defaultValue: false, description: 'Include closed assets.' }),
  }),
});

export function assetsWhere(viewer: Viewer, filter: typeof AssetFilter.$inferInput | null | undefined) {
  const f = filter ?? {};
  return {
    AND: [
      visibleWhere(viewer),
      searchWhere(f.search),
      f.localityCodes?.length ? { locality: { code: { in: f.localityCodes } } } : {},
      f.kind ? { kind: f.kind } : {},
      f.communityOwned === true ? { ownerPartnerId: null } : f.communityOwned === false ? { ownerPartnerId: { not: null } } : {},
      f.includeClosed ? {} : { closedOn: null },
    ],
  };
}

builder.queryField('communityAssets', (t) =>
  t.prismaConnection(
    {
      type: 'CommunityAsset',
      cursor: 'id',
      description: 'The community asset register: assets the viewer may see, by name.',
      totalCount: (_parent, args, ctx) => ctx.prisma.communityAsset.count({ where: assetsWhere(ctx.viewer, args.filter) }),
      complexity: pageComplexity,
      args: { filter: t.arg({ type: AssetFilter, required: false, description: 'Narrow the register.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.communityAsset.findMany({ ...query, where: assetsWhere(ctx.viewer, args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    },
    ...pageTypes('community assets'),
  ),
);

builder.prismaObjectField('Locality', 'assets', (t) =>
  t.relatedConnection(
    'assets',
    {
      description: 'Current community assets in this locality that the viewer may see, by name.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      query: (_args, ctx) => ({ where: { AND: [visibleWhere(ctx.viewer), { closedOn: null }] }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    },
    ...pageTypes('community assets'),
  ),
);

const CreateCommunityAssetInput = builder.inputType('CreateCommunityAssetInput', {
  description: 'A new community asset. Its author partner is the viewer’s.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name.' }),
    kind: t.field({ type: AssetKindEnum, required: true, description: 'What kind of asset it is.' }),
    localityCode: t.string({ required: true, description: 'Its locality.' }),
    parishCode: t.string({ required: false, description: 'Its parish (ONS code), in that locality.' }),
    contact: t.string({ required: false, description: 'How to get in touch.' }),
    ownerPartnerId: t.id({ required: false, description: 'The partner that owns it (omit when the community owns it).' }),
    description: t.string({ required: false, description: 'What it offers.' }),
    ...shareableInputFields(t),
  }),
}).validate(createAssetInput);

const UpdateCommunityAssetInput = builder.inputType('UpdateCommunityAssetInput', {
  description: 'Changes to a community asset (sharing changes go through changeSharing).',
  fields: (t) => ({
    name: t.string({ required: false, description: 'Its name.' }),
    kind: t.field({ type: AssetKindEnum, required: false, description: 'What kind of asset it is.' }),
    parishCode: t.string({ required: false, description: 'Its parish (null clears it).' }),
    contact: t.string({ required: false, description: 'How to get in touch.' }),
    ownerPartnerId: t.id({ required: false, description: 'The partner that owns it (null: the community).' }),
    description: t.string({ required: false, description: 'What it offers.' }),
    closedOn: t.field({ type: 'Date', required: false, description: 'The day it closed (null reopens it).' }),
  }),
}).validate(updateAssetInput);

builder.mutationFields((t) => ({
  createCommunityAsset: t.prismaField({
    type: 'CommunityAsset',
    description: 'Add an asset to the register (CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner).',
    authScopes: { anyRole: ['CONTRIBUTOR', 'LOCALITY_LEAD', 'ADMIN'] },
    args: { input: t.arg({ type: CreateCommunityAssetInput, required: true, description: 'The asset.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createAsset(ctx.prisma, ctx.viewer, ctx.geography.versionId(), args.input);
      return ctx.prisma.communityAsset.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateCommunityAsset: t.prismaField({
    type: 'CommunityAsset',
    description: "Change an asset (its author's partner, the lead of its locality, or ADMIN).",
    authScopes: { anyRole: ['CONTRIBUTOR', 'LOCALITY_LEAD', 'ADMIN'] },
    args: {
      ...targetArgs(t.arg, 'CommunityAsset', 'The asset’s global id.'),
      input: t.arg({ type: UpdateCommunityAssetInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateAsset(ctx.prisma, ctx.viewer, ctx.geography.versionId(), args, args.input);
      return ctx.prisma.communityAsset.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
