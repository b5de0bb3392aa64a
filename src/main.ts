/**
 * `npm start`: read the environment, start the server, stop gracefully on SIGTERM/SIGINT.
 * A bad setting stops start-up with one line naming it, and exit code 1.
 */
import { ConfigError, loadConfig } from './config.js';
import { StartupError } from './db/stores.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  let server;
  try {
    server = await startServer(config, logger);
  } catch (error) {
    if (error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = server;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}

await main();
