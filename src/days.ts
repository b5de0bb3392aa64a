/**
 * Calendar days and date ranges, the one module for both. A day is midnight UTC (what the Date
 * scalar gives). Date ranges are half-open: a record starting on `startsOn` and ending on
 * `endsOn` holds from the start of `startsOn` to the start of `endsOn` (the day it ended), so a
 * hand-over on one day does not overlap and an end always comes after its start.
 */
import { BadUserInputError } from './errors.js';

/** Today as a calendar day (midnight UTC). */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Refuse an end that is not after its start (BAD_USER_INPUT on `field`). */
export function checkRange(startsOn: Date | null | undefined, endsOn: Date | null | undefined, field = 'input.endsOn'): void {
  if (startsOn && endsOn && endsOn.getTime() <= startsOn.getTime()) {
    throw new BadUserInputError(`${field}: must be after the start (${startsOn.toISOString().slice(0, 10)})`, { field });
  }
}

/** Records held on `on` (half-open ranges: started on or before it, not yet ended). */
export function heldOn(on: Date) {
  return { startsOn: { lte: on }, OR: [{ endsOn: null }, { endsOn: { gt: on } }] };
}

/** Records whose range overlaps [startsOn, endsOn). */
export function overlapping(startsOn: Date, endsOn: Date | null) {
  return {
    ...(endsOn ? { startsOn: { lt: endsOn } } : {}),
    OR: [{ endsOn: null }, { endsOn: { gt: startsOn } }],
  };
}
