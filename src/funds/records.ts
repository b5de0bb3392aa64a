/**
 * What every funds module shares: money in inputs (a pounds string to whole pence), the fund row
 * lock, which localities a board covers, and a fund's money (its contributions and commitments)
 * as balance.ts reads it. Self-contained on purpose: it uses only the shared validation helpers,
 * so the write functions can move to a shared mutation boundary without change.
 */
import { z } from 'zod';
import { Prisma, type Db, type Tx } from '../db/records.js';
import { formatPence, parseInputPounds } from '../costs/money.js';
import type { Viewer } from '../auth/viewer.js';
import { ConflictError } from '../errors.js';
import { visibleWhere, type VisibleWhere } from '../sharing/visibility.js';
import type { CommitmentMoney, ContributionMoney } from './balance.js';

/** Money as clients send it: a plain pounds string within MAX_INPUT_PENCE (src/costs/money.ts), to whole pence above 0. */
export const pounds = z.string().transform((value, ctx) => {
  const parsed = parseInputPounds(value);
  if ('problem' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  if (parsed.pence <= 0n) {
    ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
    return z.NEVER;
  }
  return parsed.pence;
});

/**
 * Lock the fund's row until the transaction ends, so commitments from one fund are decided one
 * after the other. A no-op UPDATE, because it is the one statement that locks a row on both
 * stores: on PostgreSQL it takes the row lock SELECT ... FOR UPDATE would (a second transaction
 * waits here, and each statement after it sees what the first committed, under READ COMMITTED);
 * SQLite has no row locks, and the write lock it takes serialises the transactions the same way.
 * Returns whether the fund exists.
 */
export async function lockFund(tx: Tx, fundId: number): Promise<boolean> {
  return (await tx.$executeRaw`UPDATE "Fund" SET "id" = "id" WHERE "id" = ${fundId}`) > 0;
}

/** The locality of the board holding a fund (null: a county or service-area board, whose funds are an ADMIN's), read in the write transaction. */
export async function fundLocality(tx: Tx, fundId: number): Promise<number | null> {
  return (await tx.fund.findUniqueOrThrow({ where: { id: fundId }, select: { board: { select: { localityId: true } } } })).board.localityId;
}

/**
 * A fund's contributions and live commitments, as balance.ts reads them (three statements).
 * `visible`: only the contributions a viewer may see (what a viewer is shown must be computable
 * from what they may see); without it, all of them: the true money the fund-balance rule decides on.
 */
export async function fundMoney(
  db: Db,
  fundId: number,
  visible?: VisibleWhere,
): Promise<{ contributions: ContributionMoney[]; commitments: CommitmentMoney[] }> {
  const [contributions, commissions, rounds] = await Promise.all([
    db.fundContribution.findMany({ where: { fundId, ...(visible ? { AND: [visible] } : {}) }, select: { amountPence: true, ringFencedTheme: true, spendBy: true }, orderBy: { id: 'asc' } }),
    db.commission.findMany({ where: { fundId, status: { not: 'CANCELLED' } }, select: { amountPence: true, theme: true }, orderBy: { id: 'asc' } }),
    db.pbRound.findMany({ where: { fundId, countedAt: null }, select: { potPence: true }, orderBy: { id: 'asc' } }),
  ]);
  return {
    contributions,
    commitments: [...commissions, ...rounds.map((r) => ({ amountPence: r.potPence, theme: null }))],
  };
}

export interface FundTotals {
  contributedPence: bigint;
  commissionedPence: bigint;
  /** The pots of participatory-budgeting rounds not yet counted. */
  reservedPence: bigint;
}

/**
 * Totals of many funds in three statements (grouped sums), keyed by fund id, as a viewer is shown
 * them: contributions only those `visible` to the viewer (a RESTRICTED one counts only for the
 * partners who may see it, so no total minus the visible contributions recovers a hidden one).
 */
export async function fundTotals(db: Db, fundIds: readonly number[], visible: VisibleWhere): Promise<Map<number, FundTotals>> {
  const ids = [...new Set(fundIds)];
  const result = new Map<number, FundTotals>(ids.map((id) => [id, { contributedPence: 0n, commissionedPence: 0n, reservedPence: 0n }]));
  if (ids.length === 0) return result;
  const [contributed, commissioned, reserved] = await Promise.all([
    db.fundContribution.groupBy({ by: ['fundId'], where: { fundId: { in: ids }, AND: [visible] }, _sum: { amountPence: true } }),
    db.commission.groupBy({ by: ['fundId'], where: { fundId: { in: ids }, status: { not: 'CANCELLED' } }, _sum: { amountPence: true } }),
    db.pbRound.groupBy({ by: ['fundId'], where: { fundId: { in: ids }, countedAt: null }, _sum: { potPence: true } }),
  ]);
  for (const row of contributed) result.get(row.fundId)!.contributedPence = BigInt(row._sum.amountPence ?? 0n);
  for (const row of commissioned) result.get(row.fundId)!.commissionedPence = BigInt(row._sum.amountPence ?? 0n);
  for (const row of reserved) result.get(row.fundId)!.reservedPence = BigInt(row._sum.potPence ?? 0n);
  return result;
}

/** The localities a board covers: its own, its service area's, or (a county board) all (null). */
export async function boardCoverage(db: Db, boardId: number): Promise<{ scope: string; localityIds: Set<number> | null; parentId: number | null } | null> {
  const board = await db.board.findUnique({
    where: { id: boardId },
    select: { scope: true, localityId: true, parentId: true, serviceArea: { select: { localities: { select: { localityId: true } } } } },
  });
  if (!board) return null;
  const localityIds =
    board.scope === 'COUNTY' ? null : new Set(board.localityId !== null ? [board.localityId] : (board.serviceArea?.localities ?? []).map((l) => l.localityId));
  return { scope: board.scope, localityIds, parentId: board.parentId };
}

/** Prisma's unique-constraint error. */
export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Whether the viewer may see every contribution of the fund (one statement; `{}` for an ADMIN: always). */
export async function seesAllContributions(db: Db, fundId: number, visible: VisibleWhere): Promise<boolean> {
  if (Object.keys(visible).length === 0) return true;
  const [all, seen] = await Promise.all([
    db.fundContribution.count({ where: { fundId } }),
    db.fundContribution.count({ where: { fundId, AND: [visible] } }),
  ]);
  return all === seen;
}

/**
 * The fund-balance rule's refusal (CONFLICT, FUND_BALANCE). The rule is decided on every
 * contribution, but the refusal names what is available only to a viewer who may see every one:
 * to anyone else the figure would reveal the hidden contributions (it is their sum less what they
 * can see), so they learn only that the amount asked for does not fit.
 */
export async function fundBalanceRefusal(
  tx: Tx,
  viewer: Viewer,
  fundId: number,
  available: bigint,
  asked: bigint,
  purpose: string,
  field: string,
): Promise<ConflictError> {
  if (await seesAllContributions(tx, fundId, visibleWhere(viewer))) {
    return new ConflictError(`The fund has ${formatPence(available)} uncommitted ${purpose}; ${formatPence(asked)} was asked for`, {
      rule: 'FUND_BALANCE',
      field,
      available: formatPence(available),
    });
  }
  return new ConflictError(`The fund does not have ${formatPence(asked)} uncommitted ${purpose}`, { rule: 'FUND_BALANCE', field });
}
