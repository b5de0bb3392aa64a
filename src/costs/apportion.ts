/**
 * Splitting an amount of whole pence between areas in proportion to a driver, so that the parts
 * sum back to the amount EXACTLY.
 *
 * The rounding rule is the largest-remainder (Hamilton) method: each area first gets the whole
 * pence of its exact share, amount x driver / total, rounded down; the pence left over (fewer than
 * the number of areas) go one each to the areas with the largest remainders; equal remainders go
 * to the area whose key sorts first. Everything is integer arithmetic on `bigint`: drivers are
 * exact decimals scaled to integers (see `scaledDecimal`), so no share depends on float rounding
 * or on the order the areas arrive in. A negative amount (a credit) is split as its absolute
 * value and negated, so it too sums back exactly.
 */

export interface DriverShare {
  /** The area (e.g. a locality code). */
  key: string;
  /** The area's driver as an integer (population or count scaled by a power of ten); 0 or more. */
  weight: bigint;
}

export interface Part {
  key: string;
  pence: bigint;
}

/**
 * The parts of `amount` (pence) by `shares`, in the order given; null when the drivers sum to 0
 * (nothing to split by). Areas with a zero driver get 0.
 */
export function apportionLargestRemainder(amount: bigint, shares: readonly DriverShare[]): Part[] | null {
  if (shares.some((share) => share.weight < 0n)) throw new RangeError('a driver cannot be negative');
  const total = shares.reduce((sum, share) => sum + share.weight, 0n);
  if (total === 0n) return null;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;

  const parts = shares.map((share, index) => {
    const exact = abs * share.weight;
    return { index, key: share.key, pence: exact / total, remainder: exact % total };
  });
  let left = abs - parts.reduce((sum, part) => sum + part.pence, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index) : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (left === 0n) break;
    part.pence += 1n;
    left -= 1n;
  }
  return parts.map((part) => ({ key: part.key, pence: negative ? -part.pence : part.pence }));
}
