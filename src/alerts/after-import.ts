/**
 * Alerts around a statistics import: read the watched figures (watch.ts), run the import, read
 * them again, record the alerts and deliveries for every change for the worse (notify.ts) and send
 * the deliveries (webhooks.ts, retried with backoff). The import itself is unchanged: it commits
 * (or is refused, raising nothing) before any alert is recorded, and an alert failure after a
 * commit is reported, never undoes the import.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Stores } from '../db/stores.js';
import type { StatisticsSettings } from '../statistics/loaders.js';
import { raiseAlerts } from './notify.js';
import { watchedFigures, worsenings } from './watch.js';
import { deliverAll, type WebhookSettings } from './webhooks.js';

export type AlertSettings = StatisticsSettings & WebhookSettings;

export interface AlertRun {
  events: number;
  alerts: number;
  deliveries: number;
  delivered: number;
  failed: number;
}

/** The settings alerts read from the configuration. */
export const alertSettings = (config: Config): AlertSettings => ({
  smallNumberThreshold: config.SMALL_NUMBER_THRESHOLD,
  minimumCoverage: config.PROFILE_MINIMUM_COVERAGE,
  maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
  backoffMs: config.WEBHOOK_BACKOFF_MS,
  timeoutMs: config.WEBHOOK_TIMEOUT_MS,
});

/** Run `work` (an import into `stores.analytics`), then alert on what it made worse. */
export async function importWithAlerts<T>(
  stores: Stores,
  settings: AlertSettings,
  work: () => Promise<T>,
  logger?: Logger,
): Promise<{ result: T; alerts: AlertRun }> {
  const prisma = stores.records.prisma;
  const before = await watchedFigures(prisma, stores.analytics, settings);
  const result = await work();
  const after = await watchedFigures(prisma, stores.analytics, settings);
  const raised = await raiseAlerts(prisma, worsenings(before, after));
  const statuses = await deliverAll(prisma, raised.deliveryIds, settings, logger);
  const delivered = [...statuses.values()].filter((s) => s === 'DELIVERED').length;
  const alerts = { events: raised.events, alerts: raised.alerts, deliveries: raised.deliveryIds.length, delivered, failed: raised.deliveryIds.length - delivered };
  if (raised.events > 0) logger?.info(alerts, 'alerts raised by the import');
  return { result, alerts };
}
