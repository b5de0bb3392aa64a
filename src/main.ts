/**
 * `npm start`: start the server from the environment (src/start.ts), stop gracefully on
 * SIGTERM/SIGINT. A bad setting stops start-up with one line naming it, and exit code 1.
 */
import { startFromEnvironment } from './start.js';

const running = await startFromEnvironment(process.env, (line) => process.stderr.write(`${line}\n`));
if (!running) process.exit(1);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    running.logger.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}
