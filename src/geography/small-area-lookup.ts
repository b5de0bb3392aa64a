/**
 * Carrying figures between generations of small areas: the ONS "LSOA (2011) to LSOA (2021) to
 * Local Authority District (2022) Lookup for England and Wales" (columns LSOA11CD, LSOA21CD and
 * CHGIND: U unchanged, S split, M merged, X irregular), loaded into the analytics store's
 * `small_area_bridge` (src/db/analytics-migrations/), both ways. A profile on a geography version reads a figure
 * published on a small area the version does not hold through it (statistics/profile.sql), so
 * IMD 2019 (2011 LSOAs) is served on the 2021 LSOAs and Census 2021 (2021 LSOAs) on the 2011
 * ones, with the same totals for the whole area on both.
 *
 * Method (ONS lookup; population-weighted apportionment, stated in every row it touches):
 * - unchanged areas keep their code, so they need no row;
 * - where several source areas make one target area (2021 parts of a split 2011 LSOA read on
 *   2011 LSOAs; 2011 LSOAs merged into one 2021 LSOA read on 2021 LSOAs) their figures are
 *   summed: exact;
 * - where one source area becomes several target areas (a split 2011 LSOA read on 2021 LSOAs; a
 *   merged 2021 LSOA read on 2011 LSOAs) its numerator and denominator are shared among the
 *   targets in proportion to their residents (the populations file: for Herefordshire Census 2021
 *   usual residents of the 2021 LSOAs and the ONS mid-2020 estimates of the 2011 ones), an
 *   approximation that assumes what is counted is spread like the residents; without a
 *   populations file, equally. The shares of a source sum to 1, so every total is kept exactly.
 * - `cover` (the share of a target made up by each source, by the same populations) keeps a
 *   profile row's coverage a share of the area's small areas however figures arrived.
 * ONS, "Census 2021 geographies": 2021 LSOAs were made by splitting 2011 LSOAs whose population
 * grew and merging those whose population fell, most kept unchanged; CHGIND marks which.
 */
import { refreshAggregatesForGeography } from '../statistics/aggregates.js';
import type { AnalyticsStore } from '../db/analytics.js';
import { readCsvTable } from '../importing/csv.js';
import { ImportProblems } from '../importing/problems.js';

export interface SmallAreaLookupFiles {
  /** The ONS LSOA 2011 to LSOA 2021 lookup as published. */
  lookup: string;
  /** Residents per small area and generation (`generation` 2011|2021, `small_area_code`, `population`): the apportionment weights. */
  populations?: string;
}

export interface SmallAreaLookupSummary {
  lookup: string;
  /** Pairs of areas in the lookup whose code changed. */
  changedPairs: number;
  /** Bridge rows written (both directions). */
  rows: number;
  /** Source areas whose figures are shared among several targets. */
  apportioned: number;
  weighting: 'population' | 'equal';
}

const LOOKUP_ID = 'LSOA11-LSOA21';
const CODE = /^[EWSN]\d{8}$/;
const CHANGES = new Set(['U', 'S', 'M', 'X']);

type Generation = '2011' | '2021';

/** The words a profile row carries for figures carried from `from` to `to`. */
const method = (from: Generation, to: Generation, weighting: 'population' | 'equal') =>
  `ONS LSOA (2011) to LSOA (2021) lookup: published on ${from} LSOAs, read on ${to} LSOAs; ` +
  `areas that became one summed, an area that became several shared among them ${weighting === 'population' ? 'by residents' : 'equally'}`;

/** Load the lookup (replacing any earlier load of it); all or nothing, every bad line reported. */
export async function importSmallAreaLookup(analytics: AnalyticsStore, files: SmallAreaLookupFiles): Promise<SmallAreaLookupSummary> {
  const problems = new ImportProblems();
  const table = readCsvTable(
    files.lookup,
    {
      lsoa11: { names: ['LSOA11CD', 'lsoa11_code'], required: true },
      lsoa21: { names: ['LSOA21CD', 'lsoa21_code'], required: true },
      change: { names: ['CHGIND', 'change'], required: false },
    },
    problems,
  );
  const pairs: { from11: string; to21: string; line: number }[] = [];
  const seen = new Set<string>();
  for (const { line, values } of table.records) {
    const [a, b, change] = [values.lsoa11 ?? '', values.lsoa21 ?? '', (values.change ?? '').toUpperCase()];
    if (!CODE.test(a)) problems.add(table.file, line, `"${a}" is not an LSOA code`, 'LSOA11CD');
    if (!CODE.test(b)) problems.add(table.file, line, `"${b}" is not an LSOA code`, 'LSOA21CD');
    if (values.change !== undefined && !CHANGES.has(change)) problems.add(table.file, line, `"${values.change}" is not a change indicator (U, S, M or X)`, 'CHGIND');
    if (change === 'U' && a !== b && CODE.test(a) && CODE.test(b)) problems.add(table.file, line, `marked unchanged (U) but the codes differ: ${a}, ${b}`, 'CHGIND');
    if (seen.has(`${a}|${b}`)) problems.add(table.file, line, `the pair ${a}, ${b} is listed twice`);
    seen.add(`${a}|${b}`);
    if (a !== b) pairs.push({ from11: a, to21: b, line });
  }

  const population = new Map<string, number>();
  if (files.populations) {
    const weights = readCsvTable(
      files.populations,
      {
        generation: { names: ['generation'], required: true },
        code: { names: ['small_area_code'], required: true },
        population: { names: ['population'], required: true },
      },
      problems,
    );
    for (const { line, values } of weights.records) {
      const people = Number(values.population);
      if (values.generation !== '2011' && values.generation !== '2021') problems.add(weights.file, line, `"${values.generation}" is not a generation (2011 or 2021)`, 'generation');
      else if (!Number.isFinite(people) || people <= 0) problems.add(weights.file, line, `"${values.population}" is not a positive number of residents`, 'population');
      else population.set(`${values.generation}|${values.code}`, people);
    }
  }
  const weighting = files.populations ? 'population' : 'equal';

  // Both directions: 2011 -> 2021 and 2021 -> 2011.
  const rows: [string, string, string, number, number, string][] = [];
  let apportioned = 0;
  for (const [from, to] of [['2011', '2021'], ['2021', '2011']] as const) {
    const directed = pairs.map((p) => ({ source: from === '2011' ? p.from11 : p.to21, target: from === '2011' ? p.to21 : p.from11, line: p.line }));
    const targetsOf = groupBy(directed, (p) => p.source, (p) => p.target);
    const sourcesOf = groupBy(directed, (p) => p.target, (p) => p.source);
    const weight = (generation: Generation, code: string, line: number): number => {
      if (weighting === 'equal') return 1;
      const people = population.get(`${generation}|${code}`);
      if (people === undefined) {
        problems.add(table.file, line, `no ${generation} population for ${code} in ${files.populations}: its share cannot be worked out`);
        return 1;
      }
      return people;
    };
    const shareOf = (generation: Generation, code: string, among: readonly string[], line: number) =>
      among.length === 1 ? 1 : weight(generation, code, line) / among.reduce((sum, other) => sum + weight(generation, other, line), 0);
    for (const { source, target, line } of directed) {
      rows.push([
        LOOKUP_ID,
        source,
        target,
        shareOf(to, target, targetsOf.get(source)!, line),
        shareOf(from, source, sourcesOf.get(target)!, line),
        method(from, to, weighting),
      ]);
    }
    apportioned += [...targetsOf.values()].filter((targets) => targets.length > 1).length;
  }
  problems.throwIfAny('Small-area lookup import');

  await analytics.transaction(async (tx) => {
    await tx.run('DELETE FROM small_area_bridge WHERE lookup = $lookup', { lookup: LOOKUP_ID });
    await tx.append('small_area_bridge', rows);
    // The lookup carries figures between generations: every precomputed profile is recomputed.
    await refreshAggregatesForGeography(tx);
  });
  return { lookup: LOOKUP_ID, changedPairs: pairs.length, rows: rows.length, apportioned, weighting };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const list = map.get(key(item)) ?? [];
    if (!list.includes(value(item))) list.push(value(item));
    map.set(key(item), list);
  }
  return map;
}
