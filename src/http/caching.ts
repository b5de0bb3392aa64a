/**
 * HTTP caching of GET answers (persisted and automatic persisted GraphQL queries, pages, CSV and
 * GeoJSON downloads): between data releases, an anonymous answer is the same for everyone, so it
 * carries an `ETag` and a request that sends it back (`If-None-Match`) gets `304 Not Modified`
 * without the answer being computed again.
 *
 * The tag is a hash of what the answer depends on:
 * - the analytics store's change token (`AnalyticsStore.changeToken`): new with every committed
 *   analytics write: a statistics release, a geography version loaded (the geography is mirrored
 *   into the analytics store in one transaction), costs and maps imports;
 * - the record store's latest audit event: every change to a record writes one (src/audit);
 * - today's date (the geography version in force, the default of every request, follows it);
 * - the request: method, path and query string (the persisted query's hash, its variables, a page's
 *   locality), and the `Accept` header.
 *
 * Restricted records are never cached across viewers: an answer to a signed-in viewer (who may see
 * restricted records) is `Cache-Control: private, no-store` with no tag; an anonymous answer, which
 * holds public data only, is `public, no-cache` (a cache may keep it but must revalidate it). An
 * answer that is not a 200, or a GraphQL answer with errors (say an automatic persisted query the
 * server has not seen yet), loses its tag and is `no-store`, so a later 304 never confirms it.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient } from '../db/records.js';

export interface CachingSources {
  /** The analytics data's version: `AnalyticsStore.changeToken` (a published snapshot's id would do as well). */
  dataToken(): Promise<string>;
  prisma: RecordsClient;
  viewerOf(req: Request): Viewer | undefined;
}

/** The validator of an anonymous GET answer (a strong tag: the answer is byte-for-byte the same). */
export async function answerTag(sources: CachingSources, req: Request): Promise<string> {
  const [analytics, latest] = await Promise.all([
    sources.dataToken(),
    sources.prisma.auditEvent.findFirst({ select: { id: true }, orderBy: { id: 'desc' } }),
  ]);
  const hash = createHash('sha256')
    .update(JSON.stringify([analytics, latest?.id ?? 0, new Date().toISOString().slice(0, 10), req.method, req.originalUrl, req.headers.accept ?? '']))
    .digest('base64url')
    .slice(0, 32);
  return `"${hash}"`;
}

const TAG = Symbol('answer-tag');

/** The request's tag, computed once per request: httpCaching and src/http/answer-cache.ts both need it. */
export function requestTag(sources: CachingSources, req: Request, res: Response): Promise<string> {
  const locals = res.locals as { [TAG]?: Promise<string> };
  return (locals[TAG] ??= answerTag(sources, req));
}

/** Whether an If-None-Match header names the tag (or is `*`). */
export function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/**
 * Whether an answer about to be sent is whole and successful: status 200 and, for JSON, no
 * `errors` (`"errors":[` unescaped is a JSON key; inside a string value its quotes would be
 * escaped). Only such an answer keeps its tag, or is kept by src/http/answer-cache.ts.
 */
export function isWholeAnswer(res: Response, body: string | Buffer): boolean {
  return res.statusCode === 200 && !((res.get('Content-Type') ?? '').includes('json') && body.includes('"errors":['));
}

/** Middleware for every route after /healthz (the viewer is known): tags, 304s and Cache-Control. */
export function httpCaching(sources: CachingSources) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const viewer = sources.viewerOf(req);
    res.vary('Authorization');
    if (!viewer || !viewer.anonymous) {
      res.set('Cache-Control', 'private, no-store');
      return next();
    }
    let tag: string;
    try {
      tag = await requestTag(sources, req, res);
    } catch (error) {
      return next(error);
    }
    if (matches(req.headers['if-none-match'], tag)) {
      res.status(304).set('ETag', tag).set('Cache-Control', 'public, no-cache').end();
      return;
    }
    res.set('ETag', tag).set('Cache-Control', 'public, no-cache');
    // Keep the tag only on a whole, successful answer.
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : '';
      if (!isWholeAnswer(res, text)) {
        res.removeHeader('ETag');
        res.set('Cache-Control', 'no-store');
      }
      return send(body);
    };
    next();
  };
}
