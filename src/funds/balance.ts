/**
 * What a fund can still commit, from its contributions and its commitments. Pure functions on
 * whole pence (bigint); the stored records are the only truth, nothing here is saved.
 *
 * - The **balance** is contributions minus commitments (commissions not cancelled, and the pots of
 *   participatory-budgeting rounds not yet counted), exactly as the issue defines it.
 * - What a **new** commitment of a theme on a day may use is narrower, because contributions carry
 *   conditions: money ring-fenced to a theme may only serve that theme, and money past its
 *   spend-by day may not be newly committed. Existing commitments are placed first (each on its own
 *   theme's ring-fenced money, then on money open to any theme; within each, the money that must
 *   be spent soonest first: first-expiring, first-used, as a treasurer would), and what is left
 *   in the contributions open to the new commitment is what it may take.
 */

export interface ContributionMoney {
  amountPence: bigint;
  /** Null: open to any theme. */
  ringFencedTheme: string | null;
  /** Null: no spend-by day. */
  spendBy: Date | null;
}

export interface CommitmentMoney {
  amountPence: bigint;
  /** The theme it serves (null: none named; then it may use only money open to any theme). */
  theme: string | null;
}

const sameTheme = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Contributions minus commitments (may be negative only if records were changed outside the API). */
export function balancePence(contributions: readonly ContributionMoney[], commitments: readonly CommitmentMoney[]): bigint {
  const sum = (rows: readonly { amountPence: bigint }[]) => rows.reduce((total, row) => total + row.amountPence, 0n);
  return sum(contributions) - sum(commitments);
}

const bySpendBy = (a: { spendBy: Date | null }, b: { spendBy: Date | null }) =>
  (a.spendBy?.getTime() ?? Number.POSITIVE_INFINITY) - (b.spendBy?.getTime() ?? Number.POSITIVE_INFINITY);

/** What is left in each contribution once the existing commitments are placed (same order as given). */
export function remainingByContribution(contributions: readonly ContributionMoney[], commitments: readonly CommitmentMoney[]): bigint[] {
  const left = contributions.map((c) => c.amountPence);
  const order = contributions.map((c, index) => ({ ...c, index })).sort(bySpendBy);
  for (const commitment of commitments) {
    let owed = commitment.amountPence;
    const draw = (eligible: (c: ContributionMoney) => boolean) => {
      for (const c of order) {
        if (owed === 0n) return;
        if (!eligible(c) || left[c.index]! === 0n) continue;
        const take = left[c.index]! < owed ? left[c.index]! : owed;
        left[c.index]! -= take;
        owed -= take;
      }
    };
    draw((c) => sameTheme(c.ringFencedTheme, commitment.theme));
    draw((c) => c.ringFencedTheme === null);
    // Anything still owed was committed against conditions no longer met (or records edited by
    // hand): take it from whatever is left, so it is never counted as available twice.
    draw(() => true);
  }
  return left;
}

/** The pence a new commitment of `theme` starting to be committed on `on` may take. */
export function availablePence(
  contributions: readonly ContributionMoney[],
  commitments: readonly CommitmentMoney[],
  theme: string | null,
  on: Date,
): bigint {
  const left = remainingByContribution(contributions, commitments);
  return contributions.reduce((total, c, i) => {
    const themeOk = c.ringFencedTheme === null || sameTheme(c.ringFencedTheme, theme);
    const inTime = c.spendBy === null || c.spendBy.getTime() >= on.getTime();
    return themeOk && inTime ? total + left[i]! : total;
  }, 0n);
}
