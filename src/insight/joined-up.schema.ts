/** `joinedUp` in the graph (joined-up.ts): the records once and the catalogue, whatever the number of boards. */
import { LocalityRef } from '../geography/types.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { builder } from '../schema/builder.js';
import { IndicatorRef } from '../statistics/types.js';
import { boardFilter, liveWorkOf, localityFilter, PriorityAtWorkRef } from './common.schema.js';
import { type JoinedUpIndicator, joinedUp } from './joined-up.js';
import type { Indicator } from '../statistics/catalogue.js';
import type { LocalityRecord } from './records.js';

type Row = JoinedUpIndicator & { indicator: Indicator | null; overlapLocalities: LocalityRecord[] };

const JoinedUpRef = builder.objectRef<Row>('JoinedUpIndicator').implement({
  description: 'An indicator that live priorities of two or more boards address in overlapping places, with who works on it.',
  fields: (t) => ({
    indicatorId: t.exposeString('indicatorId', { description: 'The indicator id the priorities cite.' }),
    indicator: t.field({ type: IndicatorRef, nullable: true, description: 'The indicator (null when not in the catalogue).', resolve: (r) => r.indicator }),
    priorities: t.field({ type: [PriorityAtWorkRef], description: 'The priorities that meet another board’s on this indicator (with a board filter: the board’s own and those meeting them).', resolve: (r) => r.priorities }),
    boardCount: t.int({ description: 'How many boards they belong to.', resolve: (r) => new Set(r.priorities.map((p) => p.board!.id)).size }),
    overlap: t.field({ type: [LocalityRef], description: 'Localities where two or more boards’ priorities on it meet (with a board filter: among that board’s places).', resolve: (r) => r.overlapLocalities.map((l) => l.record) }),
    partners: t.field({ type: [PartnerRef], description: 'Every partner on those boards (members and chairs), by name.', resolve: (r) => r.partners }),
  }),
});

builder.queryField('joinedUp', (t) =>
  t.field({
    type: [JoinedUpRef],
    description:
      'Joined-up across boards: indicators that live priorities of different boards (localities, the county, theme boards) address in overlapping places, with the priorities and their partners; with `board`, who else works on that board’s indicators where it works.',
    args: {
      board: t.arg.id({ required: false, description: 'One board’s view: its own indicators and who else works on them in its places.' }),
      indicator: t.arg.id({ required: false, description: 'Only this indicator.' }),
      localityCode: t.arg.string({ required: false, description: 'Only where they overlap in this locality (code).' }),
    },
    resolve: async (_root, args, ctx) => {
      const work = await liveWorkOf(ctx);
      const board = await boardFilter(ctx, work, args.board == null ? null : String(args.board));
      const locality = localityFilter(work, args.localityCode ? [args.localityCode] : null);
      const catalogue = await ctx.loaders.statistics.catalogue();
      return joinedUp(work, { boardId: board?.id ?? null, indicatorId: args.indicator == null ? null : String(args.indicator), localityId: locality ? [...locality][0]! : null }).map((r) => ({
        ...r,
        indicator: catalogue.get(r.indicatorId) ?? null,
        overlapLocalities: work.localities.filter((l) => r.overlap.includes(l.id)),
      }));
    },
  }),
);
