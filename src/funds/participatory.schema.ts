/**
 * Participatory budgeting in the graph: `PbRound` (its state, pot, share of the fund, ballot
 * count and results), `PbProposal` (its approvals), `pbRounds`, and the mutations `openPbRound`
 * and `countPbRound` (ADMIN or the lead of the holding board's locality), `submitPbProposal`
 * (those, or any CONTRIBUTOR, for a community group) and `castPbVote` (a signed-in viewer: the
 * organisers' voting system, which verifies the voter and sends only an identifier that is
 * hashed here and never kept).
 *
 * No field returns a ballot or a token: only counts. While a round is open, a count under
 * SMALL_NUMBER_THRESHOLD is withheld (null, `withheld: true`); once it closes every count shows.
 */
import { formatPence } from '../costs/money.js';
import type { Context } from '../schema/context.js';
import { contributorScopes, leadScopes } from '../auth/scopes.js';
import { today } from '../days.js';
import { builder } from '../schema/builder.js';
import { idArg } from '../writes/graphql.js';
import { countApprovalGreedy } from './counting.js';
import { fundOwners } from './funds.js';
import { ballotInput, castBallot, closeRound, countRound, openRound, openRoundInput, proposalInput, roundOwners, roundState, submitProposal, type RoundState } from './participatory.js';

export const RoundStateEnum = builder.enumType('PbRoundState', {
  description: 'Where a participatory-budgeting round stands on a day.',
  values: {
    UPCOMING: { description: 'Not open yet.' },
    OPEN: { description: 'Taking proposals and votes.' },
    CLOSED: { description: 'Closed, not yet counted.' },
    COUNTED: { description: 'Counted: the funded proposals are commissions of the fund.' },
  } satisfies Record<RoundState, { description: string }>,
});

interface RoundCounts {
  state: RoundState;
  approvals: Map<number, number>;
  ballots: number;
  threshold: number;
}

async function countsOf(ctx: Context, round: { id: number; opensOn: Date; closesOn: Date; countedAt: Date | null }): Promise<RoundCounts> {
  const counts = await ctx.loaders.funds.counts.load(round.id);
  return { state: roundState(round, today()), ...counts, threshold: ctx.loaders.funds.settings.smallNumberThreshold };
}

/** A count as shown: withheld while the round is open (or upcoming) and the count is under the threshold. */
const shown = (counts: RoundCounts, value: number) => (counts.state !== 'CLOSED' && counts.state !== 'COUNTED' && value < counts.threshold ? null : value);

interface ResultRow {
  proposalId: number;
  approvals: number | null;
  rank: number | null;
  funded: boolean | null;
}

const ResultRef = builder.objectRef<ResultRow>('PbResult').implement({
  description: 'One proposal’s place in a round’s count.',
  fields: (t) => ({
    proposal: t.prismaField({
      type: 'PbProposal',
      description: 'The proposal.',
      resolve: (query, row, _args, ctx) => ctx.prisma.pbProposal.findUniqueOrThrow({ ...query, where: { id: row.proposalId } }),
    }),
    approvals: t.int({ nullable: true, description: 'Ballots approving it (null: withheld, under the small-number threshold while the round is open).', resolve: (row) => row.approvals }),
    withheld: t.boolean({ description: 'Whether the count is withheld.', resolve: (row) => row.approvals === null }),
    rank: t.int({ nullable: true, description: 'Its place in the counting order once the round has closed (null before).', resolve: (row) => row.rank }),
    funded: t.boolean({ nullable: true, description: 'Whether the count funds it (null before the round closes).', resolve: (row) => row.funded }),
  }),
});

builder.prismaNode('PbRound', {
  nullable: true,
  description:
    'A participatory-budgeting round on a fund: residents propose and vote (approval ballots) on how a pot is spent; funded proposals become commissions.',
  id: { field: 'id' },
  fields: (t) => ({
    fund: t.relation('fund', { description: 'The fund it spends from.' }),
    title: t.exposeString('title', { description: 'Its name.' }),
    opensOn: t.expose('opensOn', { type: 'Date', description: 'The first day proposals and votes are taken.' }),
    closesOn: t.expose('closesOn', { type: 'Date', description: 'The day it closes (nothing is taken from this day).' }),
    pot: t.string({ description: 'The money on offer, in pounds (reserved in the fund until counted).', select: { potPence: true }, resolve: (r) => formatPence(r.potPence) }),
    shareOfFund: t.float({
      nullable: true,
      description: 'The pot as a share of the fund’s contributions you may see (null when you see none; above 1 when most are hidden from you).',
      select: { potPence: true, fundId: true },
      resolve: async (r, _args, ctx) => {
        const totals = await ctx.loaders.funds.totals.load(r.fundId);
        return totals.contributedPence === 0n ? null : Number(r.potPence) / Number(totals.contributedPence);
      },
    }),
    state: t.field({ type: RoundStateEnum, description: 'Where it stands today.', select: { opensOn: true, closesOn: true, countedAt: true }, resolve: (r) => roundState(r, today()) }),
    countedAt: t.expose('countedAt', { type: 'DateTime', nullable: true, description: 'When it was counted.' }),
    countingRule: t.string({
      description: 'The named counting rule.',
      resolve: () => 'Approval voting; greedy allocation: proposals in order of approvals (ties: cheaper first), each funded if it fits in what is left of the pot.',
    }),
    proposals: t.relation('proposals', { description: 'Its proposals, in order of submission.', query: { orderBy: { id: 'asc' } } }),
    ballotCount: t.int({
      nullable: true,
      description: 'Ballots cast (null: withheld, under the small-number threshold while the round is open).',
      select: { opensOn: true, closesOn: true, countedAt: true },
      resolve: async (r, _args, ctx) => {
        const counts = await countsOf(ctx, r);
        return shown(counts, counts.ballots);
      },
    }),
    results: t.field({
      type: [ResultRef],
      description: 'The count: every proposal with its approvals, and once closed its rank and whether it is funded (the counting rule applied to the pot).',
      select: { opensOn: true, closesOn: true, countedAt: true, potPence: true, proposals: { select: { id: true, costPence: true }, orderBy: { id: 'asc' } } },
      resolve: async (r, _args, ctx) => {
        const counts = await countsOf(ctx, r);
        const proposals = r.proposals.map((p) => ({ id: p.id, costPence: p.costPence, approvals: counts.approvals.get(p.id) ?? 0 }));
        if (counts.state !== 'CLOSED' && counts.state !== 'COUNTED') {
          return proposals.map((p) => ({ proposalId: p.id, approvals: shown(counts, p.approvals), rank: null, funded: null }));
        }
        return countApprovalGreedy(r.potPence, proposals).ranked.map((row) => ({ proposalId: row.id, approvals: row.approvals, rank: row.rank, funded: row.funded }));
      },
    }),
  }),
});

builder.prismaNode('PbProposal', {
  nullable: true,
  description: 'A community group’s proposal in a participatory-budgeting round.',
  id: { field: 'id' },
  fields: (t) => ({
    round: t.relation('round', { description: 'The round.' }),
    title: t.exposeString('title', { description: 'What is proposed.' }),
    description: t.exposeString('description', { nullable: true, description: 'More about it.' }),
    proposer: t.exposeString('proposer', { description: 'The community group proposing it.' }),
    cost: t.string({ description: 'What it would cost, in pounds.', select: { costPence: true }, resolve: (p) => formatPence(p.costPence) }),
    theme: t.exposeString('theme', { description: 'Its theme.' }),
    priority: t.relation('priority', { nullable: true, description: 'The priority it serves, if any.' }),
    locality: t.relation('locality', { description: 'Where it would happen.' }),
    approvals: t.int({
      nullable: true,
      description: 'Ballots approving it (null: withheld, under the small-number threshold while the round is open).',
      select: { id: true, round: { select: { id: true, opensOn: true, closesOn: true, countedAt: true } } },
      resolve: async (p, _args, ctx) => {
        const counts = await countsOf(ctx, p.round);
        return shown(counts, counts.approvals.get(p.id) ?? 0);
      },
    }),
    commission: t.relation('commission', { nullable: true, description: 'The commission funding it, once counted and funded.' }),
  }),
});

builder.prismaObjectField('Fund', 'openRounds', (t) =>
  t.relation('rounds', {
    description: 'Its rounds open today.',
    query: () => ({ where: { countedAt: null, opensOn: { lte: today() }, closesOn: { gt: today() } }, orderBy: [{ closesOn: 'asc' }, { id: 'asc' }] }),
  }),
);

builder.queryField('pbRounds', (t) =>
  t.prismaField({
    type: ['PbRound'],
    description: 'Participatory-budgeting rounds, latest opening first: optionally those open today, or of funds held by boards covering a locality.',
    args: {
      openOnly: t.arg.boolean({ required: false, description: 'Only rounds open today.' }),
      localityCode: t.arg.string({ required: false, description: 'Only rounds of funds held by this locality’s boards (code).' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.pbRound.findMany({
        ...query,
        where: {
          ...(args.openOnly ? { countedAt: null, opensOn: { lte: today() }, closesOn: { gt: today() } } : {}),
          ...(args.localityCode ? { fund: { board: { locality: { code: args.localityCode } } } } : {}),
        },
        orderBy: [{ opensOn: 'desc' }, { id: 'desc' }],
        take: 200,
      }),
  }),
);

const OpenRoundInput = builder.inputType('OpenPbRoundInput', {
  description: 'A participatory-budgeting round on a fund.',
  fields: (t) => ({
    fundId: t.id({ required: true, description: 'The fund (global id).' }),
    title: t.string({ required: true, description: 'Its name.' }),
    opensOn: t.field({ type: 'Date', required: true, description: 'The first day proposals and votes are taken.' }),
    closesOn: t.field({ type: 'Date', required: true, description: 'The day it closes.' }),
    pot: t.string({ required: true, description: 'The money on offer, pounds (reserved in the fund until counted).' }),
  }),
}).validate(openRoundInput);

const ProposalInput = builder.inputType('SubmitPbProposalInput', {
  description: 'A community group’s proposal.',
  fields: (t) => ({
    roundId: t.id({ required: true, description: 'The round (global id).' }),
    title: t.string({ required: true, description: 'What is proposed.' }),
    description: t.string({ required: false, description: 'More about it.' }),
    proposer: t.string({ required: true, description: 'The community group proposing it.' }),
    cost: t.string({ required: true, description: 'What it would cost, pounds (at most the pot).' }),
    theme: t.string({ required: true, description: 'Its theme.' }),
    priorityId: t.id({ required: false, description: 'The priority it serves (global id).' }),
    localityCode: t.string({ required: true, description: 'Where it would happen (a locality the fund’s board covers).' }),
  }),
}).validate(proposalInput);

const VoteInput = builder.inputType('CastPbVoteInput', {
  description: 'One voter’s approval ballot.',
  fields: (t) => ({
    roundId: t.id({ required: true, description: 'The round (global id).' }),
    voterId: t.string({
      required: true,
      description: 'The voter’s identifier as the organisers verified it (e.g. a poll-card number). Only its HMAC under the round’s secret is kept.',
    }),
    approve: t.idList({ required: true, description: 'The proposals the voter approves (global ids, any number).' }),
  }),
}).validate(ballotInput);

builder.mutationFields((t) => ({
  openPbRound: t.prismaField({
    type: 'PbRound',
    description: 'Open a round on a fund, reserving its pot (ADMIN, or the lead of the holding board’s locality). CONFLICT (FUND_BALANCE) over what is uncommitted.',
    authScopes: async (_root, args, ctx) => leadScopes((await fundOwners(ctx.prisma, args.input.fundId))?.code),
    args: { input: t.arg({ type: OpenRoundInput, required: true, description: 'The round.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await openRound(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.pbRound.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  submitPbProposal: t.prismaField({
    type: 'PbProposal',
    description: 'Add a community group’s proposal to an open round (ADMIN, the lead of the holding board’s locality, or a CONTRIBUTOR).',
    authScopes: async (_root, args, ctx) => contributorScopes((await roundOwners(ctx.prisma, args.input.roundId))?.code),
    args: { input: t.arg({ type: ProposalInput, required: true, description: 'The proposal.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await submitProposal(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.pbProposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  castPbVote: t.boolean({
    description:
      'Cast one voter’s approval ballot in an open round (a signed-in viewer: the organisers’ voting system). A second ballot from the same voter is CONFLICT (ONE_BALLOT_PER_VOTER). Returns true; nothing about the ballot is returned.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: VoteInput, required: true, description: 'The ballot.' }) },
    resolve: async (_root, args, ctx) => {
      await castBallot(ctx.prisma, ctx.viewer, args.input);
      return true;
    },
  }),
  closePbRound: t.prismaField({
    type: 'PbRound',
    description: 'Close an open round today, ending voting early (ADMIN, or the lead of the holding board’s locality).',
    authScopes: async (_root, args, ctx) => leadScopes((await roundOwners(ctx.prisma, args.id))?.code),
    args: { id: idArg(t.arg, 'PbRound', 'The round (global id).') },
    resolve: async (query, _root, args, ctx) => {
      await closeRound(ctx.prisma, ctx.viewer, args.id);
      return ctx.prisma.pbRound.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  countPbRound: t.prismaField({
    type: 'PbRound',
    description: 'Count a closed round: the funded proposals become commissions of the fund and the pot is released (ADMIN, or the lead of the holding board’s locality).',
    authScopes: async (_root, args, ctx) => leadScopes((await roundOwners(ctx.prisma, args.id))?.code),
    args: { id: idArg(t.arg, 'PbRound', 'The round (global id).') },
    resolve: async (query, _root, args, ctx) => {
      await countRound(ctx.prisma, ctx.viewer, args.id);
      return ctx.prisma.pbRound.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
