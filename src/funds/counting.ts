/**
 * Counting a participatory-budgeting round.
 *
 * Ballots are **approval ballots**: each voter approves any number of the round's proposals, and a
 * proposal's score is the number of ballots approving it (approval voting: S. J. Brams and P. C.
 * Fishburn, "Approval Voting", American Political Science Review 72(3), 1978).
 *
 * Money is allocated by the **greedy approval rule** used by most participatory-budgeting
 * elections (H. Aziz and N. Shah, "Participatory Budgeting: Models and Approaches", in Pathways
 * Between Social Science and Computational Social Science, Springer 2021, section 3.1; the rule of
 * the Stanford Participatory Budgeting Platform): proposals in decreasing order of approvals are
 * funded one by one while their cost fits in what is left of the pot; one that does not fit is
 * skipped and the next is tried, until the money runs out or the proposals do. Ties in approvals
 * go to the cheaper proposal (more of the pot left for others), then to the earlier submission.
 */

export interface CountedProposal {
  id: number;
  costPence: bigint;
  approvals: number;
}

export interface CountResult {
  /** Every proposal in counting order, with whether it is funded. */
  ranked: { id: number; approvals: number; costPence: bigint; funded: boolean; rank: number }[];
  fundedPence: bigint;
  leftPence: bigint;
}

export function countApprovalGreedy(potPence: bigint, proposals: readonly CountedProposal[]): CountResult {
  const order = [...proposals].sort(
    (a, b) => b.approvals - a.approvals || (a.costPence < b.costPence ? -1 : a.costPence > b.costPence ? 1 : 0) || a.id - b.id,
  );
  let left = potPence;
  const ranked = order.map((p, index) => {
    // A proposal with no approvals is never funded: nobody asked for it.
    const funded = p.approvals > 0 && p.costPence <= left;
    if (funded) left -= p.costPence;
    return { id: p.id, approvals: p.approvals, costPence: p.costPence, funded, rank: index + 1 };
  });
  return { ranked, fundedPence: potPence - left, leftPence: left };
}
