/**
 * The suggested approach on a locality's profile page: what the deployment's rule suggests
 * (core, co-ordinated, managed), the approved plan's approach, whether they agree, and why (each
 * condition with the locality's value and the threshold, and the indicators counted). Read
 * through the same GraphQL field as the API (`localityApproaches`), in-process with the page's
 * request context, so the page and the API cannot disagree.
 */
import { type Html, html } from '../presenting/html.js';
import { prepareQuery, runQuery } from '../http/graphql-in-process.js';
import type { Context } from '../schema/context.js';

interface SuggestionData {
  localityApproaches: {
    suggested: string;
    planned: string | null;
    agrees: boolean | null;
    reasons: string[];
    rules: { approach: string; holds: boolean; conditions: { text: string; met: boolean }[] }[];
    measures: { measure: string; value: number | null; rows: { indicator: { id: string; name: string } }[] }[];
  }[];
}

const APPROACH_QUERY = prepareQuery<SuggestionData>(`query LocalityApproach($code: String!) {
  localityApproaches(localityCodes: [$code]) {
    suggested planned agrees reasons
    rules { approach holds conditions { text met } }
    measures { measure value rows { indicator { id name } } }
  }
}`);

const WORDS: Record<string, string> = { CORE: 'Core', CO_ORDINATED: 'Co-ordinated', MANAGED: 'Managed' };
const MEASURE_HEADINGS: Record<string, string> = {
  DEPRIVED_SHARE: 'Deprivation',
  INDICATORS_WORSE_95: 'Significantly worse than the county (95%)',
  INDICATORS_WORSE_998: 'Significantly worse than the county (99.8%)',
  INDICATORS_WORSENING: 'Getting worse',
};

export async function approachSection(ctx: Context, code: string): Promise<Html | null> {
  const data = await runQuery(APPROACH_QUERY, ctx, { code });
  const s = data.localityApproaches[0];
  if (!s) return null;
  const verdict =
    s.planned === null
      ? 'There is no approved plan to compare with.'
      : s.agrees
        ? `The approved plan’s approach (${WORDS[s.planned]}) agrees with the evidence.`
        : `The approved plan’s approach is ${WORDS[s.planned]}: the plan and the evidence disagree.`;
  return html`<section class="approach" aria-labelledby="approach-heading">
<h2 id="approach-heading">The approach this locality needs</h2>
<p class="approach-suggested">Suggested approach: <strong data-approach="${s.suggested}">${WORDS[s.suggested] ?? s.suggested}</strong>. ${verdict}</p>
<p>The differentiated offer (core everywhere, co-ordinated where need is higher, managed where it is greatest) follows a rule over this profile that each deployment sets; the rules are tried in order and the first that holds gives the approach.</p>
<h3>Why</h3>
<ul class="approach-reasons">${s.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
<details><summary>Every rule tried and the indicators counted</summary>
<ul>${s.rules.map((rule) => html`<li>${WORDS[rule.approach]}: ${rule.holds ? 'holds' : 'does not hold'}<ul>${rule.conditions.map((c) => html`<li>${c.text}</li>`)}</ul></li>`)}</ul>
<dl>${s.measures.map((m) => html`<dt>${MEASURE_HEADINGS[m.measure] ?? m.measure}: ${m.value === null ? 'not available' : Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(1)}</dt><dd>${m.rows.length === 0 ? 'none' : m.rows.map((r) => r.indicator.name).join('; ')}</dd>`)}</dl>
</details>
</section>`;
}
