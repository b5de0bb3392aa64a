/**
 * The funds part of the bundled sample (data/herefordshire/generated/funds/funds.json: generated and labelled
 * illustrative): funds held by boards, their contributions, commissions and an open
 * participatory-budgeting round, so the default server shows them. Written in one transaction
 * after the partnership sample (boards and partners by name, localities by code); days count
 * from the day the sample is loaded. The numbers fit each fund, as the mutations would require.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePounds } from '../costs/money.js';
import type { RecordsClient } from '../db/records.js';
import type { CommissionStatus, FundContributionKind, SharingLevel } from '../generated/prisma/sqlite/enums.js';
import { idLookup } from '../importing/references.js';
import { today } from '../days.js';

interface SampleFund {
  name: string;
  board: string;
  startsInDays: number;
  endsInDays: number;
  contributions: { kind: FundContributionKind; partner: string; devolvedFrom?: string; amount: string; receivedInDays: number; ringFencedTheme?: string; spendByInDays?: number; sharing: SharingLevel }[];
  commissions: { title: string; provider: string; theme: string; localities: string[]; amount: string; startsInDays: number; endsInDays: number; status: CommissionStatus }[];
  rounds: { title: string; opensInDays: number; closesInDays: number; pot: string; proposals: { title: string; proposer: string; cost: string; theme: string; locality: string }[] }[];
}

const pence = (pounds: string) => parsePounds(pounds) ?? (() => { throw new Error(`funds sample: bad amount ${pounds}`); })();

export async function loadFundsSample(prisma: RecordsClient, dir: string): Promise<{ funds: number; commissions: number; rounds: number }> {
  const sample = JSON.parse(readFileSync(path.join(dir, 'funds.json'), 'utf8')) as { funds: SampleFund[] };
  const start = today();
  const on = (days: number) => new Date(start.getTime() + days * 86_400_000);
  const [boards, partners, localities] = await Promise.all([
    prisma.board.findMany({ select: { id: true, name: true, parentId: true } }),
    prisma.partner.findMany({ select: { id: true, name: true } }),
    prisma.locality.findMany({ select: { id: true, code: true } }),
  ]);
  const board = idLookup('funds sample', boards, (b) => b.name, 'board');
  const partner = idLookup('funds sample', partners, (p) => p.name, 'partner');
  const locality = idLookup('funds sample', localities, (l) => l.code, 'locality');
  let commissions = 0;
  let rounds = 0;
  await prisma.$transaction(async (tx) => {
    for (const f of sample.funds) {
      const boardId = board(f.board);
      const fund = await tx.fund.create({ data: { name: f.name, boardId, startsOn: on(f.startsInDays), endsOn: on(f.endsInDays) } });
      for (const c of f.contributions) {
        const partnerId = partner(c.partner);
        await tx.fundContribution.create({
          data: {
            fundId: fund.id,
            kind: c.kind,
            partnerId,
            devolvedFrom: c.devolvedFrom ?? null,
            amountPence: pence(c.amount),
            ringFencedTheme: c.ringFencedTheme ?? null,
            spendBy: c.spendByInDays === undefined ? null : on(c.spendByInDays),
            receivedOn: on(c.receivedInDays),
            sharingLevel: c.sharing,
            authorPartnerId: partnerId,
            sharedWith: { create: [{ partnerId }] },
          },
        });
      }
      const reportsTo = boards.find((b) => b.id === boardId)!.parentId ?? boardId;
      for (const c of f.commissions) {
        await tx.commission.create({
          data: {
            fundId: fund.id,
            title: c.title,
            provider: c.provider,
            theme: c.theme,
            amountPence: pence(c.amount),
            startsOn: on(c.startsInDays),
            endsOn: on(c.endsInDays),
            status: c.status,
            reportsToBoardId: reportsTo,
            localities: { create: c.localities.map((code) => ({ localityId: locality(code) })) },
          },
        });
        commissions += 1;
      }
      for (const r of f.rounds) {
        await tx.pbRound.create({
          data: {
            fundId: fund.id,
            title: r.title,
            opensOn: on(r.opensInDays),
            closesOn: on(r.closesInDays),
            potPence: pence(r.pot),
            tokenSecret: randomBytes(32).toString('hex'),
            proposals: {
              create: r.proposals.map((p) => ({ title: p.title, proposer: p.proposer, costPence: pence(p.cost), theme: p.theme, localityId: locality(p.locality) })),
            },
          },
        });
        rounds += 1;
      }
    }
  });
  return { funds: sample.funds.length, commissions, rounds };
}
