/**
 * The write boundary's part of the graph: the `expectedRevision` argument every mutation that
 * changes an existing record takes, the `revision` field every changeable record exposes, and the
 * one place such a mutation turns its `id` and `expectedRevision` into a Target (src/writes/boundary.ts).
 */
import { BadUserInputError } from '../errors.js';
import { idOf } from '../partnership/common.js';
import type { Target } from './boundary.js';

export const EXPECTED_REVISION =
  'The `revision` of the record as you last read it: if it has changed since, nothing is written and the answer is CONFLICT (`extensions.rule: STALE_WRITE`). Leave it out to apply the change on the current record.';
export const REVISION = 'Incremented by every change to the record: send it back as `expectedRevision` to change it only if nobody else has.';

/** The record a mutation changes: its global id of `typename`, decoded, and the revision the client expects. */
export function targetOf(typename: string, args: { id: string | number; expectedRevision?: number | null }): Target {
  const expectedRevision = args.expectedRevision ?? null;
  if (expectedRevision !== null && expectedRevision < 1) {
    throw new BadUserInputError('expectedRevision: a revision is 1 or more', { field: 'expectedRevision' });
  }
  return { id: idOf(typename, String(args.id)), expectedRevision };
}
