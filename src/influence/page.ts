/**
 * The influence map as a page and a download, read through the graph in-process (the same query,
 * viewer and rules as /graphql):
 *
 *   GET /influence/<locality code>       a plain-language page: no JavaScript, headings, one table in date order
 *   GET /influence/<locality code>.csv   the same entries as CSV (src/exports/csv.ts: no cell runs as a formula)
 */
import { type Request, Router } from 'express';
import { sendCsv, toCsv, type CsvColumn } from '../exports/csv.js';
import { type Failure, handler, type RouteDeps, textParameter } from '../http/route-handler.js';
import { prepareQuery, runQuery } from '../http/graphql-in-process.js';
import { html } from '../presenting/html.js';
import { page } from '../presenting/layout.js';
import { BadUserInputError } from '../errors.js';

interface EntryData {
  kind: string;
  date: string;
  opensOn: string | null;
  title: string;
  summary: string;
  how: string;
  takePart: string[];
  location: string | null;
  decidedBy: { name: string; chairName: string | null; reportsTo: { name: string }[] } | null;
}

interface MapData {
  influenceMap: {
    localityCode: string;
    localityName: string;
    from: string;
    decisionMakers: { name: string; scope: string; chairName: string | null; reportsTo: { name: string }[] }[];
    entries: EntryData[];
  };
}

const INFLUENCE_MAP = prepareQuery<MapData>(`query InfluenceMap($localityCode: String!, $from: Date) {
  influenceMap(localityCode: $localityCode, from: $from) {
    localityCode localityName from
    decisionMakers { name scope chairName reportsTo { name } }
    entries { kind date opensOn title summary how takePart location decidedBy { name chairName reportsTo { name } } }
  }
}`);

const KIND_WORDS: Record<string, string> = { MEETING: 'Meeting', CONSULTATION: 'Consultation', PB_ROUND: 'Residents’ vote on spending', PLAN: 'Locality plan' };
const TAKE_PART_WORDS: Record<string, string> = { ATTEND: 'Attend', RESPOND: 'Respond', PROPOSE: 'Propose a project', VOTE: 'Vote' };
const SCOPE_WORDS: Record<string, string> = { LOCALITY: 'This locality', SERVICE_AREA: 'A wider service area', COUNTY: 'The whole county' };

const longDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const pathway = (d: { name: string; reportsTo: { name: string }[] }) => [d.name, ...d.reportsTo.map((r) => r.name)].join(' → ');

const COLUMNS: CsvColumn<EntryData & { locality: string }>[] = [
  { header: 'Locality', value: (e) => e.locality },
  { header: 'Date', value: (e) => e.date.slice(0, 10) },
  { header: 'Time', value: (e) => (e.kind === 'MEETING' ? e.date.slice(11, 16) : null) },
  { header: 'Opens On', value: (e) => e.opensOn },
  { header: 'Kind', value: (e) => KIND_WORDS[e.kind] ?? e.kind },
  { header: 'What', value: (e) => e.title },
  { header: 'About', value: (e) => e.summary },
  { header: 'How To Take Part', value: (e) => e.how },
  { header: 'Ways', value: (e) => e.takePart.map((w) => TAKE_PART_WORDS[w] ?? w).join('; ') },
  { header: 'Where', value: (e) => e.location },
  { header: 'Who Decides', value: (e) => e.decidedBy?.name ?? null },
  { header: 'Chair', value: (e) => e.decidedBy?.chairName ?? null },
  { header: 'Reports To', value: (e) => (e.decidedBy ? e.decidedBy.reportsTo.map((r) => r.name).join(' → ') : null) },
];

function fromParameter(req: Request): string | null {
  const from = textParameter(req, 'from');
  if (from !== null && !/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new BadUserInputError('from: a day written YYYY-MM-DD');
  return from;
}

function render(data: MapData['influenceMap']) {
  const { entries } = data;
  return page({
    title: `What you can influence in ${data.localityName}`,
    choices: null,
    current: null,
    main: html`<h1>What you can influence in ${data.localityName}</h1>
<p>Decisions about ${data.localityName} coming up from ${longDate(data.from)}, in date order, and how you can have your say. A CSV version is at <a href="/influence/${data.localityCode}.csv">${data.localityName} influence map (CSV)</a>.</p>
<h2>Coming up</h2>
${entries.length === 0
  ? html`<p>Nothing is on record yet. Ask the locality’s board about its next meeting.</p>`
  : html`<table>
<caption>Decisions coming up in ${data.localityName}</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">How to take part</th><th scope="col">Who decides</th></tr></thead>
<tbody>
${entries.map(
  (e) => html`<tr>
<td>${longDate(e.date)}${e.kind === 'MEETING' ? html`, ${e.date.slice(11, 16)}` : null}${e.opensOn ? html`<br>Opens ${longDate(e.opensOn)}` : null}</td>
<td><strong>${KIND_WORDS[e.kind] ?? e.kind}:</strong> ${e.title}<br>${e.summary}</td>
<td>${e.takePart.map((w) => TAKE_PART_WORDS[w] ?? w).join(', ')}. ${e.how}</td>
<td>${e.decidedBy ? html`${e.decidedBy.name}${e.decidedBy.chairName ? html` (chair: ${e.decidedBy.chairName})` : null}${e.decidedBy.reportsTo.length ? html`<br>Reports to ${e.decidedBy.reportsTo.map((r) => r.name).join(', then ')}` : null}` : 'Not named'}</td>
</tr>`,
)}
</tbody>
</table>`}
<h2>Who decides</h2>
<ul>
${data.decisionMakers.map((d) => html`<li>${SCOPE_WORDS[d.scope] ?? d.scope}: ${pathway(d)}${d.chairName ? html` (chair: ${d.chairName})` : null}</li>`)}
</ul>`,
  });
}

const failAsText: Failure = (res, status, message) => {
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
};

export function influenceRouter(deps: RouteDeps): Router {
  const router = Router();
  router.get(
    '/influence/:code.csv',
    handler(
      deps,
      async (req, res, ctx) => {
        const data = await runQuery(INFLUENCE_MAP, ctx, { localityCode: String(req.params.code), from: fromParameter(req) });
        const map = data.influenceMap;
        sendCsv(res, `${map.localityCode}-influence-map.csv`, toCsv(COLUMNS, map.entries.map((e) => ({ ...e, locality: map.localityName }))));
      },
      failAsText,
    ),
  );
  router.get(
    '/influence/:code',
    handler(
      deps,
      async (req, res, ctx) => {
        const data = await runQuery(INFLUENCE_MAP, ctx, { localityCode: String(req.params.code), from: fromParameter(req) });
        res.status(200).type('html').send(render(data.influenceMap).markup);
      },
      (res, status, message) => {
        res.status(status).type('html').send(page({ title: 'Not found', choices: null, current: null, main: html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p>${message}</p>` }).markup);
      },
    ),
  );
  return router;
}
