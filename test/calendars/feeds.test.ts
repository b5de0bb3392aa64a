/**
 * Calendar feeds: each locality's and board's feed is iCalendar that ical.js (Mozilla's parser,
 * not the library that writes it) reads; it holds exactly the meetings and consultation deadlines
 * the records hold for it (recomputed here with Prisma); a moved meeting keeps its UID and raises
 * its SEQUENCE, a cancelled one becomes STATUS:CANCELLED; an anonymous feed names only people who
 * agreed to the directory, a personal feed (signed key) names them all, and a bad key is 401.
 */
import { globalId } from '../support/ids.js';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let admin: string;
let boardId: string;
let feeds: { locality: string; board: string };
let chair: { id: number; name: string; partnerId: number | null };

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: Date;
  /** DTSTART as written: a date for an all-day event. */
  startText: string;
  status: string;
  summary: string;
  description: string;
}

async function fetchFeed(path: string, status = 200): Promise<ParsedEvent[]> {
  const res = await fetch(`${t.url}${path}`);
  expect(res.status).toBe(status);
  if (status !== 200) return [];
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  const text = await res.text();
  // RFC 5545 3.1: lines end in CRLF (no bare LF or CR) and are folded at 75 octets.
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  // 3.6: VERSION and PRODID are required; each VEVENT needs DTSTAMP and UID, and (with no METHOD) DTSTART.
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  for (const v of calendar.getAllSubcomponents('vevent')) {
    for (const required of ['uid', 'dtstamp', 'dtstart']) expect(v.hasProperty(required), required).toBe(true);
  }
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      startText: event.startDate.toString(),
      status: String(v.getFirstPropertyValue('status')),
      summary: event.summary,
      description: event.description ?? '',
    };
  });
}

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ roles: ['ADMIN'] });
  const board = await t.server.stores.records.prisma.board.findFirstOrThrow({
    where: { locality: { code: 'kington' }, kind: 'LOCALITY_BOARD', chairId: { not: null } },
    select: { id: true, chair: { select: { id: true, name: true, partnerId: true } } },
  });
  chair = board.chair!;
  boardId = globalId('Board', board.id);
  const res = await t.gql(
    `query($id: ID!) { locality(code: "kington") { calendarFeed { path personalPath } } node(id: $id) { ... on Board { calendarFeed { path } } } }`,
    { id: boardId },
    { token: admin },
  );
  expect(res.errors).toBeUndefined();
  // An admin token names no person: no personal feed.
  expect(res.data.locality.calendarFeed).toEqual({ path: '/calendars/localities/kington.ics', personalPath: null });
  expect(res.data.node.calendarFeed.path).toBe(`/calendars/boards/${board.id}.ics`);
  feeds = { locality: res.data.locality.calendarFeed.path, board: res.data.node.calendarFeed.path };
});
afterAll(async () => {
  await t?.stop();
});

describe('calendar feeds', () => {
  it('hold exactly the records’ meetings (annual conversations included) and consultation deadlines', async () => {
    const prisma = t.server.stores.records.prisma;
    // The sample records hold no annual conversation: book one through the API.
    const booked = await t.gql(
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      { input: { boardId, kind: 'ANNUAL_CONVERSATION', startsAt: '2027-03-01T18:00:00Z', location: 'Kington library' } },
      { token: admin },
    );
    expect(booked.errors).toBeUndefined();
    const from = new Date(Date.now() - 366 * 86_400_000);
    const kington = await prisma.locality.findUniqueOrThrow({ where: { code: 'kington' } });
    const meetings = await prisma.meeting.findMany({ where: { board: { localityId: kington.id }, startsAt: { gte: from } }, select: { id: true, kind: true } });
    const consultations = await prisma.consultation.findMany({
      where: { OR: [{ localityId: kington.id }, { board: { localityId: kington.id } }], deadline: { gte: from } },
      select: { id: true },
    });
    expect(meetings.length).toBeGreaterThan(0);
    expect(consultations.length).toBeGreaterThan(0);
    const events = await fetchFeed(feeds.locality);
    expect(events.filter((e) => e.uid.startsWith('meeting-')).map((e) => e.uid).sort()).toEqual(meetings.map((m) => `meeting-${m.id}@locality-intelligence`).sort());
    expect(events.filter((e) => e.uid.startsWith('consultation-')).map((e) => e.uid).sort()).toEqual(
      consultations.map((c) => `consultation-${c.id}@locality-intelligence`).sort(),
    );
    const annual = meetings.filter((m) => m.kind === 'ANNUAL_CONVERSATION');
    expect(annual.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.summary.includes('Annual conversation'))).toHaveLength(annual.length);
    // The board's feed: exactly its own meetings and the deadlines of its consultations.
    const boardRow = Number(feeds.board.match(/(\d+)\.ics$/)![1]);
    const [boardMeetings, boardConsultations] = await Promise.all([
      prisma.meeting.findMany({ where: { boardId: boardRow, startsAt: { gte: from } }, select: { id: true, startsAt: true, cancelled: true } }),
      prisma.consultation.findMany({ where: { boardId: boardRow, deadline: { gte: from } }, select: { id: true, deadline: true } }),
    ]);
    const boardEvents = await fetchFeed(feeds.board);
    expect(boardEvents.map((e) => e.uid).sort()).toEqual([
      ...boardMeetings.map((m) => `meeting-${m.id}@locality-intelligence`),
      ...boardConsultations.map((c) => `consultation-${c.id}@locality-intelligence`),
    ].sort());
    for (const m of boardMeetings) {
      const e = boardEvents.find((x) => x.uid === `meeting-${m.id}@locality-intelligence`)!;
      expect([e.start.getTime(), e.status]).toEqual([m.startsAt.getTime(), m.cancelled ? 'CANCELLED' : 'CONFIRMED']);
    }
    for (const c of boardConsultations) {
      const e = boardEvents.find((x) => x.uid === `consultation-${c.id}@locality-intelligence`)!;
      expect(e.startText).toBe(c.deadline.toISOString().slice(0, 10));
    }
    // A fixed number of statements however many boards and meetings (the county's hub has more).
    const kingtonCount = await t.countStatements(() => fetchFeed(feeds.locality));
    const herefordCount = await t.countStatements(() => fetchFeed('/calendars/localities/hereford-city.ics'));
    expect(herefordCount.records).toBe(kingtonCount.records);
    await fetchFeed('/calendars/localities/nowhere.ics', 404);
    await fetchFeed('/calendars/boards/999999.ics', 404);
  });

  it('keeps a moved meeting’s UID and raises its SEQUENCE; a cancelled one is STATUS:CANCELLED', async () => {
    const created = await t.gql(
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      { input: { boardId, kind: 'ANNUAL_CONVERSATION', startsAt: '2027-06-01T18:00:00Z', location: 'Kington town hall' } },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createMeeting.id;
    const meetingId = (await t.server.stores.records.prisma.meeting.findFirstOrThrow({ where: { startsAt: new Date('2027-06-01T18:00:00Z') } })).id;
    const uid = `meeting-${meetingId}@locality-intelligence`;
    const find = async (path: string) => (await fetchFeed(path)).filter((e) => e.uid === uid);

    expect(await find(feeds.board)).toMatchObject([{ sequence: 0, status: 'CONFIRMED', start: new Date('2027-06-01T18:00:00Z'), summary: expect.stringContaining('Annual conversation') }]);

    const moved = await t.gql(`mutation($id: ID!) { updateMeeting(id: $id, input: { startsAt: "2027-06-08T18:00:00Z" }) { id } }`, { id }, { token: admin });
    expect(moved.errors).toBeUndefined();
    expect(await find(feeds.locality)).toMatchObject([{ sequence: 1, status: 'CONFIRMED', start: new Date('2027-06-08T18:00:00Z') }]);

    const cancelled = await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id) { id } }`, { id }, { token: admin });
    expect(cancelled.errors).toBeUndefined();
    for (const path of [feeds.locality, feeds.board]) {
      expect(await find(path)).toMatchObject([{ sequence: 2, status: 'CANCELLED', start: new Date('2027-06-08T18:00:00Z') }]);
    }
  });

  it('names a chair who did not agree to the directory only in a personal feed, and refuses a bad key', async () => {
    await t.server.stores.records.prisma.person.update({ where: { id: chair.id }, data: { directoryConsent: false } });
    const anonymous = await fetchFeed(feeds.board);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.some((e) => e.description.includes(chair.name))).toBe(false);

    const token = await tokenFor({ personId: chair.id, partnerId: chair.partnerId ?? undefined, roles: ['READER'] });
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Board { calendarFeed { personalPath } } } }`, { id: boardId }, { token });
    const personal = res.data.node.calendarFeed.personalPath as string;
    expect(personal).toMatch(/^\/calendars\/boards\/\d+\.ics\?key=\d+\.[A-Za-z0-9_-]{22}$/);
    const named = await fetchFeed(personal);
    expect(named.some((e) => e.description.includes(`Chair: ${chair.name}`))).toBe(true);
    await fetchFeed(personal.replace(/key=(\d+)\./, (_m, n) => `key=${Number(n) + 1}.`), 401);
  });
});
