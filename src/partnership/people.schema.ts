/**
 * Person in the graph: the type (contact details for signed-in viewers only), `people` (the
 * locality network directory: anonymous viewers see only people who consented), and the
 * create/update/end mutations (ADMIN, or a CONTRIBUTOR of the person's partner).
 */
import type { Viewer } from '../auth/viewer.js';
import { likeLiteral } from '../db/like.js';
import { builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { listedWhere, personGuard } from '../sharing/consent.js';
import { partnerScopes, personPartner } from '../auth/scopes.js';
import { heldOn, today } from '../days.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { optionalId } from '../schema/input.js';
import { createPerson, createPersonInput, endPerson, endPersonInput, updatePerson, updatePersonInput } from './people.js';

/** Anonymous viewers see only the people who consented to be listed (the rule: src/sharing/consent.ts). */
export const directoryWhere = listedWhere;

export const PersonRef = builder.prismaNode('Person', {
  nullable: true,
  description: 'Someone who works in the partnership. Email and phone are personal data: shown to signed-in viewers only.',
  id: { field: 'id' },
  // The consent rule (src/sharing/consent.ts): every row carries its consent for the guard, and
  // node(id:) finds an unlisted person for an anonymous viewer as it finds a missing one: null.
  select: { id: true, directoryConsent: true },
  authScopes: personGuard,
  findUnique: (id, ctx) => ({ id: Number(id), ...listedWhere(ctx.viewer) }),
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'Their name.' }),
    jobTitle: t.exposeString('jobTitle', { nullable: true, description: 'Their job title.' }),
    partner: t.relation('partner', { nullable: true, description: 'The organisation they work for.' }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Email address (signed-in viewers only; null otherwise).',
      authScopes: { signedIn: true },
      unauthorizedResolver: () => null,
    }),
    phone: t.exposeString('phone', {
      nullable: true,
      description: 'Telephone number (signed-in viewers only; null otherwise).',
      authScopes: { signedIn: true },
      unauthorizedResolver: () => null,
    }),
    directoryConsent: t.exposeBoolean('directoryConsent', { description: 'Whether they agree to be listed in the locality network directory.' }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true, description: 'The day they left (null while active).' }),
    roles: t.relatedConnection('roles', {
      description: 'Their locality roles, newest first (history included unless `current`).',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      args: { current: t.arg.boolean({ defaultValue: false, description: 'Only roles held today.' }) },
      query: (args) => ({ where: args.current ? heldOn(today()) : {}, orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] }),
    }, ...pageTypes('locality roles')),
    memberships: t.relatedConnection('memberships', {
      description: 'Their places on boards, newest first.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      query: () => ({ orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] }),
    }, ...pageTypes('board places')),
  }),
});

builder.queryField('people', (t) =>
  t.prismaConnection({
    type: 'Person',
    cursor: 'id',
    description:
      'The locality network directory, by name. Anonymous viewers see only people who consented to be listed, without contact details.',
    complexity: pageComplexity,
    args: {
      partner: t.arg.id({ required: false, description: 'Only people of this partner (global id).' }),
      localityCode: t.arg.string({ required: false, description: 'Only people holding a role in this locality today (code).' }),
      nameContains: t.arg.string({ required: false, description: 'Only people whose name contains this text.' }),
      includeLeavers: t.arg.boolean({ defaultValue: false, description: 'Include people who have left.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.person.count({ where: peopleWhere(args, ctx.viewer) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.person.findMany({ ...query, where: peopleWhere(args, ctx.viewer), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }, ...pageTypes('people')),
);

function peopleWhere(
  args: { partner?: string | number | null; localityCode?: string | null; nameContains?: string | null; includeLeavers?: boolean | null },
  viewer: Viewer,
) {
  const partnerId = optionalId('Partner', args.partner === null || args.partner === undefined ? null : String(args.partner), 'partner');
  return {
    ...directoryWhere(viewer),
    ...(partnerId === null ? {} : { partnerId }),
    ...(args.localityCode ? { roles: { some: { locality: { code: args.localityCode }, ...heldOn(today()) } } } : {}),
    ...(args.nameContains ? { name: { contains: likeLiteral(args.nameContains) } } : {}),
    ...(args.includeLeavers ? {} : { endedOn: null }),
  };
}

const personFields = (required: boolean) =>
  builder.inputType(required ? 'CreatePersonInput' : 'UpdatePersonInput', {
    description: required
      ? 'A new person.'
      : 'Changes to a person: fields left out stay as they are; null clears an optional one.',
    fields: (t) => ({
      name: t.string({ required, description: 'Their name.' }),
      jobTitle: t.string({ description: 'Their job title.' }),
      partnerId: t.id({ description: 'The global id of the partner they work for.' }),
      email: t.string({ description: 'Email address.' }),
      phone: t.string({ description: 'Telephone number.' }),
      directoryConsent: t.boolean({ description: 'Whether they agree to be listed in the directory (default false).' }),
    }),
  });
const CreatePersonInput = personFields(true).validate(createPersonInput);
const UpdatePersonInput = personFields(false).validate(updatePersonInput);

/** ADMIN, or a CONTRIBUTOR of the partner the person belongs to. */
async function scopesForPerson(id: number, ctx: { prisma: Parameters<typeof personPartner>[0] }) {
  return partnerScopes(await personPartner(ctx.prisma, id));
}

builder.mutationFields((t) => ({
  createPerson: t.prismaField({
    type: 'Person',
    description: 'Add a person (ADMIN, or a CONTRIBUTOR of their partner).',
    authScopes: (_root, args) => partnerScopes(args.input.partnerId ?? null),
    args: { input: t.arg({ type: CreatePersonInput, required: true, description: 'The person.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createPerson(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.person.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePerson: t.prismaField({
    type: 'Person',
    description: 'Change a person (ADMIN, or a CONTRIBUTOR of their partner).',
    authScopes: (_root, args, ctx) => scopesForPerson(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Person', 'The person’s global id.'),
      input: t.arg({ type: UpdatePersonInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updatePerson(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.person.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endPerson: t.prismaField({
    type: 'Person',
    description: 'Record that a person left: the roles and board places they hold end the same day (ADMIN, or a CONTRIBUTOR of their partner).',
    authScopes: (_root, args, ctx) => scopesForPerson(args.id, ctx),
    args: {
      ...targetArgs(t.arg, 'Person', 'The person’s global id.'),
      endedOn: t.arg({ type: 'Date', required: true, description: 'The day they left.' }).validate(endPersonInput.shape.endedOn),
    },
    resolve: async (query, _root, args, ctx) => {
      const endedOn = args.endedOn;
      await endPerson(ctx.prisma, ctx.viewer, args, endedOn);
      return ctx.prisma.person.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
