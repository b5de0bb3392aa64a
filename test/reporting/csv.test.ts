/**
 * Open issues and actions as CSV over HTTP (/exports/issues.csv, /exports/actions.csv): each file
 * holds exactly the rows its viewer may see (anonymous: PUBLIC only; a partner: its RESTRICTED
 * ones too), open ones by default, and a RESTRICTED row read through a download is audited once.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let author: number;
let other: number;
let restrictedId: number;
const db = () => t.server.stores.records.prisma;

async function download(path: string, token?: string) {
  const response = await fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = (await response.text()).replace(/^\uFEFF/, '');
  return { status: response.status, type: response.headers.get('content-type'), text, rows: response.status === 200 ? (parse(text, { columns: true }) as Record<string, string>[]) : [] };
}

beforeAll(async () => {
  t = await startTestServer();
  await db().outcomeIssue.deleteMany();
  await db().action.deleteMany();
  await db().issue.deleteMany();
  [author, other] = (await db().partner.findMany({ take: 2, orderBy: { id: 'asc' } })).map((p) => p.id) as [number, number];
  const locality = async (code: string) => (await db().locality.findUniqueOrThrow({ where: { code } })).id;
  const add = async (title: string, code: string, sharingLevel: 'PUBLIC' | 'PARTNERSHIP' | 'RESTRICTED', status: 'OPEN' | 'RESOLVED' = 'OPEN') =>
    db().issue.create({
      data: {
        localityId: await locality(code), title, description: `=HYPERLINK("x") ${title}`, theme: 'CSV', searchText: title.toLowerCase(), raisedOn: new Date('2026-02-01'),
        status, resolvedOn: status === 'RESOLVED' ? new Date('2026-02-11') : null, ownerPartnerId: author, authorPartnerId: author, sharingLevel,
        actions: { create: [{ title: `Act on ${title}`, ownerPartnerId: author, authorPartnerId: author, sharingLevel: 'PUBLIC', dueOn: new Date('2026-03-01') }] },
      },
    });
  await add('Public open', 'leominster', 'PUBLIC');
  await add('Partnership open', 'leominster', 'PARTNERSHIP');
  restrictedId = (await add('Restricted open', 'kington', 'RESTRICTED')).id;
  await add('Public resolved', 'leominster', 'PUBLIC', 'RESOLVED');
});
afterAll(async () => t?.stop());

const issues = (rows: Record<string, string>[]) => rows.map((r) => r.Issue).sort();

describe('/exports/issues.csv', () => {
  it('gives an anonymous viewer the open PUBLIC issues only', async () => {
    const res = await download('/exports/issues.csv');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(issues(res.rows)).toEqual(['Public open']);
    expect(res.rows[0]).toMatchObject({ 'Locality Code': 'leominster', Status: 'OPEN', 'Sharing Level': 'PUBLIC', 'Raised On': '2026-02-01' });
    expect(res.rows[0]!.Description!.startsWith("'=HYPERLINK")).toBe(true);
  });

  it("gives a partner the partnership's issues and its own RESTRICTED ones; another partner not those", async () => {
    const mine = await download('/exports/issues.csv', await tokenFor({ partnerId: author, roles: ['READER'] }));
    expect(issues(mine.rows)).toEqual(['Partnership open', 'Public open', 'Restricted open']);
    const theirs = await download('/exports/issues.csv', await tokenFor({ partnerId: other, roles: ['READER'] }));
    expect(issues(theirs.rows)).toEqual(['Partnership open', 'Public open']);
  });

  it('filters by locality and status (ALL for every status); a bad one is refused with a reason', async () => {
    const token = await tokenFor({ partnerId: author, roles: ['READER'] });
    expect(issues((await download('/exports/issues.csv?locality=leominster&status=ALL', token)).rows)).toEqual(['Partnership open', 'Public open', 'Public resolved']);
    const resolved = await download('/exports/issues.csv?status=RESOLVED', token);
    expect(resolved.rows.map((r) => [r.Issue, r['Resolved On'], r['Days To Resolve']])).toEqual([['Public resolved', '2026-02-11', '10']]);
    expect((await download('/exports/issues.csv?status=SOLVED')).status).toBe(400);
    expect((await download('/exports/issues.csv?locality=atlantis')).status).toBe(404);
  });

  it('records one READ audit event for a RESTRICTED issue read through a download, none for a viewer who may not see it', async () => {
    const reads = () => db().auditEvent.count({ where: { action: 'READ', entity: 'Issue', entityId: String(restrictedId) } });
    const before = await reads();
    await download('/exports/issues.csv', await tokenFor({ partnerId: other, roles: ['READER'] }));
    expect(await reads()).toBe(before);
    await download('/exports/issues.csv?status=ALL', await tokenFor({ partnerId: author, roles: ['READER'] }));
    expect(await reads()).toBe(before + 1);
  });
});

describe('/exports/actions.csv', () => {
  it('holds the open actions on issues the viewer may see', async () => {
    const anonymous = await download('/exports/actions.csv');
    // Every action is PUBLIC: what hides one is its issue.
    expect(anonymous.rows.map((r) => r.Action).sort()).toEqual(['Act on Public open', 'Act on Public resolved']);
    expect(anonymous.rows[0]).toMatchObject({ Status: 'OPEN', Overdue: 'true', 'Due On': '2026-03-01' });
    const mine = await download('/exports/actions.csv?locality=kington', await tokenFor({ partnerId: author, roles: ['READER'] }));
    expect(mine.rows.map((r) => [r.Action, r['Issue Status']])).toEqual([['Act on Restricted open', 'OPEN']]);
    expect((await download('/exports/actions.csv?status=DONE')).rows).toEqual([]);
  });
});
