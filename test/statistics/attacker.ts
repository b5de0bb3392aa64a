/**
 * The attacker of the disclosure tests: collects every count the server publishes for a table
 * (each locality, grouping and the county, every pair and triple of localities combined, and the
 * CSV download), then solves the linear system those figures make, with each locality's count as
 * an unknown >= 0, for the smallest and largest value each withheld cell can take (linear
 * programming, yalps). A withheld cell is disclosed when that range is narrower than the
 * small-number threshold (a range of 0 is an exact recovery).
 */
import { parse } from 'csv-parse/sync';
import { solve } from 'yalps';
import type { TestServer } from '../support/server.js';

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
  const published = new Map<string, Figure>();
  for (const f of figures) if (f.value !== null) published.set(key(f.members), f);
  const constraints = new Map<string, { equal: number }>();
  const variables = new Map<string, Map<string, number>>(localities.map((l) => [l, new Map()]));
  [...published.values()].forEach((f, i) => {
    constraints.set(`p${i}`, { equal: f.value! });
    for (const m of f.members) variables.get(m)!.set(`p${i}`, 1);
  });
  const found: Disclosure[] = [];
  const withheld = new Map<string, Figure>();
  for (const f of figures) if (f.value === null) withheld.set(key(f.members), f);
  for (const f of withheld.values()) {
    const members = new Set(f.members);
    const model = (direction: 'minimize' | 'maximize') => ({
      direction,
      objective: 'target',
      constraints,
      variables: [...variables].map(([l, c]) => [l, members.has(l) ? new Map([...c, ['target', 1]]) : c] as const),
    });
    const low = solve(model('minimize'));
    const high = solve(model('maximize'));
    if (low.status !== 'optimal') throw new Error(`the published figures are inconsistent (${low.status})`);
    const max = high.status === 'unbounded' ? Number.POSITIVE_INFINITY : high.result;
    if (max - low.result < threshold - 1e-6) found.push({ label: f.label, min: low.result, max });
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
  const base = await t.gql(`{
    localities { code groups { areaCode } profile(${args}) { ${ROW} } }
    localityGroups { areaCode profile(${args}) { ${ROW} } }
    county { profile(${args}) { ${ROW} } }
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
        .map((set, j) => `c${j}: compare(localities: ${JSON.stringify(set)}, combined: true, ${args}) { area { kind } rows { ${ROW} } }`)
        .join('\n')} }`,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    batch.forEach((set, j) => {
      for (const area of res.data[`c${j}`]) {
        if (area.area.kind === 'GROUP') add(set.join('+'), set, area.rows);
      }
    });
  }

  const query = new URLSearchParams({ indicators: indicators.join(','), groups: 'true', county: 'true', ...(period ? { period } : {}) });
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
