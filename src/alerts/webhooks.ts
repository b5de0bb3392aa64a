/**
 * Outbound webhooks: each delivery's JSON body is POSTed to its subscription's URL, signed with
 * HMAC-SHA256 under the subscription's secret (the header `X-Locality-Signature: sha256=<hex of
 * HMAC(secret, body)>`, as GitHub signs its webhooks; the receiver recomputes it over the raw body
 * and compares in constant time). A 2xx answer delivers it; anything else (another status, a
 * refused connection, no answer within the timeout) is retried with exponential backoff, the n-th
 * retry `backoffMs x 2^(n-1)` after the failure, up to `maxAttempts` attempts in all, then the
 * delivery is FAILED. Every attempt is logged in the record store (WebhookAttempt: when, the
 * status or the error, how long it took) as it ends, and the delivery's status kept current.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RecordsClient } from '../db/records.js';

export interface WebhookSettings {
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
}

export const SIGNATURE_HEADER = 'x-locality-signature';

/** `sha256=<hex>`: the signature of `body` under `secret`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function attemptOnce(url: string, headers: Record<string, string>, body: string, timeoutMs: number) {
  const started = Date.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { httpStatus: response.status, error: response.ok ? null : `HTTP ${response.status}`, durationMs: Date.now() - started };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message) : String(error);
    return { httpStatus: null, error: reason.slice(0, 500), durationMs: Date.now() - started };
  }
}

/** Deliver one delivery (by id) until delivered or out of attempts; its final status. */
export async function deliver(prisma: RecordsClient, deliveryId: number, settings: WebhookSettings, logger?: Logger): Promise<'DELIVERED' | 'FAILED'> {
  const delivery = await prisma.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { body: true, attemptCount: true, subscription: { select: { url: true, secret: true } } },
  });
  const { url, secret } = delivery.subscription;
  for (let attempt = delivery.attemptCount + 1; attempt <= settings.maxAttempts; attempt += 1) {
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'locality-intelligence-webhooks',
      'x-locality-event': 'priority.evidence.worsened',
      'x-locality-delivery': String(deliveryId),
      'x-locality-attempt': String(attempt),
      [SIGNATURE_HEADER]: signBody(secret, delivery.body),
    };
    const outcome = await attemptOnce(url, headers, delivery.body, settings.timeoutMs);
    const delivered = outcome.error === null;
    const last = attempt === settings.maxAttempts;
    await prisma.$transaction([
      prisma.webhookAttempt.create({ data: { deliveryId, attempt, ...outcome } }),
      prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { attemptCount: attempt, status: delivered ? 'DELIVERED' : last ? 'FAILED' : 'PENDING', deliveredAt: delivered ? new Date() : null },
      }),
    ]);
    if (delivered) return 'DELIVERED';
    logger?.warn({ deliveryId, attempt, error: outcome.error }, 'webhook delivery attempt failed');
    if (!last) await sleep(settings.backoffMs * 2 ** (attempt - 1));
  }
  return 'FAILED';
}

/** Deliver several at once (each retried on its own); their final statuses by id. */
export async function deliverAll(prisma: RecordsClient, ids: readonly number[], settings: WebhookSettings, logger?: Logger) {
  const statuses = await Promise.all(ids.map((id) => deliver(prisma, id, settings, logger)));
  return new Map(ids.map((id, i) => [id, statuses[i]!]));
}
