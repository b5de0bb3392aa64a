/**
 * iCalendar feeds (RFC 5545) of a locality's or a board's meetings (annual conversations
 * included) and consultation deadlines, written with ical-generator. What a subscribed calendar
 * relies on:
 * - each meeting is one VEVENT whose UID never changes (`meeting-<id>@locality-intelligence`), and
 *   whose SEQUENCE is the record's revision less one (RFC 5545 3.8.7.4: raised by every change),
 *   so a moved meeting replaces the old entry rather than adding a second;
 * - a cancelled meeting stays in the feed with STATUS:CANCELLED (3.8.1.11), so calendars remove
 *   it rather than keep a stale entry;
 * - a consultation's deadline is an all-day VEVENT (`consultation-<id>@...`), its SEQUENCE the
 *   consultation's revision less one; one closed early says so;
 * - meetings have no end in the records: each lasts MEETING_HOURS in the feed.
 * A person is named only where the viewer may see them (the consent rule of src/sharing/consent.ts:
 * an anonymous feed names only people who agreed to the directory).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { meetingKindWords } from './words.js';

export const MEETING_HOURS = 2;
const UID_DOMAIN = 'locality-intelligence';

export interface FeedMeeting {
  id: number;
  revision: number;
  kind: string;
  startsAt: Date;
  location: string | null;
  cancelled: boolean;
  updatedAt: Date;
  boardName: string;
  /** The chair's name, null when there is none or the viewer may not see them. */
  chairName: string | null;
}

export interface FeedConsultation {
  id: number;
  revision: number;
  subject: string;
  audience: string;
  opensOn: Date;
  deadline: Date;
  closedOn: Date | null;
  updatedAt: Date;
}

export interface Feed {
  name: string;
  description: string;
  meetings: FeedMeeting[];
  consultations: FeedConsultation[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The feed as iCalendar text. */
export function renderFeed(feed: Feed): string {
  const calendar = ical({
    name: feed.name,
    description: feed.description,
    prodId: { company: 'Locality Intelligence', product: 'calendar feeds', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const m of feed.meetings) {
    calendar.createEvent({
      id: `meeting-${m.id}@${UID_DOMAIN}`,
      sequence: m.revision - 1,
      start: m.startsAt,
      end: new Date(m.startsAt.getTime() + MEETING_HOURS * 3_600_000),
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      summary: `${m.boardName}: ${meetingKindWords(m.kind)}${m.cancelled ? ' (cancelled)' : ''}`,
      location: m.location,
      description: [`${meetingKindWords(m.kind)} of ${m.boardName}.`, m.chairName ? `Chair: ${m.chairName}.` : null].filter(Boolean).join('\n'),
      status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const c of feed.consultations) {
    calendar.createEvent({
      id: `consultation-${c.id}@${UID_DOMAIN}`,
      sequence: c.revision - 1,
      start: c.deadline,
      allDay: true,
      stamp: c.updatedAt,
      lastModified: c.updatedAt,
      summary: `Consultation deadline: ${c.subject}`,
      description: [
        `Open from ${day(c.opensOn)} to ${day(c.deadline)}, for ${c.audience.toLowerCase().replaceAll('_', ' ')}.`,
        c.closedOn ? `Closed on ${day(c.closedOn)}.` : null,
      ].filter(Boolean).join('\n'),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 3.1 ends every content line, END:VCALENDAR included, with CRLF; ical-generator
  // leaves the last one off (strict parsers such as Python's icalendar and some calendar apps
  // then drop or refuse the final line).
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
