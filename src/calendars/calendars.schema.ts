/**
 * Where to subscribe: `Locality.calendarFeed` and `Board.calendarFeed` give the feed's path
 * (router.ts) and, for a signed-in person, their personal path with its key (keys.ts).
 */
import { asFieldRef, builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { feedKeyFor } from './keys.js';

interface FeedPaths {
  path: string;
}

const CalendarFeedRef = builder.objectRef<FeedPaths>('CalendarFeed').implement({
  description: 'An iCalendar (RFC 5545) feed of meetings (annual conversations included) and consultation deadlines, for a calendar application to subscribe to.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The public feed’s path on this server (what anyone may see), e.g. /calendars/localities/kington.ics.' }),
    personalPath: t.string({
      nullable: true,
      description: 'The viewer’s own feed path, with a key naming them (what they may see); null without a signed-in person. Keep it private.',
      resolve: (f, _args, ctx: Context) => (ctx.viewer.personId === null ? null : `${f.path}?key=${feedKeyFor(ctx.viewer.personId)}`),
    }),
  }),
});

builder.prismaObjectField('Locality', 'calendarFeed', (t) =>
  asFieldRef(t.field({
    type: CalendarFeedRef,
    description: 'The locality’s calendar feed: its boards’ meetings and its consultation deadlines.',
    select: { code: true },
    resolve: (l) => ({ path: `/calendars/localities/${l.code}.ics` }),
  })),
);

builder.prismaObjectField('Board', 'calendarFeed', (t) =>
  asFieldRef(t.field({
    type: CalendarFeedRef,
    description: 'The board’s calendar feed: its meetings and consultation deadlines.',
    select: { id: true },
    resolve: (b) => ({ path: `/calendars/boards/${b.id}.ics` }),
  })),
);
