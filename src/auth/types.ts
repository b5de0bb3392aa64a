/**
 * `viewer`: who the request's token says is asking, so a client can show it and check its roles.
 */
import { builder } from '../schema/builder.js';
import { ROLES, type Viewer } from './viewer.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a signed-in viewer may do (a token claims its roles).',
  values: {
    READER: { description: 'Reads partnership data.' },
    CONTRIBUTOR: { description: 'Adds and edits records for their own partner.' },
    LOCALITY_LEAD: { description: 'Edits the records of the localities they lead.' },
    ANALYST: { description: 'Works with the statistics and cost analyses.' },
    ADMIN: { description: 'Edits every record and sees every item.' },
    DATA_PROTECTION_OFFICER: { description: 'Reads the audit log.' },
  } satisfies Record<(typeof ROLES)[number], { description: string }>,
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The viewer a request is served as: anonymous (no token) or a person of a partner with roles.',
  fields: (t) => ({
    signedIn: t.boolean({ description: 'False for an anonymous request.', resolve: (v) => !v.anonymous }),
    subject: t.string({ nullable: true, description: "The token's subject (null when anonymous).", resolve: (v) => v.subject }),
    roles: t.field({ type: [RoleEnum], description: 'The roles the token grants.', resolve: (v) => [...v.roles].sort() }),
    localityCodes: t.stringList({ description: 'Codes of the localities a LOCALITY_LEAD leads.', resolve: (v) => [...v.localityCodes].sort() }),
    person: t.prismaField({
      type: 'Person',
      nullable: true,
      description: 'The person the token names, if any.',
      resolve: (query, v, _args, ctx) => (v.personId === null ? null : ctx.prisma.person.findUnique({ ...query, where: { id: v.personId } })),
    }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'The partner the token names, if any: whose data-sharing agreements apply.',
      resolve: (query, v, _args, ctx) => (v.partnerId === null ? null : ctx.prisma.partner.findUnique({ ...query, where: { id: v.partnerId } })),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'Who this request is served as.', resolve: (_root, _args, ctx) => ctx.viewer }),
);
