/**
 * Import progress shows on a terminal only: a stream that is not a TTY (a pipe, a log file, the
 * tests' own child processes) gets nothing; a TTY gets one line rewritten in place, cleared at the end.
 */
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/importing/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream };
}

describe('import progress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const s = stream(false);
    const progress = terminalProgress(s.stream);
    progress.step('police.uk files', 1, 5);
    progress.end();
    expect(s.written).toEqual([]);
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    const s = stream(true);
    const progress = terminalProgress(s.stream);
    progress.step('police.uk files', 0, 5);
    progress.step('police.uk rows', 20000);
    progress.step('police.uk files', 5, 5); // the last step always shows
    progress.end();
    expect(s.written[0]).toBe('\r\u001b[2Kpolice.uk files: 0 of 5');
    expect(s.written.at(-2)).toBe('\r\u001b[2Kpolice.uk files: 5 of 5');
    expect(s.written.at(-1)).toBe('\r\u001b[2K');
  });
});
