/**
 * The calendar feed routes a calendar application subscribes to (webcal or https):
 *   GET /calendars/localities/<locality code>.ics
 *   GET /calendars/boards/<board id>.ics
 * Without a key, a feed is what an anonymous viewer may see (or what the request's bearer token
 * may, for a client that sends one); with `?key=` (keys.ts, given by the `calendarFeed` fields
 * to a signed-in person) it is what that person may see. A key that does not verify, or names no
 * current person, is 401; an unknown locality or board 404.
 */
import { Router } from 'express';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient } from '../db/records.js';
import { handler, type RouteDeps, textParameter } from '../http/route-handler.js';
import type { Context } from '../schema/context.js';
import { type Feed, renderFeed } from './feed.js';
import { personOfFeedKey } from './keys.js';
import { boardFeed, localityFeed } from './records.js';

class FeedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function feedViewer(prisma: RecordsClient, ctx: Context, key: string | null): Promise<Viewer> {
  if (key === null) return ctx.viewer;
  const personId = personOfFeedKey(key);
  const person = personId === null ? null : await prisma.person.findUnique({ where: { id: personId }, select: { id: true, partnerId: true, endedOn: true } });
  if (!person || (person.endedOn && person.endedOn <= new Date())) throw new FeedError(401, 'This calendar key is not valid: copy the feed address again from your account.');
  return { anonymous: false, personId: person.id, partnerId: person.partnerId, roles: new Set(['READER']), localityCodes: new Set(), subject: `calendar:${person.id}` };
}

function send(res: import('express').Response, feed: Feed | null, filename: string, personal: boolean) {
  if (!feed) throw new FeedError(404, 'No such calendar.');
  res
    .status(200)
    .set('content-type', 'text/calendar; charset=utf-8')
    .set('content-disposition', `inline; filename="${filename}"`)
    .set('cache-control', personal ? 'private, no-cache' : 'public, max-age=300')
    .send(renderFeed(feed));
}

const failAsText = (res: import('express').Response, status: number, message: string) => res.status(status).type('text').send(message);

export function calendarsRouter(deps: RouteDeps): Router {
  const router = Router();
  const run = (work: (req: import('express').Request, res: import('express').Response, ctx: Context) => Promise<void>) =>
    handler(deps, async (req, res, ctx) => {
      try {
        await work(req, res, ctx);
      } catch (error) {
        if (!(error instanceof FeedError)) throw error;
        failAsText(res, error.status, error.message);
      }
    }, failAsText);
  router.get(
    '/calendars/localities/:code.ics',
    run(async (req, res, ctx) => {
      const key = textParameter(req, 'key');
      const viewer = await feedViewer(ctx.prisma, ctx, key);
      const code = String(req.params.code);
      send(res, await localityFeed(ctx.prisma, viewer, code), `${code}.ics`, key !== null);
    }),
  );
  router.get(
    '/calendars/boards/:id.ics',
    run(async (req, res, ctx) => {
      const key = textParameter(req, 'key');
      const viewer = await feedViewer(ctx.prisma, ctx, key);
      const id = /^[1-9][0-9]{0,9}$/.test(String(req.params.id)) ? Number(req.params.id) : null;
      send(res, id === null ? null : await boardFeed(ctx.prisma, viewer, id), `board-${req.params.id}.ics`, key !== null);
    }),
  );
  return router;
}
