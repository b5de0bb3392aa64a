/**
 * Custom areas (issue 19, acceptance 4): a custom area saved from the LSOAs of two real wards of
 * Herefordshire (hfd-2019, with the IoD 2019 files) has a profile whose numerators and
 * denominators are the sums over its small areas, summed here straight from DuckDB's
 * observations; so has one given as those two wards (wardCodes, the ONS best-fit lookup), and one
 * given as parishes that make up whole wards (the ONS parish-to-ward lookup); one on the 2021-LSOA version gets the 2011-LSOA figures through the ONS lookup;
 * one built from two localities adds up to those localities; disclosure control
 * withholds what a custom area could reveal; and a custom area is visible only to those its
 * sharing level allows, by node(id:), the list, customArea(id:), its profile, page and CSV, with
 * restricted reads audited. Bad input is BAD_USER_INPUT naming its field, and writes nothing.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGeography } from '../../src/geography/import.js';
import { importSmallAreaLookup } from '../../src/geography/small-area-lookup.js';
import { DATA, loadHerefordshire, readCsv } from '../support/real-data.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { matrixViewers, type MatrixViewers } from '../support/sharing-matrix.js';
import { tokenFor } from '../support/tokens.js';
import { DEFAULT_SMALL_NUMBER_THRESHOLD } from '../../src/statistics/methods.js';
import { recordId } from '../support/ids.js';

let t: TestServer;
let viewers: MatrixViewers;
/** A person of the author's partner who did not save the areas. */
let colleague: string;
let wardCodes: string[];
/** The two wards whose LSOAs wardCodes are. */
let twoWards: string[];
/** Each 2019 ward's LSOAs by the ONS best-fit lookup, read from the file. */
const byWard = new Map<string, string[]>();

const ROW = 'indicator { id disclosureControl valueType } area { kind code name } period value numerator denominator countyValue comparison rank rankOutOf quintile suppressed note coverage';

async function ok(query: string, variables: Record<string, unknown>, token: string | undefined): Promise<any> {
  const answer = await t.gql(query, variables, { token });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

const CREATE = `mutation($i: CreateCustomAreaInput!) { createCustomArea(input: $i) { id revision name basis geographyVersion smallAreaCount sharingLevel } }`;

async function create(input: Record<string, unknown>, token = viewers.tokens.author): Promise<{ id: string; revision: number; smallAreaCount: number }> {
  return (await ok(CREATE, { i: input }, token)).createCustomArea;
}

/** Each indicator and period's sums over `codes`, straight from the observations (no profile code). */
async function directSums(codes: readonly string[]) {
  const rows = await t.server.stores.analytics.query<{ indicator_id: string; period: string; numerator: number | null; denominator: number | null; smallest: number | null }>(
    `SELECT indicator_id, period, sum(numerator) AS numerator, sum(denominator) AS denominator, min(numerator) AS smallest
     FROM observation WHERE list_contains($codes, small_area_code) GROUP BY indicator_id, period`,
    { codes },
  );
  return new Map(rows.map((row) => [`${row.indicator_id}|${row.period}`, row]));
}

/** The area's profile: every row's numerator and denominator the sums over `codes`, compared with the county and never ranked. */
async function expectSumsOver(id: string, name: string, codes: readonly string[]) {
  const data = await ok(`query($id: ID!) { customArea(id: $id) { name profile { ${ROW} } } }`, { id }, viewers.tokens.author);
  const rows = data.customArea.profile;
  const sums = await directSums(codes);
  let compared = 0;
  for (const row of rows) {
    expect(row.area).toEqual({ kind: 'CUSTOM', code: id, name });
    expect([row.rank, row.rankOutOf, row.quintile]).toEqual([null, null, null]);
    const sum = sums.get(`${row.indicator.id}|${row.period}`);
    if (row.suppressed || !sum) continue;
    if (row.numerator !== null) expect(row.numerator).toBeCloseTo(sum.numerator!, 6);
    if (row.denominator !== null && sum.denominator !== null) expect(row.denominator).toBeCloseTo(sum.denominator, 6);
    expect(row.coverage).toBeCloseTo(1, 9);
    compared += 1;
  }
  // Every IoD 2019 indicator (population estimates: not disclosure-controlled) is compared.
  expect(compared).toBe(rows.length);
  expect(compared).toBeGreaterThanOrEqual(10);
  expect(rows.filter((row: any) => row.comparison !== 'NOT_COMPARED').length).toBeGreaterThan(0);
}

beforeAll(async () => {
  t = await startTestServer();
  await loadHerefordshire(t);
  viewers = await matrixViewers(t.server.stores.records.prisma);
  // The 2021-LSOA version and the ONS lookup that carries IMD 2019 (2011 LSOAs) onto it.
  const geo = path.join(DATA, 'geography');
  await importGeography(
    t.server.stores.records.prisma,
    t.server.stores.analytics,
    { localities: path.join(geo, 'herefordshire_localities.csv'), groupings: path.join(geo, 'herefordshire_groupings.csv'), smallAreas: path.join(geo, 'herefordshire_lsoa21_localities_by_ward.csv') },
    { versionId: 'hfd-2021-lsoa21', effectiveFrom: '2019-12-01', countyCode: 'E06000019', countyName: 'Herefordshire' },
  );
  await importSmallAreaLookup(t.server.stores.analytics, { lookup: path.join(geo, 'herefordshire_lsoa11_lsoa21.csv'), populations: path.join(geo, 'herefordshire_lsoa_populations.csv') });
  colleague = await tokenFor({ partnerId: viewers.partnerIds.author, roles: ['READER'] });
  // Two wards of the real 2019 ward lookup with several LSOAs each: their LSOAs.
  for (const row of readCsv(path.join(DATA, 'geography', 'herefordshire_lsoa11_ward19.csv'))) {
    byWard.set(row.WD19CD!, [...(byWard.get(row.WD19CD!) ?? []), row.LSOA11CD!]);
  }
  const wards = [...byWard].filter(([, codes]) => codes.length >= 2).sort(([a], [b]) => a.localeCompare(b)).slice(0, 2);
  wardCodes = wards.flatMap(([, codes]) => codes).sort();
  twoWards = wards.map(([code]) => code);
}, 180_000);
afterAll(() => t?.stop());

describe('a custom area’s profile', () => {
  it('of the LSOAs of two wards sums its small areas’ numerators and denominators, compared with the county and never ranked', async () => {
    const area = await create({ name: 'Two wards', geographyVersion: 'hfd-2019', smallAreas: wardCodes.map((code) => ({ code })), sharingLevel: 'PARTNERSHIP' });
    expect(area.smallAreaCount).toBe(wardCodes.length);
    await expectSumsOver(area.id, 'Two wards', wardCodes);
  });

  it('of two wards given as wardCodes is their LSOAs by the ONS best-fit lookup, and sums over them', async () => {
    const area = await create({ name: 'Two wards by code', geographyVersion: 'hfd-2019', wardCodes: twoWards });
    const data = await ok(`query($id: ID!) { customArea(id: $id) { basis wards { code } smallAreas { weight smallArea { code } } } }`, { id: area.id }, viewers.tokens.author);
    expect(data.customArea.basis).toBe('WARDS');
    expect(data.customArea.wards.map((w: { code: string }) => w.code).sort()).toEqual([...twoWards].sort());
    expect(data.customArea.smallAreas.map((m: any) => m.smallArea.code)).toEqual(wardCodes);
    expect(data.customArea.smallAreas.every((m: { weight: number }) => m.weight === 1)).toBe(true);
    await expectSumsOver(area.id, 'Two wards by code', wardCodes);

    // A new membership replaces the old, whatever way either was given.
    const UPDATE = `mutation($id: ID!, $i: UpdateCustomAreaInput!) { updateCustomArea(id: $id, input: $i) { basis wards { code } localities { code } smallAreas { smallArea { code } } } }`;
    const one = (await ok(UPDATE, { id: area.id, i: { wardCodes: [twoWards[0]] } }, viewers.tokens.author)).updateCustomArea;
    expect(one.wards.map((w: { code: string }) => w.code)).toEqual([twoWards[0]]);
    expect(one.smallAreas.map((m: any) => m.smallArea.code)).toEqual([...byWard.get(twoWards[0]!)!].sort());
    const moved = (await ok(UPDATE, { id: area.id, i: { localityCodes: ['kington'] } }, viewers.tokens.author)).updateCustomArea;
    expect([moved.basis, moved.wards, moved.localities]).toEqual(['LOCALITIES', [], [{ code: 'kington' }]]);
  });

  it('of parishes making up whole wards is those wards’ LSOAs; a parish sharing a ward with one not named is refused, writing nothing', async () => {
    // Hereford parish spans 15 wards; one of them, Holmer, also holds Holmer & Shelwick.
    const pieces = readCsv(path.join(DATA, 'geography', 'herefordshire_parish19_ward19.csv'));
    const code = (name: string) => pieces.find((row) => row.PAR19NM === name)!.PAR19CD!;
    const [hereford, holmer] = [code('Hereford'), code('Holmer & Shelwick')];
    const prisma = t.server.stores.records.prisma;
    const before = await prisma.customArea.count();
    const alone = await t.gql(CREATE, { i: { name: 'Hereford parish', geographyVersion: 'hfd-2019', parishCodes: [hereford] } }, { token: viewers.tokens.author });
    expect(alone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parishCodes' });
    expect(alone.errors?.[0]?.message).toMatch(/Holmer \(E05\d{6}\) also holds Holmer & Shelwick/);
    expect(await prisma.customArea.count()).toBe(before);

    const wards = new Set(pieces.filter((row) => row.PAR19CD === hereford || row.PAR19CD === holmer).map((row) => row.WD19CD!));
    expect(wards.size).toBe(15);
    const lsoas = [...wards].flatMap((ward) => byWard.get(ward) ?? []).sort();
    const area = await create({ name: 'Hereford and Holmer', geographyVersion: 'hfd-2019', parishCodes: [holmer, hereford] });
    const data = await ok(`query($id: ID!) { customArea(id: $id) { basis parishes { code } smallAreas { smallArea { code } } } }`, { id: area.id }, viewers.tokens.author);
    expect(data.customArea.basis).toBe('PARISHES');
    expect(data.customArea.parishes.map((p: { code: string }) => p.code).sort()).toEqual([hereford, holmer].sort());
    expect(data.customArea.smallAreas.map((m: any) => m.smallArea.code)).toEqual(lsoas);
    await expectSumsOver(area.id, 'Hereford and Holmer', lsoas);
  });

  it('on the 2021-LSOA version carries the 2011-LSOA figures through the ONS lookup: every 2021 LSOA adds up to the 2011 LSOAs’ sums', async () => {
    const lsoa21 = [...new Set(readCsv(path.join(DATA, 'geography', 'herefordshire_lsoa21_localities_by_ward.csv')).map((row) => row.lsoa21cd!))];
    const lsoa11 = readCsv(path.join(DATA, 'geography', 'herefordshire_lsoa11_localities.csv')).map((row) => row.lsoa11cd!);
    const area = await create({ name: 'Every 2021 LSOA', geographyVersion: 'hfd-2021-lsoa21', smallAreas: lsoa21.map((code) => ({ code })) });
    const rows = (await ok(`query($id: ID!) { customArea(id: $id) { geographyVersion profile { ${ROW} smallAreaLookup } } }`, { id: area.id }, viewers.tokens.author)).customArea;
    expect(rows.geographyVersion).toBe('hfd-2021-lsoa21');
    const sums = await directSums(lsoa11);
    let compared = 0;
    for (const row of rows.profile) {
      const sum = sums.get(`${row.indicator.id}|${row.period}`)!;
      expect(row.suppressed).toBe(false);
      expect(row.smallAreaLookup).toMatch(/carried/);
      expect(row.numerator).toBeCloseTo(sum.numerator!, 4);
      expect(row.denominator).toBeCloseTo(sum.denominator!, 4);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('of two localities (with the geography’s weights) adds up to those localities', async () => {
    const area = await create({ name: 'Two localities', geographyVersion: 'hfd-2019', localityCodes: ['leominster', 'kington'] });
    const data = await ok(
      `{ leominster: locality(code: "leominster", geographyVersion: "hfd-2019") { profile { ${ROW} } }
         kington: locality(code: "kington", geographyVersion: "hfd-2019") { profile { ${ROW} } } }`,
      {},
      viewers.tokens.author,
    );
    const custom = (await ok(`query($id: ID!) { customArea(id: $id) { basis localities { code } profile { ${ROW} } } }`, { id: area.id }, viewers.tokens.author)).customArea;
    expect(custom.basis).toBe('LOCALITIES');
    expect(custom.localities.map((l: { code: string }) => l.code).sort()).toEqual(['kington', 'leominster']);
    let compared = 0;
    for (const row of custom.profile) {
      const a = data.leominster.profile.find((r: any) => r.indicator.id === row.indicator.id && r.period === row.period);
      const b = data.kington.profile.find((r: any) => r.indicator.id === row.indicator.id && r.period === row.period);
      if (!a || !b || a.suppressed || b.suppressed || a.numerator === null) continue;
      expect(row.suppressed).toBe(false);
      expect(row.numerator).toBeCloseTo(a.numerator + b.numerator, 6);
      expect(row.denominator).toBeCloseTo(a.denominator + b.denominator, 6);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it('publishes a disclosure-controlled count of whole localities, and withholds part of one while any small area has a count under the threshold', async () => {
    // The sample (sample-2020): arson incidents are disclosure-controlled, with small counts in some small areas.
    const members = await t.server.stores.records.prisma.smallAreaWeight.findMany({
      where: { versionId: 'sample-2020', locality: { code: 'hereford-city' } },
      select: { weight: true, smallArea: { select: { code: true } } },
      orderBy: { smallArea: { code: 'asc' } },
    });
    const all = members.map((m) => ({ code: m.smallArea.code, weight: m.weight }));
    const [smallest] = await t.server.stores.analytics.query<{ smallest: number }>(
      `SELECT min(numerator) AS smallest FROM observation
       WHERE indicator_id = 'arson-incidents' AND period = (SELECT max(period) FROM observation WHERE indicator_id = 'arson-incidents')
         AND small_area_code IN (SELECT small_area_code FROM small_area_locality WHERE version_id = 'sample-2020')`,
    );
    expect(smallest!.smallest).toBeLessThan(DEFAULT_SMALL_NUMBER_THRESHOLD);
    const arson = async (smallAreas: { code: string; weight: number }[]) => {
      const area = await create({ name: 'Part of Hereford', geographyVersion: 'sample-2020', smallAreas });
      const data = await ok(`query($id: ID!) { customArea(id: $id) { profile(indicators: ["arson-incidents"]) { ${ROW} } } }`, { id: area.id }, viewers.tokens.author);
      return data.customArea.profile[0];
    };
    const locality = (await ok(`{ locality(code: "hereford-city") { profile(indicators: ["arson-incidents"]) { ${ROW} } } }`, {}, viewers.tokens.author)).locality.profile[0];
    expect(locality.suppressed).toBe(false);
    expect(locality.numerator).toBeGreaterThan(DEFAULT_SMALL_NUMBER_THRESHOLD);

    // The whole locality given as its small areas: the locality's own count, published.
    const whole = await arson(all);
    expect(whole.suppressed).toBe(false);
    expect(whole.numerator).toBeCloseTo(locality.numerator, 9);

    // All but one small area: a count over the threshold, but with the locality it would give that
    // small area's count by subtraction, so it is withheld (disclosure.ts rule 5).
    const part = all.slice(1);
    const sums = await directSums(part.map((m) => m.code));
    expect(sums.get(`arson-incidents|${whole.period}`)!.numerator).toBeGreaterThanOrEqual(DEFAULT_SMALL_NUMBER_THRESHOLD);
    const withheld = await arson(part);
    expect(withheld.suppressed).toBe(true);
    expect([withheld.value, withheld.numerator, withheld.denominator]).toEqual([null, null, null]);
    expect(withheld.note).toMatch(/custom area's count is published only where/);
  });
});

describe('what a custom area’s profile costs', () => {
  it('is a fixed number of statements whatever the number of its small areas (one analytics query)', async () => {
    const small = await create({ name: 'Small', geographyVersion: 'hfd-2019', smallAreas: wardCodes.slice(0, 2).map((code) => ({ code })) });
    const large = await create({ name: 'Large', geographyVersion: 'hfd-2019', localityCodes: ['hereford-city', 'leominster', 'kington'] });
    const query = `query($id: ID!) { customArea(id: $id) { name profile { ${ROW} } } }`;
    const costs = [];
    for (const area of [small, large]) {
      costs.push(await t.countStatements(() => ok(query, { id: area.id }, viewers.tokens.author)));
    }
    expect(large.smallAreaCount).toBeGreaterThan(small.smallAreaCount * 10);
    // The catalogue, the custom area's query and, hfd-2019 not being the version in force
    // (sample-2020 is), that version's table for disclosure control across versions (rule 6).
    expect(costs[0]!.analytics).toBeLessThanOrEqual(3);
    expect(costs.map((c) => c.analytics)).toEqual([costs[0]!.analytics, costs[0]!.analytics]);
    expect(costs[1]!.records).toBeLessThanOrEqual(costs[0]!.records);
  });
});

describe('what a list of custom areas with their profiles costs', () => {
  it('is the same number of statements for 2 areas as for 6 (one profile query for all of them), each area its own sums', async () => {
    const areas = [];
    for (const [i, ward] of [...byWard.keys()].sort().slice(0, 6).entries()) {
      areas.push(await create({ name: `Batch ${i} ${ward}`, geographyVersion: 'hfd-2019', wardCodes: [ward], sharingLevel: 'PARTNERSHIP' }));
    }
    const query = `query($n: Int!, $after: Cursor) { customAreas(first: $n, after: $after) { edges { node { id name profile { ${ROW} } } } } }`;
    // The batch areas sort together by name: start the page just before the first.
    const list = await ok(`{ customAreas(first: 200) { edges { cursor node { id name } } } }`, {}, viewers.tokens.author);
    const at = list.customAreas.edges.findIndex((e: any) => e.node.name.startsWith('Batch 0 '));
    const after = at > 0 ? list.customAreas.edges[at - 1].cursor : null;
    const run = (n: number) => ok(query, { n, after }, viewers.tokens.author);
    const costs = [];
    for (const n of [2, 6]) costs.push(await t.countStatements(() => run(n)));
    // The catalogue, one profile query for every area and (hfd-2019 not being the version in force)
    // that version's table for rule 6: 3, for 2 areas as for 6.
    expect(costs[0]!.analytics).toBeLessThanOrEqual(3);
    expect(costs[1]!.analytics).toBe(costs[0]!.analytics);
    expect(costs[1]!.records).toBe(costs[0]!.records);
    // Batched, each area is still its own: its ward's LSOAs' sums.
    const six = (await run(6)).customAreas.edges.map((e: any) => e.node);
    expect(six.map((n: any) => n.id)).toEqual(areas.map((a) => a.id));
    let compared = 0;
    for (const [i, node] of six.entries()) {
      const ward = [...byWard.keys()].sort()[i]!;
      const sums = await directSums(byWard.get(ward)!);
      expect(node.profile.length).toBeGreaterThan(0);
      for (const row of node.profile) {
        expect(row.area).toEqual({ kind: 'CUSTOM', code: node.id, name: node.name });
        const sum = sums.get(`${row.indicator.id}|${row.period}`)!;
        if (row.numerator === null) continue;
        expect(row.numerator).toBeCloseTo(sum.numerator!, 6);
        expect(row.denominator).toBeCloseTo(sum.denominator!, 6);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });
});

describe('who sees a custom area', () => {
  const cases = [
    { level: 'PUBLIC', sees: { anonymous: true, unnamed: true, colleague: true, named: true, admin: true } },
    { level: 'PARTNERSHIP', sees: { anonymous: false, unnamed: true, colleague: true, named: true, admin: true } },
    { level: 'RESTRICTED', sees: { anonymous: false, unnamed: false, colleague: true, named: true, admin: true } },
  ] as const;

  for (const { level, sees } of cases) {
    it(`a ${level} area is seen by ${Object.entries(sees).filter(([, v]) => v).map(([k]) => k).join(', ')} only, by node, list, customArea, profile, page, the index of pages and CSV`, async () => {
      const area = await create({ name: `Wards ${level}`, geographyVersion: 'hfd-2019', smallAreas: wardCodes.map((code) => ({ code })), ...viewers.sharing(level) });
      const tokens = { anonymous: undefined, unnamed: viewers.tokens.unnamed, colleague, named: viewers.tokens.named, admin: viewers.tokens.admin };
      for (const [who, visible] of Object.entries(sees) as [keyof typeof tokens, boolean][]) {
        const token = tokens[who];
        const context = `${who} on ${level}`;
        const node = await t.gql(`query($id: ID!) { node(id: $id) { id ... on CustomArea { name } } }`, { id: area.id }, { token });
        expect(node.errors, context).toBeUndefined();
        expect(node.data.node?.id ?? null, context).toBe(visible ? area.id : null);
        const list = await ok(`{ customAreas(first: 100) { totalCount edges { node { id } } } }`, {}, token);
        expect(list.customAreas.edges.some((e: { node: { id: string } }) => e.node.id === area.id), context).toBe(visible);
        const one = await t.gql(`query($id: ID!) { customArea(id: $id) { id profile(indicators: ["imd-most-deprived-20pc"]) { value } } }`, { id: area.id }, { token });
        if (visible) {
          expect(one.errors, context).toBeUndefined();
          expect(one.data.customArea.profile.length, context).toBe(1);
        } else {
          expect(one.errors?.[0]?.extensions?.code, context).toBe('NOT_FOUND');
          expect(one.data ?? null, context).toBeNull();
        }
        const headers = token ? { authorization: `Bearer ${token}` } : undefined;
        const page = await fetch(`${t.url}/custom-areas/${encodeURIComponent(area.id)}`, { headers });
        const pageText = await page.text();
        expect(page.status, context).toBe(visible ? 200 : 404);
        expect(pageText.includes(`Wards ${level}`), context).toBe(visible);
        const index = await (await fetch(`${t.url}/profiles`, { headers })).text();
        expect(index.includes(`Wards ${level}`), context).toBe(visible);
        const csv = await fetch(`${t.url}/custom-areas/${encodeURIComponent(area.id)}.csv`, { headers });
        const csvText = await csv.text();
        expect(csv.status, context).toBe(visible ? 200 : 404);
        if (visible) {
          expect(csvText).toContain('Custom area');
          expect(csvText).toContain(`Wards ${level}`);
        } else {
          expect(csvText).not.toContain(`Wards ${level}`);
        }
      }
      if (level === 'RESTRICTED') {
        // Reads of a restricted area are on record (one READ per request that returned it).
        const reads = await t.server.stores.records.prisma.auditEvent.count({
          where: { action: 'READ', entity: 'CustomArea', entityId: String(recordId(area.id)) },
        });
        expect(reads).toBeGreaterThanOrEqual(3);
      }
    });
  }
});

describe('saving, changing and deleting', () => {
  const problems = [
    { why: 'an unknown LSOA code', input: { smallAreas: [{ code: 'E01013986' }, { code: 'E01999999' }] }, field: 'input.smallAreas' },
    { why: 'an empty area', input: { smallAreas: [] }, field: 'input.smallAreas' },
    { why: 'no members at all', input: {}, field: 'input.smallAreas' },
    { why: 'a weight of 0', input: { smallAreas: [{ code: 'E01013986', weight: 0 }] }, field: 'input.smallAreas.0.weight' },
    { why: 'a weight over 1', input: { smallAreas: [{ code: 'E01013986', weight: 1.5 }] }, field: 'input.smallAreas.0.weight' },
    { why: 'an unknown locality', input: { localityCodes: ['atlantis'] }, field: 'input.localityCodes' },
    { why: 'an unknown ward', input: { wardCodes: ['E05999999'] }, field: 'input.wardCodes' },
    { why: 'an unknown parish', input: { parishCodes: ['E04999999'] }, field: 'input.parishCodes' },
    { why: 'both localities and wards', input: { localityCodes: ['leominster'], wardCodes: ['E05009450'] }, field: 'input.wardCodes' },
  ];
  for (const { why, input, field } of problems) {
    it(`refuses ${why} as BAD_USER_INPUT on ${field}, writing nothing`, async () => {
      const prisma = t.server.stores.records.prisma;
      const before = [await prisma.customArea.count(), await prisma.customAreaMember.count(), await prisma.auditEvent.count({ where: { entity: 'CustomArea' } })];
      const answer = await t.gql(CREATE, { i: { name: 'Bad', geographyVersion: 'hfd-2019', ...input } }, { token: viewers.tokens.author });
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.extensions?.field).toBe(field);
      expect([await prisma.customArea.count(), await prisma.customAreaMember.count(), await prisma.auditEvent.count({ where: { entity: 'CustomArea' } })]).toEqual(before);
    });
  }

  it('refuses an anonymous viewer', async () => {
    const answer = await t.gql(CREATE, { i: { name: 'Anon', geographyVersion: 'hfd-2019', smallAreas: [{ code: wardCodes[0] }] } });
    expect(answer.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('updates with a revision and audit, refuses a stale revision, hides a restricted area from another partner, and deletes with an audit', async () => {
    const prisma = t.server.stores.records.prisma;
    const area = await create({ name: 'To change', geographyVersion: 'hfd-2019', smallAreas: [{ code: wardCodes[0], weight: 0.5 }], ...viewers.sharing('RESTRICTED') });
    const UPDATE = `mutation($id: ID!, $r: Int, $i: UpdateCustomAreaInput!) { updateCustomArea(id: $id, expectedRevision: $r, input: $i) { revision name smallAreaCount smallAreas { weight smallArea { code } } } }`;
    const updated = (await ok(UPDATE, { id: area.id, r: 1, i: { name: 'Changed', smallAreas: wardCodes.slice(0, 2).map((code) => ({ code, weight: 0.25 })) } }, viewers.tokens.author)).updateCustomArea;
    expect(updated).toMatchObject({ revision: 2, name: 'Changed', smallAreaCount: 2 });
    expect(updated.smallAreas.map((m: { weight: number }) => m.weight)).toEqual([0.25, 0.25]);
    const stale = await t.gql(UPDATE, { id: area.id, r: 1, i: { name: 'Again' } }, { token: viewers.tokens.author });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'STALE_WRITE' });
    const hidden = await t.gql(UPDATE, { id: area.id, i: { name: 'Theirs' } }, { token: await tokenFor({ partnerId: viewers.partnerIds.unnamed, roles: ['CONTRIBUTOR'] }) });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reader = await t.gql(UPDATE, { id: area.id, i: { name: 'Reader' } }, { token: viewers.tokens.named });
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // changeSharing serves custom areas as every shareable record: PUBLIC, and anonymous viewers see it.
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: area.id })).data.node).toBeNull();
    await ok(`mutation($id: ID!) { changeSharing(id: $id, input: { sharingLevel: PUBLIC }) }`, { id: area.id }, viewers.tokens.author);
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: area.id })).data.node).toEqual({ id: area.id });
    const deleted = await ok(`mutation($id: ID!) { deleteCustomArea(id: $id) }`, { id: area.id }, viewers.tokens.author);
    expect(deleted.deleteCustomArea).toBe(area.id);
    const id = String(recordId(area.id));
    const events = await prisma.auditEvent.findMany({ where: { entity: 'CustomArea', entityId: id, action: { not: 'READ' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'SHARING_CHANGE', 'DELETE']);
    expect(JSON.parse(events[3]!.before!)).toMatchObject({ name: 'Changed', revision: 3, sharingLevel: 'PUBLIC' });
    expect(await prisma.customArea.count({ where: { id: Number(id) } })).toBe(0);
    const gone = await t.gql(`query($id: ID!) { customArea(id: $id) { id } }`, { id: area.id }, { token: viewers.tokens.author });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
