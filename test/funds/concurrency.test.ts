/**
 * Parallel commitments from one fund, on a store with nothing but the records they need (so it
 * runs quickly on PostgreSQL too: TEST_DATABASE_URL=...): whatever the interleaving, the sum
 * committed never exceeds the fund, and every refused commitment is CONFLICT with the rule named.
 */
import { globalId } from '../support/ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let admin: string;
let fundId: string;

beforeAll(async () => {
  t = await startTestServer({ sample: false });
  const db = t.server.stores.records.prisma;
  await db.locality.create({ data: { code: 'testtown', name: 'Test Town' } });
  const partner = await db.partner.create({ data: { name: 'Test Council', kind: 'COUNCIL' } });
  // A token must name a person and partner on record (src/auth/token.ts).
  const person = await db.person.create({ data: { name: 'Test Admin', partnerId: partner.id } });
  admin = await tokenFor({ personId: person.id, partnerId: partner.id, roles: ['ADMIN'] });
  const board = await db.board.create({ data: { name: 'County Board', kind: 'EXECUTIVE_GROUP', scope: 'COUNTY', startsOn: new Date('2020-01-01') } });
  const fund = await db.fund.create({ data: { name: 'Pool', boardId: board.id, startsOn: new Date('2020-01-01') } });
  await db.fundContribution.createMany({
    data: [
      { fundId: fund.id, kind: 'POOLED', partnerId: partner.id, amountPence: 60_000n, receivedOn: new Date('2020-01-01'), authorPartnerId: partner.id },
      { fundId: fund.id, kind: 'DEVOLVED', devolvedFrom: 'Cabinet', partnerId: partner.id, amountPence: 40_000n, receivedOn: new Date('2020-01-01'), authorPartnerId: partner.id },
    ],
  });
  fundId = globalId('Fund', fund.id);
}, 120_000);

afterAll(() => t?.stop());

const COMMISSION = `mutation($input: CreateCommissionInput!) { createCommission(input: $input) { amount } }`;
const OPEN_ROUND = `mutation($input: OpenPbRoundInput!) { openPbRound(input: $input) { pot } }`;

describe('parallel commitments from one fund', () => {
  it('commits at most the fund (£1,000) across 16 parallel commissions and rounds; every refusal is CONFLICT FUND_BALANCE', async () => {
    // Amounts of 70 and 130 pounds: which ones win depends on the interleaving, the cap never does.
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 4 === 3
          ? t.gql(OPEN_ROUND, { input: { fundId, title: `Round ${i}`, opensOn: '2030-01-01', closesOn: '2030-02-01', pot: '130.00' } }, { token: admin })
          : t.gql(COMMISSION, { input: { fundId, title: `C${i}`, provider: 'P', localityCodes: ['testtown'], amount: i % 2 ? '130.00' : '70.00', startsOn: '2030-01-01', endsOn: '2031-01-01' } }, { token: admin }),
      ),
    );
    const refusals = attempts.filter((a) => a.errors);
    for (const refusal of refusals) expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'FUND_BALANCE' });
    const won = attempts.filter((a) => !a.errors).map((a) => Math.round(Number((a.data as any).createCommission?.amount ?? (a.data as any).openPbRound.pot) * 100));
    const total = won.reduce((sum, pence) => sum + pence, 0);
    expect(total).toBeLessThanOrEqual(100_000);
    // Each refusal was right: the money left when it was refused could not cover it.
    expect(100_000 - total).toBeLessThan(13_000);
    expect(refusals.length).toBeGreaterThan(0);
    const db = t.server.stores.records.prisma;
    const stored = await db.commission.aggregate({ _sum: { amountPence: true } });
    const reserved = await db.pbRound.aggregate({ _sum: { potPence: true } });
    expect(Number(stored._sum.amountPence ?? 0n) + Number(reserved._sum.potPence ?? 0n)).toBe(total);
    // As an ADMIN, who sees every contribution (an anonymous viewer's totals count only PUBLIC ones).
    const fund = await t.gql(`query($id: ID!) { node(id: $id) { ... on Fund { contributed balance } } }`, { id: fundId }, { token: admin });
    expect((fund.data as any).node).toEqual({ contributed: '1000.00', balance: ((100_000 - total) / 100).toFixed(2) });
  });
});
