/**
 * IntelligenceItem in the graph: the type (guarded by the sharing rule, restricted reads audited),
 * `intelligence(filter:)` (search by text, theme, source, locality, indicator and dates),
 * `Locality.intelligence`, and createIntelligenceItem / updateIntelligenceItem. Who sees an item
 * is decided in the SQL of every query (visibleWhere); `changeSharing` changes it.
 */
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { IndicatorRef } from '../statistics/types.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { shareableFields, shareableInputFields, shareableNode } from '../sharing/shareable.schema.js';
import { visibleWhere } from '../sharing/visibility.js';
import type { Viewer } from '../auth/viewer.js';
import { createIntelligenceItem, createIntelligenceItemInput, SOURCES, updateIntelligenceItem, updateIntelligenceItemInput } from './items.js';
import { searchWhere } from '../sharing/search.js';

export const IntelligenceSourceEnum = builder.enumType('IntelligenceSource', {
  description: 'Where a piece of intelligence came from.',
  values: {
    COMMUNITY_ENGAGEMENT: { description: 'Community engagement (events, forums, conversations).' },
    CUSTOMER_SERVICES: { description: 'Customer services contacts.' },
    PARTNER_DATA: { description: "A partner's own data." },
    COMMUNITY_LEADERS: { description: 'Community leaders (ward members, parish councils, ambassadors).' },
    SURVEY: { description: 'A survey.' },
  } satisfies Record<(typeof SOURCES)[number], { description: string }>,
});

export const IntelligenceItemRef = builder.prismaNode('IntelligenceItem', {
  nullable: true,
  description: 'Something a partner learned about a place, shared at a sharing level. Reads of RESTRICTED items are audited.',
  ...shareableNode('IntelligenceItem'),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    title: t.exposeString('title', { description: 'A short title.' }),
    body: t.exposeString('body', { description: 'What was learned.' }),
    source: t.expose('source', { type: IntelligenceSourceEnum, description: 'Where it came from.' }),
    theme: t.exposeString('theme', { description: 'Its theme (e.g. health, community safety, housing).' }),
    observedOn: t.expose('observedOn', { type: 'Date', description: 'The day it was observed.' }),
    countyWide: t.exposeBoolean('countyWide', { description: 'True when it is about the whole county (then it names no localities).' }),
    localities: t.relation('localities', { description: 'The localities it is about.', query: { orderBy: { name: 'asc' } } }),
    indicatorIds: t.stringList({
      description: 'Ids of the profile indicators it bears on.',
      select: { indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: (item) => item.indicators.map((link) => link.indicatorId),
    }),
    indicators: t.field({
      type: [IndicatorRef],
      description: 'The profile indicators it bears on (those in the statistics catalogue).',
      select: { indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } },
      resolve: async (item, _args, ctx) => {
        const catalogue = await ctx.loaders.statistics.catalogue();
        return item.indicators.flatMap((link) => catalogue.get(link.indicatorId) ?? []);
      },
    }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: 'The day it was withdrawn (null while current).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});
shareableFields('IntelligenceItem', { authorPartner: 'The partner that shared it.', authorPerson: 'The person who shared it.' });

const IntelligenceFilter = builder.inputType('IntelligenceFilter', {
  description: 'Narrows intelligence items; every condition given must hold.',
  fields: (t) => ({
    search: t.string({ required: false, description: 'Words in the title, body or theme (any case).' }),
    localityCodes: t.stringList({ required: false, description: 'About any of these localities (county-wide items too, unless excluded).' }),
    includeCountyWide: t.boolean({ required: false, defaultValue: true, description: 'With localityCodes: include county-wide items.' }),
    theme: t.string({ required: false, description: 'Exactly this theme.' }),
    source: t.field({ type: IntelligenceSourceEnum, required: false, description: 'From this source.' }),
    indicatorId: t.string({ required: false, description: 'Bearing on this profile indicator.' }),
    observedFrom: t.field({ type: 'Date', required: false, description: 'Observed on or after this day.' }),
    observedTo: t.field({ type: 'Date', required: false, description: 'Observed on or before this day.' }),
    includeClosed: t.boolean({ required: false, defaultValue: false, description: 'Include withdrawn items.' }),
  }),
});

type Filter = typeof IntelligenceFilter.$inferInput;

/** The filter and the sharing rule as one where-clause: both are applied by the database. */
export function intelligenceWhere(viewer: Viewer, filter: Filter | null | undefined) {
  const f = filter ?? {};
  const localities = f.localityCodes?.length
    ? { OR: [{ localities: { some: { code: { in: f.localityCodes } } } }, ...(f.includeCountyWide === false ? [] : [{ countyWide: true }])] }
    : {};
  return {
    AND: [
      visibleWhere(viewer),
      searchWhere(f.search),
      localities,
      f.theme ? { theme: f.theme.trim() } : {},
      f.source ? { source: f.source } : {},
      f.indicatorId ? { indicators: { some: { indicatorId: f.indicatorId } } } : {},
      f.observedFrom ? { observedOn: { gte: f.observedFrom } } : {},
      f.observedTo ? { observedOn: { lte: f.observedTo } } : {},
      f.includeClosed ? {} : { closedOn: null },
    ],
  };
}

builder.queryField('intelligence', (t) =>
  t.prismaConnection(
    {
      type: 'IntelligenceItem',
      cursor: 'id',
      description: 'Intelligence items the viewer may see, newest observation first.',
      totalCount: (_parent, args, ctx) => ctx.prisma.intelligenceItem.count({ where: intelligenceWhere(ctx.viewer, args.filter) }),
      complexity: pageComplexity,
      args: { filter: t.arg({ type: IntelligenceFilter, required: false, description: 'Narrow the items.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.intelligenceItem.findMany({ ...query, where: intelligenceWhere(ctx.viewer, args.filter), orderBy: [{ observedOn: 'desc' }, { id: 'desc' }] }),
    },
    ...pageTypes('intelligence items'),
  ),
);

builder.prismaObjectField('Locality', 'intelligence', (t) =>
  t.relatedConnection(
    'intelligence',
    {
      description: 'Current intelligence items about this locality that the viewer may see, newest first (county-wide items are in `intelligence`).',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      query: (_args, ctx) => ({ where: { AND: [visibleWhere(ctx.viewer), { closedOn: null }] }, orderBy: [{ observedOn: 'desc' }, { id: 'desc' }] }),
    },
    ...pageTypes('intelligence items'),
  ),
);

const CreateIntelligenceItemInput = builder.inputType('CreateIntelligenceItemInput', {
  description: 'A new intelligence item. Its author partner is the viewer’s.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'A short title.' }),
    body: t.string({ required: true, description: 'What was learned.' }),
    source: t.field({ type: IntelligenceSourceEnum, required: true, description: 'Where it came from.' }),
    theme: t.string({ required: true, description: 'Its theme.' }),
    observedOn: t.field({ type: 'Date', required: true, description: 'The day it was observed.' }),
    localityCodes: t.stringList({ required: false, description: 'The localities it is about (at least one unless countyWide).' }),
    countyWide: t.boolean({ required: false, description: 'About the whole county (then no localityCodes).' }),
    indicatorIds: t.stringList({ required: false, description: 'Profile indicators it bears on (ids in the catalogue).' }),
    ...shareableInputFields(t),
  }),
}).validate(createIntelligenceItemInput);

const UpdateIntelligenceItemInput = builder.inputType('UpdateIntelligenceItemInput', {
  description: 'Changes to an intelligence item (sharing changes go through changeSharing).',
  fields: (t) => ({
    title: t.string({ required: false, description: 'A short title.' }),
    body: t.string({ required: false, description: 'What was learned.' }),
    source: t.field({ type: IntelligenceSourceEnum, required: false, description: 'Where it came from.' }),
    theme: t.string({ required: false, description: 'Its theme.' }),
    observedOn: t.field({ type: 'Date', required: false, description: 'The day it was observed.' }),
    localityCodes: t.stringList({ required: false, description: 'The localities it is about (replaces the list).' }),
    countyWide: t.boolean({ required: false, description: 'About the whole county.' }),
    indicatorIds: t.stringList({ required: false, description: 'Profile indicators it bears on (replaces the list).' }),
    closedOn: t.field({ type: 'Date', required: false, description: 'Withdraw it from this day (null reopens it).' }),
  }),
}).validate(updateIntelligenceItemInput);

const CONTRIBUTORS = { anyRole: ['CONTRIBUTOR', 'LOCALITY_LEAD', 'ADMIN'] } as const;

builder.mutationFields((t) => ({
  createIntelligenceItem: t.prismaField({
    type: 'IntelligenceItem',
    description: 'Share a piece of intelligence (CONTRIBUTOR, LOCALITY_LEAD or ADMIN of a partner).',
    authScopes: CONTRIBUTORS,
    args: { input: t.arg({ type: CreateIntelligenceItemInput, required: true, description: 'The item.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createIntelligenceItem(ctx.prisma, ctx.viewer, await ctx.loaders.statistics.catalogue(), args.input);
      return ctx.prisma.intelligenceItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateIntelligenceItem: t.prismaField({
    type: 'IntelligenceItem',
    description: "Change an intelligence item (its author's partner, the lead of one of its localities, or ADMIN).",
    authScopes: CONTRIBUTORS,
    args: {
      ...targetArgs(t.arg, 'IntelligenceItem', 'The item’s global id.'),
      input: t.arg({ type: UpdateIntelligenceItemInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateIntelligenceItem(ctx.prisma, ctx.viewer, await ctx.loaders.statistics.catalogue(), args, args.input);
      return ctx.prisma.intelligenceItem.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
