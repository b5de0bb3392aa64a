/** `evidenceGaps` in the graph (gaps.ts): one request, the records once and one profile query. */
import { LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { boardFilter, ConfidenceLevelEnum, intersect, JudgementRef, latestProfiles, liveWorkOf, localityFilter, PriorityAtWorkRef } from './common.schema.js';
import { boardPlaces, type EvidenceGaps, evidenceGaps, type LocalityGaps, type PriorityEvidenceCheck } from './gaps.js';

const LocalityGapsRef = builder.objectRef<LocalityGaps>('LocalityEvidenceGaps').implement({
  description: 'One locality’s need against the live priorities addressing it.',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The locality.', resolve: (g) => g.locality.record }),
    gaps: t.field({ type: [JudgementRef], description: 'Indicators worse than the county (at the level asked) or getting worse that no live priority addressing the locality (its boards’, its service areas’ or the county’s) cites.', resolve: (g) => g.gaps }),
    addressed: t.field({ type: [JudgementRef], description: 'Indicators showing need that a live priority addressing it cites.', resolve: (g) => g.addressed }),
  }),
});

const EvidenceInPlaceRef = builder.objectRef<PriorityEvidenceCheck['evidence'][number]>('EvidenceInPlace').implement({
  description: 'A cited indicator in one of the priority’s places.',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The place.', resolve: (e) => e.locality.record }),
    judgement: t.field({ type: JudgementRef, description: 'The indicator there, judged.', resolve: (e) => e.judgement }),
  }),
});

const PriorityEvidenceCheckRef = builder.objectRef<PriorityEvidenceCheck>('PriorityEvidenceCheck').implement({
  description: 'A live priority and what its evidence shows in its places.',
  fields: (t) => ({
    priority: t.field({ type: PriorityAtWorkRef, description: 'The priority.', resolve: (c) => c.priority }),
    evidence: t.field({ type: [EvidenceInPlaceRef], description: 'Each cited indicator (in the catalogue and the theme asked) in each place.', resolve: (c) => c.evidence }),
  }),
});

const EvidenceGapsRef = builder.objectRef<EvidenceGaps>('EvidenceGaps').implement({
  description: 'Where need and the live priorities disagree: need no priority cites, and priorities whose evidence shows no need.',
  fields: (t) => ({
    localities: t.field({ type: [LocalityGapsRef], description: 'Per locality (those the filters keep), in the localities’ order.', resolve: (g) => g.localities }),
    prioritiesWithoutNeed: t.field({ type: [PriorityEvidenceCheckRef], description: 'Live priorities whose judged evidence is similar to or better than the county and not getting worse in every place they address.', resolve: (g) => g.prioritiesWithoutNeed }),
    prioritiesWithoutJudgedEvidence: t.field({ type: [PriorityEvidenceCheckRef], description: 'Live priorities whose evidence cannot say: they cite no indicator, or none with a judgement (no polarity, counts, withheld or not loaded).', resolve: (g) => g.prioritiesWithoutJudgedEvidence }),
  }),
});

builder.queryField('evidenceGaps', (t) =>
  t.field({
    type: EvidenceGapsRef,
    description:
      'Evidence gaps: per locality, indicators significantly worse than the county or getting worse that no live priority addressing it cites; and live priorities whose evidence shows no need. Latest period of every indicator.',
    args: {
      theme: t.arg.string({ required: false, description: 'Only indicators of this catalogue theme (e.g. crime).' }),
      level: t.arg({ type: ConfidenceLevelEnum, defaultValue: 'CONFIDENCE_95', description: 'The level at which “significantly worse” is judged.' }),
      board: t.arg.id({ required: false, description: 'Only this board’s localities (every locality for a county board) and its own priorities.' }),
      localityCodes: t.arg.stringList({ required: false, description: 'Only these localities (codes).' }),
    },
    resolve: async (_root, args, ctx) => {
      const work = await liveWorkOf(ctx);
      const board = await boardFilter(ctx, work, args.board == null ? null : String(args.board));
      const keep = intersect(board ? boardPlaces(work, board) : null, localityFilter(work, args.localityCodes));
      const profiles = await latestProfiles(ctx, work);
      return evidenceGaps(work, profiles, { theme: args.theme?.trim().toLowerCase() || null, level: args.level ?? 'CONFIDENCE_95', boardId: board?.id ?? null }, keep);
    },
  }),
);
