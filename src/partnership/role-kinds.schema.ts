/**
 * LocalityRoleKind in the graph: the type, `localityRoleKinds`, and the ADMIN's
 * create/update mutations (role-kinds.ts holds the rules).
 */
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { ADMIN } from '../auth/scopes.js';
import { createRoleKind, createRoleKindInput, splitAliases, updateRoleKind, updateRoleKindInput } from './role-kinds.js';

export const LocalityRoleKindRef = builder.prismaNode('LocalityRoleKind', {
  description:
    'A kind of locality role, as the council names it (e.g. single point of contact, area delivery lead). Data, loaded with the dataset or created by an ADMIN; the rules attach to its flags.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    code: t.exposeString('code', { description: 'Its code, lower-case words joined by - (e.g. single-point-of-contact): what `createLocalityRole(input: { kind })` takes.' }),
    name: t.exposeString('name', { description: 'Its name (e.g. Single point of contact).' }),
    description: t.exposeString('description', { nullable: true, description: 'What holders do.' }),
    singlePointOfContact: t.exposeBoolean('singlePointOfContact', {
      description: 'One holder per agency (partner) per place at a time: a second, overlapping one is CONFLICT (rule ONE_SINGLE_POINT_OF_CONTACT).',
    }),
    leadsLocality: t.exposeBoolean('leadsLocality', { description: 'Holders lead the locality (`Locality.leads`; they are told of its alerts).' }),
    aliases: t.stringList({
      description: 'Other spellings a contact list may use for it (e.g. SPOC).',
      select: { aliases: true },
      resolve: (kind) => splitAliases(kind.aliases),
    }),
    position: t.exposeInt('position', { description: 'Its place in lists.' }),
  }),
});

builder.queryField('localityRoleKinds', (t) =>
  t.prismaField({
    type: ['LocalityRoleKind'],
    description: 'The kinds of locality role this deployment knows, in display order.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.localityRoleKind.findMany({ ...query, orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
  }),
);

const CreateLocalityRoleKindInput = builder.inputType('CreateLocalityRoleKindInput', {
  description: 'A new kind of locality role.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Its code: lower-case words joined by - (e.g. community-connector), unique.' }),
    name: t.string({ required: true, description: 'Its name (at most 100 characters).' }),
    description: t.string({ description: 'What holders do (at most 500 characters).' }),
    singlePointOfContact: t.boolean({ description: 'One holder per agency per place at a time (default false).' }),
    leadsLocality: t.boolean({ description: 'Holders lead the locality (default false).' }),
    aliases: t.stringList({ description: 'Other spellings a contact list may use (at most 20).' }),
    position: t.int({ description: 'Its place in lists (default: after the others).' }),
  }),
}).validate(createRoleKindInput);

const UpdateLocalityRoleKindInput = builder.inputType('UpdateLocalityRoleKindInput', {
  description: 'Changes to a kind of locality role: fields left out stay as they are. The code does not change (roles and files name it).',
  fields: (t) => ({
    name: t.string({ description: 'Its name.' }),
    description: t.string({ description: 'What holders do (null clears it).' }),
    singlePointOfContact: t.boolean({
      description: 'One holder per agency per place at a time. Setting it while roles of the kind already overlap for one agency is CONFLICT.',
    }),
    leadsLocality: t.boolean({ description: 'Holders lead the locality.' }),
    aliases: t.stringList({ description: 'Other spellings a contact list may use (replaces the list).' }),
    position: t.int({ description: 'Its place in lists.' }),
  }),
}).validate(updateRoleKindInput);

builder.mutationFields((t) => ({
  createLocalityRoleKind: t.prismaField({
    type: 'LocalityRoleKind',
    description: 'Define a kind of locality role (ADMIN). A code already used is CONFLICT (rule DUPLICATE_CODE). Audited.',
    authScopes: ADMIN,
    args: { input: t.arg({ type: CreateLocalityRoleKindInput, required: true, description: 'The kind.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createRoleKind(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.localityRoleKind.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateLocalityRoleKind: t.prismaField({
    type: 'LocalityRoleKind',
    description: 'Change a kind of locality role (ADMIN). Audited.',
    authScopes: ADMIN,
    args: {
      ...targetArgs(t.arg, 'LocalityRoleKind', 'The kind’s global id.'),
      input: t.arg({ type: UpdateLocalityRoleKindInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateRoleKind(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.localityRoleKind.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
