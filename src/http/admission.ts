/**
 * Admission control: at most `capacity` requests are served at once, at most `queue` more wait
 * (first come, first served), and the rest are refused at once with `503 Service Unavailable` and
 * `Retry-After`, instead of every request's latency growing with the number of clients. A client
 * (by its address) holding more than `perClient` requests (served or waiting) is refused with
 * `429 Too Many Requests` and `Retry-After`, so one busy client cannot fill the queue for everyone.
 *
 * Mounted after /healthz, which bypasses it and stays fast under load; `/healthz` reports the
 * current load (`active`, `queued`). A request leaves its slot when its response has finished or
 * its connection closed; a queued request whose client went away leaves the queue.
 */
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors.js';

export interface AdmissionSettings {
  /** Requests served at once. */
  capacity: number;
  /** Requests waiting for a slot; beyond that, 503. */
  queue: number;
  /** Requests (served or waiting) one client may hold; beyond that, 429. 0: no limit per client. */
  perClient: number;
  /** Seconds a refused client is told to wait (Retry-After). */
  retryAfter: number;
}

export interface Admission {
  middleware(req: Request, res: Response, next: NextFunction): void;
  load(): { active: number; queued: number; capacity: number; queueLimit: number };
}

export function admission(settings: AdmissionSettings): Admission {
  let active = 0;
  const waiting: { start: () => void; gone: () => boolean }[] = [];
  const perClient = new Map<string, number>();

  const refuse = (res: Response, status: 429 | 503, message: string) => {
    res
      .status(status)
      .set('Retry-After', String(settings.retryAfter))
      .set('Cache-Control', 'no-store')
      .json({ errors: [{ message, extensions: { code: status === 429 ? ErrorCode.TOO_MANY_REQUESTS : ErrorCode.SERVICE_UNAVAILABLE } }] });
  };

  const startNext = () => {
    while (active < settings.capacity && waiting.length > 0) {
      const next = waiting.shift()!;
      if (next.gone()) continue;
      next.start();
    }
  };

  return {
    load: () => ({ active, queued: waiting.length, capacity: settings.capacity, queueLimit: settings.queue }),
    middleware(req, res, next) {
      const client = req.socket.remoteAddress ?? 'unknown';
      const held = perClient.get(client) ?? 0;
      if (settings.perClient > 0 && held >= settings.perClient) {
        return refuse(res, 429, `Too many requests from this client at once (${settings.perClient}): retry after ${settings.retryAfter} s`);
      }
      if (active >= settings.capacity && waiting.length >= settings.queue) {
        return refuse(res, 503, `The server is at capacity: retry after ${settings.retryAfter} s`);
      }
      perClient.set(client, held + 1);
      let started = false;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        const left = (perClient.get(client) ?? 1) - 1;
        if (left <= 0) perClient.delete(client);
        else perClient.set(client, left);
        if (started) {
          active -= 1;
          startNext();
        }
      };
      res.once('finish', finish);
      res.once('close', finish);
      const start = () => {
        started = true;
        active += 1;
        next();
      };
      if (active < settings.capacity) start();
      else waiting.push({ start, gone: () => finished });
    },
  };
}
