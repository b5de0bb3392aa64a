/**
 * The funds' pure rules, against values worked out by hand: the balance, what a new commitment
 * may take under ring-fences and spend-by days, the greedy approval count, the voter token, and
 * a commission's spread over financial years.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { availablePence, balancePence } from '../../src/funds/balance.js';
import { countApprovalGreedy } from '../../src/funds/counting.js';
import { voterToken } from '../../src/funds/participatory.js';
import { spreadOverFinancialYears } from '../../src/funds/spend.js';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('a fund’s money', () => {
  const contributions = [
    { amountPence: 10_000n, ringFencedTheme: null, spendBy: null },
    { amountPence: 50_000n, ringFencedTheme: 'Transport', spendBy: null },
    { amountPence: 7_000n, ringFencedTheme: null, spendBy: d('2020-03-31') },
  ];

  it('is contributions minus commitments', () => {
    expect(balancePence(contributions, [{ amountPence: 20_000n, theme: 'Transport' }])).toBe(47_000n);
  });

  it('keeps ring-fenced money for its theme and expired money from new commitments', () => {
    expect(availablePence(contributions, [], 'Transport', d('2020-01-01'))).toBe(67_000n);
    expect(availablePence(contributions, [], 'Health', d('2020-01-01'))).toBe(17_000n);
    expect(availablePence(contributions, [], 'Health', d('2020-04-01'))).toBe(10_000n);
    // A Health commitment of 12,000 uses the 7,000 that expires first, then 5,000 of the open 10,000.
    expect(availablePence(contributions, [{ amountPence: 12_000n, theme: 'Health' }], 'Health', d('2020-01-01'))).toBe(5_000n);
    // A Transport commitment uses its own ring-fenced money first: the open money is untouched.
    expect(availablePence(contributions, [{ amountPence: 30_000n, theme: 'transport ' }], null, d('2020-01-01'))).toBe(17_000n);
  });
});

describe('the greedy approval count', () => {
  it('funds in order of approvals while the cost fits, skipping what does not', () => {
    const result = countApprovalGreedy(100_000n, [
      { id: 1, costPence: 60_000n, approvals: 7 },
      { id: 2, costPence: 50_000n, approvals: 6 },
      { id: 3, costPence: 30_000n, approvals: 5 },
      { id: 4, costPence: 20_000n, approvals: 2 },
    ]);
    expect(result.ranked.map((r) => [r.id, r.funded])).toEqual([[1, true], [2, false], [3, true], [4, false]]);
    expect(result).toMatchObject({ fundedPence: 90_000n, leftPence: 10_000n });
  });

  it('breaks ties by the cheaper proposal, then the earlier, and never funds one nobody approved', () => {
    const result = countApprovalGreedy(50_000n, [
      { id: 9, costPence: 30_000n, approvals: 3 },
      { id: 5, costPence: 20_000n, approvals: 3 },
      { id: 2, costPence: 20_000n, approvals: 3 },
      { id: 1, costPence: 1_000n, approvals: 0 },
    ]);
    expect(result.ranked.map((r) => [r.id, r.funded])).toEqual([[2, true], [5, true], [9, false], [1, false]]);
  });
});

describe('the voter token', () => {
  it('is the HMAC-SHA-256 of the trimmed, upper-cased identifier, different in every round', () => {
    // RFC 4231 test case 2 (key "Jefe"), on a message already in upper case so the normalising leaves it alone.
    expect(voterToken('Jefe', 'WHAT')).toBe(createHmac('sha256', 'Jefe').update('WHAT').digest('hex'));
    expect(voterToken('Jefe', ' pollcard-1 ')).toBe(voterToken('Jefe', 'POLLCARD-1'));
    expect(voterToken('round-a', 'POLLCARD-1')).not.toBe(voterToken('round-b', 'POLLCARD-1'));
    expect(voterToken('k', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a commission over financial years', () => {
  it('is spread by days and sums back exactly', () => {
    // 1 Jan 2020 to 1 Jan 2021: 91 days in 2019/20, 275 in 2020/21 (366 days in all).
    const parts = spreadOverFinancialYears(366_00n, d('2020-01-01'), d('2021-01-01'));
    expect(parts).toEqual(new Map([[2019, 91_00n], [2020, 275_00n]]));
    expect(spreadOverFinancialYears(100n, d('2019-04-01'), d('2020-04-01'))).toEqual(new Map([[2019, 100n]]));
  });
});
