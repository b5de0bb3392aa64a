/**
 * The write boundary's part of the graph: the `id` and `expectedRevision` arguments every mutation
 * that changes an existing record takes (`targetArgs`), parsed once by the validation plugin into
 * the Target the domain function takes (src/writes/boundary.ts), and the `revision` field every
 * changeable record exposes.
 */
import type { ArgBuilder } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { z } from 'zod';
import type { BuilderTypes } from '../schema/builder.js';
import { globalId } from '../schema/input.js';

export const EXPECTED_REVISION =
  'The `revision` of the record as you last read it: if it has changed since, nothing is written and the answer is CONFLICT (`extensions.rule: STALE_WRITE`). Leave it out to apply the change on the current record.';
export const REVISION = 'Incremented by every change to the record: send it back as `expectedRevision` to change it only if nobody else has.';

const revision = z.number().int().min(1, 'a revision is 1 or more').nullish();

/**
 * The record a mutation changes: `id`, a global id of `typename` decoded to the record's id, and
 * `expectedRevision`. The parsed arguments are a Target as they stand (`args` may be passed on).
 */
export function targetArgs(arg: ArgBuilder<BuilderTypes>, typename: string, description: string): ReturnType<typeof targetArgsOf<number>>;
export function targetArgs<T>(arg: ArgBuilder<BuilderTypes>, id: StandardSchemaV1<unknown, T>, description: string): ReturnType<typeof targetArgsOf<T>>;
export function targetArgs(arg: ArgBuilder<BuilderTypes>, id: string | StandardSchemaV1<unknown, unknown>, description: string) {
  return targetArgsOf(arg, typeof id === 'string' ? globalId(id) : id, description);
}

function targetArgsOf<T>(arg: ArgBuilder<BuilderTypes>, id: StandardSchemaV1<unknown, T>, description: string) {
  return {
    id: arg.id({ required: true, description }).validate(id),
    expectedRevision: expectedRevisionArg(arg),
  };
}

/** `expectedRevision` alone, for a change named by an id inside its input. */
export const expectedRevisionArg = (arg: ArgBuilder<BuilderTypes>) =>
  arg.int({ required: false, description: EXPECTED_REVISION }).validate(revision);

/** A global id argument of `typename` (required or not), decoded once. */
export function idArg(arg: ArgBuilder<BuilderTypes>, typename: string, description: string) {
  return arg.id({ required: true, description }).validate(globalId(typename));
}
