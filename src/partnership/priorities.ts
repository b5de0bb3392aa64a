/**
 * Priorities of boards and locality plans. A board holds three to five LIVE priorities: a change
 * that would leave it more than five is a CONFLICT, and boards with fewer than three are listed by
 * the health check. Concurrent changes on one board cannot both squeeze in: each locks the board's
 * row (lockRecord) before counting, so the second counts what the first committed.
 *
 * Evidence links a priority to profile indicators by their catalogue id, so partnerships whose
 * priorities share a theme or an indicator can be found (sharedPriorities).
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, found } from '../errors.js';
import type { PriorityStatus } from '../generated/prisma/sqlite/enums.js';
import { recordAudit } from '../audit/audit.js';
import { checkRange, today } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkIndicators } from '../statistics/catalogue.js';
import { checkRevision, requireLeadOf, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const MAX_LIVE_PRIORITIES = 5;
export const MIN_LIVE_PRIORITIES = 3;
export const PRIORITY_STATUSES = ['DRAFT', 'LIVE', 'ACHIEVED', 'DROPPED'] as const satisfies readonly PriorityStatus[];

const INDICATOR_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const evidence = z
  .array(z.string().trim().regex(INDICATOR_ID, 'must be an indicator id (lower-case, e.g. imd-most-deprived-20pc)'))
  .max(20, 'at most 20 indicators')
  .transform((ids) => [...new Set(ids)]);

export const createPriorityInput = z.object({
  boardId: globalId('Board').nullish(),
  planId: globalId('LocalityPlan').nullish(),
  title: text(300),
  description: optionalText(5000),
  theme: text(100),
  status: z.enum(PRIORITY_STATUSES).nullish().transform((status) => status ?? 'DRAFT'),
  startsOn: day.nullish(),
  endsOn: day.nullish(),
  evidence: evidence.nullish(),
});
export type CreatePriority = z.output<typeof createPriorityInput>;

export const updatePriorityInput = z.object({
  title: text(300).optional(),
  description: optionalText(5000),
  theme: text(100).optional(),
  status: z.enum(PRIORITY_STATUSES).optional(),
  startsOn: day.nullish(),
  endsOn: day.nullish(),
  evidence: evidence.optional(),
});
export type UpdatePriority = z.output<typeof updatePriorityInput>;

export const endPriorityInput = z.object({ status: z.enum(['ACHIEVED', 'DROPPED']), endsOn: day.nullish() });

/**
 * Lock the board and refuse a sixth live priority. `except` is the priority being changed (it is
 * not counted twice).
 */
async function checkLiveLimit(tx: Tx, boardId: number, except?: number): Promise<void> {
  await lockRecord(tx, 'Board', boardId);
  const live = await tx.priority.count({ where: { boardId, status: 'LIVE', ...(except === undefined ? {} : { id: { not: except } }) } });
  if (live >= MAX_LIVE_PRIORITIES) {
    throw new ConflictError(`The board already has ${live} live priorities: a board holds at most ${MAX_LIVE_PRIORITIES}. Achieve or drop one first.`, {
      rule: 'FIVE_LIVE_PRIORITIES',
      liveCount: live,
    });
  }
}

async function snapshot(tx: Tx, id: number) {
  const priority = await tx.priority.findUnique({ where: { id }, include: { evidence: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } } } });
  if (!priority) return null;
  const { evidence: links, ...columns } = priority;
  return { ...columns, evidence: links.map((link) => link.indicatorId) };
}

async function setEvidence(tx: Tx, priorityId: number, ids: readonly string[]): Promise<void> {
  await tx.priorityEvidence.deleteMany({ where: { priorityId } });
  await tx.priorityEvidence.createMany({ data: ids.map((indicatorId) => ({ priorityId, indicatorId })) });
}

/**
 * The locality a priority belongs to (its board's, else its plan's), after checking in the write
 * transaction that the viewer may change both the board and the plan it names: a lead cannot
 * reach a county board through their own locality's plan.
 */
async function localityOf(tx: Tx, viewer: Viewer, boardId: number | null, planId: number | null): Promise<number | null> {
  const board = boardId === null ? null : found(await tx.board.findUnique({ where: { id: boardId }, select: { localityId: true } }), 'Board', boardId);
  const plan = planId === null ? null : found(await tx.localityPlan.findUnique({ where: { id: planId }, select: { localityId: true } }), 'Locality plan', planId);
  if (board) await requireLeadOf(tx, viewer, [board.localityId], 'The board');
  if (plan) await requireLeadOf(tx, viewer, [plan.localityId], 'The locality plan');
  if (board && plan && board.localityId !== null && board.localityId !== plan.localityId) {
    throw new BadUserInputError("input.planId: the plan is another locality's than the board", { field: 'input.planId' });
  }
  return board ? (board.localityId ?? plan?.localityId ?? null) : (plan?.localityId ?? null);
}

export async function createPriority(db: RecordsClient, viewer: Viewer, catalogue: ReadonlyMap<string, unknown>, input: CreatePriority): Promise<number> {
  const boardId = input.boardId ?? null;
  const planId = input.planId ?? null;
  if (boardId === null && planId === null) {
    throw new BadUserInputError('input.boardId: a priority belongs to a board or a locality plan: give one', { field: 'input.boardId' });
  }
  checkRange(input.startsOn, input.endsOn);
  if (input.evidence) checkIndicators(catalogue, input.evidence, 'input.evidence');
  return db.$transaction(async (tx) => {
    const localityId = await localityOf(tx, viewer, boardId, planId);
    if (boardId !== null && input.status === 'LIVE') await checkLiveLimit(tx, boardId);
    const { evidence: ids, ...columns } = input;
    const priority = await tx.priority.create({ data: { ...columns, boardId, planId, localityId }, select: { id: true } });
    if (ids) await setEvidence(tx, priority.id, ids);
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Priority', entityId: priority.id, after: await snapshot(tx, priority.id) });
    return priority.id;
  });
}

export async function updatePriority(
  db: RecordsClient,
  viewer: Viewer,
  catalogue: ReadonlyMap<string, unknown>,
  target: Target,
  input: Partial<UpdatePriority>,
  ending = false,
): Promise<number> {
  const { id } = target;
  if (input.evidence) checkIndicators(catalogue, input.evidence, 'input.evidence');
  return db.$transaction(async (tx) => {
    await lockRecord(tx, 'Priority', id);
    const before = found(await snapshot(tx, id), 'Priority', id);
    await requireLeadOf(tx, viewer, [before.localityId], 'The priority');
    checkRevision('Priority', before, target.expectedRevision);
    if (ending && (before.status === 'ACHIEVED' || before.status === 'DROPPED')) {
      throw new ConflictError(`The priority is already ${before.status.toLowerCase()}`);
    }
    const startsOn = input.startsOn === undefined ? before.startsOn : input.startsOn;
    const endsOn = input.endsOn === undefined ? before.endsOn : input.endsOn;
    checkRange(startsOn, endsOn, ending ? 'endsOn' : input.endsOn === undefined ? 'input.startsOn' : 'input.endsOn');
    if (before.boardId !== null && input.status === 'LIVE' && before.status !== 'LIVE') await checkLiveLimit(tx, before.boardId, id);
    const { evidence: ids, ...columns } = input;
    await tx.priority.update({ where: { id }, data: { ...columns, ...REVISE } });
    if (ids !== undefined) await setEvidence(tx, id, ids);
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Priority', entityId: id, before, after: await snapshot(tx, id) });
    return id;
  });
}

/** Achieve or drop a priority (it leaves the board's live count), on `endsOn` (default today). */
export function endPriority(db: RecordsClient, viewer: Viewer, target: Target, status: 'ACHIEVED' | 'DROPPED', endsOn?: Date | null) {
  return updatePriority(db, viewer, new Map(), target, { status, endsOn: endsOn ?? today() }, true);
}

/** Ids of active boards with fewer than `minimum` live priorities (two queries, whatever the number of boards). */
export async function boardsShortOfPriorities(db: Db, where: object, minimum = MIN_LIVE_PRIORITIES): Promise<number[]> {
  const counts = await db.priority.groupBy({ by: ['boardId'], where: { status: 'LIVE', boardId: { not: null } }, _count: { _all: true } });
  const enough = counts.filter((row) => row._count._all >= minimum && row.boardId !== null).map((row) => row.boardId as number);
  const boards = await db.board.findMany({ where: { ...where, id: { notIn: enough } }, select: { id: true }, orderBy: { id: 'asc' } });
  return boards.map((board) => board.id);
}

export type SharedBy = 'THEME' | 'INDICATOR';

/** A theme or indicator shared by the live priorities of two or more boards. */
export interface SharedGroup<P> {
  by: SharedBy;
  key: string;
  priorities: P[];
  boardIds: number[];
  localityIds: number[];
}

/**
 * Group live priorities by theme (compared trimmed and case-insensitively) or by evidence
 * indicator, keeping groups that span at least `minBoards` boards. Pure: the caller loads the
 * priorities (one query) with whatever else it needs.
 */
export function groupShared<P extends { boardId: number | null; localityId: number | null; theme: string; evidence: { indicatorId: string }[] }>(
  priorities: readonly P[],
  by: SharedBy,
  minBoards = 2,
): SharedGroup<P>[] {
  const groups = new Map<string, P[]>();
  for (const priority of priorities) {
    const keys = by === 'THEME' ? [priority.theme.trim().toLowerCase()] : priority.evidence.map((link) => link.indicatorId);
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), priority]);
  }
  const distinct = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))].sort((a, b) => a - b);
  return [...groups.entries()]
    .map(([key, members]) => ({
      by,
      key,
      priorities: members,
      boardIds: distinct(members.map((p) => p.boardId)),
      localityIds: distinct(members.map((p) => p.localityId)),
    }))
    .filter((group) => group.boardIds.length >= minBoards)
    .sort((a, b) => b.boardIds.length - a.boardIds.length || a.key.localeCompare(b.key));
}
