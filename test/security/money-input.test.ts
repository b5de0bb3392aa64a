/**
 * Money a client sends is a plain pounds string within stated bounds (src/costs/money.ts,
 * MAX_INPUT_PENCE): every money field of every mutation and of the appraisal refuses a formatted,
 * signed, fractional-pence, exponent or out-of-range amount with BAD_USER_INPUT naming the field,
 * and writes nothing; the bounds themselves are accepted. Runs on SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInputPounds } from '../../src/costs/money.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let admin: string;
const ids = {} as Record<'fund' | 'partner' | 'commission' | 'round', string>;

async function ok(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const answer = await t.gql(query, variables, { token: admin });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
  const data = await ok(`{ boards(kind: HEALTH_AND_WELLBEING_BOARD) { edges { node { id } } } partners(first: 1) { edges { node { id } } } }`);
  ids.partner = data.partners.edges[0].node.id;
  ids.fund = (await ok(`mutation($b: ID!) { createFund(input: { name: "Money test fund", boardId: $b, startsOn: "2019-04-01" }) { id } }`, { b: data.boards.edges[0].node.id })).createFund.id;
  await ok(`mutation($f: ID!, $p: ID!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "5000.00", receivedOn: "2019-04-01" }) { id } }`, {
    f: ids.fund,
    p: ids.partner,
  });
  ids.commission = (
    await ok(`mutation($f: ID!) { createCommission(input: { fundId: $f, title: "C", provider: "P", localityCodes: ["kington"], amount: "100.00", startsOn: "2030-04-01", endsOn: "2031-04-01" }) { id } }`, {
      f: ids.fund,
    })
  ).createCommission.id;
  ids.round = (
    await ok(`mutation($f: ID!, $o: Date!, $c: Date!) { openPbRound(input: { fundId: $f, title: "R", opensOn: $o, closesOn: $c, pot: "1000.00" }) { id } }`, {
      f: ids.fund,
      o: day(-1),
      c: day(14),
    })
  ).openPbRound.id;
}, 120_000);
afterAll(() => t?.stop());

/** Each money field: the request with `amount` in it, and the field the error must name. */
const FIELDS: { name: string; field: string; doc: string; vars: (amount: unknown) => Record<string, unknown> }[] = [
  {
    name: 'addFundContribution.amount',
    field: 'input.amount',
    doc: `mutation($f: ID!, $p: ID!, $a: String!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: $a, receivedOn: "2019-04-01" }) { id } }`,
    vars: (a) => ({ f: ids.fund, p: ids.partner, a }),
  },
  {
    name: 'createCommission.amount',
    field: 'input.amount',
    doc: `mutation($f: ID!, $a: String!) { createCommission(input: { fundId: $f, title: "X", provider: "P", localityCodes: ["kington"], amount: $a, startsOn: "2030-04-01", endsOn: "2031-04-01" }) { id } }`,
    vars: (a) => ({ f: ids.fund, a }),
  },
  {
    name: 'openPbRound.pot',
    field: 'input.pot',
    doc: `mutation($f: ID!, $a: String!, $o: Date!, $c: Date!) { openPbRound(input: { fundId: $f, title: "X", opensOn: $o, closesOn: $c, pot: $a }) { id } }`,
    vars: (a) => ({ f: ids.fund, a, o: day(-1), c: day(14) }),
  },
  {
    name: 'submitPbProposal.cost',
    field: 'input.cost',
    doc: `mutation($r: ID!, $a: String!) { submitPbProposal(input: { roundId: $r, title: "X", proposer: "Group", theme: "t", localityCode: "kington", cost: $a }) { id } }`,
    vars: (a) => ({ r: ids.round, a }),
  },
  {
    name: 'reportOnCommission.spent',
    field: 'input.spent',
    doc: `mutation($c: ID!, $a: String!) { reportOnCommission(input: { commissionId: $c, submittedOn: "2030-05-01", summary: "S", spent: $a }) { spent } }`,
    vars: (a) => ({ c: ids.commission, a }),
  },
  {
    name: 'appraisal costs.setUp',
    field: 'input.costs.0.setUp',
    doc: `query($a: String!) { appraisal(input: { years: 5, reductions: [{ unitCostId: "asb-incident-police", perYear: 1 }], costs: [{ year: 0, setUp: $a }] }) { central { netPresentValue } } }`,
    vars: (a) => ({ a }),
  },
];

const BAD = ['£5', '1e30', '1E3', '-5', '-0.01', '5.001', '0.005', 'NaN', 'Infinity', '1,000', ' 5', '5 ', '+5', '0x10', '', '.5', '10000000000.01', '99999999999'];

async function footprint() {
  const db = t.server.stores.records.prisma;
  const [contributions, commissions, rounds, proposals, reports, audit] = await Promise.all([
    db.fundContribution.count(),
    db.commission.count(),
    db.pbRound.count(),
    db.pbProposal.count(),
    db.commissionReport.count(),
    db.auditEvent.count({ where: { action: { not: 'READ' } } }),
  ]);
  return { contributions, commissions, rounds, proposals, reports, audit };
}

describe.each(FIELDS)('$name', ({ field, doc, vars }) => {
  it('refuses every malformed or out-of-range amount with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await footprint();
    for (const amount of BAD) {
      const answer = await t.gql(doc, vars(amount), { token: admin });
      expect([amount, answer.errors?.[0]?.extensions?.code, answer.errors?.[0]?.extensions?.field]).toEqual([amount, 'BAD_USER_INPUT', field]);
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses a JSON number where the amount string belongs (1e30), as a client mistake', async () => {
    const answer = await t.gql(doc, vars(1e30), { token: admin });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the bounds', () => {
  it('accepts 0.01 and £10,000,000,000.00 exactly, in any of the plain spellings', () => {
    expect(parseInputPounds('0.01')).toEqual({ pence: 1n });
    expect(parseInputPounds('10000000000')).toEqual({ pence: 1_000_000_000_000n });
    expect(parseInputPounds('10000000000.00')).toEqual({ pence: 1_000_000_000_000n });
    expect(parseInputPounds('25000.5')).toEqual({ pence: 2_500_050n });
  });

  it('takes the top of the range as a real contribution', async () => {
    const d = await ok(
      `mutation($f: ID!, $p: ID!) { addFundContribution(input: { fundId: $f, kind: POOLED, partnerId: $p, amount: "10000000000.00", receivedOn: "2019-04-01" }) { amount } }`,
      { f: ids.fund, p: ids.partner },
    );
    expect(d.addFundContribution.amount).toBe('10000000000.00');
  });
});
