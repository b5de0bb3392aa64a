/** `intelligenceSummary` and `communityAssetSummary`: totals the viewer may see (src/intelligence/summary.ts). */
import { builder } from '../schema/builder.js';
import { assetTotals, type Count, intelligenceTotals } from './summary.js';

const CountRef = builder.objectRef<Count>('KeyCount').implement({
  description: 'How many items share a key (a theme, a kind, a locality code).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The theme, kind or locality code.' }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

const IntelligenceSummary = builder.objectRef<Awaited<ReturnType<typeof intelligenceTotals>>>('IntelligenceSummary').implement({
  description: 'Current intelligence items the viewer may see, counted.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'How many items.' }),
    byTheme: t.field({ type: [CountRef], description: 'By theme, most first.', resolve: (s) => s.byTheme }),
    byLocality: t.field({ type: [CountRef], description: 'By locality code (an item about several counts in each).', resolve: (s) => s.byLocality }),
    countyWide: t.exposeInt('countyWide', { description: 'How many are about the whole county.' }),
  }),
});

const AssetSummary = builder.objectRef<Awaited<ReturnType<typeof assetTotals>>>('CommunityAssetSummary').implement({
  description: 'Current community assets the viewer may see, counted.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'How many assets.' }),
    byKind: t.field({ type: [CountRef], description: 'By kind, most first.', resolve: (s) => s.byKind }),
    byLocality: t.field({ type: [CountRef], description: 'By locality code.', resolve: (s) => s.byLocality }),
  }),
});

builder.queryFields((t) => ({
  intelligenceSummary: t.field({
    type: IntelligenceSummary,
    description: 'Totals of the current intelligence items the viewer may see (hidden items are in no total).',
    resolve: (_root, _args, ctx) => intelligenceTotals(ctx.prisma, ctx.viewer),
  }),
  communityAssetSummary: t.field({
    type: AssetSummary,
    description: 'Totals of the current community assets the viewer may see.',
    resolve: (_root, _args, ctx) => assetTotals(ctx.prisma, ctx.viewer),
  }),
}));
