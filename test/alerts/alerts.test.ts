/**
 * Alerts: a statistics import that makes an indicator a live priority cites significantly worse,
 * or turns its trend to getting worse, gives each owner of the priority exactly one alert (read
 * and marked read through the API, seen by nobody else) and each subscribed partner concerned
 * exactly one HMAC-signed webhook delivery, received here by real HTTP servers on loopback; a
 * receiver that fails first gets a retry, and every attempt is logged. Indicators no live
 * priority cites raise nothing, nor do priorities of a board that has stopped sitting. Backoff is 1 ms so the test takes no wall time.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { globalId } from '../support/ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWithAlerts } from '../../src/alerts/after-import.js';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { csvFile } from '../costs/support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

interface Received {
  body: string;
  signature: string;
  attempt: string;
  /** When it arrived (ms). */
  at: number;
}

/** A webhook receiver on loopback that answers `statuses` in turn (then `otherwise`). */
async function receiver(statuses: number[] = [], otherwise = 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-locality-signature']), attempt: String(req.headers['x-locality-attempt']), at: Date.now() });
      res.statusCode = statuses[received.length - 1] ?? otherwise;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((r) => server.close(r)) };
}

const SETTINGS = { smallNumberThreshold: 5, minimumCoverage: 0.5, maxAttempts: 3, backoffMs: 1, timeoutMs: 5000 };
const CATALOGUE_ENTRY = {
  name: 'Alert test share', definition: 'Test.', unit: '%', valueType: 'PROPORTION', multiplier: 100, aggregation: 'RATIO',
  polarity: 'HIGHER_IS_WORSE', population: 'all ages', theme: 'test', source: 'GENERATED for this test', release: 'test-1', licence: 'none',
};

let t: TestServer;
let smallAreas: { code: string; locality: string }[];
let receivers: Awaited<ReturnType<typeof receiver>>[] = [];
const ids = { chair: 0, vice: 0, member: 0, p1: 0, p2: 0, p3: 0, priority: 0 };
let owners: number[] = [];
let secrets: string[] = [];
/** Record-store statements of the chair's alerts query with one alert (compared with two later). */
let statementsForOne = 0;

/** Import `indicators` for `periods` (numerator per 1,000 in each small area; a release per period) with alerts. */
async function importShares(indicators: string[], periods: string[], share: (locality: string, period: string) => number, settings = SETTINGS) {
  const rows = indicators.flatMap((indicator_id) =>
    periods.flatMap((period) =>
      smallAreas.map((a) => ({ indicator_id, area_code: a.code, period, numerator: String(share(a.locality, period)), denominator: '1000', value: '', release: `test-${period}` })),
    ),
  );
  const catalogue = path.join(mkdtempSync(path.join(tmpdir(), 'li-alerts-')), 'catalogue.json');
  writeFileSync(catalogue, JSON.stringify(indicators.map((id) => ({ id, ...CATALOGUE_ENTRY }))));
  return importWithAlerts(t.server.stores, settings, () => importIndicators(t.server.stores.analytics, { catalogue, data: csvFile('data.csv', rows) }));
}

beforeAll(async () => {
  t = await startTestServer();
  const prisma = t.server.stores.records.prisma;
  smallAreas = (await t.server.stores.analytics.query<{ code: string; locality: string }>(
    `SELECT DISTINCT small_area_code AS code, locality_code AS locality FROM small_area_locality`,
  )).filter((a, i, all) => all.findIndex((b) => b.code === a.code) === i);
  const partners = await prisma.partner.findMany({ orderBy: { id: 'asc' }, take: 6, select: { id: true } });
  const kington = await prisma.locality.findUniqueOrThrow({ where: { code: 'kington' } });
  const leads = await prisma.localityRole.findMany({
    where: { localityId: kington.id, kind: { leadsLocality: true }, startsOn: { lte: new Date() }, OR: [{ endsOn: null }, { endsOn: { gt: new Date() } }] },
    select: { personId: true, partnerId: true, person: { select: { partnerId: true } } },
  });
  const leadPartners = new Set(leads.flatMap((l) => [l.partnerId, l.person.partnerId]));
  const free = partners.map((p) => p.id).filter((id) => !leadPartners.has(id));
  [ids.p1, ids.p2, ids.p3] = free as [number, number, number];
  const person = (name: string, partnerId: number) => prisma.person.create({ data: { name, partnerId } }).then((p) => p.id);
  ids.chair = await person('Alert Chair', ids.p1);
  ids.vice = await person('Alert Vice-chair', ids.p1);
  ids.member = await person('Alert Member', ids.p3);
  const startsOn = new Date('2020-01-01');
  const board = await prisma.board.create({
    data: { name: 'Kington alert test group', kind: 'TASK_AND_FINISH_GROUP', scope: 'LOCALITY', localityId: kington.id, chairId: ids.chair, startsOn },
  });
  await prisma.membership.createMany({
    data: [
      // The chair also holds a CHAIR membership: still one alert.
      { boardId: board.id, personId: ids.chair, role: 'CHAIR', startsOn },
      { boardId: board.id, personId: ids.vice, role: 'VICE_CHAIR', startsOn },
      { boardId: board.id, personId: ids.member, role: 'MEMBER', startsOn },
      { boardId: board.id, partnerId: ids.p2, role: 'MEMBER', startsOn },
    ],
  });
  const priority = await prisma.priority.create({
    data: { boardId: board.id, localityId: kington.id, title: 'Bring the alert share down', theme: 'test', status: 'LIVE', evidence: { create: [{ indicatorId: 'alert-cited' }, { indicatorId: 'alert-trend' }] } },
  });
  ids.priority = priority.id;
  // A board that has stopped sitting: its priority, still marked LIVE and citing the same indicator, raises nothing.
  const ended = await prisma.board.create({
    data: { name: 'Kington ended group', kind: 'TASK_AND_FINISH_GROUP', scope: 'LOCALITY', localityId: kington.id, chairId: ids.member, startsOn, endsOn: new Date('2021-01-01') },
  });
  await prisma.priority.create({ data: { boardId: ended.id, localityId: kington.id, title: 'An ended board’s priority', theme: 'test', status: 'LIVE', evidence: { create: [{ indicatorId: 'alert-cited' }] } } });
  // The vice-chair also leads Kington (a role of a kind that leads the locality): still one alert.
  const leading = await prisma.localityRoleKind.findFirstOrThrow({ where: { leadsLocality: true } });
  await prisma.localityRole.create({ data: { personId: ids.vice, localityId: kington.id, kindId: leading.id, startsOn } });
  owners = [...new Set([ids.chair, ids.vice, ...leads.map((l) => l.personId)])].sort((a, b) => a - b);

  // Subscriptions through the API: the chair's partner, a partner on the board, an unconcerned one.
  receivers = [await receiver(), await receiver([500]), await receiver()];
  const admin = await tokenFor({ roles: ['ADMIN'] });
  for (const [i, partnerId] of [ids.p1, ids.p2, ids.p3].entries()) {
    const partnerGlobal = globalId('Partner', partnerId);
    const res = await t.gql(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { url active } } }`,
      { input: { partnerId: partnerGlobal, url: receivers[i]!.url } },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    secrets.push(res.data.createWebhookSubscription.secret);
  }
  // Before: every area at 10% in 2020 (one period: no trend), for the cited and an uncited indicator;
  // and five years of the trend indicator that wander then jump in 2020: leaving out the jump
  // reverses the slope, so PHEindicatormethods' outlier check calls it no significant change.
  await importShares(['alert-cited', 'alert-uncited'], ['2020'], () => 100);
  const wander: Record<string, number> = { 2016: 100, 2017: 105, 2018: 95, 2019: 100, 2020: 130 };
  await importShares(['alert-trend'], Object.keys(wander), (_l, period) => wander[period]!);
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t?.stop();
});

const ALERTS = `query($unread: Boolean) { alerts(unread: $unread) { totalCount edges { node { id read
  event { kind indicatorId areaCode period before { comparison } after { comparison trend } priority { title } } } } } }`;

describe('alerts on an import that worsens a cited indicator', () => {
  it('gives each owner exactly one alert and each subscribed partner one signed delivery, retrying a failing receiver', async () => {
    // Kington's small areas go to 30% in 2021, the rest stay at 10%: significantly worse, for
    // the cited indicator and the uncited one alike.
    const { alerts } = await importShares(['alert-cited', 'alert-uncited'], ['2021'], (locality) => (locality === 'kington' ? 300 : 100));
    expect(alerts).toMatchObject({ events: 1, alerts: owners.length, deliveries: 2, delivered: 2, failed: 0 });

    const prisma = t.server.stores.records.prisma;
    const rows = await prisma.alert.findMany({ select: { personId: true, event: { select: { kind: true, indicatorId: true, priorityId: true } } } });
    expect(rows.map((r) => r.personId).sort((a, b) => a - b)).toEqual(owners);
    expect(rows.every((r) => r.event.kind === 'SIGNIFICANTLY_WORSE' && r.event.indicatorId === 'alert-cited' && r.event.priorityId === ids.priority)).toBe(true);

    // The chair's partner: one request, signed; the board's partner: a 500 then the same body again; the third: nothing.
    const [first, failing, unconcerned] = receivers;
    expect(first!.received).toHaveLength(1);
    expect(failing!.received.map((r) => r.attempt)).toEqual(['1', '2']);
    expect(failing!.received[1]!.body).toBe(failing!.received[0]!.body);
    expect(unconcerned!.received).toHaveLength(0);
    for (const [i, r] of [first!.received[0]!, failing!.received[1]!].entries()) {
      const expected = `sha256=${createHmac('sha256', secrets[i]!).update(r.body).digest('hex')}`;
      expect(r.signature).toBe(expected);
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({ kind: 'SIGNIFICANTLY_WORSE', indicator: { id: 'alert-cited' }, area: { code: 'kington' }, after: { comparison: 'WORSE', period: '2021' } });
      expect(body.before).toMatchObject({ comparison: 'SIMILAR', period: '2020' });
      expect(body.priority).toMatchObject({ id: globalId('Priority', ids.priority), title: 'Bring the alert share down', board: 'Kington alert test group' });
    }

    // Every attempt is in the delivery log.
    const admin = await tokenFor({ roles: ['ADMIN'] });
    const log = await t.gql(`{ webhookSubscriptions { url deliveries { status attemptCount attempts { attempt httpStatus error } } } }`, {}, { token: admin });
    expect(log.errors).toBeUndefined();
    const byUrl = new Map(log.data.webhookSubscriptions.map((s: { url: string }) => [s.url, s]));
    expect(byUrl.get(failing!.url)).toMatchObject({
      deliveries: [{ status: 'DELIVERED', attemptCount: 2, attempts: [{ attempt: 1, httpStatus: 500, error: 'HTTP 500' }, { attempt: 2, httpStatus: 200, error: null }] }],
    });
    expect(byUrl.get(unconcerned!.url)).toMatchObject({ deliveries: [] });
  });

  it('shows an alert to its person only, who marks it read', async () => {
    const chair = await tokenFor({ personId: ids.chair, partnerId: ids.p1, roles: ['READER'] });
    const vice = await tokenFor({ personId: ids.vice, partnerId: ids.p1, roles: ['READER'] });
    const mine = await t.gql(ALERTS, { unread: true }, { token: chair });
    statementsForOne = (await t.countStatements(() => t.gql(ALERTS, {}, { token: chair }))).records;
    expect(mine.data.alerts.totalCount).toBe(1);
    const alert = mine.data.alerts.edges[0].node;
    expect(alert).toMatchObject({ read: false, event: { kind: 'SIGNIFICANTLY_WORSE', areaCode: 'kington', period: '2021', before: { comparison: 'SIMILAR' }, after: { comparison: 'WORSE' }, priority: { title: 'Bring the alert share down' } } });

    // The vice-chair has their own, cannot see or mark the chair's.
    expect((await t.gql(ALERTS, {}, { token: vice })).data.alerts.totalCount).toBe(1);
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: alert.id }, { token: vice })).data.node).toBeNull();
    const stolen = await t.gql(`mutation($id: ID!) { markAlertRead(id: $id) { read } }`, { id: alert.id }, { token: vice });
    expect(stolen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(ALERTS, {}, { token: await tokenFor({ roles: ['ADMIN'] }) })).data.alerts.totalCount).toBe(0);
    expect((await t.gql(ALERTS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const marked = await t.gql(`mutation($id: ID!) { markAlertRead(id: $id) { read readAt } }`, { id: alert.id }, { token: chair });
    expect(marked.data.markAlertRead.read).toBe(true);
    expect((await t.gql(ALERTS, { unread: true }, { token: chair })).data.alerts.totalCount).toBe(0);
    expect((await t.gql(ALERTS, { unread: true }, { token: vice })).data.alerts.totalCount).toBe(1);
    // Marking all read marks only the viewer's own (and marks them back unread one by one).
    const member = await tokenFor({ personId: ids.member, partnerId: ids.p3, roles: ['READER'] });
    expect((await t.gql(`mutation { markAllAlertsRead }`, {}, { token: member })).data.markAllAlertsRead).toBe(0);
    expect((await t.gql(ALERTS, { unread: true }, { token: vice })).data.alerts.totalCount).toBe(1);
    expect((await t.gql(`mutation { markAllAlertsRead }`, {}, { token: vice })).data.markAllAlertsRead).toBe(1);
    expect((await t.gql(ALERTS, { unread: true }, { token: vice })).data.alerts.totalCount).toBe(0);
    const unread = await t.gql(`mutation($id: ID!) { markAlertRead(id: $id, read: false) { read readAt } }`, { id: alert.id }, { token: chair });
    expect(unread.data.markAlertRead).toEqual({ read: false, readAt: null });
    expect((await t.gql(ALERTS, { unread: true }, { token: chair })).data.alerts.totalCount).toBe(1);
  });

  it('alerts when a trend turns to getting worse, and not again for an unchanged figure', async () => {
    const prisma = t.server.stores.records.prisma;
    const before = await prisma.alert.count();
    // Every area rises again, to 16% in 2021: the comparison stays similar, and now the rise
    // survives leaving out any one point, so the five-year trend turns up.
    const { alerts } = await importShares(['alert-trend'], ['2021'], () => 160);
    expect(alerts).toMatchObject({ events: 1, alerts: owners.length, deliveries: 2 });
    const events = await prisma.alertEvent.findMany({ where: { indicatorId: 'alert-trend' } });
    expect(events.map((e) => [e.kind, JSON.parse(e.after).comparison, JSON.parse(e.after).trend])).toEqual([['TREND_WORSENING', 'SIMILAR', 'INCREASING']]);
    // Importing the same figures again changes nothing, so raises nothing.
    const again = await importShares(['alert-trend'], ['2021'], () => 160);
    expect(again.alerts.events).toBe(0);
    expect(await prisma.alert.count()).toBe(before + owners.length);
    // Two alerts (with their events and priorities) cost the chair's query what one did.
    const chair = await tokenFor({ personId: ids.chair, partnerId: ids.p1, roles: ['READER'] });
    const two = await t.countStatements(async () => expect((await t.gql(ALERTS, {}, { token: chair })).data.alerts.totalCount).toBe(2));
    expect(two.records).toBe(statementsForOne);
  });

  it('raises alerts for a release uploaded to POST /imports/indicators, as the command line does', async () => {
    const prisma = t.server.stores.records.prisma;
    // Kington back to similar in 2022 (better: no alert), then worse again in 2023, uploaded by an analyst.
    expect((await importShares(['alert-cited'], ['2022'], () => 100)).alerts.events).toBe(0);
    const before = await prisma.alert.count();
    const rows = smallAreas.map((a) => `alert-cited,${a.code},2023,${a.locality === 'kington' ? 300 : 100},1000,,test-2023`);
    const res = await fetch(`${t.url}/imports/indicators?name=alerts-2023.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await tokenFor({ roles: ['ANALYST'] })}` },
      body: ['indicator_id,area_code,period,numerator,denominator,value,release', ...rows].join('\n') + '\n',
    });
    const body = (await res.json()) as { alerts: unknown };
    expect(res.status).toBe(200);
    expect(body.alerts).toMatchObject({ events: 1, alerts: owners.length, deliveries: 2, delivered: 2, failed: 0 });
    expect(await prisma.alert.count()).toBe(before + owners.length);
    const events = await prisma.alertEvent.findMany({ where: { indicatorId: 'alert-cited', period: '2023' } });
    expect(events.map((e) => [e.kind, e.areaCode])).toEqual([['SIGNIFICANTLY_WORSE', 'kington']]);
  });
  it('waits longer before each retry (backoff doubling), gives up after the last attempt (an error status or no answer) and logs each one', async () => {
    const admin = await tokenFor({ roles: ['ADMIN'] });
    // The board's partner moves its subscription to a receiver that always answers 503.
    const before = await t.gql(`{ webhookSubscriptions { id url active deliveries { status } } }`, {}, { token: admin });
    const old = before.data.webhookSubscriptions.find((s: { url: string }) => s.url === receivers[1]!.url);
    const ended = await t.gql(`mutation($id: ID!) { endWebhookSubscription(id: $id) { active } }`, { id: old.id }, { token: admin });
    expect(ended.data.endWebhookSubscription.active).toBe(false);
    const down = await receiver([], 503);
    receivers.push(down);
    const created = await t.gql(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      { input: { partnerId: globalId('Partner', ids.p2), url: down.url } },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    // And the chair's partner adds a second subscription, to a receiver that never answers.
    let hung = 0;
    const silent = createServer(() => (hung += 1));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
    const second = await t.gql(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      { input: { partnerId: globalId('Partner', ids.p1), url: silentUrl } },
      { token: admin },
    );
    expect(second.errors).toBeUndefined();

    // Kington back to similar, then worse again; 3 attempts of 300 ms at most, the first retry 60 ms after the failure, the second 120 ms.
    expect((await importShares(['alert-cited'], ['2024'], () => 100)).alerts.events).toBe(0);
    const settings = { ...SETTINGS, maxAttempts: 3, backoffMs: 60, timeoutMs: 300 };
    const { alerts } = await importShares(['alert-cited'], ['2025'], (locality) => (locality === 'kington' ? 300 : 100), settings);
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
    expect(alerts).toMatchObject({ events: 1, alerts: owners.length, deliveries: 3, delivered: 1, failed: 2 });
    expect(hung).toBe(3);
    expect(down.received.map((r) => r.attempt)).toEqual(['1', '2', '3']);
    const gaps = [down.received[1]!.at - down.received[0]!.at, down.received[2]!.at - down.received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(58);
    expect(gaps[1]).toBeGreaterThanOrEqual(118);
    for (const r of down.received) expect(r.signature).toBe(`sha256=${createHmac('sha256', created.data.createWebhookSubscription.secret).update(r.body).digest('hex')}`);

    const log = await t.gql(`{ webhookSubscriptions { url active deliveries { status attemptCount attempts { attempt httpStatus error durationMs } } } }`, {}, { token: admin });
    const byUrl = new Map(log.data.webhookSubscriptions.map((s: { url: string }) => [s.url, s]));
    expect(byUrl.get(down.url)).toMatchObject({
      active: true,
      deliveries: [{ status: 'FAILED', attemptCount: 3, attempts: [1, 2, 3].map((attempt) => ({ attempt, httpStatus: 503, error: 'HTTP 503' })) }],
    });
    expect(byUrl.get(silentUrl)).toMatchObject({
      deliveries: [{ status: 'FAILED', attemptCount: 3, attempts: [1, 2, 3].map((attempt) => ({ attempt, httpStatus: null, error: 'no answer within 300 ms' })) }],
    });
    for (const a of (byUrl.get(silentUrl) as any).deliveries[0].attempts) expect(a.durationMs).toBeGreaterThanOrEqual(295);
    // The ended subscription got nothing more.
    expect((byUrl.get(receivers[1]!.url) as { active: boolean; deliveries: unknown[] })).toMatchObject({ active: false, deliveries: old.deliveries });
  });
});
