/**
 * Commissioning: the holding board commits money from its fund to a provider, for a priority, in
 * some localities, from one day to another. A commitment never exceeds what the fund has
 * uncommitted for it (balance.ts): the fund's row is locked first (records.ts), then the money is
 * read and the commission written, all in one transaction, so parallel commitments are decided
 * one after the other and the loser is refused with CONFLICT (`extensions.rule`:
 * `FUND_BALANCE`). A commission reports back to the board it answers to (the holding board's
 * parent on the governance pathway, else the holding board); each report is tabled at that
 * board's next meeting on or after the day it is submitted.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { formatPence } from '../costs/money.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { checkRange } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { availablePence } from './balance.js';
import { requireContributorOrLead, requireLeadOf } from '../writes/boundary.js';
import { boardCoverage, fundBalanceRefusal, fundLocality, fundMoney, lockFund, pounds } from './records.js';

export const COMMISSION_STATUSES = ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;

export const createCommissionInput = z.object({
  fundId: globalId('Fund'),
  title: text(200),
  provider: text(200),
  priorityId: globalId('Priority').nullish(),
  theme: optionalText(100),
  localityCodes: z.array(z.string().trim().min(1)).min(1, 'name at least one locality').max(100),
  amount: pounds,
  startsOn: day,
  endsOn: day,
  status: z.enum(COMMISSION_STATUSES).nullish().transform((status) => status ?? 'PLANNED'),
});

export const commissionStatusInput = z.object({ status: z.enum(COMMISSION_STATUSES) });

export const commissionReportInput = z.object({
  commissionId: globalId('Commission'),
  submittedOn: day,
  summary: text(4000),
  spent: pounds.nullish(),
});

export interface CommissionWrite {
  fundId: number;
  title: string;
  provider: string;
  priorityId: number | null;
  theme: string | null;
  localityIds: number[];
  amountPence: bigint;
  startsOn: Date;
  endsOn: Date;
  status: (typeof COMMISSION_STATUSES)[number];
  proposalId?: number | null;
}

/**
 * Write a commission inside a transaction that has locked its fund: refuses (CONFLICT) an amount
 * over what the fund has uncommitted for the commission's theme on its start day.
 */
export async function commitInLockedFund(tx: Tx, viewer: Viewer, fund: { id: number; boardId: number; parentId: number | null }, write: CommissionWrite): Promise<number> {
  const money = await fundMoney(tx, fund.id);
  const available = availablePence(money.contributions, money.commitments, write.theme, write.startsOn);
  if (write.amountPence > available) {
    throw await fundBalanceRefusal(tx, viewer, fund.id, available, write.amountPence, 'for this commission', 'input.amount');
  }
  const created = await tx.commission.create({
    data: {
      fundId: fund.id,
      title: write.title,
      provider: write.provider,
      priorityId: write.priorityId,
      theme: write.theme,
      amountPence: write.amountPence,
      startsOn: write.startsOn,
      endsOn: write.endsOn,
      status: write.status,
      reportsToBoardId: fund.parentId ?? fund.boardId,
      proposalId: write.proposalId ?? null,
      createdByPartnerId: viewer.partnerId,
      localities: { create: write.localityIds.map((localityId) => ({ localityId })) },
    },
    include: { localities: { select: { localityId: true } } },
  });
  await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Commission', entityId: created.id, after: created });
  return created.id;
}

/** Commit money from a fund to a commission; its id. */
export async function createCommission(db: RecordsClient, viewer: Viewer, input: z.output<typeof createCommissionInput>): Promise<number> {
  checkRange(input.startsOn, input.endsOn);
  return db.$transaction(async (tx) => {
    if (!(await lockFund(tx, input.fundId))) throw new NotFoundError('Fund', String(input.fundId));
    const fund = await tx.fund.findUniqueOrThrow({ where: { id: input.fundId }, select: { id: true, boardId: true, board: { select: { parentId: true, localityId: true } } } });
    await requireLeadOf(tx, viewer, [fund.board.localityId], 'The fund');
    let theme = input.theme ?? null;
    if (input.priorityId) {
      const priority = await tx.priority.findUnique({ where: { id: input.priorityId }, select: { theme: true } });
      if (!priority) throw new BadUserInputError('input.priorityId: no such priority', { field: 'input.priorityId' });
      theme ??= priority.theme;
    }
    const localityIds = await coveredLocalities(tx, fund.boardId, input.localityCodes);
    return commitInLockedFund(tx, viewer, { id: fund.id, boardId: fund.boardId, parentId: fund.board.parentId }, {
      fundId: fund.id,
      title: input.title,
      provider: input.provider,
      priorityId: input.priorityId ?? null,
      theme,
      localityIds,
      amountPence: input.amount,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      status: input.status,
    });
  });
}

/** The ids of the named localities, each of which the holding board must cover (BAD_USER_INPUT otherwise). */
export async function coveredLocalities(tx: Tx, boardId: number, codes: readonly string[], field = 'input.localityCodes'): Promise<number[]> {
  const unique = [...new Set(codes)];
  const [localities, coverage] = await Promise.all([
    tx.locality.findMany({ where: { code: { in: unique } }, select: { id: true, code: true } }),
    boardCoverage(tx, boardId),
  ]);
  const unknown = unique.filter((code) => !localities.some((l) => l.code === code));
  if (unknown.length > 0) throw new BadUserInputError(`${field}: no locality ${unknown.join(', ')}`, { field });
  const outside = localities.filter((l) => coverage?.localityIds && !coverage.localityIds.has(l.id));
  if (outside.length > 0) {
    throw new BadUserInputError(`${field}: the fund's board does not cover ${outside.map((l) => l.code).join(', ')}`, { field });
  }
  return localities.map((l) => l.id).sort((a, b) => a - b);
}

/**
 * Change a commission's status. Re-opening a CANCELLED commission commits its money again, so it
 * is checked against the fund like a new one (under the fund's lock).
 */
export async function setCommissionStatus(db: RecordsClient, viewer: Viewer, id: number, status: (typeof COMMISSION_STATUSES)[number]): Promise<void> {
  await db.$transaction(async (tx) => {
    const found = await tx.commission.findUnique({ where: { id }, select: { fundId: true } });
    if (!found) throw new NotFoundError('Commission', String(id));
    await lockFund(tx, found.fundId);
    await requireLeadOf(tx, viewer, [await fundLocality(tx, found.fundId)], 'The fund');
    const before = await tx.commission.findUniqueOrThrow({ where: { id } });
    if (before.status === 'CANCELLED' && status !== 'CANCELLED') {
      const money = await fundMoney(tx, before.fundId);
      const available = availablePence(money.contributions, money.commitments, before.theme, before.startsOn);
      if (before.amountPence > available) {
        throw await fundBalanceRefusal(tx, viewer, before.fundId, available, before.amountPence, 'to re-open the commission', 'input.status');
      }
    }
    const after = await tx.commission.update({ where: { id }, data: { status } });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'Commission', entityId: id, before, after });
  });
}

/** Record a commission's report back; it is tabled at the reporting board's next meeting. Its id. */
export async function reportOnCommission(db: RecordsClient, viewer: Viewer, input: z.output<typeof commissionReportInput>): Promise<number> {
  return db.$transaction(async (tx) => {
    const commission = await tx.commission.findUnique({ where: { id: input.commissionId }, select: { id: true, fundId: true, reportsToBoardId: true } });
    if (!commission) throw new NotFoundError('Commission', String(input.commissionId));
    await requireContributorOrLead(tx, viewer, await fundLocality(tx, commission.fundId), 'The fund');
    const meeting = await tx.meeting.findFirst({
      where: { boardId: commission.reportsToBoardId, cancelled: false, startsAt: { gte: input.submittedOn } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const created = await tx.commissionReport.create({
      data: { commissionId: commission.id, submittedOn: input.submittedOn, summary: input.summary, spentPence: input.spent ?? null, meetingId: meeting?.id ?? null },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'CommissionReport', entityId: created.id, after: created });
    return created.id;
  });
}

/** The locality code of the board holding a commission's fund (null: a county or service-area board, or none). */
export async function commissionOwners(db: RecordsClient, id: number | null): Promise<{ code: string | null } | null> {
  if (id === null) return null;
  const found = await db.commission.findUnique({ where: { id }, select: { fund: { select: { board: { select: { locality: { select: { code: true } } } } } } } });
  return found ? { code: found.fund.board.locality?.code ?? null } : null;
}
