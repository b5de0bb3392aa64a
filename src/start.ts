/**
 * Starting the server from an environment, as `npm start` does (src/main.ts is the process around
 * it): a bad setting, or a store or port that cannot be had, is one line on `stderr` naming the
 * variable, and no server (main.ts then exits 1). Callable in-process, so the tests of every
 * refusal need no process of their own.
 */
import { ConfigError, loadConfig } from './config.js';
import { StartupError } from './errors.js';
import { createLogger } from './logger.js';
import type { RunningServer } from './server.js';

export async function startFromEnvironment(
  env: Record<string, string | undefined>,
  stderr: (line: string) => void,
): Promise<RunningServer | null> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    stderr(error.message);
    return null;
  }
  // The server's code (every domain, both Prisma clients, DuckDB) loads only once the settings
  // pass: a bad setting is refused in under a second, not after seconds of loading modules.
  const { startServer } = await import('./server.js');
  try {
    return await startServer(config, createLogger(config));
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    stderr(error.message);
    return null;
  }
}
