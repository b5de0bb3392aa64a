/**
 * Commissions in the graph: `Commission`, `CommissionReport`, `Fund.commissions`,
 * `Meeting.commissionReports` (the reports tabled at a meeting), `Board.commissionsReporting`
 * (what reports to the board), and the mutations `createCommission` and `setCommissionStatus`
 * (ADMIN or the lead of the holding board's locality; CONFLICT with `extensions.rule`
 * `FUND_BALANCE` over what the fund has uncommitted) and `reportOnCommission` (those, or any
 * CONTRIBUTOR).
 */
import { formatPence } from '../costs/money.js';
import { contributorScopes, leadScopes } from '../auth/scopes.js';
import { LocalityRef } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { idArg } from '../writes/graphql.js';
import {
  COMMISSION_STATUSES,
  commissionOwners,
  commissionReportInput,
  commissionStatusInput,
  createCommission,
  createCommissionInput,
  reportOnCommission,
  setCommissionStatus,
} from './commissions.js';
import { fundOwners } from './funds.js';

export const CommissionStatusEnum = builder.enumType('CommissionStatus', {
  description: 'Where a commission stands. A CANCELLED one no longer commits its money.',
  values: {
    PLANNED: { description: 'Committed, not yet started.' },
    ACTIVE: { description: 'Being delivered.' },
    COMPLETED: { description: 'Delivered.' },
    CANCELLED: { description: 'Cancelled: its money returns to the fund.' },
  } satisfies Record<(typeof COMMISSION_STATUSES)[number], { description: string }>,
});

builder.prismaNode('Commission', {
  nullable: true,
  description: 'Money a fund’s board commits to a provider, to serve a priority in some localities. It reports back to the board it answers to.',
  id: { field: 'id' },
  fields: (t) => ({
    fund: t.relation('fund', { description: 'The fund it is paid from.' }),
    title: t.exposeString('title', { description: 'What is commissioned.' }),
    provider: t.exposeString('provider', { description: 'Who delivers it (an organisation or community group).' }),
    priority: t.relation('priority', { nullable: true, description: 'The priority it serves.' }),
    theme: t.exposeString('theme', { nullable: true, description: 'Its theme (the priority’s unless given): ring-fenced money may only serve its own theme.' }),
    localities: t.field({
      type: [LocalityRef],
      description: 'The localities it covers (its spend is placed in them).',
      select: { localities: { select: { locality: true }, orderBy: { localityId: 'asc' } } },
      resolve: (c) => c.localities.map((l) => l.locality),
    }),
    amount: t.string({ description: 'The amount committed, in pounds.', select: { amountPence: true }, resolve: (c) => formatPence(c.amountPence) }),
    startsOn: t.expose('startsOn', { type: 'Date', description: 'The first day.' }),
    endsOn: t.expose('endsOn', { type: 'Date', description: 'The day it ends.' }),
    status: t.expose('status', { type: CommissionStatusEnum, description: 'Where it stands.' }),
    reportsTo: t.relation('reportsTo', { description: 'The board it reports back to (the holding board’s parent on the governance pathway, else the holding board).' }),
    reports: t.relation('reports', { description: 'Its reports back, oldest first.', query: { orderBy: [{ submittedOn: 'asc' }, { id: 'asc' }] } }),
    proposal: t.relation('proposal', { nullable: true, description: 'The participatory-budgeting proposal it funds, if it came from one.' }),
  }),
});

builder.prismaObject('CommissionReport', {
  description: 'A commission’s report back, tabled at the next meeting of the board it answers to.',
  fields: (t) => ({
    commission: t.relation('commission', { description: 'The commission.' }),
    submittedOn: t.expose('submittedOn', { type: 'Date', description: 'The day it was submitted.' }),
    summary: t.exposeString('summary', { description: 'What it says.' }),
    spent: t.string({ nullable: true, description: 'Spent so far, in pounds, if reported.', select: { spentPence: true }, resolve: (r) => (r.spentPence === null ? null : formatPence(r.spentPence)) }),
    meeting: t.relation('meeting', { nullable: true, description: 'The meeting it is tabled at (null: the board has no meeting on record on or after its submission).' }),
  }),
});

builder.prismaObjectField('Meeting', 'commissionReports', (t) =>
  t.relation('reports', { description: 'Commission reports tabled at this meeting.', query: { orderBy: [{ submittedOn: 'asc' }, { id: 'asc' }] } }),
);

builder.prismaObjectField('Board', 'commissionsReporting', (t) =>
  t.relation('reportsFrom', { description: 'Commissions that report back to this board.', query: { orderBy: [{ startsOn: 'asc' }, { id: 'asc' }] } }),
);

const CreateCommissionInput = builder.inputType('CreateCommissionInput', {
  description: 'A commitment of money from a fund.',
  fields: (t) => ({
    fundId: t.id({ required: true, description: 'The fund (global id).' }),
    title: t.string({ required: true, description: 'What is commissioned.' }),
    provider: t.string({ required: true, description: 'Who delivers it.' }),
    priorityId: t.id({ required: false, description: 'The priority it serves (global id).' }),
    theme: t.string({ required: false, description: 'Its theme (default: the priority’s).' }),
    localityCodes: t.stringList({ required: true, description: 'The localities it covers (codes), each covered by the fund’s board.' }),
    amount: t.string({ required: true, description: 'Pounds, at most two decimals.' }),
    startsOn: t.field({ type: 'Date', required: true, description: 'The first day.' }),
    endsOn: t.field({ type: 'Date', required: true, description: 'The day it ends (after the start).' }),
    status: t.field({ type: CommissionStatusEnum, required: false, description: 'Default PLANNED.' }),
  }),
}).validate(createCommissionInput);

const ReportInput = builder.inputType('ReportOnCommissionInput', {
  description: 'A commission’s report back to the board it answers to.',
  fields: (t) => ({
    commissionId: t.id({ required: true, description: 'The commission (global id).' }),
    submittedOn: t.field({ type: 'Date', required: true, description: 'The day it is submitted.' }),
    summary: t.string({ required: true, description: 'What it says.' }),
    spent: t.string({ required: false, description: 'Spent so far, in pounds.' }),
  }),
}).validate(commissionReportInput);

builder.mutationFields((t) => ({
  createCommission: t.prismaField({
    type: 'Commission',
    description: 'Commit money from a fund to a commission (ADMIN, or the lead of the holding board’s locality). CONFLICT (rule FUND_BALANCE) over what the fund has uncommitted for it.',
    authScopes: async (_root, args, ctx) => leadScopes((await fundOwners(ctx.prisma, args.input.fundId))?.code),
    args: { input: t.arg({ type: CreateCommissionInput, required: true, description: 'The commission.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createCommission(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.commission.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  setCommissionStatus: t.prismaField({
    type: 'Commission',
    description: 'Change a commission’s status (ADMIN, or the lead of the holding board’s locality). Re-opening a cancelled one is checked against the fund again.',
    authScopes: async (_root, args, ctx) => leadScopes((await commissionOwners(ctx.prisma, args.id))?.code),
    args: {
      id: idArg(t.arg, 'Commission', 'The commission (global id).'),
      status: t.arg({ type: CommissionStatusEnum, required: true, description: 'The new status.' }).validate(commissionStatusInput.shape.status),
    },
    resolve: async (query, _root, args, ctx) => {
      await setCommissionStatus(ctx.prisma, ctx.viewer, args.id, args.status);
      return ctx.prisma.commission.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  reportOnCommission: t.prismaField({
    type: 'CommissionReport',
    description: 'Record a commission’s report back; it is tabled at the next meeting of the board it answers to (ADMIN, the lead of the holding board’s locality, or a CONTRIBUTOR).',
    authScopes: async (_root, args, ctx) => contributorScopes((await commissionOwners(ctx.prisma, args.input.commissionId))?.code),
    args: { input: t.arg({ type: ReportInput, required: true, description: 'The report.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await reportOnCommission(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.commissionReport.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
