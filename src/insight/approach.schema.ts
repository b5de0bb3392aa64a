/** `localityApproaches` in the graph (approach.ts), and `Locality.suggestedApproach`. */
import { LocalityRef } from '../geography/types.js';
import { asFieldRef, builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { ProfileRowRef } from '../statistics/types.js';
import { type ApproachSuggestion, type ConditionResult, conditionWords, type MeasureValue, type RuleResult, suggestApproach } from './approach.js';
import { latestProfiles, localitiesOf, localityFilter } from './common.schema.js';
import { PlanApproachEnum } from '../partnership/enums.js';
import { MEASURES } from './config.js';

const MeasureEnum = builder.enumType('ApproachMeasure', {
  description: 'A measure of a locality’s profile the approach rule compares with a threshold.',
  values: {
    DEPRIVED_SHARE: { description: 'The deprivation indicator’s value (by default % of residents in the nationally most deprived 20% of small areas, IMD 2019).' },
    INDICATORS_WORSE_95: { description: 'How many indicators are significantly worse than the county at 95%.' },
    INDICATORS_WORSE_998: { description: 'How many are significantly worse at 99.8%.' },
    INDICATORS_WORSENING: { description: 'How many have a recent trend getting worse.' },
  } satisfies Record<(typeof MEASURES)[number], { description: string }>,
});

const MeasureValueRef = builder.objectRef<MeasureValue>('ApproachMeasureValue').implement({
  description: 'One measure of the locality, with the indicators behind it.',
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, description: 'The measure.', resolve: (m) => m.measure }),
    value: t.exposeFloat('value', { nullable: true, description: 'Its value (null when the profile cannot give it).' }),
    rows: t.field({ type: [ProfileRowRef], description: 'The indicators behind it (the deprivation indicator, or those counted).', resolve: (m) => m.rows }),
  }),
});

const ConditionRef = builder.objectRef<ConditionResult>('ApproachCondition').implement({
  description: 'One condition of a rule: a measure at least a threshold.',
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, description: 'The measure.', resolve: (c) => c.measure }),
    atLeast: t.exposeFloat('atLeast', { description: 'The threshold (from the deployment’s INSIGHT_CONFIG_FILE).' }),
    value: t.exposeFloat('value', { nullable: true, description: 'The locality’s value.' }),
    met: t.exposeBoolean('met', { description: 'Whether the value reaches the threshold.' }),
    text: t.string({ description: 'The condition in words.', resolve: (c) => conditionWords(c) }),
  }),
});

const RuleRef = builder.objectRef<RuleResult>('ApproachRuleResult').implement({
  description: 'One rule tried, in the configured order.',
  fields: (t) => ({
    approach: t.field({ type: PlanApproachEnum, description: 'The approach it suggests when it holds.', resolve: (r) => r.approach }),
    when: t.exposeString('when', { description: 'ANY (one condition suffices) or ALL.' }),
    conditions: t.field({ type: [ConditionRef], description: 'Its conditions.', resolve: (r) => r.conditions }),
    holds: t.exposeBoolean('holds', { description: 'Whether it held.' }),
  }),
});

export const ApproachSuggestionRef = builder.objectRef<ApproachSuggestion>('ApproachSuggestion').implement({
  description: 'The approach the locality’s profile suggests under the deployment’s rule (Calderdale’s differentiated offer), with the reasons, beside its approved plan’s.',
  fields: (t) => ({
    locality: t.field({ type: LocalityRef, description: 'The locality.', resolve: (s) => s.locality.record }),
    suggested: t.field({ type: PlanApproachEnum, description: 'The approach the rule suggests.', resolve: (s) => s.suggested }),
    planned: t.field({ type: PlanApproachEnum, nullable: true, description: 'The approach of its approved plan (null without one).', resolve: (s) => s.planned }),
    agrees: t.exposeBoolean('agrees', { nullable: true, description: 'Whether plan and evidence agree (null without an approved plan).' }),
    measures: t.field({ type: [MeasureValueRef], description: 'Every measure, with its indicators.', resolve: (s) => s.measures }),
    rules: t.field({ type: [RuleRef], description: 'The rules tried, in order, up to the one that held.', resolve: (s) => s.rules }),
    reasons: t.stringList({
      description: 'Why, in words: the conditions met of the rule that held, or that none did.',
      resolve: (s) => {
        const held = s.rules.find((r) => r.holds);
        return held ? held.conditions.filter((c) => c.met).map(conditionWords) : [`No rule for a fuller approach held: ${s.rules.flatMap((r) => r.conditions.map(conditionWords)).join('; ')}`];
      },
    }),
  }),
});

const everyLocality = new WeakMap<Context, Promise<ApproachSuggestion[]>>();

export async function suggestions(ctx: Context, codes: readonly string[] | null | undefined): Promise<ApproachSuggestion[]> {
  if (!codes || codes.length === 0) {
    let all = everyLocality.get(ctx);
    if (!all) {
      all = computeSuggestions(ctx, null);
      everyLocality.set(ctx, all);
    }
    return all;
  }
  return computeSuggestions(ctx, codes);
}

async function computeSuggestions(ctx: Context, codes: readonly string[] | null): Promise<ApproachSuggestion[]> {
  const work = { localities: await localitiesOf(ctx) };
  const keep = localityFilter(work, codes);
  const profiles = await latestProfiles(ctx, work);
  return work.localities.filter((l) => keep === null || keep.has(l.id)).map((l) => suggestApproach(l, profiles.get(l.code) ?? [], ctx.insight.approach));
}

builder.queryField('localityApproaches', (t) =>
  t.field({
    type: [ApproachSuggestionRef],
    description: 'The approach each locality needs (core, co-ordinated, managed) under the deployment’s rule (INSIGHT_CONFIG_FILE), with its reasons, compared with its approved plan’s.',
    args: { localityCodes: t.arg.stringList({ required: false, description: 'Only these localities (codes); default every one.' }) },
    resolve: (_root, args, ctx) => suggestions(ctx, args.localityCodes),
  }),
);

builder.prismaObjectField('Locality', 'suggestedApproach', (t) =>
  asFieldRef(t.field({
    type: ApproachSuggestionRef,
    nullable: true,
    description: 'The approach this locality needs under the deployment’s rule, with its reasons, beside its approved plan’s (as `localityApproaches`; null outside the request’s geography version).',
    resolve: async (locality, _args, ctx) => (await suggestions(ctx, null)).find((s) => s.locality.code === locality.code) ?? null,
  })),
);
