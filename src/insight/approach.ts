/**
 * The approach each locality needs: Calderdale's differentiated offer (a core offer everywhere,
 * a co-ordinated offer where need is higher, a managed offer where it is greatest) as an explicit
 * rule over the locality's profile, configured per deployment (config.ts, INSIGHT_CONFIG_FILE).
 * Each suggestion carries its reasons (every measure with its value and the indicators behind
 * it, and the conditions that held), beside the approach of the locality's approved plan, so a
 * board sees where the plan and the evidence disagree.
 */
import type { ProfileRow } from '../statistics/profile.js';
import type { Approach, ApproachRule, Measure } from './config.js';
import { judge } from './need.js';
import type { LocalityRecord } from './records.js';

export interface MeasureValue {
  measure: Measure;
  /** Null when the profile cannot give it (DEPRIVED_SHARE withheld or not loaded). */
  value: number | null;
  /** The indicators behind it (the deprivation indicator, or those counted). */
  rows: ProfileRow[];
}

export interface ConditionResult {
  measure: Measure;
  atLeast: number;
  value: number | null;
  met: boolean;
}

export interface RuleResult {
  approach: Approach;
  when: 'ANY' | 'ALL';
  conditions: ConditionResult[];
  holds: boolean;
}

export interface ApproachSuggestion {
  locality: LocalityRecord;
  suggested: Approach;
  planned: Approach | null;
  agrees: boolean | null;
  measures: MeasureValue[];
  /** Every rule tried, in order, up to and including the one that held. */
  rules: RuleResult[];
}

/** The four measures of one locality's latest profile (every indicator, each at its latest period). */
export function measuresOf(rows: readonly ProfileRow[], rule: ApproachRule): MeasureValue[] {
  const judged = rows.map(judge);
  const deprivation = rows.find((row) => row.indicator.id === rule.deprivationIndicator);
  const pick = (test: (j: (typeof judged)[number]) => boolean) => judged.filter(test).map((j) => j.row);
  const worse95 = pick((j) => j.significance === 'WORSE_95' || j.significance === 'WORSE_998');
  const worse998 = pick((j) => j.significance === 'WORSE_998');
  const worsening = pick((j) => j.worsening);
  return [
    { measure: 'DEPRIVED_SHARE', value: deprivation && !deprivation.suppressed ? deprivation.value : null, rows: deprivation ? [deprivation] : [] },
    { measure: 'INDICATORS_WORSE_95', value: worse95.length, rows: worse95 },
    { measure: 'INDICATORS_WORSE_998', value: worse998.length, rows: worse998 },
    { measure: 'INDICATORS_WORSENING', value: worsening.length, rows: worsening },
  ];
}

export function suggestApproach(locality: LocalityRecord, rows: readonly ProfileRow[], rule: ApproachRule): ApproachSuggestion {
  const measures = measuresOf(rows, rule);
  const valueOf = (measure: Measure) => measures.find((m) => m.measure === measure)!.value;
  const tried: RuleResult[] = [];
  let suggested: Approach = rule.otherwise;
  for (const r of rule.rules) {
    const conditions = r.conditions.map((c) => {
      const value = valueOf(c.measure);
      return { measure: c.measure, atLeast: c.atLeast, value, met: value !== null && value >= c.atLeast };
    });
    const holds = r.when === 'ALL' ? conditions.every((c) => c.met) : conditions.some((c) => c.met);
    tried.push({ approach: r.approach, when: r.when, conditions, holds });
    if (holds) {
      suggested = r.approach;
      break;
    }
  }
  const planned = locality.plan?.approach ?? null;
  return { locality, suggested, planned, agrees: planned === null ? null : planned === suggested, measures, rules: tried };
}

const MEASURE_WORDS: Record<Measure, string> = {
  DEPRIVED_SHARE: '% of residents in the most deprived 20% of areas',
  INDICATORS_WORSE_95: 'indicators significantly worse than the county (95%)',
  INDICATORS_WORSE_998: 'indicators significantly worse than the county (99.8%)',
  INDICATORS_WORSENING: 'indicators getting worse',
};

/** A reason in words: "24.4 % of residents ... (at least 20): met". */
export function conditionWords(condition: ConditionResult): string {
  const value = condition.value === null ? 'not available' : Number.isInteger(condition.value) ? String(condition.value) : condition.value.toFixed(1);
  return `${MEASURE_WORDS[condition.measure]}: ${value} (threshold ${condition.atLeast}) ${condition.met ? 'met' : 'not met'}`;
}
