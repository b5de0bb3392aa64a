/**
 * Funds and their contributions: a fund is held by a board for a period; a contribution is a
 * partner's pooled money or a budget devolved from a county body, with its conditions (a theme it
 * is ring-fenced to, a day it must be spent by). Each write is one transaction with its audit
 * event. A contribution is shareable (src/sharing): RESTRICTED, only the contributing partners
 * named on it see it, and a fund's totals count it only for them (src/funds/records.ts).
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient, Tx } from '../db/records.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { recordAudit } from '../audit/audit.js';
import { checkRange } from '../days.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { checkPartners, sharingInput } from '../sharing/change.js';
import { newSharing } from '../sharing/shareable.js';
import { authorPartnerOf } from '../sharing/visibility.js';
import { registerSnapshot } from '../sharing/change.js';
import { memberWith, requireLeadOf } from '../writes/boundary.js';
import { pounds } from './records.js';

export const createFundInput = z.object({
  name: text(200),
  description: optionalText(2000),
  boardId: globalId('Board'),
  startsOn: day,
  endsOn: day.nullish(),
});

export const addContributionInput = z.object({
  fundId: globalId('Fund'),
  kind: z.enum(['POOLED', 'DEVOLVED']),
  partnerId: globalId('Partner'),
  devolvedFrom: optionalText(200),
  amount: pounds,
  ringFencedTheme: optionalText(100),
  spendBy: day.nullish(),
  receivedOn: day,
  note: optionalText(2000),
  ...sharingInput,
});

/** Create a fund held by a board; its id. */
export async function createFund(db: RecordsClient, viewer: Viewer, input: z.output<typeof createFundInput>): Promise<number> {
  checkRange(input.startsOn, input.endsOn);
  return db.$transaction(async (tx) => {
    const board = await tx.board.findUnique({ where: { id: input.boardId }, select: { id: true, localityId: true } });
    if (!board) throw new BadUserInputError('input.boardId: no such board', { field: 'input.boardId' });
    await requireLeadOf(tx, viewer, [board.localityId], 'The board');
    const created = await tx.fund.create({
      data: { name: input.name, description: input.description ?? null, boardId: board.id, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'Fund', entityId: created.id, after: created });
    return created.id;
  });
}

/** A contribution as its audit events hold it (registered for changeSharing's events too). */
const contributionSnapshot = (tx: Tx, id: number) =>
  tx.fundContribution.findUniqueOrThrow({ where: { id }, include: { sharedWith: { select: { partnerId: true }, orderBy: { partnerId: 'asc' } } } });
registerSnapshot('FundContribution', contributionSnapshot);

/** Add a contribution to a fund; its id. Contributing never needs the lock: it only adds money. */
export async function addContribution(db: RecordsClient, viewer: Viewer, input: z.output<typeof addContributionInput>): Promise<number> {
  if (input.kind === 'DEVOLVED' && !input.devolvedFrom) {
    throw new BadUserInputError('input.devolvedFrom: a devolved budget names the county body it comes from', { field: 'input.devolvedFrom' });
  }
  if (input.kind === 'POOLED' && input.devolvedFrom) {
    throw new BadUserInputError('input.devolvedFrom: only a DEVOLVED budget comes from a county body', { field: 'input.devolvedFrom' });
  }
  const author = authorPartnerOf(viewer);
  return db.$transaction(async (tx) => {
    const fund = await tx.fund.findUnique({ where: { id: input.fundId }, select: { id: true, startsOn: true, board: { select: { localityId: true } } } });
    if (!fund) throw new NotFoundError('Fund', String(input.fundId));
    const [partner] = await checkPartners(tx, [input.partnerId], 'input.partnerId');
    // A CONTRIBUTOR of the contributing partner puts its money in any fund; otherwise the fund's lead (or an ADMIN).
    if (!memberWith(viewer, partner, ['CONTRIBUTOR'])) await requireLeadOf(tx, viewer, [fund.board.localityId], 'The fund');
    // The contributing partner always sees its own contribution: it is named on it.
    const shared = await checkPartners(tx, [...input.sharedWithPartnerIds, partner!]);
    if (input.spendBy && input.spendBy.getTime() < input.receivedOn.getTime()) {
      throw new BadUserInputError('input.spendBy: must not be before the day it was received', { field: 'input.spendBy' });
    }
    const created = await tx.fundContribution.create({
      data: {
        fundId: fund.id,
        kind: input.kind,
        partnerId: partner!,
        devolvedFrom: input.devolvedFrom ?? null,
        amountPence: input.amount,
        ringFencedTheme: input.ringFencedTheme ?? null,
        spendBy: input.spendBy ?? null,
        receivedOn: input.receivedOn,
        note: input.note ?? null,
        ...newSharing(viewer, author, input.sharingLevel, shared),
      },
      include: { sharedWith: { select: { partnerId: true } } },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'FundContribution', entityId: created.id, after: created });
    return created.id;
  });
}

/** The holding board's locality code (null for a county or service-area board) and the board, of a fund. */
export async function fundOwners(db: RecordsClient, fundId: number | null): Promise<{ code: string | null } | null> {
  if (fundId === null) return null;
  const fund = await db.fund.findUnique({ where: { id: fundId }, select: { board: { select: { locality: { select: { code: true } } } } } });
  return fund ? { code: fund.board.locality?.code ?? null } : null;
}
