/**
 * Progress of a long import on a terminal: a single line on stderr, rewritten in place, and only
 * when stderr is a TTY (so logs, pipes and tests see nothing). Importers take an optional
 * `Progress` and call `step` as they read; the command line passes `terminalProgress()`.
 */
export interface Progress {
  /** `done` of `total` units (rows, files) of `stage`; total may be unknown. */
  step(stage: string, done: number, total?: number): void;
  /** End the line. */
  end(): void;
}

export const silentProgress: Progress = { step: () => {}, end: () => {} };

/** Progress on stderr when it is a terminal; silent otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  let last = 0;
  let shown = false;
  return {
    step(stage, done, total) {
      const now = Date.now();
      if (now - last < 100 && total !== done) return;
      last = now;
      shown = true;
      const of = total === undefined ? '' : ` of ${total.toLocaleString('en-GB')}`;
      stream.write(`\r\u001b[2K${stage}: ${done.toLocaleString('en-GB')}${of}`);
    },
    end() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
