/**
 * Any council: Calderdale (four areas built from wards, 128 LSOAs, DERIVED; data/calderdale) loads
 * with its own grouping (the 2009 differentiated approach, not tiers), takes IMD 2019 for its
 * LSOAs from the England files (filtered copies in data/calderdale/imd2019), and its profile
 * matches values computed here independently from the published files. Its own kinds of locality
 * role (area delivery leads, link workers, community engagement workers) load from its kinds file,
 * and roles, leads and contact lists work with them and without Herefordshire's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGeography } from '../../src/geography/import.js';
import { ImportProblems } from '../../src/importing/problems.js';
import { importIod2019, iod2019FilesIn } from '../../src/statistics/import/iod2019.js';
import { systemViewer } from '../../src/partnership/import.js';
import { importRoleKinds } from '../../src/partnership/role-kinds.js';
import { PROJECT_ROOT, startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { globalId } from '../support/ids.js';

const DIR = path.join(PROJECT_ROOT, 'data', 'calderdale');
const csv = (file: string) => parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
const number = (text: string) => Number(text.replaceAll(',', ''));

describe('Calderdale, loaded as any council', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    const { prisma } = t.server.stores.records;
    await importGeography(
      prisma,
      t.server.stores.analytics,
      { localities: path.join(DIR, 'calderdale_areas.csv'), groupings: path.join(DIR, 'calderdale_groupings.csv'), smallAreas: path.join(DIR, 'calderdale_lsoa11_areas.csv') },
      { versionId: 'cal-2019', effectiveFrom: '2019-12-01', countyCode: 'E08000033', countyName: 'Calderdale', areaKind: 'metropolitan borough' },
    );
    await importRoleKinds(prisma, systemViewer('test:calderdale'), path.join(DIR, 'calderdale_locality_role_kinds.csv'));
    const problems = new ImportProblems();
    await importIod2019(t.server.stores.analytics, iod2019FilesIn(path.join(DIR, 'imd2019'), problems), { problems });
  });
  afterAll(async () => t?.stop());

  it('has four areas, 128 LSOAs, no tiers, and the co-ordinated/managed grouping', async () => {
    const res = await t.gql(`{ county { name groupings { code groups { areaCode localities { code } } } }
      localities { code groups { code } smallAreas { totalCount } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.county.name).toBe('Calderdale');
    expect(res.data.county.groupings).toEqual([
      { code: 'approach_2009', groups: [
        { areaCode: 'approach_2009/CO_ORDINATED', localities: [{ code: 'lower-valley' }, { code: 'upper-valley' }] },
        { areaCode: 'approach_2009/MANAGED', localities: [{ code: 'central' }, { code: 'north-east' }] },
      ] },
    ]);
    expect(res.data.localities.reduce((n: number, l: any) => n + l.smallAreas.totalCount, 0)).toBe(128);
    expect((await t.gql('{ localityGroup(code: "tier/CITY") { name } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('gives each area, each group and the borough the population share in the most deprived 20%, as computed from the files', async () => {
    const areas = new Map(csv(path.join(DIR, 'calderdale_lsoa11_areas.csv')).map((r) => [r.lsoa11cd!, r.locality_code!]));
    const deciles = new Map(csv(path.join(DIR, 'imd2019', 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.calderdale.csv')).map((r) => [r['LSOA code (2011)']!, number(r['Index of Multiple Deprivation (IMD) Decile']!)]));
    const file6 = csv(path.join(DIR, 'imd2019', 'File_6_-_IoD2019_Population_Denominators.calderdale.csv'));
    const totalColumn = Object.keys(file6[0]!).find((k) => /^Total population/i.test(k))!;
    const expected = (inArea: (code: string) => boolean) => {
      let deprived = 0;
      let all = 0;
      for (const row of file6) {
        const code = row['LSOA code (2011)']!;
        if (!inArea(code)) continue;
        all += number(row[totalColumn]!);
        if (deciles.get(code)! <= 2) deprived += number(row[totalColumn]!);
      }
      return (100 * deprived) / all;
    };
    const res = await t.gql(`{
      localities { code profile(indicators: ["imd-most-deprived-20pc"]) { value countyValue } }
      managed: localityGroup(code: "approach_2009/MANAGED") { profile(indicators: ["imd-most-deprived-20pc"]) { value } }
      county { profile(indicators: ["imd-most-deprived-20pc"]) { value } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.localities).toHaveLength(4);
    for (const l of res.data.localities) expect(l.profile[0].value).toBeCloseTo(expected((c) => areas.get(c) === l.code), 9);
    expect(res.data.managed.profile[0].value).toBeCloseTo(expected((c) => ['central', 'north-east'].includes(areas.get(c)!)), 9);
    expect(res.data.county.profile[0].value).toBeCloseTo(expected(() => true), 9);
  });

  it('serves its pages and CSV with its own names', async () => {
    const page = await fetch(`${t.url}/profiles/approach_2009/MANAGED`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Calderdale');
    expect(html).not.toMatch(/Herefordshire|Tier/);
    const download = await fetch(`${t.url}/profiles.csv?groups=true&county=true`);
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(text).toContain('approach_2009/MANAGED');
    expect(text).toContain('Upper Valley');
  });

  it('has its own kinds of locality role: a role of one, its leads, a contact list by alias, and none of Herefordshire’s', async () => {
    const admin = await tokenFor({ roles: ['ADMIN'] });
    const kinds = await t.gql('{ localityRoleKinds { code name singlePointOfContact leadsLocality aliases } }');
    expect(kinds.errors).toBeUndefined();
    expect(kinds.data.localityRoleKinds.map((k: any) => [k.code, k.leadsLocality])).toEqual([
      ['area-delivery-lead', true],
      ['service-co-ordination-link-worker', false],
      ['community-engagement-worker', false],
    ]);
    // Loading the file again changes nothing.
    const { prisma } = t.server.stores.records;
    expect(await importRoleKinds(prisma, systemViewer('test:calderdale'), path.join(DIR, 'calderdale_locality_role_kinds.csv'))).toEqual({ kinds: 3, created: 0, updated: 0 });

    const partner = await prisma.partner.create({ data: { name: 'Calderdale Council', kind: 'COUNCIL' } });
    const person = await prisma.person.create({ data: { name: 'Area Lead', partnerId: partner.id, directoryConsent: true } });
    const CREATE = `mutation($input: CreateLocalityRoleInput!) { createLocalityRole(input: $input) { kind { code name } } }`;
    const input = (kind: string) => ({ personId: globalId('Person', person.id), localityCode: 'central', kind, startsOn: '2024-04-01' });
    const created = await t.gql(CREATE, { input: input('area-delivery-lead') }, { token: admin });
    expect(created.errors).toBeUndefined();
    expect(created.data.createLocalityRole.kind).toEqual({ code: 'area-delivery-lead', name: 'Area delivery lead' });
    const leads = await t.gql('{ locality(code: "central") { leads { person { name } kind { code } } } }');
    expect(leads.data.locality.leads).toEqual([{ person: { name: 'Area Lead' }, kind: { code: 'area-delivery-lead' } }]);

    const herefordshire = await t.gql(CREATE, { input: input('single-point-of-contact') }, { token: admin });
    expect(herefordshire.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });

    const imported = await t.gql(
      `mutation($csv: String!) { importContacts(csv: $csv) { rolesCreated } }`,
      { csv: 'partner,name,role,locality,role_start\nCalderdale Council,Link Worker,link worker,north-east,2024-04-01\nCalderdale Council,Ward Member,ward member,north-east,2024-04-01\n' },
      { token: admin },
    );
    // Line 2's "link worker" is an alias of Calderdale's kind; line 3's Herefordshire role is not one of its kinds.
    expect(imported.errors?.[0]?.extensions?.problems.map((p: any) => [p.line, p.column])).toEqual([[3, 'role']]);
    expect(imported.errors?.[0]?.extensions?.problems[0].reason).toContain('is not a kind of locality role (area-delivery-lead, service-co-ordination-link-worker, community-engagement-worker)');
    expect(await prisma.localityRole.count()).toBe(1);
  });
});
