/**
 * `priorityProgress` in the graph (progress.ts): the records once, one series profile query for
 * every evidence indicator of the priorities asked in every place, the unit costs and deflators
 * (one query each), whatever the number of priorities.
 */
import { BadUserInputError } from '../errors.js';
import { WHOLE_AREA_CODE } from '../geography/areas.js';
import { optionalId } from '../schema/input.js';
import { builder } from '../schema/builder.js';
import { formatPence } from '../costs/money.js';
import { UnitCostRef } from '../costs/demand.schema.js';
import { financialYear } from '../costs/deflators.js';
import { IndicatorRef, ProfileRowRef } from '../statistics/types.js';
import type { ProfileRow } from '../statistics/profile.js';
import type { Indicator } from '../statistics/catalogue.js';
import type { DifferenceInterval } from './change.js';
import { boardFilter, liveWorkOf, localityFilter, PriorityAtWorkRef } from './common.schema.js';
import { CHANGE_METHOD, CHANGE_VERDICTS, type CostThenAndNow, type EvidenceProgress, evidenceProgress, type PriorityProgress } from './progress.js';

const VerdictEnum = builder.enumType('ChangeVerdict', {
  description: 'What the change since a priority went live says, by the 95% interval of the difference and the indicator’s polarity.',
  values: {
    IMPROVED: { description: 'Significantly better than when it went live.' },
    WORSENED: { description: 'Significantly worse.' },
    INCREASED: { description: 'Significantly higher (no polarity).' },
    DECREASED: { description: 'Significantly lower (no polarity).' },
    NO_SIGNIFICANT_CHANGE: { description: 'The interval of the change includes no change.' },
    NO_NEWER_FIGURE: { description: 'No figure has been published since it went live.' },
    NOT_COMPARABLE: { description: 'No figure from before it went live, none at all, or no interval to test with.' },
  } satisfies Record<(typeof CHANGE_VERDICTS)[number], { description: string }>,
});

const IntervalRef = builder.objectRef<DifferenceInterval>('ChangeInterval').implement({
  description: 'A change (latest minus baseline, in the indicator’s units) with its confidence interval.',
  fields: (t) => ({
    difference: t.exposeFloat('difference', { description: 'Latest minus baseline.' }),
    lower: t.exposeFloat('lower', { description: 'Lower limit.' }),
    upper: t.exposeFloat('upper', { description: 'Upper limit.' }),
  }),
});

const CostRef = builder.objectRef<CostThenAndNow>('CostThenAndNow').implement({
  description: 'A unit cost counted by the indicator: the cost of demand when the priority went live and now, in one price base.',
  fields: (t) => ({
    unitCost: t.field({ type: UnitCostRef, description: 'The unit cost.', resolve: (c) => c.unitCost }),
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices both are in (the latest deflator year).' }),
    countThen: t.float({ nullable: true, description: 'Units of demand at the baseline (null when withheld).', resolve: (c) => c.then.count }),
    countNow: t.float({ nullable: true, description: 'Units of demand at the latest figure.', resolve: (c) => c.now.count }),
    costThen: t.string({ nullable: true, description: 'Cost of demand then, in pounds.', resolve: (c) => (c.then.pence === null ? null : formatPence(c.then.pence)) }),
    costNow: t.string({ nullable: true, description: 'Cost of demand now, in pounds.', resolve: (c) => (c.now.pence === null ? null : formatPence(c.now.pence)) }),
    change: t.string({ nullable: true, description: 'Now minus then, in pounds.', resolve: (c) => (c.then.pence === null || c.now.pence === null ? null : formatPence(c.now.pence - c.then.pence)) }),
  }),
});

const EvidenceProgressRef = builder.objectRef<EvidenceProgress & { indicator: Indicator | null }>('EvidenceProgress').implement({
  description: 'One evidence indicator of a priority in one of its places: then, now, the change and its significance, the trend since, the cost of demand.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, nullable: true, description: 'The indicator (null when it is not in the catalogue).', resolve: (e) => e.indicator }),
    indicatorId: t.exposeString('indicatorId', { description: 'The cited indicator id.' }),
    areaCode: t.string({ description: 'The place: a locality code, or COUNTY for a county board’s priority.', resolve: (e) => e.area.code }),
    baseline: t.field({ type: ProfileRowRef, nullable: true, description: 'The figure when it went live: the latest period starting on or before that day.', resolve: (e) => e.baseline }),
    latest: t.field({ type: ProfileRowRef, nullable: true, description: 'The latest published figure.', resolve: (e) => e.latest }),
    change95: t.field({ type: IntervalRef, nullable: true, description: 'The change with its 95% interval.', resolve: (e) => e.change95 }),
    change998: t.field({ type: IntervalRef, nullable: true, description: 'The change with its 99.8% interval.', resolve: (e) => e.change998 }),
    verdict: t.field({ type: VerdictEnum, description: 'What the change says (95%).', resolve: (e) => e.verdict }),
    significantAt998: t.exposeBoolean('significantAt998', { description: 'The change is significant at 99.8% too.' }),
    method: t.string({ description: 'How the interval of the change is computed.', resolve: () => CHANGE_METHOD }),
    trendSince: t.string({ description: 'The recent trend over the periods since it went live (INCREASING, DECREASING, NO_SIGNIFICANT_CHANGE; NOT_ENOUGH_DATA under five periods).', resolve: (e) => e.trendSince }),
    periodsSince: t.exposeInt('periodsSince', { description: 'Periods published after the baseline.' }),
    costs: t.field({ type: [CostRef], description: 'Cost of demand then and now, per unit cost counted by this indicator.', resolve: (e) => e.costs }),
    note: t.exposeString('note', { nullable: true, description: 'Why something is missing.' }),
  }),
});

const PriorityProgressRef = builder.objectRef<PriorityProgress>('PriorityProgress').implement({
  description: 'A live priority’s evidence since it went live.',
  fields: (t) => ({
    priority: t.field({ type: PriorityAtWorkRef, description: 'The priority.', resolve: (p) => p.priority }),
    evidence: t.field({ type: [EvidenceProgressRef], description: 'Each cited indicator in each place.', resolve: (p) => p.evidence as (EvidenceProgress & { indicator: Indicator | null })[] }),
  }),
});

builder.queryField('priorityProgress', (t) =>
  t.field({
    type: [PriorityProgressRef],
    description:
      'Progress of live priorities: for each evidence indicator in each place, its figure when the priority went live and the latest, the change with 95% and 99.8% intervals (Newcombe’s method 10 for proportions; MOVER for rates), its significance, the trend since and the cost of demand then and now.',
    args: {
      board: t.arg.id({ required: false, description: 'Only this board’s priorities.' }),
      priorities: t.arg.idList({ required: false, description: 'Only these priorities (ids).' }),
      localityCodes: t.arg.stringList({ required: false, description: 'Only priorities addressing these localities (codes).' }),
      theme: t.arg.string({ required: false, description: 'Only evidence indicators of this catalogue theme.' }),
    },
    resolve: async (_root, args, ctx) => {
      const work = await liveWorkOf(ctx);
      const board = await boardFilter(ctx, work, args.board == null ? null : String(args.board));
      const keep = localityFilter(work, args.localityCodes);
      const ids = args.priorities ? new Set(args.priorities.map((id, i) => optionalId('Priority', String(id), `priorities.${i}`)!)) : null;
      const priorities = work.priorities.filter(
        (p) => (!board || p.board?.id === board.id) && (!ids || ids.has(p.id)) && (!keep || p.places.some((id) => keep.has(id))),
      );
      const [catalogue, unitCosts, deflators] = await Promise.all([ctx.loaders.statistics.catalogue(), ctx.loaders.costs.unitCosts(), ctx.loaders.costs.deflators()]);
      const theme = args.theme?.trim().toLowerCase() || null;
      const cited = (p: (typeof priorities)[number]) => p.evidence.filter((id) => catalogue.has(id) && (theme === null || catalogue.get(id)!.theme === theme));
      const indicatorIds = [...new Set(priorities.flatMap(cited))].sort();
      const versionId = ctx.geography.versionId();
      const areasOf = (p: (typeof priorities)[number]): EvidenceProgress['area'][] =>
        p.countyWide
          ? [{ kind: 'COUNTY' as const, code: WHOLE_AREA_CODE }]
          : work.localities.filter((l) => p.places.includes(l.id) && (!keep || keep.has(l.id))).map((l) => ({ kind: 'LOCALITY' as const, code: l.code }));
      const bases = [...new Set(unitCosts.map((c) => c.priceBase))];
      const priceBase = deflators.latest ?? (bases.length === 1 ? bases[0]! : null);
      if (priceBase !== null && !financialYear(priceBase)) throw new BadUserInputError('The unit costs have no price base to re-base to', { field: 'priceBase' });
      const series = new Map<string, ProfileRow[]>();
      if (indicatorIds.length > 0) {
        const areas = [...new Map(priorities.flatMap(areasOf).map((a) => [`${a.kind}:${a.code}`, a])).values()];
        // Every place's whole series of every cited indicator: one profile query (series shape).
        const loaded = await Promise.all(areas.map((area) => ctx.loaders.statistics.profile.load({ versionId, group: [], series: true, indicatorIds, theme: null, period: null, area })));
        areas.forEach((area, i) => series.set(`${area.kind}:${area.code}`, loaded[i]!));
      }
      return priorities
        .map((priority) => ({
          priority,
          evidence: areasOf(priority).flatMap((area) =>
            cited(priority).map((indicatorId) => {
              const rows = (series.get(`${area.kind}:${area.code}`) ?? []).filter((r) => r.indicator.id === indicatorId);
              return { ...evidenceProgress(rows, priority.wentLiveOn, area, indicatorId, { unitCosts, deflators, priceBase }), indicator: catalogue.get(indicatorId) ?? null };
            }),
          ),
        }))
        .filter((p) => theme === null || p.evidence.length > 0);
    },
  }),
);
