/**
 * Business cases in the graph: the `BusinessCase` node (its appraisal recomputed on request from
 * the stored input), `businessCases` (signed-in partners), `Priority.businessCases`, and the
 * `saveBusinessCase` mutation (a signed-in CONTRIBUTOR, ANALYST or ADMIN, or the LOCALITY_LEAD of
 * the case's locality) and `updateBusinessCase` (ADMIN, that lead, or a CONTRIBUTOR or ANALYST of
 * the partner that saved it).
 */
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { AppraisalInputRef, AppraisalResultRef, runAppraisal } from './appraisal.schema.js';
import { businessCaseOwners, saveBusinessCase, saveBusinessCaseInput, updateBusinessCase, updateBusinessCaseInput } from './business-cases.js';
import { formatPence } from './money.js';

const SIGNED_IN = { signedIn: true } as const;
/** Changing a saved case: ADMIN, the lead of its locality, or a CONTRIBUTOR or ANALYST of the partner that saved it. */
const editors = (owners: { code: string; partnerId: number | null } | null) =>
  owners === null
    ? // No such case: let the resolver answer NOT_FOUND to anyone who could change one.
      { anyRole: ['CONTRIBUTOR', 'ANALYST', 'LOCALITY_LEAD', 'ADMIN'] as const }
    : {
        leadOf: owners.code,
        ...(owners.partnerId === null ? {} : { $all: { memberOf: owners.partnerId, anyRole: ['CONTRIBUTOR', 'ANALYST'] as const } }),
      };
const writers = (code: string | null) =>
  code ? { anyRole: ['CONTRIBUTOR', 'ANALYST', 'ADMIN'] as const, leadOf: code } : { anyRole: ['CONTRIBUTOR', 'ANALYST', 'ADMIN'] as const };

builder.prismaNode('BusinessCase', {
  nullable: true,
  authScopes: SIGNED_IN,
  description: 'A saved appraisal of an intervention, linked to a priority and a locality (signed-in partners only).',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'Its name (unique per priority).' }),
    priority: t.relation('priority', { description: 'The priority it serves.' }),
    locality: t.relation('locality', { description: 'The locality it targets.' }),
    priceBase: t.exposeString('priceBase', { description: 'The financial year whose prices its money is in.' }),
    centralNetPresentValue: t.string({
      description: 'The central scenario’s NPV when saved, in pounds.',
      select: { centralNpvPence: true },
      resolve: (c) => formatPence(c.centralNpvPence),
    }),
    centralBenefitCostRatio: t.exposeFloat('centralBcr', { nullable: true, description: 'The central scenario’s BCR when saved.' }),
    input: t.exposeString('input', { description: 'The appraisal input as saved (JSON).' }),
    appraisal: t.field({
      type: AppraisalResultRef,
      description: 'The appraisal recomputed from the saved input with the unit costs and deflators loaded now.',
      select: { input: true },
      resolve: (c, _args, ctx) => runAppraisal(ctx, JSON.parse(c.input), 'input.appraisal', false),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

builder.prismaObjectField('Priority', 'businessCases', (t) =>
  t.relation('businessCases', {
    authScopes: SIGNED_IN,
    description: 'Business cases made for this priority, by name (signed-in partners only).',
    query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
  }),
);

builder.queryField('businessCases', (t) =>
  t.prismaConnection(
    {
      type: 'BusinessCase',
      cursor: 'id',
      authScopes: SIGNED_IN,
      description: 'Saved business cases, newest first, optionally of one locality (signed-in partners only).',
      complexity: pageComplexity,
      args: { localityCode: t.arg.string({ required: false, description: 'Only this locality’s (code).' }) },
      totalCount: (_parent, args, ctx) => ctx.prisma.businessCase.count({ where: args.localityCode ? { locality: { code: args.localityCode } } : {} }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.businessCase.findMany({
          ...query,
          where: args.localityCode ? { locality: { code: args.localityCode } } : {},
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    ...pageTypes('business cases'),
  ),
);

const SaveInput = builder.inputType('SaveBusinessCaseInput', {
  description: 'An appraisal to save as a named business case.',
  fields: (t) => ({
    // Each field its own schema: the appraisal is checked against the cost tables (runAppraisal).
    name: t.string({ required: true, description: 'Its name (unique per priority).' }).validate(saveBusinessCaseInput.shape.name),
    priorityId: t.id({ required: true, description: 'The priority it serves (global id).' }).validate(saveBusinessCaseInput.shape.priorityId),
    localityCode: t.string({ required: true, description: 'The locality it targets (code).' }).validate(saveBusinessCaseInput.shape.localityCode),
    appraisal: t.field({ type: AppraisalInputRef, required: true, description: 'The appraisal.' }),
  }),
});

const UpdateInput = builder.inputType('UpdateBusinessCaseInput', {
  description: 'Changes to a business case: fields left out stay as they are.',
  fields: (t) => ({
    name: t.string({ description: 'A new name.' }).validate(updateBusinessCaseInput.shape.name),
    appraisal: t.field({ type: AppraisalInputRef, description: 'A new appraisal (replaces the saved one).' }),
  }),
});

builder.mutationFields((t) => ({
  saveBusinessCase: t.prismaField({
    type: 'BusinessCase',
    description: 'Save an appraisal as a business case (CONTRIBUTOR, ANALYST, ADMIN, or the lead of its locality). CONFLICT when the priority has one of that name.',
    authScopes: (_root, args) => writers(typeof args.input.localityCode === 'string' ? args.input.localityCode : null),
    args: { input: t.arg({ type: SaveInput, required: true, description: 'The business case.' }) },
    resolve: async (query, _root, args, ctx) => {
      const { name, priorityId, localityCode } = args.input;
      const answer = await runAppraisal(ctx, args.input.appraisal, 'input.appraisal');
      const id = await saveBusinessCase(ctx.prisma, ctx.viewer, { name, priorityId, localityCode }, { raw: args.input.appraisal, priceBase: answer.priceBase, result: answer.result });
      return ctx.prisma.businessCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateBusinessCase: t.prismaField({
    type: 'BusinessCase',
    description: 'Rename a business case or replace its appraisal (ADMIN, the lead of its locality, or a CONTRIBUTOR or ANALYST of the partner that saved it).',
    authScopes: async (_root, args, ctx) => editors(await businessCaseOwners(ctx.prisma, args.id)),
    args: {
      ...targetArgs(t.arg, 'BusinessCase', 'The business case’s global id.'),
      input: t.arg({ type: UpdateInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const answer = args.input.appraisal ? await runAppraisal(ctx, args.input.appraisal, 'input.appraisal') : null;
      await updateBusinessCase(ctx.prisma, ctx.viewer, args, { name: args.input.name ?? undefined }, answer && { raw: args.input.appraisal, priceBase: answer.priceBase, result: answer.result });
      return ctx.prisma.businessCase.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
