/**
 * The contact-list importer (partners, people, locality roles): a good list is written whole with
 * its audit events and served over HTTP; re-importing it changes nothing; every kind of bad row is
 * refused with its line, column and reason and nothing at all is written; and the
 * `import-contacts` command reports the same.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejectedError, type ImportProblem } from '../../src/importing/problems.js';
import { importContacts, systemViewer } from '../../src/partnership/import.js';
import { cli } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PROJECT = path.resolve(import.meta.dirname, '..', '..');
const HEADER = 'partner,partner_kind,name,job_title,email,phone,directory_consent,role,locality,service_area,role_start,role_end';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

const GOOD = csv(
  'Ledbury Community Larder,VCS,Ada Bosbury,Coordinator,ada@larder.example,01632 961001,yes,network contact,ledbury,,2024-02-01,',
  'Ledbury Community Larder,,Ada Bosbury,,ada@larder.example,,,SPOC,Ledbury,,01/03/2024,',
  'Ledbury Community Larder,,Bob Much,Volunteer,,,no,,,,,',
  'West Mercia Police,,Cath Linton,PCSO,cath.linton@police.example,,yes,spoc,ledbury,,2020-01-01,2021-01-01',
);

let t: TestServer;
let dir: string;
beforeAll(async () => {
  t = await startTestServer();
  dir = mkdtempSync(path.join(tmpdir(), 'li-contacts-'));
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const viewer = systemViewer('test:import');
const run = (text: string, dryRun = false) => importContacts(t.server.stores.records.prisma, viewer, { label: 'contacts.csv', text }, { dryRun });

async function counts() {
  const prisma = t.server.stores.records.prisma;
  const [partners, people, roles, audits] = await Promise.all([
    prisma.partner.count(),
    prisma.person.count(),
    prisma.localityRole.count(),
    prisma.auditEvent.count(),
  ]);
  return { partners, people, roles, audits };
}

async function rejection(text: string): Promise<ImportProblem[]> {
  const error = await run(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return (error as ImportRejectedError).problems;
}

describe('importing a contact list', () => {
  it('checks a list without writing it on a dry run', async () => {
    const before = await counts();
    const summary = await run(GOOD, true);
    expect(summary).toEqual({ rows: 4, partnersCreated: 1, peopleCreated: 3, peopleUpdated: 0, rolesCreated: 3, rolesUnchanged: 0, dryRun: true });
    expect(await counts()).toEqual(before);
  });

  it('writes partners, people and roles with one audit event each, served over HTTP', async () => {
    const before = await counts();
    const summary = await run(GOOD);
    expect(summary).toMatchObject({ partnersCreated: 1, peopleCreated: 3, rolesCreated: 3 });
    expect(await counts()).toEqual({
      partners: before.partners + 1,
      people: before.people + 3,
      roles: before.roles + 3,
      audits: before.audits + 7,
    });
    const res = await t.gql(`{
      partners(nameContains: "Larder") { edges { node { kind people(first: 10) { edges { node { name jobTitle } } } roles(first: 10) { edges { node { kind { code } startsOn locality { code } person { name } } } } } } }
      locality(code: "ledbury") { roles(kind: "single-point-of-contact", first: 20) { edges { node { startsOn endsOn person { name } partner { name } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const larder = res.data.partners.edges[0].node;
    expect(larder.kind).toBe('VOLUNTARY_SECTOR');
    // Anonymous viewers see only Ada, who consented.
    expect(larder.people.edges.map((e: any) => e.node)).toEqual([{ name: 'Ada Bosbury', jobTitle: 'Coordinator' }]);
    expect(larder.roles.edges.map((e: any) => [e.node.kind.code, e.node.startsOn]).sort()).toEqual([
      ['network-contact', '2024-02-01'],
      ['single-point-of-contact', '2024-03-01'],
    ]);
    const cath = res.data.locality.roles.edges.find((e: any) => e.node.person.name === 'Cath Linton');
    expect(cath.node).toMatchObject({ startsOn: '2020-01-01', endsOn: '2021-01-01', partner: { name: 'West Mercia Police' } });
  });

  it('changes nothing when the same list is imported again', async () => {
    const before = await counts();
    const summary = await run(GOOD);
    expect(summary).toMatchObject({ partnersCreated: 0, peopleCreated: 0, peopleUpdated: 3, rolesCreated: 0, rolesUnchanged: 3 });
    expect((await counts()).roles).toBe(before.roles);
    expect((await counts()).people).toBe(before.people);
  });

  it('refuses every bad row with its line, column and reason, and writes nothing', async () => {
    const before = await counts();
    const problems = await rejection(
      csv(
        'Kington Men’s Shed,,Dai Staunton,Chair,dai@shed.example,,yes,network contact,kington,,2024-01-01,', // 2: new partner, no kind
        'HPS,COUNCIL,Eve Walford,Officer,not-an-email,,maybe,,,,,', // 3: bad email, consent
        'Herefordshire Public Services,,Fay Eaton,Officer,fay@hps.example,,yes,lead,atlantis,,2024-01-01,', // 4: unknown locality
        'Herefordshire Public Services,,Gus Foy,Officer,gus@hps.example,,yes,captain,leominster,,2024-13-01,', // 5: role, date
        'Herefordshire Public Services,,Hal Hope,Officer,hal@hps.example,,yes,lead,leominster,,2024-05-01,2024-04-01', // 6: ends before start
        'West Mercia Police,,Ian Madley,PCSO,ian@police.example,,yes,SPOC,leominster,,2025-01-01,', // 7: a second police SPOC in Leominster
        'Herefordshire Fire Volunteers,FIRE,Jo Marden,Volunteer,jo@fire.example,,yes,SPOC,weobley,,2024-01-01,', // 8
        'Herefordshire Fire Volunteers,,Kay Ocle,Volunteer,kay@fire.example,,yes,SPOC,weobley,,2024-06-01,', // 9: overlaps line 8
        'Herefordshire Public Services,,Hal Hope,Officer,hal@hps.example,01632 960999,yes,,,,,', // 10
        'Herefordshire Public Services,,Hal Hope,Officer,hal@hps.example,01632 960998,yes,,,,,', // 11: phone differs from line 10
        ',,,,,,,,,police-nowhere,,', // 12: no partner, no name; role without a role; unknown service area
      ),
    );
    const listed = problems.map((p) => [p.line, p.column, p.reason]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [2, 'partner_kind', expect.stringMatching(/new partner: give its kind/)],
        [3, 'email', expect.stringMatching(/not an email address/)],
        [3, 'directory_consent', expect.stringMatching(/not yes or no/)],
        [4, 'locality', expect.stringMatching(/"atlantis" is not a locality/)],
        [5, 'role', expect.stringMatching(/"captain" is not a kind of locality role/)],
        [5, 'role_start', expect.stringMatching(/not a date/)],
        [6, 'role_end', expect.stringMatching(/must end after it starts/)],
        [7, 'role', expect.stringMatching(/West Mercia Police already has a single point of contact there/)],
        [9, 'role', expect.stringMatching(/overlaps the single point of contact .* on line 8/)],
        [11, 'phone', expect.stringMatching(/differs from line 10/)],
        [12, 'partner', expect.stringMatching(/required/)],
        [12, 'name', expect.stringMatching(/required/)],
        [12, 'role', expect.stringMatching(/a role is required/)],
        [12, 'role_start', expect.stringMatching(/first day is required/)],
      ]),
    );
    expect(problems).toHaveLength(14);
    for (const p of problems) expect(p.file).toBe('contacts.csv');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file without the required columns', async () => {
    const problems = await rejection('organisation,email\nHPS,a@b.example\n');
    expect(problems.map((p) => [p.line, p.reason])).toEqual([[1, expect.stringMatching(/missing column name/)]]);
  });
});

describe('the import-contacts command', () => {
  // Always a SQLite file: this is about the command, not the record store.
  const data = (name: string) => path.join(PROJECT, 'data', 'herefordshire', name);

  it('loads the contact list of the default dataset into a store holding its geography and kinds of role', async () => {
    const geography = await cli(dir, [
      'import-geography', '--version', 'g1', '--effective-from', '2020-04-01', '--county-code', 'E06000019', '--county-name', 'Herefordshire',
      '--localities', data('geography/herefordshire_localities.csv'), '--groupings', data('geography/herefordshire_groupings.csv'),
      '--small-areas', data('geography/herefordshire_lsoa11_localities.csv'), '--service-areas', data('generated/service_areas.csv'),
      '--role-kinds', data('geography/herefordshire_locality_role_kinds.csv'),
    ]);
    expect(geography.code).toBe(0);
    expect(geography.stdout).toContain('locality role kinds loaded: 5 kinds (5 new, 0 changed)');
    const file = data(path.join('generated', 'partnership', 'contacts.csv'));
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    const people = new Set(lines.map((line) => line.split(',')[2])).size;
    const loaded = await cli(dir, ['import-contacts', '--file', file]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(new RegExp(`contact list loaded: ${lines.length} rows; \\d+ new partners, ${people} new people`));
  });

  it('exits 1 on a bad list, printing each problem as file:line: column: reason', async () => {
    const file = path.join(dir, 'bad-contacts.csv');
    writeFileSync(file, csv('Herefordshire Public Services,,Zed Yazor,Officer,zed@hps.example,,yes,lead,atlantis,,2024-01-01,'));
    const run = await cli(dir, ['import-contacts', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toMatch(/^\s*bad-contacts\.csv:2: locality: "atlantis" is not a locality code or name$/m);
  });
});
