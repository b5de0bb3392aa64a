/**
 * Commissioned spend, for the place-based spend ledger (src/costs/ledger.ts): each commission
 * that is not cancelled is spend of its fund in the localities it covers. The amount is spread
 * over the financial years the commission runs in by days (largest remainder, so the years sum to
 * the commission exactly), and a year's part is split between the localities by population in
 * ledger.ts, exactly as a county-wide line is. It is read from the commission records on each
 * request, never copied into the ledger, so it is counted once: a partner's own ledger should not
 * also hold money it paid into a pool (that is a transfer; the commission is the spend).
 */
import type { RecordsClient } from '../db/records.js';
import { apportionLargestRemainder } from '../costs/apportion.js';

export interface CommissionedLine {
  commissionId: number;
  fundName: string;
  title: string;
  provider: string;
  /** The part of the commission in the financial year, in that year's prices. */
  pence: bigint;
  localities: { code: string; name: string }[];
}

const DAY = 86_400_000;
const financialYearStart = (date: Date) => (date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1);

/** A commission's pence by financial year (start year to pence), pro rata to its days in each. */
export function spreadOverFinancialYears(pence: bigint, startsOn: Date, endsOn: Date): Map<number, bigint> {
  const parts: { key: string; weight: bigint }[] = [];
  for (let year = financialYearStart(startsOn); year <= financialYearStart(new Date(endsOn.getTime() - DAY)); year += 1) {
    const from = Math.max(startsOn.getTime(), Date.UTC(year, 3, 1));
    const to = Math.min(endsOn.getTime(), Date.UTC(year + 1, 3, 1));
    parts.push({ key: String(year).padStart(6, '0'), weight: BigInt(Math.max(0, Math.round((to - from) / DAY))) });
  }
  const split = apportionLargestRemainder(pence, parts) ?? [{ key: String(financialYearStart(startsOn)), pence }];
  return new Map(split.map((part) => [Number(part.key), part.pence]));
}

/** The commissioned lines of the financial year starting on 1 April of `startYear` (two statements). */
export async function commissionedSpend(prisma: RecordsClient, startYear: number): Promise<CommissionedLine[]> {
  const yearStart = new Date(Date.UTC(startYear, 3, 1));
  const yearEnd = new Date(Date.UTC(startYear + 1, 3, 1));
  const commissions = await prisma.commission.findMany({
    where: { status: { not: 'CANCELLED' }, startsOn: { lt: yearEnd }, endsOn: { gt: yearStart } },
    select: {
      id: true,
      title: true,
      provider: true,
      amountPence: true,
      startsOn: true,
      endsOn: true,
      fund: { select: { name: true } },
      localities: { select: { locality: { select: { code: true, name: true } } } },
    },
    orderBy: { id: 'asc' },
  });
  return commissions.flatMap((c) => {
    const pence = spreadOverFinancialYears(c.amountPence, c.startsOn, c.endsOn).get(startYear) ?? 0n;
    if (pence === 0n) return [];
    return [{ commissionId: c.id, fundName: c.fund.name, title: c.title, provider: c.provider, pence, localities: c.localities.map((l) => l.locality) }];
  });
}
