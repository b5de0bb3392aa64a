/**
 * Funds in the graph: `Fund` (its totals from the request's fund loader: contributions, what is
 * committed, the balance), `FundContribution` (shareable: guarded by the sharing rule, restricted
 * reads audited), `Board.funds`, `funds`, and the mutations `createFund` (ADMIN or the lead of the
 * holding board's locality) and `addFundContribution` (those, or a CONTRIBUTOR of the contributing
 * partner). Money is a pounds string with two decimals (exact pence).
 */
import { formatPence } from '../costs/money.js';
import { boardLocality, leadScopes } from '../auth/scopes.js';
import { globalId } from '../schema/input.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { today } from '../days.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { builder } from '../schema/builder.js';
import { SharingLevelEnum } from '../sharing/types.js';
import { shareableNode } from '../sharing/shareable.schema.js';
import { visibleWhere } from '../sharing/visibility.js';
import { REVISION } from '../writes/graphql.js';
import { availablePence } from './balance.js';
import { addContribution, addContributionInput, createFund, createFundInput, fundOwners } from './funds.js';
import { fundMoney } from './records.js';

export const ContributionKindEnum = builder.enumType('FundContributionKind', {
  description: 'Where a contribution’s money comes from.',
  values: {
    POOLED: { description: 'A partner’s own money pooled into the fund.' },
    DEVOLVED: { description: 'A budget devolved to the holding board from a county body.' },
  },
});

builder.prismaNode('Fund', {
  nullable: true,
  description:
    'A pooled or devolved budget held by a board for a period. Its balance is always its contributions minus its commitments (commissions not cancelled, and the pots of participatory-budgeting rounds not yet counted); nothing is stored twice.',
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What it is for.' }),
    board: t.relation('board', { description: 'The board that holds it and decides what it commissions.' }),
    startsOn: t.expose('startsOn', { type: 'Date', description: 'The first day of its period.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'The day its period ended (null: open).' }),
    contributed: t.string({
      description:
        'The contributions you may see, in pounds: a RESTRICTED contribution counts only for the partners named on it (and an ADMIN), so every figure of a fund is computable from its `contributions` you are shown.',
      resolve: async (fund, _args, ctx) => formatPence((await ctx.loaders.funds.totals.load(fund.id)).contributedPence),
    }),
    commissioned: t.string({
      description: 'Committed to commissions that are not cancelled, in pounds.',
      resolve: async (fund, _args, ctx) => formatPence((await ctx.loaders.funds.totals.load(fund.id)).commissionedPence),
    }),
    reservedForRounds: t.string({
      description: 'Put on offer in participatory-budgeting rounds not yet counted, in pounds.',
      resolve: async (fund, _args, ctx) => formatPence((await ctx.loaders.funds.totals.load(fund.id)).reservedPence),
    }),
    balance: t.string({
      description:
        'The contributions you may see minus commitments (commissioned and reserved), in pounds: below the true balance when contributions are hidden from you (it may then be negative).',
      resolve: async (fund, _args, ctx) => {
        const totals = await ctx.loaders.funds.totals.load(fund.id);
        return formatPence(totals.contributedPence - totals.commissionedPence - totals.reservedPence);
      },
    }),
    availableFor: t.string({
      description:
        'What a new commitment may take, in pounds, from the contributions you may see: the balance less money ring-fenced to other themes and money past its spend-by day (existing commitments use their own theme’s money first, then money open to any theme, soonest spend-by first). A commitment is decided on every contribution, so one may be accepted beyond this figure when some are hidden from you.',
      args: {
        theme: t.arg.string({ required: false, description: 'The theme of the commitment (none: only money open to any theme).' }),
        on: t.arg({ type: 'Date', required: false, description: 'The day it is committed from (default today).' }),
      },
      resolve: async (fund, args, ctx) => {
        const money = await fundMoney(ctx.prisma, fund.id, visibleWhere(ctx.viewer));
        return formatPence(availablePence(money.contributions, money.commitments, args.theme ?? null, args.on ?? today()));
      },
    }),
    contributions: t.relation('contributions', {
      description: 'Its contributions the viewer may see (a RESTRICTED one only by the partners named on it), oldest first.',
      query: (_args, ctx) => ({ where: visibleWhere(ctx.viewer), orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }] }),
    }),
    commissions: t.relation('commissions', { description: 'What the board has commissioned from it, oldest first.', query: { orderBy: [{ startsOn: 'asc' }, { id: 'asc' }] } }),
    rounds: t.relation('rounds', { description: 'Its participatory-budgeting rounds, latest opening first.', query: { orderBy: [{ opensOn: 'desc' }, { id: 'desc' }] } }),
  }),
});

builder.prismaNode('FundContribution', {
  nullable: true,
  description: 'Money put into a fund: a partner’s pooled money or a devolved budget, with its conditions. Shared at a sharing level; reads of RESTRICTED ones are audited.',
  ...shareableNode('FundContribution'),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    fund: t.relation('fund', { description: 'The fund.' }),
    kind: t.expose('kind', { type: ContributionKindEnum, description: 'Pooled or devolved.' }),
    partner: t.relation('partner', { description: 'The partner whose money it is (for a devolved budget, the county body’s organisation).' }),
    devolvedFrom: t.exposeString('devolvedFrom', { nullable: true, description: 'The county body a devolved budget comes from.' }),
    amount: t.string({ description: 'The amount in pounds (exact pence).', select: { amountPence: true }, resolve: (c) => formatPence(c.amountPence) }),
    ringFencedTheme: t.exposeString('ringFencedTheme', { nullable: true, description: 'The only theme it may be committed to (null: any).' }),
    spendBy: t.expose('spendBy', { type: 'Date', nullable: true, description: 'The last day it may be committed (null: no limit).' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: 'The day it was received.' }),
    note: t.exposeString('note', { nullable: true, description: 'Any other condition, in words.' }),
    sharingLevel: t.expose('sharingLevel', { type: SharingLevelEnum, description: 'Who may see it.' }),
    sharedWith: t.field({
      type: [PartnerRef],
      description: 'The partners named on it (the contributing partner always is).',
      resolve: (c) => c.sharedWith.map((share) => share.partner),
    }),
    authorPartner: t.relation('authorPartner', { description: 'The partner that recorded it.' }),
  }),
});

builder.prismaObjectField('Board', 'funds', (t) =>
  t.relation('funds', { description: 'The funds this board holds, newest first.', query: { orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] } }),
);

builder.queryField('funds', (t) =>
  t.prismaConnection(
    {
      type: 'Fund',
      cursor: 'id',
      description: 'Funds, newest first: of one board, or held by the boards of one locality.',
      complexity: pageComplexity,
      args: {
        boardId: t.arg.id({ required: false, description: 'Only this board’s (global id).' }),
        localityCode: t.arg.string({ required: false, description: 'Only those held by boards of this locality (code).' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.fund.count({ where: fundsWhere(args) }),
      resolve: (query, _parent, args, ctx) => ctx.prisma.fund.findMany({ ...query, where: fundsWhere(args), orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] }),
    },
    ...pageTypes('funds'),
  ),
);

function fundsWhere(args: { boardId?: string | number | null; localityCode?: string | null }) {
  const boardId = args.boardId === null || args.boardId === undefined ? null : (globalId('Board').safeParse(String(args.boardId)).data ?? -1);
  return {
    ...(boardId === null ? {} : { boardId }),
    ...(args.localityCode ? { board: { locality: { code: args.localityCode } } } : {}),
  };
}

const CreateFundInput = builder.inputType('CreateFundInput', {
  description: 'A new fund held by a board.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name.' }),
    description: t.string({ required: false, description: 'What it is for.' }),
    boardId: t.id({ required: true, description: 'The board that holds it (global id).' }),
    startsOn: t.field({ type: 'Date', required: true, description: 'The first day of its period.' }),
    endsOn: t.field({ type: 'Date', required: false, description: 'The day its period ends.' }),
  }),
}).validate(createFundInput);

const AddContributionInput = builder.inputType('AddFundContributionInput', {
  description: 'Money put into a fund.',
  fields: (t) => ({
    fundId: t.id({ required: true, description: 'The fund (global id).' }),
    kind: t.field({ type: ContributionKindEnum, required: true, description: 'Pooled or devolved.' }),
    partnerId: t.id({ required: true, description: 'The partner whose money it is (global id).' }),
    devolvedFrom: t.string({ required: false, description: 'For a DEVOLVED budget (required then): the county body it comes from.' }),
    amount: t.string({ required: true, description: 'Pounds, at most two decimals (e.g. "25000.00").' }),
    ringFencedTheme: t.string({ required: false, description: 'The only theme it may be committed to.' }),
    spendBy: t.field({ type: 'Date', required: false, description: 'The last day it may be committed.' }),
    receivedOn: t.field({ type: 'Date', required: true, description: 'The day it was received.' }),
    note: t.string({ required: false, description: 'Any other condition.' }),
    sharingLevel: t.field({ type: SharingLevelEnum, required: false, description: 'Who may see its details (default PARTNERSHIP).' }),
    sharedWithPartnerIds: t.idList({ required: false, description: 'Partners who may see it when RESTRICTED (the contributing partner always may).' }),
  }),
}).validate(addContributionInput);

builder.mutationFields((t) => ({
  createFund: t.prismaField({
    type: 'Fund',
    description: 'Create a fund held by a board (ADMIN, or the lead of the board’s locality).',
    authScopes: async (_root, args, ctx) => leadScopes(await boardLocality(ctx.prisma, args.input.boardId)),
    args: { input: t.arg({ type: CreateFundInput, required: true, description: 'The fund.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createFund(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.fund.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  addFundContribution: t.prismaField({
    type: 'FundContribution',
    description:
      'Put money into a fund (ADMIN, the lead of the holding board’s locality, or a CONTRIBUTOR of the contributing partner). Its details may be RESTRICTED to the partners named on it.',
    authScopes: async (_root, args, ctx) => {
      const owners = await fundOwners(ctx.prisma, args.input.fundId);
      const { partnerId } = args.input;
      return { ...leadScopes(owners?.code), ...(partnerId === null ? {} : { $all: { memberOf: partnerId, role: 'CONTRIBUTOR' as const } }) };
    },
    args: { input: t.arg({ type: AddContributionInput, required: true, description: 'The contribution.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await addContribution(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.fundContribution.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
