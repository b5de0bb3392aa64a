/**
 * The attacker of the disclosure tests: collects every count the server publishes for a table
 * (each locality, grouping and the county, every pair and triple of localities combined, and the
 * CSV download), then solves the linear system those figures make, with each locality's count as
 * an unknown >= 0, for the smallest and largest value each withheld cell can take (linear
 * programming, yalps). A withheld cell is disclosed when that range is narrower than the
 * small-number threshold (a range of 0 is an exact recovery). Across geography versions the
 * unknowns are the published small areas' counts instead, and each figure a weighted sum of them
 * (`disclosedAmong`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { solve } from 'yalps';
import type { AnalyticsTransaction } from '../../src/db/analytics.js';
import type { TestServer } from '../support/server.js';

/** One row of the real police.uk street-crime counts for Herefordshire (2011 LSOAs, a month each). */
export interface PoliceCount {
  lsoa11cd: string;
  month: string;
  crime_type: string;
  count: string;
}

/** The real police.uk counts the disclosure tests attack (test/fixtures/herefordshire, OGL v3.0). */
export const policeCounts = (): PoliceCount[] =>
  parse(
    readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'herefordshire', 'police_street_crime_counts_lsoa11_month.herefordshire.csv'), 'utf8'),
    { columns: true },
  ) as PoliceCount[];

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');

/** The count indicator of one crime type and month, as police.uk publishes them (one period each). */
export const policeIndicatorId = (r: PoliceCount) => `police-${slug(r.crime_type)}-${r.month}`;

/** Insert the indicators of `ids` and the rows of `counts` that belong to them. */
export async function insertPoliceCounts(tx: AnalyticsTransaction, counts: readonly PoliceCount[], ids: readonly string[]): Promise<void> {
  await tx.run(
    `INSERT INTO indicator VALUES ${ids
      .map((id) => `('${id}', '${id}', 'Crimes recorded', 'crimes', 'COUNT', 1, 'HIGHER_IS_WORSE', 'SUM', NULL, 'all ages', 'crime', 'police.uk', 'police.uk 2019-02', 'OGL v3.0', true, now())`)
      .join(', ')}`,
  );
  const wanted = new Set(ids);
  await tx.append(
    'observation',
    counts
      .filter((r) => wanted.has(policeIndicatorId(r)))
      .map((r) => {
        const [y, m] = r.month.split('-').map(Number) as [number, number];
        return [policeIndicatorId(r), r.lsoa11cd, r.month, 'MONTH', `${r.month}-01`, y * 12 + m - 1, Number(r.count), null, null, null, 'police.uk 2019-02'];
      }),
  );
}

/** A figure: the sum of some localities' counts, published (value) or withheld (null). */
export interface Figure {
  label: string;
  members: readonly string[];
  value: number | null;
}

export interface Disclosure {
  label: string;
  min: number;
  max: number;
}

const key = (members: readonly string[]) => [...members].sort().join('+');

/** Every withheld figure whose feasible range, given the published ones, is narrower than `threshold`. */
export function disclosed(figures: readonly Figure[], localities: readonly string[], threshold: number): Disclosure[] {
  const weighted = (f: Figure): WeightedFigure => ({ label: f.label, weights: new Map(f.members.map((m) => [m, 1])), value: f.value });
  return disclosedAmong(figures.map(weighted), localities, threshold);
}

/** A figure as a weighted sum of unknown counts (a locality's published small areas, with their shares). */
export interface WeightedFigure {
  label: string;
  weights: ReadonlyMap<string, number>;
  value: number | null;
}

const weightKey = (weights: ReadonlyMap<string, number>) =>
  [...weights].filter(([, w]) => Math.abs(w) > 1e-12).sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, w]) => `${u}*${w.toFixed(9)}`).join('+');

/**
 * Every withheld figure whose feasible range, given the published ones (each unknown >= 0), is
 * narrower than `threshold`; and every `secret` (a small area's count, say) pinned to within the
 * threshold while it may be under it (a large count known exactly is no disclosure).
 */
export function disclosedAmong(
  figures: readonly WeightedFigure[],
  unknowns: readonly string[],
  threshold: number,
  secrets: readonly Omit<WeightedFigure, 'value'>[] = [],
): Disclosure[] {
  const published = new Map<string, WeightedFigure>();
  for (const f of figures) if (f.value !== null) published.set(weightKey(f.weights), f);
  const constraints = new Map<string, { equal: number }>();
  const variables = new Map<string, Map<string, number>>(unknowns.map((u) => [u, new Map()]));
  [...published.values()].forEach((f, i) => {
    constraints.set(`p${i}`, { equal: f.value! });
    for (const [u, w] of f.weights) variables.get(u)!.set(`p${i}`, w);
  });
  const range = (weights: ReadonlyMap<string, number>) => {
    const model = (direction: 'minimize' | 'maximize') => ({
      direction,
      objective: 'target',
      constraints,
      variables: [...variables].map(([u, c]) => [u, weights.has(u) ? new Map([...c, ['target', weights.get(u)!]]) : c] as const),
    });
    const low = solve(model('minimize'));
    const high = solve(model('maximize'));
    if (low.status !== 'optimal') throw new Error(`the published figures are inconsistent (${low.status})`);
    return { min: low.result, max: high.status === 'unbounded' ? Number.POSITIVE_INFINITY : high.result };
  };
  const found: Disclosure[] = [];
  const withheld = new Map<string, WeightedFigure>();
  for (const f of figures) if (f.value === null) withheld.set(weightKey(f.weights), f);
  for (const f of withheld.values()) {
    const { min, max } = range(f.weights);
    if (max - min < threshold - 1e-6) found.push({ label: f.label, min, max });
  }
  for (const s of secrets) {
    const { min, max } = range(s.weights);
    if (max - min < threshold - 1e-6 && min < threshold - 1e-6) found.push({ label: s.label, min, max });
  }
  return found;
}

const pairsAndTriples = (codes: readonly string[]) => {
  const sets: string[][] = [];
  codes.forEach((a, i) =>
    codes.slice(i + 1).forEach((b, j) => {
      sets.push([a, b]);
      codes.slice(i + j + 2).forEach((c) => sets.push([a, b, c]));
    }),
  );
  return sets;
};

interface Row {
  indicator: { id: string };
  period: string;
  numerator: number | null;
  suppressed: boolean;
}
const ROW = 'indicator { id } period numerator suppressed';

/**
 * Every figure of the named count indicators at one period (null: each one's latest) that the
 * API and the CSV give, by indicator id. Sets of localities are asked for in batches of aliased
 * `compare` fields.
 */
export async function harvest(
  t: TestServer,
  indicators: readonly string[],
  period: string | null,
  options: { versionArg?: string } = {},
): Promise<{ localities: string[]; tables: Map<string, Figure[]> }> {
  const args = `indicators: ${JSON.stringify(indicators)}${period ? `, period: ${JSON.stringify(period)}` : ''}`;
  // A geography version other than the one in force, on every root field (and the CSV).
  const on = options.versionArg ? `geographyVersion: ${JSON.stringify(options.versionArg)}` : '';
  const base = await t.gql(`{
    localities${on ? `(${on})` : ''} { code groups { areaCode } profile(${args}) { ${ROW} } }
    localityGroups${on ? `(${on})` : ''} { areaCode profile(${args}) { ${ROW} } }
    county${on ? `(${on})` : ''} { profile(${args}) { ${ROW} } }
  }`);
  if (base.errors) throw new Error(JSON.stringify(base.errors));
  const localities: { code: string; groups: { areaCode: string }[]; profile: Row[] }[] = base.data.localities;
  const codes = localities.map((l) => l.code).sort();
  const membersOf = (group: string) => localities.filter((l) => l.groups.some((g) => g.areaCode === group)).map((l) => l.code);
  const tables = new Map<string, Figure[]>(indicators.map((id) => [id, []]));
  const add = (label: string, members: readonly string[], rows: readonly Row[]) => {
    for (const row of rows) tables.get(row.indicator.id)?.push({ label, members, value: row.suppressed ? null : row.numerator });
  };
  for (const l of localities) add(l.code, [l.code], l.profile);
  for (const group of base.data.localityGroups) add(group.areaCode, membersOf(group.areaCode), group.profile);
  add('county', codes, base.data.county.profile);

  const sets = pairsAndTriples(codes);
  for (let i = 0; i < sets.length; i += 20) {
    const batch = sets.slice(i, i + 20);
    const res = await t.gql(
      `{ ${batch
        .map((set, j) => `c${j}: compare(localityCodes: ${JSON.stringify(set)}, combined: true, ${args}${on ? `, ${on}` : ''}) { area { kind } rows { ${ROW} } }`)
        .join('\n')} }`,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    batch.forEach((set, j) => {
      for (const area of res.data[`c${j}`]) {
        if (area.area.kind === 'GROUP') add(set.join('+'), set, area.rows);
      }
    });
  }

  const query = new URLSearchParams({
    indicators: indicators.join(','),
    groups: 'true',
    county: 'true',
    ...(period ? { period } : {}),
    ...(options.versionArg ? { geographyVersion: options.versionArg } : {}),
  });
  const response = await fetch(`${t.url.replace(/\/graphql$/, '')}/profiles.csv?${query}`);
  if (response.status !== 200) throw new Error(`CSV ${response.status}: ${await response.text()}`);
  const csv = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
  for (const line of csv) {
    const members =
      line['Area Type'] === 'County' ? codes : codes.includes(line['Area Code']!) ? [line['Area Code']!] : membersOf(line['Area Code']!);
    if (members.length === 0) throw new Error(`CSV area ${line['Area Code']} (${line['Area Type']}) not understood`);
    tables.get(line['Indicator ID']!)?.push({
      label: `csv:${line['Area Code']}`,
      members,
      value: line.Count === '' ? null : Number(line.Count),
    });
  }
  return { localities: codes, tables };
}
