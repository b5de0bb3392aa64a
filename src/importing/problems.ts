/**
 * Problems found while validating an import, each tied to a file and line. Importers collect
 * every problem before writing anything; if there is one, nothing is written and the whole list
 * is reported (`ImportRejectedError`, a BAD_USER_INPUT carrying `extensions.problems`).
 */
import { BadUserInputError } from '../errors.js';

export interface ImportProblem {
  file: string;
  /** 1-based line in the file (0: the file as a whole, or the command's own arguments). */
  line: number;
  reason: string;
  /** The column at fault, when one is (its header as the importer names it). */
  column?: string;
}

/** At most this many problems travel in one error; the count says how many there were. */
const REPORTED = 1000;

export class ImportProblems {
  readonly list: ImportProblem[] = [];

  add(file: string, line: number, reason: string, column?: string): void {
    this.list.push(column === undefined ? { file, line, reason } : { file, line, reason, column });
  }

  get size(): number {
    return this.list.length;
  }

  /** Throw an `ImportRejectedError` if any problem was found. */
  throwIfAny(what: string): void {
    if (this.list.length > 0) throw new ImportRejectedError(what, this.list);
  }
}

export class ImportRejectedError extends BadUserInputError {
  readonly problems: ImportProblem[];

  constructor(what: string, problems: ImportProblem[]) {
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    super(`${what} rejected: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`, {
      problemCount: problems.length,
      problems: sorted.slice(0, REPORTED),
    });
    this.problems = sorted;
  }

  /** One line per problem, for a terminal. */
  report(): string {
    return [this.message, ...this.problems.map((p) => `  ${p.file}:${p.line}: ${p.column ? `${p.column}: ` : ''}${p.reason}`)].join('\n');
  }
}
