/**
 * The Census 2021 topic summary importer (ONS), in either layout the tables come in:
 * - long, one row per small area and category: an area code (`lsoa21_code`, `geography code`...),
 *   a category column, `count` (or the table's measure, e.g. `usual_residents`) and optionally
 *   `total` (the table's total for the area; without it the area's categories are summed);
 * - the Nomis bulk layout, one row per small area: `date, geography, geography code` and one
 *   column per category, headed "<topic>: <category>", with a "...: Total: ..." column.
 * Which table a file holds comes from its name (`ts054`, as ONS and Nomis name them); which of
 * its categories become indicators is census2021-tables.ts (or a `tables` JSON of the same shape).
 * Each indicator is the proportion of the table's total in its categories (summed), period 2021.
 *
 * Census tables use 2021 small areas. With an `areaLookup` (the ONS LSOA 2011 to LSOA 2021
 * lookup: LSOA21CD, LSOA11CD), counts and totals are summed into the 2011 areas they belong to,
 * exact where 2021 areas are unchanged or split (a 2021 area made from several 2011 areas cannot
 * be apportioned and is refused). All or nothing, through commit.ts.
 */
import path from 'node:path';
import type { AnalyticsStore } from '../../db/analytics.js';
import { type ColumnSpec, parsePublishedNumber } from '../../importing/csv.js';
import { ImportProblems } from '../../importing/problems.js';
import type { Progress } from '../../importing/progress.js';
import { silentProgress } from '../../importing/progress.js';
import type { IndicatorInput } from '../catalogue.js';
import { OGL, withOverrides } from './catalogue-defaults.js';
import { CENSUS2021_TABLES, type CensusTableSpec, tableOfFile } from './census2021-tables.js';
import { type CommitSummary, commitStatistics, knownSmallAreas, NATIONAL_HINT } from './commit.js';
import { readReleaseTable, readReleaseText } from '../../importing/files.js';
import type { ObservationInput, SourceLine } from './rules.js';

export const CENSUS2021_PERIOD = '2021';
export const CENSUS2021_RELEASE = 'Census 2021';
const SOURCE = 'Office for National Statistics (ONS): Census 2021 topic summaries';

export interface Census2021Options {
  /** Tables described in place of (or besides) the built-in ones. */
  tables?: readonly CensusTableSpec[];
  /** The ONS LSOA11-LSOA21 lookup file: sum 2021 areas into 2011 areas. */
  areaLookup?: string;
  /** A catalogue overrides file (catalogue-defaults.ts). */
  catalogue?: string;
  onlyLoadedAreas?: boolean;
  progress?: Progress;
}

export interface Census2021Summary extends CommitSummary {
  files: number;
  tables: string[];
  smallAreas: number;
  skippedAreas: number;
}

const CODE_NAMES = ['geography code', 'area_code', 'small_area_code', /^lsoa\d{2}_?(code|cd)$/i];
const norm = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** One small area's counts from one file: category -> count, and the total. */
interface AreaCounts {
  source: SourceLine;
  counts: Map<string, number>;
  total: number | null;
}

function count(text: string | undefined, what: string, at: SourceLine, problems: ImportProblems): number | null {
  const n = parsePublishedNumber(text ?? '');
  if (Number.isInteger(n) && n >= 0) return n;
  problems.add(at.file, at.line, `${what} "${text ?? ''}" must be a whole number, 0 or more`);
  return null;
}

/** The long layout: area, category, count[, total]. */
async function readLong(file: string, problems: ImportProblems, progress: Progress): Promise<{ label: string; areas: Map<string, AreaCounts>; categories: Set<string> }> {
  const columns = {
    code: { names: CODE_NAMES, required: true },
    name: { names: [/name$/i, 'geography'], required: false },
    count: { names: ['count', 'observation', 'value', 'usual_residents', 'households'], required: true },
    total: { names: ['total'], required: false },
  } satisfies Record<string, ColumnSpec>;
  const table = await readReleaseTable(file, columns, problems);
  const areas = new Map<string, AreaCounts>();
  const categories = new Set<string>();
  if (table.header.length === 0) return { label: table.file, areas, categories };
  const used = new Set(Object.values(table.headers));
  const rest = table.header.map((h, i) => ({ h, i })).filter(({ h }) => !used.has(h));
  if (rest.length !== 1) {
    problems.add(table.file, 1, `expected one category column besides the area, count and total; found ${rest.length} (${rest.map((r) => r.h).join(', ') || 'none'})`);
    return { label: table.file, areas, categories };
  }
  const categoryAt = rest[0]!.i;
  // An area with an unreadable row is not checked against its total (one problem, not two).
  const unreadable = new Set<string>();
  let done = 0;
  for (const { line, values, fields } of table.records) {
    const at = { file: table.file, line };
    const code = values.code;
    const category = fields[categoryAt]?.trim();
    if (!code || !category) {
      problems.add(table.file, line, `empty ${!code ? 'area code' : 'category'}`);
      continue;
    }
    const n = count(values.count, `count of "${category}"`, at, problems);
    const total = values.total === undefined ? null : count(values.total, 'total', at, problems);
    if (n === null || (values.total !== undefined && total === null)) {
      unreadable.add(code);
      continue;
    }
    const area = areas.get(code) ?? { source: at, counts: new Map<string, number>(), total };
    areas.set(code, area);
    const key = norm(category);
    categories.add(key);
    if (area.counts.has(key)) {
      problems.add(table.file, line, `duplicate category "${category}" for ${code}`);
      continue;
    }
    if (area.total !== total) {
      problems.add(table.file, line, `total ${total ?? '(none)'} of ${code} differs from ${area.total ?? '(none)'} on line ${area.source.line}`);
      continue;
    }
    area.counts.set(key, n);
    if (++done % 5000 === 0) progress.step(`${table.file}: rows`, done, table.records.length);
  }
  // Categories sum to the total; a file without totals takes the sum as the total.
  for (const [code, area] of areas) {
    const sum = [...area.counts.values()].reduce((a, b) => a + b, 0);
    if (area.total === null) area.total = sum;
    else if (sum !== area.total && !unreadable.has(code)) {
      problems.add(area.source.file, area.source.line, `the categories of ${code} sum to ${sum}, not its total ${area.total}`);
    }
  }
  return { label: table.file, areas, categories };
}

/** The Nomis bulk layout: date, geography, geography code, one column per category. */
async function readWide(file: string, problems: ImportProblems): Promise<{ label: string; areas: Map<string, AreaCounts>; categories: Set<string> }> {
  const columns = {
    code: { names: CODE_NAMES, required: true },
    date: { names: ['date'], required: false },
    name: { names: ['geography'], required: false },
  } satisfies Record<string, ColumnSpec>;
  const table = await readReleaseTable(file, columns, problems);
  const areas = new Map<string, AreaCounts>();
  const categories = new Set<string>();
  if (table.header.length === 0) return { label: table.file, areas, categories };
  const used = new Set(Object.values(table.headers));
  // "Tenure of household: Owned: Owns outright; measures: Value" -> "owned: owns outright"
  const cells = table.header
    .map((h, i) => ({ i, name: h.replace(/;\s*measures:\s*value$/i, '') }))
    .filter(({ name }, k) => !used.has(table.header[k]!));
  const totalAt = cells.find(({ name }) => /(^|:\s*)total(:|$)/i.test(name));
  if (!totalAt) {
    problems.add(table.file, 1, 'no total column (a header "<topic>: Total: ...")');
    return { label: table.file, areas, categories };
  }
  const topic = /^([^:]+):/.exec(totalAt.name)?.[1];
  const categoryOf = (name: string) => norm(topic && name.startsWith(`${topic}:`) ? name.slice(topic.length + 1) : name);
  const categoryCells = cells.filter((c) => c !== totalAt).map((c) => ({ ...c, category: categoryOf(c.name) }));
  for (const c of categoryCells) categories.add(c.category);
  for (const { line, values, fields } of table.records) {
    const at = { file: table.file, line };
    const code = values.code;
    if (!code) {
      problems.add(table.file, line, 'empty geography code');
      continue;
    }
    if (areas.has(code)) {
      problems.add(table.file, line, `duplicate area ${code} (first on line ${areas.get(code)!.source.line})`);
      continue;
    }
    const total = count(fields[totalAt.i], totalAt.name, at, problems);
    const counts = new Map<string, number>();
    let readable = total !== null;
    for (const c of categoryCells) {
      const n = count(fields[c.i], table.header[c.i]!, at, problems);
      if (n === null) readable = false;
      else counts.set(c.category, n);
    }
    if (readable) areas.set(code, { source: at, counts, total });
  }
  return { label: table.file, areas, categories };
}

/** Whether a file is in the Nomis bulk layout (has `date` and `geography code`). */
async function isWide(file: string): Promise<boolean> {
  const text = await readReleaseText(file).catch(() => '');
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  return /(^|,)"?date"?(,|$)/.test(header) && header.includes('geography code');
}

/** The 2021 -> 2011 small-area lookup; several 2011 parents of one 2021 area is a problem. */
async function readAreaLookup(file: string, problems: ImportProblems): Promise<Map<string, string>> {
  const table = await readReleaseTable(
    file,
    { lsoa21: { names: ['LSOA21CD', 'lsoa21_code'], required: true }, lsoa11: { names: ['LSOA11CD', 'lsoa11_code'], required: true } },
    problems,
  );
  const parent = new Map<string, { code: string; line: number }>();
  for (const { line, values } of table.records) {
    if (!values.lsoa21 || !values.lsoa11) {
      problems.add(table.file, line, 'empty LSOA21CD or LSOA11CD');
      continue;
    }
    const first = parent.get(values.lsoa21);
    if (first && first.code !== values.lsoa11) {
      problems.add(table.file, line, `2021 area ${values.lsoa21} is made of several 2011 areas (${first.code} on line ${first.line}, ${values.lsoa11}): its counts cannot be apportioned to 2011 areas`);
    } else parent.set(values.lsoa21, { code: values.lsoa11, line });
  }
  return new Map([...parent].map(([k, v]) => [k, v.code]));
}

function catalogueEntry(table: CensusTableSpec, indicator: CensusTableSpec['indicators'][number]): IndicatorInput {
  return {
    id: indicator.id,
    name: `${indicator.name} (Census 2021)`,
    definition:
      `Percentage of ${table.universe} in the categories ${indicator.categories.map((c) => `"${c}"`).join(', ')} of ` +
      `Census 2021 table ${table.table} ${table.title}, of all ${table.universe} in the table. ONS applies disclosure ` +
      `control (targeted record swapping and cell key perturbation), so totals differ slightly between tables.`,
    unit: '%',
    valueType: 'PROPORTION',
    multiplier: 100,
    polarity: indicator.polarity ?? 'NO_JUDGEMENT',
    aggregation: 'RATIO',
    population: table.universe,
    theme: indicator.theme,
    source: `${SOURCE}, ${table.table} ${table.title} (Nomis)`,
    release: CENSUS2021_RELEASE,
    licence: OGL,
    // Census counts are already protected by ONS's own disclosure control.
    disclosureControl: false,
  };
}

export async function importCensus2021(analytics: AnalyticsStore, files: readonly string[], options: Census2021Options = {}): Promise<Census2021Summary> {
  const problems = new ImportProblems();
  const progress = options.progress ?? silentProgress;
  const specs = [...(options.tables ?? []), ...CENSUS2021_TABLES.filter((t) => !(options.tables ?? []).some((o) => o.table.toUpperCase() === t.table.toUpperCase()))];
  if (files.length === 0) problems.add('arguments', 0, 'name one or more Census 2021 table files');
  const lookup = options.areaLookup ? await readAreaLookup(options.areaLookup, problems) : null;

  const defaults: IndicatorInput[] = [];
  const tablesSeen: string[] = [];
  // Per indicator and target area: summed counts and totals, and the first source line.
  const sums = new Map<string, { indicatorId: string; code: string; x: number; n: number; source: SourceLine }>();
  const areasRead = new Set<string>();
  for (const [index, file] of files.entries()) {
    progress.step('Census 2021 files', index, files.length);
    const label = path.basename(file);
    const spec = tableOfFile(label, specs);
    if (!spec) {
      problems.add(label, 0, `which table is this? Name the file after its ONS table (e.g. ts054_tenure.csv, census2021-ts054-lsoa.csv); known: ${specs.map((s) => s.table).join(', ')}`);
      continue;
    }
    if (tablesSeen.includes(spec.table)) {
      problems.add(label, 0, `table ${spec.table} is named twice in this import`);
      continue;
    }
    tablesSeen.push(spec.table);
    const { label: fileLabel, areas, categories } = (await isWide(file)) ? await readWide(file, problems) : await readLong(file, problems, progress);
    if (areas.size === 0) continue;
    let complete = true;
    for (const indicator of spec.indicators) {
      const missing = indicator.categories.filter((c) => !categories.has(norm(c)));
      if (missing.length > 0) {
        problems.add(fileLabel, 1, `${indicator.id}: no category ${missing.map((c) => `"${c}"`).join(', ')} in ${spec.table} (found: ${[...categories].join('; ')})`);
        complete = false;
      }
    }
    if (!complete) continue;
    defaults.push(...spec.indicators.map((indicator) => catalogueEntry(spec, indicator)));
    for (const [code, area] of areas) {
      let target = code;
      if (lookup) {
        const parent = lookup.get(code);
        if (!parent) {
          problems.add(area.source.file, area.source.line, `2021 area ${code} is not in the area lookup`);
          continue;
        }
        target = parent;
      }
      areasRead.add(target);
      for (const indicator of spec.indicators) {
        const x = indicator.categories.reduce((a, c) => a + (area.counts.get(norm(c)) ?? 0), 0);
        const key = `${indicator.id}\u0000${target}`;
        const sum = sums.get(key);
        if (sum) {
          sum.x += x;
          sum.n += area.total ?? 0;
        } else sums.set(key, { indicatorId: indicator.id, code: target, x, n: area.total ?? 0, source: area.source });
      }
    }
  }
  progress.end();

  const known = await knownSmallAreas(analytics);
  const unknown = [...areasRead].filter((code) => !known.has(code));
  if (!options.onlyLoadedAreas && unknown.length > 0) problems.add('arguments', 0, NATIONAL_HINT(unknown.length));
  const observations: ObservationInput[] = [...sums.values()]
    .filter((s) => known.has(s.code) || !options.onlyLoadedAreas)
    .map((s) => ({
      indicatorId: s.indicatorId,
      areaCode: s.code,
      period: CENSUS2021_PERIOD,
      numerator: s.x,
      denominator: s.n,
      value: null,
      standardError: null,
      release: null,
      source: s.source,
    }));
  const indicators = await withOverrides(defaults, options.catalogue, problems, 'census2021-tables.ts');
  const summary = await commitStatistics(analytics, { indicators, observations }, problems, 'Census 2021 import', { knownAreas: known });
  const loaded = new Set(observations.map((o) => o.areaCode)).size;
  return { ...summary, files: files.length, tables: tablesSeen, smallAreas: loaded, skippedAreas: areasRead.size - loaded };
}

/** Table descriptions from a JSON file (an array shaped as census2021-tables.ts). */
export async function readCensusTables(file: string, problems: ImportProblems): Promise<CensusTableSpec[]> {
  try {
    const data = JSON.parse((await readReleaseText(file)).replace(/^\uFEFF/, '')) as unknown;
    const list = Array.isArray(data) ? data : [data];
    const ok = list.every(
      (t) =>
        t && typeof t.table === 'string' && typeof t.title === 'string' && typeof t.universe === 'string' && Array.isArray(t.indicators) &&
        t.indicators.every((i: CensusTableSpec['indicators'][number]) => typeof i.id === 'string' && typeof i.name === 'string' && Array.isArray(i.categories) && typeof i.theme === 'string'),
    );
    if (!ok) {
      problems.add(path.basename(file), 0, 'each table needs table, title, universe and indicators [{ id, name, categories: [...], theme }]');
      return [];
    }
    return list as CensusTableSpec[];
  } catch (error) {
    problems.add(path.basename(file), 0, `not a readable JSON file: ${(error as Error).message}`);
    return [];
  }
}
