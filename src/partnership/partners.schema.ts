/**
 * Partner in the graph: the type, `partners` (filtered, paged), `ServiceArea.partner`, and the
 * create/update/end mutations (ADMIN, or a CONTRIBUTOR of the partner for its own record).
 */
import { ServiceAreaRef } from '../geography/types.js';
import { likeLiteral } from '../db/like.js';
import { asFieldRef, builder } from '../schema/builder.js';
import { REVISION, targetArgs } from '../writes/graphql.js';
import { ADMIN, partnerScopes } from '../auth/scopes.js';
import { pageComplexity, pageTypes } from '../schema/connections.js';
import { today } from '../days.js';
import { PartnerKindEnum } from './enums.js';
import { createPartner, createPartnerInput, endPartner, endPartnerInput, updatePartner, updatePartnerInput } from './partners.js';
import { directoryWhere } from './people.schema.js';

export const PartnerRef = builder.prismaNode('Partner', {
  nullable: true,
  description: 'An organisation in the partnership: the council, the police, an NHS trust, a parish council, a charity...',
  id: { field: 'id' },
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: REVISION }),
    name: t.exposeString('name', { description: 'The organisation’s name (unique).' }),
    kind: t.expose('kind', { type: PartnerKindEnum, description: 'What kind of organisation it is.' }),
    shortName: t.exposeString('shortName', { nullable: true, description: 'A short name for lists (e.g. HPS, WMP).' }),
    website: t.exposeString('website', { nullable: true, description: 'Its web site.' }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true, description: 'The day it left the partnership (null while a partner).' }),
    active: t.boolean({
      description: 'Whether it is a partner today.',
      select: { endedOn: true },
      resolve: (partner) => partner.endedOn === null || partner.endedOn > today(),
    }),
    people: t.relatedConnection('people', {
      description: 'Its people, by name. Anonymous viewers see only those who consented to the directory.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      args: { includeLeavers: t.arg.boolean({ defaultValue: false, description: 'Include people who have left.' }) },
      query: (args, ctx) => ({
        where: { ...directoryWhere(ctx.viewer), ...(args.includeLeavers ? {} : { endedOn: null }) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
    }, ...pageTypes('people')),
    serviceAreas: t.field({
      type: [ServiceAreaRef],
      description: 'The operational areas it runs (e.g. the police’s four service areas).',
      select: (_args, _ctx, nestedSelection) => ({
        serviceAreas: { select: { serviceArea: nestedSelection(true) }, orderBy: { serviceArea: { code: 'asc' } } },
      }),
      resolve: (partner) => partner.serviceAreas.map((link) => link.serviceArea),
    }),
    roles: t.relatedConnection('roles', {
      description: 'Locality roles held for this partner (e.g. its single points of contact), newest first.',
      cursor: 'id',
      totalCount: true,
      complexity: pageComplexity,
      query: () => ({ orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] }),
    }, ...pageTypes('locality roles')),
  }),
});

builder.prismaObjectField('ServiceArea', 'partner', (t) =>
  asFieldRef(t.field({
    type: PartnerRef,
    nullable: true,
    description: 'The partner that runs this area (null if it is not linked to a partner record).',
    select: (_args, _ctx, nestedSelection) => ({ partnerLink: { select: { partner: nestedSelection(true) } } }),
    resolve: (area) => area.partnerLink?.partner ?? null,
  })),
);

builder.queryField('partners', (t) =>
  t.prismaConnection({
    type: 'Partner',
    cursor: 'id',
    description: 'Partners by name, optionally of one kind.',
    complexity: pageComplexity,
    args: {
      kind: t.arg({ type: PartnerKindEnum, required: false, description: 'Only partners of this kind.' }),
      nameContains: t.arg.string({ required: false, description: 'Only partners whose name contains this text.' }),
      includeEnded: t.arg.boolean({ defaultValue: false, description: 'Include partners that have left.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.partner.count({ where: partnersWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.partner.findMany({ ...query, where: partnersWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }, ...pageTypes('partners')),
);

function partnersWhere(args: { kind?: string | null; nameContains?: string | null; includeEnded?: boolean | null }) {
  return {
    ...(args.kind ? { kind: args.kind as (typeof PartnerKindEnum)['$inferType'] } : {}),
    ...(args.nameContains ? { name: { contains: likeLiteral(args.nameContains) } } : {}),
    ...(args.includeEnded ? {} : { endedOn: null }),
  };
}

const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
  description: 'A new partner.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The organisation’s name (unique).' }),
    kind: t.field({ type: PartnerKindEnum, required: true, description: 'What kind of organisation it is.' }),
    shortName: t.string({ description: 'A short name for lists.' }),
    website: t.string({ description: 'Its web site (a URL).' }),
    serviceAreaCodes: t.stringList({ description: 'Codes of the service areas it runs (see `serviceAreas`).' }),
  }),
}).validate(createPartnerInput);

const UpdatePartnerInput = builder.inputType('UpdatePartnerInput', {
  description: 'Changes to a partner: fields left out stay as they are; null clears an optional one.',
  fields: (t) => ({
    name: t.string({ description: 'The organisation’s name (unique).' }),
    kind: t.field({ type: PartnerKindEnum, description: 'What kind of organisation it is.' }),
    shortName: t.string({ description: 'A short name for lists.' }),
    website: t.string({ description: 'Its web site (a URL).' }),
    serviceAreaCodes: t.stringList({ description: 'The full list of service areas it runs (replaces the current list).' }),
  }),
}).validate(updatePartnerInput);

builder.mutationFields((t) => ({
  createPartner: t.prismaField({
    type: 'Partner',
    description: 'Add a partner (ADMIN). CONFLICT if the name is taken or a service area belongs to another partner.',
    authScopes: ADMIN,
    args: { input: t.arg({ type: CreatePartnerInput, required: true, description: 'The partner.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createPartner(ctx.prisma, ctx.viewer, args.input);
      return ctx.prisma.partner.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updatePartner: t.prismaField({
    type: 'Partner',
    description: 'Change a partner (ADMIN, or a CONTRIBUTOR of that partner).',
    authScopes: (_root, args) => partnerScopes(args.id),
    args: {
      ...targetArgs(t.arg, 'Partner', 'The partner’s global id.'),
      input: t.arg({ type: UpdatePartnerInput, required: true, description: 'The changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      await updatePartner(ctx.prisma, ctx.viewer, args, args.input);
      return ctx.prisma.partner.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  endPartner: t.prismaField({
    type: 'Partner',
    description: 'Record that a partner left the partnership (ADMIN). Its record and history stay.',
    authScopes: ADMIN,
    args: {
      ...targetArgs(t.arg, 'Partner', 'The partner’s global id.'),
      endedOn: t.arg({ type: 'Date', required: true, description: 'The day it left.' }).validate(endPartnerInput.shape.endedOn),
    },
    resolve: async (query, _root, args, ctx) => {
      const endedOn = args.endedOn;
      await endPartner(ctx.prisma, ctx.viewer, args, endedOn);
      return ctx.prisma.partner.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
