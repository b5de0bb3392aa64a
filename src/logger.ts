/** The one logger factory (pino, JSON lines to stdout); the level comes from LOG_LEVEL. */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'locality-intelligence' } });
}
