/**
 * Statistical disclosure control of the published figures: which counts are withheld so that no
 * combination of the figures the project publishes (localities, groupings of localities, the
 * county, combined sets, in the API, the CSV downloads and the pages, in any number of requests)
 * determines a withheld count exactly or to within the small-number threshold.
 *
 * Method (cell suppression in additive tables):
 * 1. Primary suppression: every cell whose count is under the threshold is withheld (the
 *    small-number rule: ONS "Policy for social survey microdata / Disclosure control of health
 *    statistics" (2006, revised 2014) and OHID "Fingertips: disclosure control"; counts 0 to
 *    threshold - 1 are withheld).
 * 2. Complementary (secondary) suppression within each additive hierarchy, as the GSS/ONS
 *    guidance describes for tables with totals ("Disclosure Control Guidance for Tables Produced
 *    from Administrative Sources", Government Statistical Service, 2014; ONS "Review of the
 *    dissemination of health statistics: confidentiality guidance", 2006): a published total,
 *    less the published totals inside it and its published localities, gives the sum of its
 *    withheld localities; that sum must not be of exactly one locality, and must be at least the
 *    threshold (otherwise each withheld locality is pinned to within less than the threshold).
 *    The smallest published locality of the region (else its smallest inner total) is withheld
 *    until every region holds: the usual "smallest complement" choice.
 * 3. An audit closes the gaps between hierarchies: a withheld cell whose set of localities is a
 *    linear combination of published cells' sets is recoverable by differencing, so one more
 *    locality is withheld until none is (Gaussian elimination over the localities, the idea of
 *    Statistics Norway's GaussSuppression: Langsrud, "Secondary cell suppression by Gaussian
 *    elimination", 2024).
 * 4. A combined set (compare(combined: true)) is published only when its set of localities is a
 *    linear combination of the published cells: then it says nothing the published table does not
 *    already say; otherwise it is withheld. The pattern of the table does not depend on which sets
 *    are asked for, so no sequence of requests adds up to more than the table itself.
 * 5. A custom area (src/custom-areas/) is made of small areas, finer than the table's cells, so
 *    two custom areas differing by one small area would give that small area's count. Its count
 *    is published only when (a) it is made of whole localities whose set is publishable as in 4,
 *    or (b) no cell of the table is withheld and no small area of the geography publishes a count
 *    under the threshold (then any difference of custom areas is a sum of counts each at least
 *    the threshold); and, as every cell, only when it is itself at least the threshold. Both tests
 *    depend on the table alone, never on which custom areas exist or are asked for.
 * 6. Across geography versions (src/geography/versions.ts): rules 1 to 5 protect one version's
 *    table, but two versions that put a small area in different localities give, by
 *    subtraction, the count of the small areas that moved (Locality X on one version minus X on
 *    the other). So one version is the reference, the version in force (the current one; before
 *    any is in force, the first to come into force), and its table is protected by rules 1 to 5
 *    alone. On any other version a cell (locality, group, county) is published only where its
 *    composition, the published small areas it adds up with their weights (read through the ONS
 *    lookup between generations, each small area's parts added, to 9 decimal places), is exactly
 *    that of a cell the reference publishes for the same indicator and period; every other cell
 *    is withheld (VERSION) before rules 2 and 3 run on that version's table as usual, and its
 *    combined sets and custom areas then follow rules 4 and 5 on the cells left.
 *    Soundness: every cell such a version publishes has the figures of a cell the reference
 *    publishes (the same small areas times the same weights), and its combined sets and custom
 *    areas are linear combinations of those cells (rules 4 and 5a) or need a table with no cell
 *    withheld and no small count at all (5b, which then holds on the reference too); so whatever
 *    any number of requests gather from every version adds nothing to the reference's own
 *    figures, which rules 1 to 5 protect (the GSS guidance above warns of "disclosure by
 *    differencing" between overlapping geographies: a second geography is published only where
 *    it cannot be differenced against the first). This holds at one time: when another version
 *    comes into force the reference changes, and figures recorded before the change could be
 *    differenced against figures published after it (not covered; the README says so).
 * 7. Breakdowns of one area into parts (its national deprivation quintiles or deciles,
 *    src/inequality/; its small areas on a map, src/maps/) are published all or nothing
 *    (`breakdownPublishable`): only when the area's own count is published, no part that has data
 *    has a count under the threshold, and no part is a small area shared with another locality
 *    (whose other parts would then be open to subtraction); for the county, also only when every
 *    locality's breakdown is published (else the county's part less the localities' published
 *    parts gives the withheld locality's part). Then every published part is at least the
 *    threshold and the parts of an area add up to a total already published, so they add no
 *    equation on any withheld cell; otherwise every part's count, value and interval are withheld.
 *    Primary suppression of each part alone is not enough: the area's published total less its
 *    published parts gives the withheld part.
 *
 * Everything here works on "cells": the finest published areas (localities) and totals over sets
 * of them (each grouping, the county), whatever groupings a geography defines. Counts may be
 * fractional (a small area split between localities contributes its weighted share).
 */

/** A count published for one area: the locality codes it adds up (one for a locality). */
export interface DisclosureCell {
  key: string;
  members: readonly string[];
  /** The count (numerator); null where the area has no data (then it adds nothing). */
  count: number | null;
}

export type WithheldReason = 'PRIMARY' | 'SECONDARY' | 'COMBINED' | 'CUSTOM' | 'VERSION';

export const WITHHELD_NOTES: Record<WithheldReason, (threshold: number) => string> = {
  PRIMARY: (t) => `Withheld: a count under ${t} (small-number disclosure control).`,
  SECONDARY: (t) =>
    `Withheld to protect a count under ${t} elsewhere in the table (complementary suppression: it could otherwise be worked out by subtraction).`,
  COMBINED: (t) =>
    `Withheld: the combined set includes a count withheld under the small-number rule (under ${t}) that the combination would reveal.`,
  CUSTOM: (t) =>
    `Withheld: a custom area's count is published only where it cannot reveal a count under ${t} (when it is made of whole localities, or when no small area has a count under ${t}).`,
  VERSION: (t) =>
    `Withheld: on this geography version the area is made up of other small areas than any area the version in force publishes, so the two could be subtracted to reveal a count under ${t} (disclosure control across geography versions).`,
};

export interface TableProtection {
  /** Cells (by key) withheld, with the reason. */
  withheld: Map<string, WithheldReason>;
  /** Whether a set of localities may be published: already implied by the published cells. */
  publishable(members: readonly string[]): boolean;
}

const EPSILON = 1e-9;

/** An orthogonal basis of the span of published cells' 0/1 vectors, for exact membership tests. */
class Span {
  private readonly basis: Float64Array[] = [];
  private readonly pivots: number[] = [];
  constructor(private readonly size: number) {}

  /** Reduce v against the basis (Gauss-Jordan, pivots kept unit); returns the residual. */
  private reduce(v: Float64Array): Float64Array {
    const r = Float64Array.from(v);
    this.basis.forEach((b, i) => {
      const p = this.pivots[i]!;
      const f = r[p]!;
      if (Math.abs(f) > EPSILON) for (let j = 0; j < this.size; j++) r[j]! -= f * b[j]!;
    });
    return r;
  }

  add(v: Float64Array): void {
    const r = this.reduce(v);
    let pivot = -1;
    for (let j = 0; j < this.size; j++) if (Math.abs(r[j]!) > EPSILON && (pivot < 0 || Math.abs(r[j]!) > Math.abs(r[pivot]!))) pivot = j;
    if (pivot < 0) return;
    const scale = r[pivot]!;
    for (let j = 0; j < this.size; j++) r[j] = r[j]! / scale;
    // Keep the basis reduced: clear the new pivot from the earlier rows.
    this.basis.forEach((b) => {
      const f = b[pivot]!;
      if (Math.abs(f) > EPSILON) for (let j = 0; j < this.size; j++) b[j]! -= f * r[j]!;
    });
    this.basis.push(r);
    this.pivots.push(pivot);
  }

  contains(v: Float64Array): boolean {
    return this.reduce(v).every((x) => Math.abs(x) <= 1e-7);
  }
}

interface Node {
  key: string;
  members: Set<string>;
  count: number;
  atom: boolean;
}

/**
 * Primary and complementary suppression of one table (one indicator and period): `atoms` are the
 * localities, `totals` the groupings and the county (sets of localities). Deterministic: the same
 * counts give the same pattern whatever else a request asks for. `forced` cells (by key) are
 * withheld from the start for a reason of their own (rule 6), then protected like the others.
 */
export function protectTable(
  atoms: readonly DisclosureCell[],
  totals: readonly DisclosureCell[],
  threshold: number,
  forced: ReadonlyMap<string, WithheldReason> = new Map(),
): TableProtection {
  const index = new Map(atoms.map((atom, i) => [atom.key, i]));
  const atomCount = new Map(atoms.map((atom) => [atom.key, atom.count ?? 0]));
  const node = (cell: DisclosureCell, atom: boolean): Node => {
    const members = new Set(cell.members.filter((m) => index.has(m)));
    // A total's count is the sum of its localities' (the same sums the SQL makes).
    const count = atom ? (cell.count ?? 0) : [...members].reduce((s, m) => s + atomCount.get(m)!, 0);
    return { key: cell.key, members, count, atom };
  };
  const atomNodes = atoms.map((a) => node(a, true));
  const totalNodes = totals.map((t) => node(t, false)).filter((t) => t.members.size > 0);
  const all = [...atomNodes, ...totalNodes];
  const withheld = new Map<string, WithheldReason>();

  // 1. Primary: counts under the threshold (an area without data publishes nothing to protect).
  for (const cell of all) {
    const noData = cell.atom && atoms.find((a) => a.key === cell.key)!.count === null;
    if (!noData && cell.count < threshold) withheld.set(cell.key, 'PRIMARY');
  }
  for (const cell of all) {
    const reason = forced.get(cell.key);
    if (reason && !withheld.has(cell.key)) withheld.set(cell.key, reason);
  }

  const isWithheld = (cell: Node) => withheld.has(cell.key);
  const bySize = (a: Node, b: Node) => a.count - b.count || (a.key < b.key ? -1 : 1);
  const smallestPublished = (cells: readonly Node[]) => cells.filter((c) => !isWithheld(c)).sort(bySize)[0];
  const inside = (inner: Node, outer: Node) =>
    inner !== outer && inner.members.size < outer.members.size && [...inner.members].every((m) => outer.members.has(m));

  /**
   * The region a published total adds to the table: its localities less those of the largest
   * published totals inside it (taken greedily, disjoint). Published total minus published inner
   * totals minus published localities is the sum of the withheld localities of the region: what
   * an attacker learns about them.
   */
  const regionOf = (total: Node) => {
    const inner = totalNodes.filter((other) => !isWithheld(other) && inside(other, total)).sort((a, b) => b.members.size - a.members.size);
    const taken: Node[] = [];
    for (const candidate of inner) {
      if (taken.every((t) => [...candidate.members].every((m) => !t.members.has(m)))) taken.push(candidate);
    }
    const covered = new Set(taken.flatMap((t) => [...t.members]));
    return { atoms: atomNodes.filter((a) => total.members.has(a.key) && !covered.has(a.key)), inner: taken };
  };
  const vector = (members: Iterable<string>) => {
    const v = new Float64Array(atoms.length);
    for (const m of members) {
      const i = index.get(m);
      if (i !== undefined) v[i] = 1;
    }
    return v;
  };
  const publishedSpan = () => {
    const span = new Span(atoms.length);
    for (const cell of all) if (!isWithheld(cell)) span.add(vector(cell.members));
    return span;
  };

  // 2 and 3, until nothing changes (each pass withholds one more cell, so at most |cells| passes).
  for (let pass = 0; pass <= all.length; pass++) {
    let next: Node | undefined;
    for (const total of totalNodes) {
      if (isWithheld(total)) continue;
      const region = regionOf(total);
      const hidden = region.atoms.filter(isWithheld);
      const hiddenSum = hidden.reduce((s, a) => s + a.count, 0);
      // One withheld locality is recovered exactly; several adding up to under the threshold are
      // each pinned to within less than it.
      if (hidden.length === 1 || (hidden.length > 1 && hiddenSum < threshold)) {
        next = smallestPublished(region.atoms) ?? [...region.inner].sort(bySize)[0] ?? total;
        break;
      }
    }
    if (!next) {
      const span = publishedSpan();
      const exposed = all.find((cell) => isWithheld(cell) && span.contains(vector(cell.members)));
      if (exposed) {
        next =
          smallestPublished(atomNodes.filter((a) => exposed.members.has(a.key))) ??
          smallestPublished(atomNodes) ??
          smallestPublished(totalNodes);
      }
    }
    if (!next) break;
    withheld.set(next.key, 'SECONDARY');
  }

  const span = publishedSpan();
  return {
    withheld,
    publishable: (members) => span.contains(vector(members)),
  };
}

/** Why a breakdown (rule 7) is withheld, or null when it may be published. */
export type BreakdownVerdict = null | 'AREA_WITHHELD' | 'SMALL_PART' | 'SHARED_PART' | 'LOCALITY_WITHHELD';

export const BREAKDOWN_NOTES: Record<Exclude<BreakdownVerdict, null>, (threshold: number) => string> = {
  AREA_WITHHELD: () => 'Withheld: the area’s own count is withheld, so its parts are too (disclosure control).',
  SMALL_PART: (t) =>
    `Withheld: a part of this breakdown has a count under ${t}, so every part is withheld (the area’s total less the other parts would reveal it).`,
  SHARED_PART: () =>
    'Withheld: a small area of this area is shared with another locality, so its parts could be worked out by subtraction.',
  LOCALITY_WITHHELD: () =>
    'Withheld: a locality’s breakdown is withheld, and the county’s parts less the other localities’ would reveal it.',
};

/**
 * Rule 7: whether an area's breakdown into parts may be published, all or nothing. `parts` are
 * the parts' counts (null: no data, which adds nothing); `areaPublished` whether the area's own
 * count is published (profile, rules 1 to 6); `sharedPart` whether a part is a small area split
 * with another locality; `localitiesPublished` (the county only) whether every locality's
 * breakdown is published.
 */
export function breakdownVerdict(input: {
  parts: readonly (number | null)[];
  threshold: number;
  areaPublished: boolean;
  sharedPart?: boolean;
  localitiesPublished?: boolean;
}): BreakdownVerdict {
  if (!input.areaPublished) return 'AREA_WITHHELD';
  if (input.sharedPart) return 'SHARED_PART';
  if (input.parts.some((count) => count !== null && count < input.threshold)) return 'SMALL_PART';
  if (input.localitiesPublished === false) return 'LOCALITY_WITHHELD';
  return null;
}
