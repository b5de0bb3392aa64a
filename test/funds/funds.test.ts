/**
 * Pooled and devolved funds, commissioning and participatory budgeting, over HTTP against the real
 * server (SQLite, or PostgreSQL with TEST_DATABASE_URL): the balance is never overspent under
 * parallel commitments, a round runs end to end with results computed by hand, a voter votes
 * once, commissioned spend appears once in place-based spend, and contributions follow sharing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';
import { gid, matrixViewers, VIEWERS, type ViewerName } from '../support/sharing-matrix.js';
import { recordId } from '../support/ids.js';

let t: TestServer;
let admin: string;
let reader: string;
let boards: Record<string, { id: string; scope: string }>;
let partners: { id: string; name: string }[];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function ok<T = any>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> {
  const res = await t.gql<T>(query, variables, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

const CREATE_FUND = `mutation($input: CreateFundInput!) { createFund(input: $input) { id } }`;
const CONTRIBUTE = `mutation($input: AddFundContributionInput!) { addFundContribution(input: $input) { id amount } }`;
const COMMISSION = `mutation($input: CreateCommissionInput!) { createCommission(input: $input) { id amount reportsTo { name } } }`;

async function fundWith(boardName: string, pounds: string, extra: Record<string, unknown> = {}): Promise<string> {
  const fund = await ok(CREATE_FUND, { input: { name: `${boardName} fund ${Math.random()}`, boardId: boards[boardName]!.id, startsOn: '2019-04-01' } });
  await ok(CONTRIBUTE, { input: { fundId: fund.createFund.id, kind: 'POOLED', partnerId: partners[0]!.id, amount: pounds, receivedOn: '2019-04-01', ...extra } });
  return fund.createFund.id;
}

beforeAll(async () => {
  t = await startTestServer();
  admin = await tokenFor({ personId: 1, partnerId: 1, roles: ['ADMIN'] });
  const data = await ok(`{ boards(first: 100) { edges { node { id name scope } } } partners(first: 10) { edges { node { id name } } } }`, {});
  boards = Object.fromEntries(data.boards.edges.map((e: any) => [e.node.name, { id: e.node.id, scope: e.node.scope }]));
  partners = data.partners.edges.map((e: any) => e.node);
  reader = await tokenFor({ personId: 2, partnerId: recordId(partners[1]!.id), roles: ['READER'] });
}, 120_000);

afterAll(() => t?.stop());

describe('commissioning from a fund', () => {
  it('never commits more than the fund holds under parallel commitments; every refusal is CONFLICT FUND_BALANCE', async () => {
    const fundId = await fundWith('Herefordshire Health and Wellbeing Board', '1000.00');
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql(COMMISSION, { input: { fundId, title: `Parallel ${i}`, provider: 'Provider', localityCodes: ['kington'], amount: '150.00', startsOn: '2030-04-01', endsOn: '2031-04-01' } }, { token: admin }),
      ),
    );
    const won = attempts.filter((a) => !a.errors);
    const lost = attempts.filter((a) => a.errors);
    expect(won).toHaveLength(6); // 6 x 150 = 900; a seventh would make 1,050
    for (const refusal of lost) {
      expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'FUND_BALANCE' });
    }
    const fund = await ok(`query($id: ID!) { node(id: $id) { ... on Fund { contributed commissioned balance commissions { amount } } } }`, { id: fundId });
    expect(fund.node).toMatchObject({ contributed: '1000.00', commissioned: '900.00', balance: '100.00' });
    expect(fund.node.commissions).toHaveLength(6);
  });

  it('keeps ring-fenced money for its theme and money past its spend-by day out of new commitments', async () => {
    const fundId = await fundWith('Herefordshire Health and Wellbeing Board', '100.00');
    await ok(CONTRIBUTE, { input: { fundId, kind: 'DEVOLVED', devolvedFrom: 'County Cabinet', partnerId: partners[0]!.id, amount: '500.00', receivedOn: '2019-04-01', ringFencedTheme: 'Transport' } });
    await ok(CONTRIBUTE, { input: { fundId, kind: 'POOLED', partnerId: partners[0]!.id, amount: '70.00', receivedOn: '2019-04-01', spendBy: '2020-03-31' } });
    const money = await ok(`query($id: ID!) { node(id: $id) { ... on Fund { balance transport: availableFor(theme: "Transport", on: "2020-01-01") other: availableFor(theme: "Health", on: "2020-01-01") late: availableFor(theme: "Health", on: "2021-01-01") } } }`, { id: fundId });
    expect(money.node).toEqual({ balance: '670.00', transport: '670.00', other: '170.00', late: '100.00' });
    const refused = await t.gql(COMMISSION, { input: { fundId, title: 'Too much', provider: 'P', theme: 'Health', localityCodes: ['kington'], amount: '170.01', startsOn: '2020-01-01', endsOn: '2020-06-01' } }, { token: admin });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'FUND_BALANCE', available: '170.00' });
  });

  it('validates input with typed errors and writes nothing on a refusal', async () => {
    const fundId = await fundWith('Kington Locality Board', '100.00');
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '12.345' }, 'input.amount'],
      [{ amount: '-5' }, 'input.amount'],
      [{ endsOn: '2019-01-01' }, 'input.endsOn'],
      [{ localityCodes: [] }, 'input.localityCodes'],
      [{ localityCodes: ['leominster'] }, 'input.localityCodes'], // a Kington board does not cover Leominster
      [{ title: '  ' }, 'input.title'],
    ];
    for (const [change, field] of cases) {
      const res = await t.gql(COMMISSION, { input: { fundId, title: 'T', provider: 'P', localityCodes: ['kington'], amount: '10.00', startsOn: '2020-01-01', endsOn: '2020-06-01', ...change } }, { token: admin });
      expect(res.errors?.[0]?.extensions, JSON.stringify(change)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const fund = await ok(`query($id: ID!) { node(id: $id) { ... on Fund { commissions { id } balance } } }`, { id: fundId });
    expect(fund.node).toEqual({ commissions: [], balance: '100.00' });
    const events = await ok(`{ auditEvents(filter: { entity: "Commission" }) { totalCount } }`, {}, await tokenFor({ personId: 1, partnerId: 1, roles: ['DATA_PROTECTION_OFFICER'] }));
    expect(events.auditEvents.totalCount).toBeGreaterThan(0); // the parallel test's six, none from these refusals
  });

  it('lets only ADMIN or the lead of the holding board’s locality commit money', async () => {
    const fundId = await fundWith('Kington Locality Board', '100.00');
    const input = { fundId, title: 'T', provider: 'P', localityCodes: ['kington'], amount: '10.00', startsOn: '2020-01-01', endsOn: '2020-06-01' };
    expect((await t.gql(COMMISSION, { input })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(COMMISSION, { input }, { token: reader })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const otherLead = await tokenFor({ personId: 3, partnerId: 1, roles: ['LOCALITY_LEAD'], localities: ['leominster'] });
    expect((await t.gql(COMMISSION, { input }, { token: otherLead })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const lead = await tokenFor({ personId: 3, partnerId: 1, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
    const made = await ok(COMMISSION, { input }, lead);
    // A Kington task group's parent is the Kington board; the locality board reports to the HWB.
    expect(made.createCommission.reportsTo.name).toBe('Herefordshire Health and Wellbeing Board');
  });

  it('tables a commission’s report at the next meeting of the board it answers to', async () => {
    const fundId = await fundWith('Kington Rural Isolation Task and Finish Group', '100.00');
    const made = await ok(COMMISSION, { input: { fundId, title: 'Befriending', provider: 'Kington Befrienders', localityCodes: ['kington'], amount: '60.00', startsOn: day(-30), endsOn: day(300) } });
    expect(made.createCommission.reportsTo.name).toBe('Kington Locality Board');
    const meeting = await ok(`mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`, { input: { boardId: boards['Kington Locality Board']!.id, kind: 'ORDINARY', startsAt: `${day(40)}T18:00:00.000Z` } });
    const report = await ok(`mutation($input: ReportOnCommissionInput!) { reportOnCommission(input: $input) { spent meeting { id } } }`, { input: { commissionId: made.createCommission.id, submittedOn: day(39), summary: 'Forty residents visited', spent: '20.00' } });
    expect(report.reportOnCommission).toEqual({ spent: '20.00', meeting: { id: meeting.createMeeting.id } });
    const tabled = await ok(`query($id: ID!) { node(id: $id) { ... on Meeting { commissionReports { summary commission { title } } } } }`, { id: meeting.createMeeting.id });
    expect(tabled.node.commissionReports).toEqual([{ summary: 'Forty residents visited', commission: { title: 'Befriending' } }]);
  });
});

describe('commissioned spend in place-based spend', () => {
  it('appears exactly once: in the localities it covers, their groups and the county', async () => {
    const SPEND = `{ kington: locality(code: "kington") { spend(year: "2019/20") { total byService { service amount } } }
      weobley: locality(code: "weobley") { spend(year: "2019/20") { total byService { service amount } } }
      leominster: locality(code: "leominster") { spend(year: "2019/20") { total } }
      groups: localityGroups { code spend(year: "2019/20") { total } }
      county { spend(year: "2019/20") { total byService { service amount } } } }`;
    const before = await ok(SPEND, {});
    const fundId = await fundWith('Herefordshire Health and Wellbeing Board', '5000.00');
    await ok(COMMISSION, { input: { fundId, title: 'Rural transport', provider: 'Community Wheels', localityCodes: ['kington', 'weobley'], amount: '1200.00', startsOn: '2019-04-01', endsOn: '2020-04-01' } });
    const after = await ok(SPEND, {});
    const pence = (s: string) => Math.round(Number(s) * 100);
    const lines = (area: any) => area.spend.byService.filter((s: any) => s.service.startsWith('Rural transport'));
    expect(pence(after.county.spend.total) - pence(before.county.spend.total)).toBe(120_000);
    expect(lines(after.county)).toHaveLength(1);
    const kington = pence(after.kington.spend.total) - pence(before.kington.spend.total);
    const weobley = pence(after.weobley.spend.total) - pence(before.weobley.spend.total);
    expect(kington + weobley).toBe(120_000);
    expect(kington).toBeGreaterThan(0);
    expect(lines(after.kington)).toEqual([{ service: 'Rural transport (Community Wheels)', amount: (kington / 100).toFixed(2) }]);
    expect(after.leominster.spend.total).toBe(before.leominster.spend.total);
    const groupDelta = after.groups.reduce((sum: number, group: any, i: number) => sum + pence(group.spend.total) - pence(before.groups[i].spend.total), 0);
    expect(after.groups.length).toBeGreaterThan(1);
    expect(groupDelta).toBe(120_000);
  });
});

describe('a participatory-budgeting round', () => {
  it('runs end to end: withheld small counts, one ballot per voter, results by the greedy approval rule, winners commissioned', async () => {
    const fundId = await fundWith('Leominster Locality Board', '3000.00');
    const round = await ok(`mutation($input: OpenPbRoundInput!) { openPbRound(input: $input) { id state pot shareOfFund } }`, { input: { fundId, title: 'Leominster Decides', opensOn: day(-1), closesOn: day(14), pot: '1000.00' } });
    expect(round.openPbRound).toMatchObject({ state: 'OPEN', pot: '1000.00', shareOfFund: 1000 / 3000 });
    const roundId = round.openPbRound.id;
    const fundMid = await ok(`query($id: ID!) { node(id: $id) { ... on Fund { balance reservedForRounds } } }`, { id: fundId });
    expect(fundMid.node).toEqual({ balance: '2000.00', reservedForRounds: '1000.00' });

    const propose = (title: string, cost: string) =>
      ok(`mutation($input: SubmitPbProposalInput!) { submitPbProposal(input: $input) { id } }`, { input: { roundId, title, proposer: `${title} group`, cost, theme: 'Community', localityCode: 'leominster' } }).then((d) => d.submitPbProposal.id as string);
    const a = await propose('A', '600.00');
    const b = await propose('B', '500.00');
    const c = await propose('C', '300.00');
    const d = await propose('D', '200.00');
    // Seven voters: A approved by all 7, B by 6, C by 5, D by 2.
    const ballots = [
      [a, b, c, d], [a, b, c, d], [a, b, c], [a, b, c], [a, b, c], [a, b], [a],
    ];
    const VOTE = `mutation($input: CastPbVoteInput!) { castPbVote(input: $input) }`;
    for (const [i, approve] of ballots.entries()) await ok(VOTE, { input: { roundId, voterId: `POLLCARD-${i + 1}`, approve } });
    const again = await t.gql(VOTE, { input: { roundId, voterId: ' pollcard-1 ', approve: [d] } }, { token: admin });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ONE_BALLOT_PER_VOTER' });

    const RESULTS = `query($id: ID!) { node(id: $id) { ... on PbRound { state ballotCount results { proposal { title } approvals withheld rank funded } } } }`;
    const open = await ok(RESULTS, { id: roundId });
    // While open, counts under the small-number threshold (5) are withheld: D's 2.
    expect(open.node.ballotCount).toBe(7);
    expect(open.node.results).toEqual([
      { proposal: { title: 'A' }, approvals: 7, withheld: false, rank: null, funded: null },
      { proposal: { title: 'B' }, approvals: 6, withheld: false, rank: null, funded: null },
      { proposal: { title: 'C' }, approvals: 5, withheld: false, rank: null, funded: null },
      { proposal: { title: 'D' }, approvals: null, withheld: true, rank: null, funded: null },
    ]);
    const early = await t.gql(`mutation($id: ID!) { countPbRound(id: $id) { id } }`, { id: roundId }, { token: admin });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ROUND_CLOSED_BEFORE_COUNT' });

    await ok(`mutation($id: ID!) { closePbRound(id: $id) { state } }`, { id: roundId });
    const counted = await ok(`mutation($id: ID!) { countPbRound(id: $id) { state } }`, { id: roundId });
    expect(counted.countPbRound.state).toBe('COUNTED');
    // By hand: A (600) fits the 1,000 pot, 400 left; B (500) does not; C (300) does, 100 left; D (200) does not.
    const closed = await ok(RESULTS, { id: roundId });
    expect(closed.node.results).toEqual([
      { proposal: { title: 'A' }, approvals: 7, withheld: false, rank: 1, funded: true },
      { proposal: { title: 'B' }, approvals: 6, withheld: false, rank: 2, funded: false },
      { proposal: { title: 'C' }, approvals: 5, withheld: false, rank: 3, funded: true },
      { proposal: { title: 'D' }, approvals: 2, withheld: false, rank: 4, funded: false },
    ]);
    const fund = await ok(`query($id: ID!) { node(id: $id) { ... on Fund { balance commissioned reservedForRounds commissions { title provider amount proposal { title } localities { code } } } } }`, { id: fundId });
    expect(fund.node).toEqual({
      balance: '2100.00',
      commissioned: '900.00',
      reservedForRounds: '0.00',
      commissions: [
        { title: 'A', provider: 'A group', amount: '600.00', proposal: { title: 'A' }, localities: [{ code: 'leominster' }] },
        { title: 'C', provider: 'C group', amount: '300.00', proposal: { title: 'C' }, localities: [{ code: 'leominster' }] },
      ],
    });
    const twice = await t.gql(`mutation($id: ID!) { countPbRound(id: $id) { id } }`, { id: roundId }, { token: admin });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ROUND_COUNTED_ONCE' });
  });

  it('exposes no individual ballot or token anywhere in the schema', async () => {
    const res = await ok(`{ __schema { types { name fields { name } } } }`, {});
    const names = res.__schema.types.flatMap((type: any) => [type.name, ...(type.fields ?? []).map((f: any) => `${type.name}.${f.name}`)]);
    expect(names.filter((n: string) => /ballot|token|voter/i.test(n) && !/ballotCount/.test(n))).toEqual([]);
  });
});

describe('contributions and sharing', () => {
  it('hides a RESTRICTED contribution from other partners, in its details and in the fund’s totals, and audits its reads', async () => {
    const fund = await ok(CREATE_FUND, { input: { name: 'Restricted pool', boardId: boards['Herefordshire Health and Wellbeing Board']!.id, startsOn: '2024-04-01' } });
    const fundId = fund.createFund.id;
    const ownerPartner = recordId(partners[0]!.id);
    const contributor = await tokenFor({ personId: 4, partnerId: ownerPartner, roles: ['CONTRIBUTOR'] });
    await ok(CONTRIBUTE, { input: { fundId, kind: 'POOLED', partnerId: partners[0]!.id, amount: '250.00', receivedOn: '2024-04-01', sharingLevel: 'RESTRICTED' } }, contributor);
    const Q = `query($id: ID!) { node(id: $id) { ... on Fund { contributed contributions { amount partner { name } } } } }`;
    expect((await ok(Q, { id: fundId }, reader)).node).toEqual({ contributed: '0.00', contributions: [] });
    expect((await ok(Q, { id: fundId }, contributor)).node).toEqual({ contributed: '250.00', contributions: [{ amount: '250.00', partner: { name: partners[0]!.name } }] });
    const dpo = await tokenFor({ personId: 1, partnerId: 1, roles: ['DATA_PROTECTION_OFFICER'] });
    const reads = await ok(`{ auditEvents(filter: { entity: "FundContribution", action: READ }) { totalCount } }`, {}, dpo);
    expect(reads.auditEvents.totalCount).toBeGreaterThanOrEqual(1);
    // A CONTRIBUTOR of another partner may not put money in the first partner's name.
    const other = await tokenFor({ personId: 5, partnerId: ownerPartner + 1, roles: ['CONTRIBUTOR'] });
    const refused = await t.gql(CONTRIBUTE, { input: { fundId, kind: 'POOLED', partnerId: partners[0]!.id, amount: '1.00', receivedOn: '2024-04-01' } }, { token: other });
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

/**
 * The subtraction leak (a DPO's sign-off on fund totals): a fund's figures are computable from the
 * contributions the viewer is shown, so no combination of them (total minus visible contributions,
 * balance plus commitments, what is available, a round's share of the fund) recovers a RESTRICTED
 * contribution the viewer may not see. The fund-balance rule still decides on every contribution,
 * and its refusal names no figure to a viewer from whom some are hidden.
 */
describe('fund totals count only what the viewer may see', () => {
  const FIGURES = `query($id: ID!) { node(id: $id) { ... on Fund {
    contributed commissioned reservedForRounds balance any: availableFor(on: "2030-04-01") health: availableFor(theme: "Health", on: "2030-04-01")
    contributions { amount } rounds { pot shareOfFund }
  } } }`;
  const MAY_SEE: Record<ViewerName, boolean> = { anonymous: false, author: true, named: true, unnamed: false, admin: true };

  it('every viewer who may not see a RESTRICTED contribution is shown exactly the same fund before and after it; the others see it counted once', async () => {
    const m = await matrixViewers(t.server.stores.records.prisma);
    const board = (await ok(`mutation { createBoard(input: { name: "Leak-matrix board", kind: TASK_AND_FINISH_GROUP, localityCode: "kington", startsOn: "2020-01-01" }) { id } }`, {})).createBoard.id;
    const fundId = (await ok(CREATE_FUND, { input: { name: 'Leak-matrix fund', boardId: board, startsOn: '2019-04-01' } })).createFund.id;
    const author = m.tokens.author!;
    const give = (amount: string, level: string, extra: Record<string, unknown> = {}) =>
      ok(CONTRIBUTE, { input: { fundId, kind: 'POOLED', partnerId: gid('Partner', m.partnerIds.author), amount, receivedOn: '2019-04-01', ...m.sharing(level as any), ...extra } }, author);
    await give('100.00', 'PUBLIC');
    await give('200.00', 'PARTNERSHIP');
    await ok(COMMISSION, { input: { fundId, title: 'Visible commitment', provider: 'P', localityCodes: ['kington'], amount: '50.00', startsOn: '2030-04-01', endsOn: '2031-04-01' } });
    await ok(`mutation($f: ID!) { openPbRound(input: { fundId: $f, title: "Leak round", opensOn: "${day(-1)}", closesOn: "${day(14)}", pot: "30.00" }) { id } }`, { f: fundId });
    const figures = async () => Object.fromEntries(await Promise.all(VIEWERS.map(async (v) => [v, (await t.gql(FIGURES, { id: fundId }, { token: m.tokens[v] })).data?.node])));
    const before = await figures();
    await give('400.00', 'RESTRICTED', { ringFencedTheme: 'Health' });
    const after = await figures();
    for (const viewer of VIEWERS) {
      const [was, is] = [before[viewer], after[viewer]];
      // Every figure is what the contributions shown compute to: nothing is left to subtract.
      const shown = is.contributions.reduce((sum: number, c: { amount: string }) => sum + Number(c.amount), 0);
      expect(Number(is.contributed), viewer).toBe(shown);
      expect(Number(is.balance), viewer).toBe(shown - Number(is.commissioned) - Number(is.reservedForRounds));
      if (MAY_SEE[viewer]) {
        expect(is.contributions.length, viewer).toBe(was.contributions.length + 1);
        expect([Number(is.contributed) - Number(was.contributed), Number(is.health) - Number(was.health), Number(is.any) - Number(was.any)], viewer).toEqual([400, 400, 0]);
      } else {
        expect(is, viewer).toEqual(was);
      }
    }
    expect(after.unnamed).toMatchObject({ contributed: '300.00', balance: '220.00', any: '220.00', health: '220.00' });
  });

  it('the fund-balance rule decides on every contribution, and its refusal names no figure to a viewer from whom one is hidden', async () => {
    const m = await matrixViewers(t.server.stores.records.prisma);
    const board = (await ok(`mutation { createBoard(input: { name: "Leak-matrix board 2", kind: TASK_AND_FINISH_GROUP, localityCode: "kington", startsOn: "2020-01-01" }) { id } }`, {})).createBoard.id;
    const fundId = (await ok(CREATE_FUND, { input: { name: 'Leak-matrix fund 2', boardId: board, startsOn: '2019-04-01' } })).createFund.id;
    for (const [amount, level] of [['100.00', 'PARTNERSHIP'], ['437.00', 'RESTRICTED']] as const) {
      await ok(CONTRIBUTE, { input: { fundId, kind: 'POOLED', partnerId: gid('Partner', m.partnerIds.author), amount, receivedOn: '2019-04-01', ...m.sharing(level) } }, m.tokens.author!);
    }
    const lead = await tokenFor({ personId: 7, partnerId: m.partnerIds.unnamed, roles: ['LOCALITY_LEAD'], localities: ['kington'] });
    const commission = (amount: string, token: string) =>
      t.gql(COMMISSION, { input: { fundId, title: `Asks ${amount}`, provider: 'P', localityCodes: ['kington'], amount, startsOn: '2030-04-01', endsOn: '2031-04-01' } }, { token });
    const refused = await commission('600.00', lead);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', rule: 'FUND_BALANCE', field: 'input.amount' });
    expect(JSON.stringify(refused.errors)).not.toMatch(/537|437/);
    // An ADMIN sees every contribution: the refusal names what is available.
    expect((await commission('600.00', m.tokens.admin!)).errors?.[0]?.extensions).toMatchObject({ rule: 'FUND_BALANCE', available: '537.00' });
    // The lead is shown 100.00, but the rule counts the hidden money: 500.00 fits.
    expect((await t.gql(`query($id: ID!) { node(id: $id) { ... on Fund { balance } } }`, { id: fundId }, { token: lead })).data.node.balance).toBe('100.00');
    expect((await commission('500.00', lead)).errors).toBeUndefined();
  });
});
