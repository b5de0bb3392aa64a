/**
 * The server's own cache of anonymous answers (issue 18: "serve a profile at the cost of reading
 * it"). Between two data releases and two record changes an anonymous answer is the same for
 * everyone: src/http/caching.ts already names it by a tag (the served analytics snapshot, the
 * record store's latest audit event, today's date and the request). This keeps the answer's bytes
 * under that tag, plus the request body's hash for a POST (a GraphQL query sent as JSON), so the
 * next identical request is answered from memory without running GraphQL or touching DuckDB.
 *
 * - Only anonymous viewers: an answer to a signed-in viewer may hold restricted records and is never
 *   kept, nor is a kept answer ever given to one (they always get their own).
 * - Only whole successful answers: status 200 and, for JSON, no `errors` (as the ETag rule).
 * - A new release, a geography version, any audited record change or a new day gives a new tag,
 *   so an old answer is never served again (it ages out of the LRU).
 * - Bounded by bytes (`ANSWER_CACHE_MEGABYTES`, 0 turns it off), least recently used first out:
 *   lru-cache (the package Apollo Server itself uses) rather than a hand-written map.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { type CachingSources, isWholeAnswer, requestTag } from './caching.js';

interface Kept {
  type: string;
  body: Buffer;
}

export interface AnswerCache {
  middleware(req: Request, res: Response, next: NextFunction): Promise<void>;
}

const HANDLED = Symbol('answer-cache');

/** The key of a request: its tag, and for a POST the hash of its parsed JSON body. */
async function keyOf(sources: CachingSources, req: Request, res: Response): Promise<string | null> {
  if (req.method === 'GET') return requestTag(sources, req, res);
  if (req.method !== 'POST' || typeof req.body !== 'object' || req.body === null) return null;
  const body = createHash('sha256').update(JSON.stringify(req.body)).digest('base64url');
  return `${await requestTag(sources, req, res)}:${body}`;
}

export function answerCache(sources: CachingSources, maxBytes: number): AnswerCache {
  const kept = maxBytes > 0 ? new LRUCache<string, Kept>({ maxSize: maxBytes, sizeCalculation: (v, k) => v.body.length + k.length + 64 }) : null;
  return {
    async middleware(req, res, next) {
      // Mounted for every route and again after /graphql's JSON parser: one look per request.
      const locals = res.locals as { [HANDLED]?: boolean };
      if (!kept || locals[HANDLED] || !sources.viewerOf(req)?.anonymous) return next();
      let key: string | null;
      try {
        key = await keyOf(sources, req, res);
      } catch (error) {
        return next(error);
      }
      if (key === null) return next(); // a POST whose body is not parsed yet: /graphql looks again
      locals[HANDLED] = true;
      const hit = kept.get(key);
      if (hit) {
        res.status(200).type(hit.type).send(hit.body);
        return;
      }
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
        const type = res.get('Content-Type') ?? '';
        if (bytes !== null && type !== '' && bytes.length <= maxBytes && isWholeAnswer(res, bytes)) kept.set(key, { type, body: bytes });
        return send(body);
      };
      next();
    },
  };
}
