/**
 * The request's fund loaders: each fund's totals as the request's viewer may see them (three
 * grouped statements for every fund a request names) and each round's approval counts (one grouped statement for every round), so a
 * list of funds or rounds costs the same number of statements as one. Made per request.
 */
import DataLoader from 'dataloader';
import type { RecordsClient } from '../db/records.js';
import type { Viewer } from '../auth/viewer.js';
import { visibleWhere } from '../sharing/visibility.js';
import { approvalCounts } from './participatory.js';
import { fundTotals, type FundTotals } from './records.js';

export interface FundSettings {
  /** Counts under this are withheld until a round closes (SMALL_NUMBER_THRESHOLD). */
  smallNumberThreshold: number;
}

/** `viewer`: the request's; each fund's totals count only the contributions they may see. */
export function createFundLoaders(prisma: RecordsClient, viewer: Viewer, settings: FundSettings) {
  const totals = new DataLoader<number, FundTotals>(async (ids) => {
    const found = await fundTotals(prisma, ids, visibleWhere(viewer));
    return ids.map((id) => found.get(id)!);
  });
  /** Per round: proposal id to approvals, and the number of ballots. */
  const counts = new DataLoader<number, { approvals: Map<number, number>; ballots: number }>(async (roundIds) => {
    const [approvals, ballots, proposals] = await Promise.all([
      approvalCounts(prisma, roundIds),
      prisma.pbBallot.groupBy({ by: ['roundId'], where: { roundId: { in: [...roundIds] } }, _count: { _all: true } }),
      prisma.pbProposal.findMany({ where: { roundId: { in: [...roundIds] } }, select: { id: true, roundId: true } }),
    ]);
    return roundIds.map((roundId) => ({
      approvals: new Map(proposals.filter((p) => p.roundId === roundId).map((p) => [p.id, approvals.get(p.id) ?? 0])),
      ballots: ballots.find((b) => b.roundId === roundId)?._count._all ?? 0,
    }));
  });
  return { totals, counts, settings };
}

export type FundLoaders = ReturnType<typeof createFundLoaders>;
