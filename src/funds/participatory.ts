/**
 * Participatory budgeting: a round on a fund (open and close days, the pot on offer), proposals
 * from community groups, approval ballots, and the count.
 *
 * - Opening a round reserves its pot in the fund (checked against what is uncommitted, under the
 *   fund's lock, like a commission), so a round can never promise money the fund has committed.
 * - A ballot keeps only a pseudonymous token: HMAC-SHA-256 of the voter's identifier (as the
 *   organisers verify it: a poll-card number, an electoral-register reference) under the round's
 *   own secret. No name or address is kept, the same voter gets a different token in another
 *   round, and a second ballot with the same token is refused (CONFLICT, rule
 *   `ONE_BALLOT_PER_VOTER`; the unique index decides a race).
 * - Counting (after the close) applies counting.ts, turns each funded proposal into a commission
 *   of the fund, and releases the pot: the funded commissions take its place. One transaction.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Db } from '../db/records.js';
import { formatPence } from '../costs/money.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { checkRange, today } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { availablePence } from './balance.js';
import { commitInLockedFund, coveredLocalities } from './commissions.js';
import { countApprovalGreedy } from './counting.js';
import { requireContributorOrLead, requireLeadOf } from '../writes/boundary.js';
import { fundBalanceRefusal, fundLocality, fundMoney, isUniqueViolation, lockFund, pounds } from './records.js';

export const openRoundInput = z.object({
  fundId: globalId('Fund'),
  title: text(200),
  opensOn: day,
  closesOn: day,
  pot: pounds,
});

export const proposalInput = z.object({
  roundId: globalId('PbRound'),
  title: text(200),
  description: optionalText(4000),
  proposer: text(200),
  cost: pounds,
  theme: text(100),
  priorityId: globalId('Priority').nullish(),
  localityCode: z.string().trim().min(1, 'must not be blank'),
});

export const ballotInput = z.object({
  roundId: globalId('PbRound'),
  voterId: z.string().trim().min(1, 'must not be blank').max(200),
  approve: z.array(globalId('PbProposal')).min(1, 'approve at least one proposal').max(200),
});

/** A round's state on a day: proposals and ballots are taken while OPEN. */
export type RoundState = 'UPCOMING' | 'OPEN' | 'CLOSED' | 'COUNTED';

export function roundState(round: { opensOn: Date; closesOn: Date; countedAt: Date | null }, on: Date): RoundState {
  if (round.countedAt) return 'COUNTED';
  if (on.getTime() < round.opensOn.getTime()) return 'UPCOMING';
  return on.getTime() < round.closesOn.getTime() ? 'OPEN' : 'CLOSED';
}

/** The voter's pseudonymous token in a round: HMAC-SHA-256 under the round's secret, of the identifier trimmed and upper-cased. */
export function voterToken(secret: string, voterId: string): string {
  return createHmac('sha256', secret).update(voterId.trim().toUpperCase()).digest('hex');
}

/** Open a round on a fund, reserving its pot; its id. */
export async function openRound(db: RecordsClient, viewer: Viewer, input: z.output<typeof openRoundInput>): Promise<number> {
  checkRange(input.opensOn, input.closesOn, 'input.closesOn');
  return db.$transaction(async (tx) => {
    if (!(await lockFund(tx, input.fundId))) throw new NotFoundError('Fund', String(input.fundId));
    await requireLeadOf(tx, viewer, [await fundLocality(tx, input.fundId)], 'The fund');
    const money = await fundMoney(tx, input.fundId);
    const available = availablePence(money.contributions, money.commitments, null, input.opensOn);
    if (input.pot > available) throw await fundBalanceRefusal(tx, viewer, input.fundId, available, input.pot, 'to put on offer', 'input.pot');
    const created = await tx.pbRound.create({
      data: { fundId: input.fundId, title: input.title, opensOn: input.opensOn, closesOn: input.closesOn, potPence: input.pot, tokenSecret: randomBytes(32).toString('hex') },
    });
    const { tokenSecret: _secret, ...logged } = created;
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'PbRound', entityId: created.id, after: logged });
    return created.id;
  });
}

/** Add a proposal to an open round; its id. */
export async function submitProposal(db: RecordsClient, viewer: Viewer, input: z.output<typeof proposalInput>, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const round = await tx.pbRound.findUnique({ where: { id: input.roundId }, select: { id: true, opensOn: true, closesOn: true, countedAt: true, potPence: true, fund: { select: { boardId: true, board: { select: { localityId: true } } } } } });
    if (!round) throw new NotFoundError('PbRound', String(input.roundId));
    await requireContributorOrLead(tx, viewer, round.fund.board.localityId, 'The fund');
    if (roundState(round, today(now)) !== 'OPEN') throw new ConflictError('The round is not open for proposals', { rule: 'ROUND_OPEN' });
    if (input.cost > round.potPence) {
      throw new BadUserInputError(`input.cost: more than the round's pot of ${formatPence(round.potPence)}`, { field: 'input.cost' });
    }
    const [localityId] = await coveredLocalities(tx, round.fund.boardId, [input.localityCode], 'input.localityCode');
    if (input.priorityId && !(await tx.priority.findUnique({ where: { id: input.priorityId }, select: { id: true } }))) {
      throw new BadUserInputError('input.priorityId: no such priority', { field: 'input.priorityId' });
    }
    const created = await tx.pbProposal.create({
      data: {
        roundId: round.id,
        title: input.title,
        description: input.description ?? null,
        proposer: input.proposer,
        costPence: input.cost,
        theme: input.theme,
        priorityId: input.priorityId ?? null,
        localityId: localityId!,
      },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'PbProposal', entityId: created.id, after: created });
    return created.id;
  });
}

/**
 * Cast a ballot approving some of an open round's proposals. Nothing identifying is written, not
 * even to the audit trail (its event names the round, not the ballot or the token).
 */
export async function castBallot(db: RecordsClient, viewer: Viewer, input: z.output<typeof ballotInput>, now = new Date()): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const round = await tx.pbRound.findUnique({ where: { id: input.roundId }, select: { id: true, opensOn: true, closesOn: true, countedAt: true, tokenSecret: true } });
      if (!round) throw new NotFoundError('PbRound', String(input.roundId));
      if (roundState(round, today(now)) !== 'OPEN') throw new ConflictError('The round is not open for voting', { rule: 'ROUND_OPEN' });
      const approve = [...new Set(input.approve)];
      const proposals = await tx.pbProposal.count({ where: { id: { in: approve }, roundId: round.id } });
      if (proposals !== approve.length) {
        throw new BadUserInputError('input.approve: every proposal must be one of this round’s', { field: 'input.approve' });
      }
      const token = voterToken(round.tokenSecret, input.voterId);
      if (await tx.pbBallot.findUnique({ where: { roundId_token: { roundId: round.id, token } }, select: { id: true } })) {
        throw new ConflictError('This voter has already voted in this round', { rule: 'ONE_BALLOT_PER_VOTER' });
      }
      await tx.pbBallot.create({ data: { roundId: round.id, token, approvals: { create: approve.map((proposalId) => ({ proposalId })) } } });
      await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'PbRound', entityId: round.id, after: { ballotCast: true } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('This voter has already voted in this round', { rule: 'ONE_BALLOT_PER_VOTER' });
    throw error;
  }
}

/** Close an open round today (voting ends early, e.g. at the end of a decision day). */
export async function closeRound(db: RecordsClient, viewer: Viewer, roundId: number, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const found = await tx.pbRound.findUnique({ where: { id: roundId }, select: { id: true, fundId: true, opensOn: true, closesOn: true, countedAt: true } });
    if (!found) throw new NotFoundError('PbRound', String(roundId));
    const { fundId, ...before } = found;
    await requireLeadOf(tx, viewer, [await fundLocality(tx, fundId)], 'The fund');
    if (roundState(before, today(now)) !== 'OPEN') throw new ConflictError('Only an open round can be closed', { rule: 'ROUND_OPEN' });
    const after = await tx.pbRound.update({ where: { id: roundId }, data: { closesOn: today(now) }, select: { id: true, opensOn: true, closesOn: true, countedAt: true } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'PbRound', entityId: roundId, before, after });
  });
}

/** Approvals per proposal of a round (one grouped statement): proposal id to count. */
export async function approvalCounts(db: Db, roundIds: readonly number[]) {
  const rows = await db.pbApproval.groupBy({ by: ['proposalId'], where: { proposal: { roundId: { in: [...roundIds] } } }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.proposalId, row._count._all]));
}

/** Count a closed round: fund the winners as commissions, release the pot. The funded proposals' ids. */
export async function countRound(db: RecordsClient, viewer: Viewer, roundId: number, now = new Date()): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const found = await tx.pbRound.findUnique({ where: { id: roundId }, select: { fundId: true } });
    if (!found) throw new NotFoundError('PbRound', String(roundId));
    await lockFund(tx, found.fundId);
    await requireLeadOf(tx, viewer, [await fundLocality(tx, found.fundId)], 'The fund');
    const round = await tx.pbRound.findUniqueOrThrow({
      where: { id: roundId },
      include: { proposals: { orderBy: { id: 'asc' } }, fund: { select: { id: true, boardId: true, endsOn: true, board: { select: { parentId: true } } } } },
    });
    const state = roundState(round, today(now));
    if (state === 'COUNTED') throw new ConflictError('The round has been counted', { rule: 'ROUND_COUNTED_ONCE' });
    if (state !== 'CLOSED') throw new ConflictError('The round is still open: it is counted after it closes', { rule: 'ROUND_CLOSED_BEFORE_COUNT' });
    const counts = await approvalCounts(tx, [round.id]);
    const result = countApprovalGreedy(
      round.potPence,
      round.proposals.map((p) => ({ id: p.id, costPence: p.costPence, approvals: counts.get(p.id) ?? 0 })),
    );
    // Release the pot first: the funded commissions take its place in the fund.
    await tx.pbRound.update({ where: { id: round.id }, data: { countedAt: now } });
    const funded = result.ranked.filter((r) => r.funded).map((r) => round.proposals.find((p) => p.id === r.id)!);
    const endsOn = round.fund.endsOn && round.fund.endsOn > round.closesOn ? round.fund.endsOn : new Date(Date.UTC(round.closesOn.getUTCFullYear() + 1, round.closesOn.getUTCMonth(), round.closesOn.getUTCDate()));
    for (const proposal of funded) {
      await commitInLockedFund(tx, viewer, { id: round.fund.id, boardId: round.fund.boardId, parentId: round.fund.board.parentId }, {
        fundId: round.fund.id,
        title: proposal.title,
        provider: proposal.proposer,
        priorityId: proposal.priorityId,
        theme: proposal.theme,
        localityIds: [proposal.localityId],
        amountPence: proposal.costPence,
        startsOn: round.closesOn,
        endsOn,
        status: 'PLANNED',
        proposalId: proposal.id,
      });
    }
    await recordAudit(tx, viewer, {
      action: 'UPDATE',
      entity: 'PbRound',
      entityId: round.id,
      after: { countedAt: now, rule: 'APPROVAL_GREEDY', ranked: result.ranked.map((r) => ({ ...r, costPence: r.costPence.toString() })) },
    });
    return funded.map((p) => p.id);
  });
}

/** The locality code of the board holding a round's fund (null for a county or service-area board). */
export async function roundOwners(db: RecordsClient, id: number | null): Promise<{ code: string | null } | null> {
  if (id === null) return null;
  const found = await db.pbRound.findUnique({ where: { id }, select: { fund: { select: { board: { select: { locality: { select: { code: true } } } } } } } });
  return found ? { code: found.fund.board.locality?.code ?? null } : null;
}
