/**
 * A page or a download as an Express handler: make the request's GraphQL context (as /graphql
 * makes it, so the viewer is the same), do the work, and answer an error with the status its
 * code means. A typed error's message is shown; anything else is logged here in full and shown
 * as a generic message, as the API masks it.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Context } from '../schema/context.js';
import { httpStatusOf } from './graphql-in-process.js';

export interface RouteDeps {
  /** The request's GraphQL context, made exactly as the /graphql endpoint makes it. */
  context: (req: Request) => Promise<Context>;
  logger: Logger;
}

export type Failure = (res: Response, status: number, message: string) => void;

export function handler(
  deps: RouteDeps,
  work: (req: Request, res: Response, ctx: Context) => Promise<void>,
  fail: Failure,
): RequestHandler {
  return async (req, res) => {
    try {
      await work(req, res, await deps.context(req));
    } catch (error) {
      const { status, message } = httpStatusOf(error);
      if (status === 500) deps.logger.error({ err: error, url: req.originalUrl }, 'page or download failed');
      fail(res, status, message ?? 'Something went wrong on our side; it has been logged.');
    }
  };
}

/** A comma-separated list in the query string (`?localities=a,b`), or null when absent. */
export function listParameter(req: Request, name: string): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  const text = Array.isArray(raw) ? raw.join(',') : String(raw);
  return [...new Set(text.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}

/** A single query-string value, or null. */
export function textParameter(req: Request, name: string): string | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  const text = (Array.isArray(raw) ? String(raw[0]) : String(raw)).trim();
  return text === '' ? null : text;
}
