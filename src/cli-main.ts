/**
 * The command line as a process (`npm run db:migrate`, `npm run import:...`, `npm run token`):
 * src/cli.ts's run() on the process's arguments, streams and environment; its answer is the exit code.
 */
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
