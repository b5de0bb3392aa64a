/**
 * Disclosure control across geography versions (src/statistics/disclosure.ts, rule 6), as an
 * attacker tests it. Two versions of Herefordshire: the version in force (2011 LSOAs) and a
 * crafted one on 2021 LSOAs that puts E01035056, one part of the split 2011 LSOA E01014007, in
 * Weobley instead of Hereford City. The real police.uk counts (2011 LSOAs) reach the crafted
 * version through the ONS lookup, E01014007 shared between its parts by residents. The attacker
 * takes every figure both versions publish (localities, tiers, the county, every pair and triple
 * combined, the CSV), writes each as a weighted sum of the 116 LSOAs' counts (the geographies and
 * the lookup are public), and solves for the withheld figures and for E01014007's own count.
 * Without rule 6 (each version protected alone, as before it), Hereford City on one version
 * minus Hereford City on the other gives E01014007's share exactly; with it, nothing under the
 * threshold is determined.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSmallAreaLookup } from '../../src/geography/small-area-lookup.js';
import { ensureAggregates, readAggregates } from '../../src/statistics/aggregates.js';
import { type Indicator, loadCatalogue } from '../../src/statistics/catalogue.js';
import { computeProfiles, type ProfileOptions, type ProfileRow } from '../../src/statistics/profile.js';
import { HEREFORDSHIRE_DATA, startTestServer, type TestServer } from '../support/server.js';
import { disclosedAmong, type Figure, harvest, insertPoliceCounts, policeCounts, policeIndicatorId, type WeightedFigure } from './attacker.js';
import { loadGeographyVersion, LSOA_LOOKUP, splitApartSmallAreas } from './import-support.js';

const GEO = path.join(HEREFORDSHIRE_DATA, 'geography');
const THRESHOLD = 5;
const IN_FORCE = 'hfd-2019';
const CRAFTED = 'split-apart';
const MOVED = 'E01014007';

const counts = policeCounts();
const idOf = policeIndicatorId;
// The crime types and months where E01014007 has a small count (1 to 4): what a leak would reveal.
const ids = [...new Set(counts.filter((r) => r.lsoa11cd === MOVED && Number(r.count) > 0 && Number(r.count) < THRESHOLD).map(idOf))]
  .sort()
  .slice(0, 3);
const movedCount = new Map(counts.filter((r) => r.lsoa11cd === MOVED).map((r) => [idOf(r), Number(r.count)]));

let t: TestServer;
/** Every figure the version in force publishes (harvested once: both attacks start from it). */
let inForceFigures: ReturnType<typeof harvest> | undefined;
const harvestInForce = () => (inForceFigures ??= harvest(t, ids, null));
const options = (versionInForce: string | null): ProfileOptions => ({ smallNumberThreshold: THRESHOLD, minimumCoverage: 0.5, versionInForce });
const catalogue = async () => new Map<string, Indicator>((await loadCatalogue(t.server.stores.analytics)).map((entry) => [entry.id, entry]));

const version = (versionId: string, smallAreas: string) => loadGeographyVersion(t, versionId, smallAreas);

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  await version(CRAFTED, splitApartSmallAreas());
  // Loaded last with the same date: the version in force.
  await version(IN_FORCE, path.join(GEO, 'herefordshire_lsoa11_localities.csv'));
  await importSmallAreaLookup(t.server.stores.analytics, LSOA_LOOKUP);
  await t.server.stores.analytics.transaction((tx) => insertPoliceCounts(tx, counts, ids));
  // The server's precomputed profiles of both versions (the path most requests read).
  await ensureAggregates(t.server.stores.analytics, options(IN_FORCE));
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

/** Each locality of a version as the published LSOAs it adds up, with their weights (the geography and the lookup). */
async function compositions(versionId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await t.server.stores.analytics.query<{ locality_code: string; source_code: string; weight: number }>(
    `WITH va AS (SELECT small_area_code, locality_code, weight FROM small_area_locality WHERE version_id = $version),
     carried AS (
       SELECT small_area_code AS source_code, small_area_code AS target_code, 1.0 AS share FROM va
       UNION ALL
       SELECT b.from_code, b.to_code, b.share FROM small_area_bridge AS b
       WHERE b.to_code IN (SELECT small_area_code FROM va) AND b.from_code NOT IN (SELECT small_area_code FROM va)
     )
     SELECT w.locality_code, c.source_code, CAST(sum(w.weight * c.share) AS DOUBLE) AS weight
     FROM carried AS c JOIN va AS w ON w.small_area_code = c.target_code
     WHERE c.source_code IN (SELECT small_area_code FROM observation)
     GROUP BY 1, 2`,
    { version: versionId },
  );
  const result = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const map = result.get(row.locality_code) ?? new Map<string, number>();
    map.set(row.source_code, row.weight);
    result.set(row.locality_code, map);
  }
  return result;
}

/** A figure of one version (a set of its localities) as a weighted sum of the LSOAs' counts. */
function weighted(versionId: string, localities: Map<string, Map<string, number>>, figure: Figure): WeightedFigure {
  const weights = new Map<string, number>();
  for (const member of figure.members) for (const [code, w] of localities.get(member) ?? []) weights.set(code, (weights.get(code) ?? 0) + w);
  return { label: `${versionId} ${figure.label}`, weights, value: figure.value };
}

/** The rows of one version's table as figures (locality, tier, county), from computed profiles. */
function figuresOf(areas: Map<string, ProfileRow[]>, localityCodes: readonly string[], tierOf: Map<string, string[]>): Map<string, Figure[]> {
  const tables = new Map<string, Figure[]>();
  for (const row of [...areas.values()].flat()) {
    const members =
      row.area.kind === 'LOCALITY' ? [row.area.code] : row.area.kind === 'COUNTY' ? [...localityCodes] : (tierOf.get(row.area.code) ?? []);
    const list = tables.get(row.indicator.id) ?? [];
    list.push({ label: `${row.area.kind}:${row.area.code}`, members, value: row.suppressed ? null : row.numerator });
    tables.set(row.indicator.id, list);
  }
  return tables;
}

async function attack(inForce: Map<string, Figure[]>, crafted: Map<string, Figure[]>) {
  const [a, b] = await Promise.all([compositions(IN_FORCE), compositions(CRAFTED)]);
  const unknowns = [...new Set([...a.values()].flatMap((m) => [...m.keys()]))].sort();
  expect(unknowns).toHaveLength(116);
  const found: { id: string; label: string; min: number; max: number }[] = [];
  for (const id of ids) {
    const figures = [
      ...(inForce.get(id) ?? []).map((f) => weighted(IN_FORCE, a, f)),
      ...(crafted.get(id) ?? []).map((f) => weighted(CRAFTED, b, f)),
    ];
    const secrets = [{ label: `${MOVED} (count ${movedCount.get(id)})`, weights: new Map([[MOVED, 1]]) }];
    for (const d of disclosedAmong(figures, unknowns, THRESHOLD, secrets)) found.push({ id, ...d });
  }
  return found;
}

describe('disclosure control across geography versions (rule 6), on the real police.uk counts', () => {
  it('leaves no small count recoverable from every figure both versions publish', async () => {
    expect(ids.length).toBe(3);
    const inForce = await harvestInForce();
    const crafted = await harvest(t, ids, null, { versionArg: CRAFTED });
    expect(crafted.localities).toEqual(inForce.localities);
    // Not vacuous: the crafted version withholds the localities its move changes.
    const weobley = crafted.tables.get(ids[0]!)!.filter((f) => f.label === 'weobley');
    expect(weobley.length).toBeGreaterThan(0);
    expect(weobley.every((f) => f.value === null)).toBe(true);
    expect((await attack(inForce.tables, crafted.tables)).map((d) => `${d.id} ${d.label}: ${d.min} to ${d.max}`)).toEqual([]);
  }, 600_000);

  it('is what stops the attack: without rule 6 the moved small area’s count comes out exactly', async () => {
    // The crafted version protected on its own (each version alone, as before rule 6).
    const areas = await computeProfiles(
      t.server.stores.analytics,
      catalogue(),
      { versionId: CRAFTED, indicatorIds: ids, theme: null, period: null, group: [], series: false },
      options(null),
    );
    const localities = [...areas.keys()].filter((key) => key.startsWith('LOCALITY:')).map((key) => key.slice('LOCALITY:'.length)).sort();
    const groups = await t.gql(`{ localityGroups(geographyVersion: "${CRAFTED}") { areaCode localities { code } } }`);
    const tierOf = new Map<string, string[]>(groups.data.localityGroups.map((g: any) => [g.areaCode, g.localities.map((l: any) => l.code)]));
    const inForce = await harvestInForce();
    const found = await attack(inForce.tables, figuresOf(areas, localities, tierOf));
    // Hereford City (and Weobley) on one version minus the other: E01014007's share, so its count.
    for (const id of ids) {
      const recovered = found.find((d) => d.id === id && d.label.startsWith(MOVED));
      expect(recovered, id).toBeDefined();
      expect(recovered!.min).toBeCloseTo(movedCount.get(id)!, 6);
      expect(recovered!.max).toBeCloseTo(movedCount.get(id)!, 6);
    }
  }, 600_000);

  it('withholds with a note, and the stored rows are the rows computed on request', async () => {
    const res = await t.gql(`{ locality(code: "weobley", geographyVersion: "${CRAFTED}") { profile(indicators: ${JSON.stringify(ids)}) { numerator suppressed note } } }`);
    expect(res.errors).toBeUndefined();
    // Withheld on every indicator: a small count of its own, or else by rule 6.
    for (const row of res.data.locality.profile) expect(row).toMatchObject({ numerator: null, suppressed: true });
    expect(res.data.locality.profile.some((row: { note: string }) => /geography version/.test(row.note))).toBe(true);
    // A locality the move leaves alone keeps its figures where the version in force publishes them.
    const kington = async (versionId: string) =>
      (await t.gql(`{ locality(code: "kington", geographyVersion: "${versionId}") { profile(indicators: ${JSON.stringify(ids)}) { numerator suppressed } } }`)).data.locality.profile;
    expect(await kington(CRAFTED)).toEqual(await kington(IN_FORCE));
    const shape = { versionId: CRAFTED, indicatorIds: ids, theme: null, period: null, group: [], series: true };
    const read = await readAggregates(t.server.stores.analytics, catalogue(), shape, options(IN_FORCE));
    expect(read).not.toBeNull();
    expect(read).toEqual(await computeProfiles(t.server.stores.analytics, catalogue(), shape, options(IN_FORCE)));
  });

  it('costs a bounded number of analytics queries: stored rows, or one query per combined set and one for the version in force', async () => {
    const profile = `indicators: ${JSON.stringify(ids)}`;
    const stored = await t.countStatements(() =>
      t.gql(`{ localities(geographyVersion: "${CRAFTED}") { profile(${profile}) { numerator } } county(geographyVersion: "${CRAFTED}") { profile(${profile}) { numerator } } }`),
    );
    // The catalogue and the stored rows.
    expect(stored.analytics).toBe(2);
    const combined = await t.countStatements(() =>
      t.gql(`{ compare(localityCodes: ["weobley", "kington", "hereford-city"], combined: true, ${profile}, geographyVersion: "${CRAFTED}") { rows { numerator } } }`),
    );
    // The catalogue, the crafted version's table and the version in force's, whatever the number of localities.
    expect(combined.analytics).toBe(3);
    const two = await t.countStatements(() =>
      t.gql(`{
        a: compare(localityCodes: ["weobley", "kington"], combined: true, ${profile}, geographyVersion: "${CRAFTED}") { rows { numerator } }
        b: compare(localityCodes: ["weobley", "leominster"], combined: true, ${profile}, geographyVersion: "${CRAFTED}") { rows { numerator } }
      }`),
    );
    // Two combined sets share the version in force's table.
    expect(two.analytics).toBe(4);
  });
});
