/**
 * LocalityRole in the graph: the type, `Locality.leads` / `Locality.roles`, `localityRoles`
 * (filtered, paged), and the create/update/end mutations (ADMIN or the locality's lead).
 */
import { z } from 'zod';
import { inLocalityGroup } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { leadScopes, recordLocality } from '../auth/scopes.js';
import { day, optionalId } from '../schema/input.js';
import { heldOn, overlapping, today } from '../days.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { createRole, createRoleInput, endRole, updateRole, updateRoleInput } from './roles.js';

export const LocalityRoleRef = builder.prismaNode('LocalityRole', {
  nullable: true,
  description:
    'A person’s role in a locality (or a service area) from one day to another. History is kept: the range is half-open, `endsOn` being the day it ended.',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    kind: t.relation('kind', { description: 'The kind of role (its code, name and the rules it carries).' }),
    person: t.relation('person', {
      nullable: true,
      description: 'Who holds it (null for an anonymous viewer when they have not consented to be listed in the directory).',
    }),
    partner: t.relation('partner', { nullable: true, description: 'The agency they hold it for.' }),
    locality: t.relation('locality', { nullable: true, description: 'The locality (null for a service-area role).' }),
    serviceArea: t.relation('serviceArea', { nullable: true, description: 'The service area (null for a locality role).' }),
    startsOn: t.expose('startsOn', { type: 'Date', description: 'The first day of the role.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'The day it ended (null while held).' }),
    current: t.boolean({
      description: 'Whether it is held today.',
      select: { startsOn: true, endsOn: true },
      resolve: (role) => role.startsOn <= today() && (role.endsOn === null || role.endsOn > today()),
    }),
  }),
});

builder.prismaObjectFields('Locality', (t) => ({
  leads: t.relation('localityRoles', {
    description:
      'Who leads the locality on a day (holders of the kinds of role that lead a locality, `LocalityRoleKind.leadsLocality`): today unless `on` is given, e.g. 2012-06-01.',
    args: { on: t.arg({ type: 'Date', required: false, description: 'The day (default today).' }) },
    query: (args) => ({ where: { kind: { leadsLocality: true }, ...heldOn(args.on ?? today()) }, orderBy: { startsOn: 'asc' } }),
  }),
  roles: t.relatedConnection('localityRoles', {
    description: 'Roles in the locality, newest first: every role ever held, or those held on a day.',
    cursor: 'id',
    totalCount: true,
    complexity: pageComplexity,
    args: {
      kind: t.arg.string({ required: false, description: 'Only roles of this kind (its code, e.g. single-point-of-contact).' }),
      on: t.arg({ type: 'Date', required: false, description: 'Only roles held on this day.' }),
    },
    query: (args) => ({
      where: { ...(args.kind ? { kind: { code: args.kind } } : {}), ...(args.on ? heldOn(args.on) : {}) },
      orderBy: [{ startsOn: 'desc' }, { id: 'desc' }],
    }),
  }, ...pageTypes('locality roles')),
}));

interface RoleFilter {
  localityCode?: string | null;
  group?: string | null;
  partner?: string | number | null;
  kind?: string | null;
  on?: Date | null;
  from?: Date | null;
  to?: Date | null;
}

function rolesWhere(args: RoleFilter) {
  const partnerId = optionalId('Partner', args.partner == null ? null : String(args.partner), 'partner');
  const locality = { ...(args.localityCode ? { code: args.localityCode } : {}), ...inLocalityGroup(null, args.group) };
  return {
    ...(Object.keys(locality).length > 0 ? { locality } : {}),
    ...(partnerId === null ? {} : { partnerId }),
    ...(args.kind ? { kind: { code: args.kind } } : {}),
    ...(args.on ? heldOn(args.on) : {}),
    ...(args.from || args.to ? { AND: [overlapping(args.from ?? new Date(0), args.to ?? null)] } : {}),
  };
}

builder.queryField('localityRoles', (t) =>
  t.prismaConnection({
    type: 'LocalityRole',
    cursor: 'id',
    description: 'Locality roles, newest first, filtered by locality, group of localities, partner, role and days.',
    complexity: pageComplexity,
    args: {
      localityCode: t.arg.string({ required: false, description: 'Only this locality (code).' }),
      group: t.arg.string({ required: false, description: 'Only localities of this group, written grouping/group (e.g. tier/RURAL).' }),
      partner: t.arg.id({ required: false, description: 'Only roles held for this partner (global id).' }),
      kind: t.arg.string({ required: false, description: 'Only roles of this kind (its code, e.g. single-point-of-contact).' }),
      on: t.arg({ type: 'Date', required: false, description: 'Only roles held on this day.' }),
      from: t.arg({ type: 'Date', required: false, description: 'Only roles held at some time on or after this day.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only roles held at some time before this day.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.localityRole.count({ where: rolesWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.localityRole.findMany({ ...query, where: rolesWhere(args), orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] }),
  }, ...pageTypes('locality roles')),
);

const CreateLocalityRoleInput = builder.inputType('CreateLocalityRoleInput', {
  description: 'A new locality role: a person, a role, a locality (or a service area) and the days.',
  fields: (t) => ({
    personId: t.id({ required: true, description: 'The person’s global id.' }),
    kind: t.string({ required: true, description: 'The kind of role: its code (e.g. single-point-of-contact; see `localityRoleKinds`). An unknown code is BAD_USER_INPUT.' }),
    localityCode: t.string({ description: 'The locality (give this or serviceAreaCode).' }),
    serviceAreaCode: t.string({ description: 'The service area (give this or localityCode).' }),
    partnerId: t.id({ description: 'The agency they hold it for (default: their own partner).' }),
    startsOn: t.field({ type: 'Date', required: true, description: 'The first day.' }),
    endsOn: t.field({ type: 'Date', description: 'The day it ends (after startsOn), if known.' }),
  }),
}).validate(createRoleInput);

const UpdateLocalityRoleInput = builder.inputType('UpdateLocalityRoleInput', {
  description: 'Changes to a locality role: fields left out stay as they are.',
  fields: (t) => ({
    kind: t.string({ description: 'The kind of role: its code (see `localityRoleKinds`).' }),
    partnerId: t.id({ description: 'The agency they hold it for.' }),
    startsOn: t.field({ type: 'Date', description: 'The first day.' }),
    endsOn: t.field({ type: 'Date', description: 'The day it ends (null: open-ended).' }),
  }),
}).validate(updateRoleInput);

const endRoleArgs = z.object({ endsOn: day.nullish() });

builder.mutationFields((t) => ({
  createLocalityRole: t.prismaField({
    type: 'LocalityRole',
    description:
      'Give a person a role in a locality (ADMIN or the locality’s lead; a service-area role: ADMIN). CONFLICT for a second holder of one agency in one place at once when the kind is a single point of contact (`LocalityRoleKind.singlePointOfContact`).',
    authScopes: (_root, args) => leadScopes(args.input.localityCode),
    args: { input: t.arg({ type: CreateLocalityRoleInput, required: true, description: 'The role.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createRole(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.localityRole.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateLocalityRole: t.prismaField({
    type: 'LocalityRole',
    description: 'Change a locality role (ADMIN or the locality’s lead).',
    authScopes: async (_root, args, ctx) => leadScopes(await recordLocality(ctx.prisma, 'localityRole', args.id)),
    args: {
      ...targetArgs(t.arg, 'LocalityRole', 'The role’s global id.'),
      input: t.arg({ type: UpdateLocalityRoleInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updateRole(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.localityRole.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endLocalityRole: t.prismaField({
    type: 'LocalityRole',
    description: 'End a locality role (ADMIN or the locality’s lead); it stays in the history.',
    authScopes: async (_root, args, ctx) => leadScopes(await recordLocality(ctx.prisma, 'localityRole', args.id)),
    args: {
      ...targetArgs(t.arg, 'LocalityRole', 'The role’s global id.'),
      endsOn: t.arg({ type: 'Date', required: false, description: 'The day it ends (default today).' }).validate(endRoleArgs.shape.endsOn),
    },
    resolve: async (query, _root, args, ctx) => {
      const endsOn = args.endsOn;
      await endRole(ctx.prisma, ctx.viewer, args, endsOn ?? undefined);
      return ctx.prisma.localityRole.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
