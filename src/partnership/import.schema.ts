/**
 * `importContacts`: the contact-list importer (import.ts) over the API, for ADMINs. The same
 * all-or-nothing rules as `npm run import:contacts`: a rejected list is a BAD_USER_INPUT whose
 * `extensions.problems` lists each problem's line, column and reason, and nothing is written.
 */
import { z } from 'zod';
import { builder } from '../schema/builder.js';
import { ADMIN } from '../auth/scopes.js';
import { type ContactImportSummary, importContacts } from './import.js';

/** The largest list the API takes in one request (the HTTP body limit is 1 MB). */
const MAX_CSV_CHARACTERS = 900_000;

const ContactImportSummaryRef = builder.objectRef<ContactImportSummary>('ContactImportSummary').implement({
  description: 'What a contact-list import wrote (or, for a dry run, would write).',
  fields: (t) => ({
    rows: t.exposeInt('rows', { description: 'Data rows read.' }),
    partnersCreated: t.exposeInt('partnersCreated', { description: 'New partners.' }),
    peopleCreated: t.exposeInt('peopleCreated', { description: 'New people.' }),
    peopleUpdated: t.exposeInt('peopleUpdated', { description: 'People already on record, their details brought up to date.' }),
    rolesCreated: t.exposeInt('rolesCreated', { description: 'New locality roles.' }),
    rolesUnchanged: t.exposeInt('rolesUnchanged', { description: 'Roles already on record (same person, role, place and first day).' }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True if nothing was written (a check only).' }),
  }),
});

builder.mutationField('importContacts', (t) =>
  t.field({
    type: ContactImportSummaryRef,
    description:
      'Import a council’s contact list (CSV text: partner, partner_kind, name, job_title, email, phone, directory_consent, role, locality, service_area, role_start, role_end), all or nothing (ADMIN). A rejected list is BAD_USER_INPUT with `extensions.problems` (line, column, reason).',
    authScopes: ADMIN,
    args: {
      csv: t.arg
        .string({ required: true, description: 'The CSV text, header row first.' })
        .validate(z.string().max(MAX_CSV_CHARACTERS, `must be at most ${MAX_CSV_CHARACTERS} characters`)),
      dryRun: t.arg.boolean({ defaultValue: false, description: 'Check the list and report what would change, writing nothing.' }),
    },
    resolve: (_root, args, ctx) => {
      return importContacts(ctx.prisma, ctx.viewer, { label: 'csv', text: args.csv }, { dryRun: args.dryRun ?? false });
    },
  }),
);
