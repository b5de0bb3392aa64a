/**
 * Reading a council's contact list: one row per person, or per role a person holds (a person on
 * several rows holds several roles). Every cell is checked and every problem kept with its line
 * and column; nothing here touches the database (see import.ts for the checks against it and the
 * write).
 *
 * Columns (header names matched case-insensitively; the first spelling is the canonical one):
 *   partner (organisation, agency), partner_kind, name, job_title, email, phone,
 *   directory_consent (yes/no), role, locality (code or name), service_area (code),
 *   role_start, role_end (YYYY-MM-DD or DD/MM/YYYY).
 * A role is one of the kinds the records hold (role-kinds.ts), written as its code, its name, the
 * code in capitals (SINGLE_POINT_OF_CONTACT) or one of its aliases (SPOC).
 */
import { z } from 'zod';
import type { PartnerKind } from '../generated/prisma/sqlite/enums.js';
import type { ColumnSpec, CsvRecord } from '../importing/csv.js';
import type { ImportProblems } from '../importing/problems.js';
import { PARTNER_KINDS } from './partners.js';
import type { RoleKindRow } from './role-kinds.js';

const col = (required: boolean, ...names: string[]): ColumnSpec => ({ names, required });

export const CONTACT_COLUMNS = {
  partner: col(true, 'partner', 'organisation', 'agency'),
  partnerKind: col(false, 'partner_kind', 'organisation_kind'),
  name: col(true, 'name', 'full_name'),
  jobTitle: col(false, 'job_title'),
  email: col(false, 'email', 'email_address'),
  phone: col(false, 'phone', 'telephone'),
  consent: col(false, 'directory_consent', 'consent'),
  role: col(false, 'role', 'locality_role'),
  locality: col(false, 'locality', 'locality_code'),
  serviceArea: col(false, 'service_area', 'service_area_code'),
  startsOn: col(false, 'role_start', 'starts_on', 'start_date'),
  endsOn: col(false, 'role_end', 'ends_on', 'end_date'),
} as const;
export type ContactColumn = keyof typeof CONTACT_COLUMNS;

/** Everyday spellings of the partner kinds, as contact lists write them. */
const KIND_ALIASES: Record<string, PartnerKind> = {
  NHS: 'HEALTH_TRUST',
  NHS_TRUST: 'HEALTH_TRUST',
  CCG: 'CLINICAL_COMMISSIONING',
  TOWN_COUNCIL: 'PARISH_COUNCIL',
  PARISH_OR_TOWN_COUNCIL: 'PARISH_COUNCIL',
  VOLUNTARY: 'VOLUNTARY_SECTOR',
  VCS: 'VOLUNTARY_SECTOR',
  VOLUNTARY_AND_COMMUNITY_SECTOR: 'VOLUNTARY_SECTOR',
  FIRE_AND_RESCUE: 'FIRE',
  SCHOOL: 'SCHOOLS',
};

const enumKey = (value: string) => value.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

function oneOf<T extends string>(value: string, values: readonly T[], aliases: Record<string, T>): T | null {
  const key = enumKey(value);
  return (values as readonly string[]).includes(key) ? (key as T) : (aliases[key] ?? null);
}

const email = z.email();
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** A day as contact lists write it: ISO (2024-04-01) or British (01/04/2024). */
export function parseDay(value: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1 ? date : null;
}

const CONSENT: Record<string, boolean> = { yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false };

/** The kinds of role a contact list may name, found by any of their spellings (role-kinds.ts, roleKindMatcher). */
export interface RoleKinds {
  find(written: string): RoleKindRow | null;
  codes: string[];
}

export interface ContactRow {
  line: number;
  partner: string;
  partnerKind: PartnerKind | null;
  name: string;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  consent: boolean | null;
  role: {
    kind: RoleKindRow;
    locality: string | null;
    serviceArea: string | null;
    startsOn: Date;
    endsOn: Date | null;
  } | null;
}

/**
 * Check each record's cells; a row with a problem is reported (line, column, reason) and left out.
 * `column(key)` gives the header a column was found under, for the report.
 */
export function readContactRows(
  file: string,
  records: readonly CsvRecord<ContactColumn>[],
  column: (key: ContactColumn) => string,
  problems: ImportProblems,
  kinds: RoleKinds,
): ContactRow[] {
  const rows: ContactRow[] = [];
  for (const { line, values } of records) {
    const before = problems.size;
    const fail = (key: ContactColumn, reason: string) => problems.add(file, line, reason, column(key));
    if (!values.partner) fail('partner', 'the partner (organisation) is required');
    if (!values.name) fail('name', 'the person’s name is required');
    const partnerKind = values.partnerKind ? oneOf(values.partnerKind, PARTNER_KINDS, KIND_ALIASES) : null;
    if (values.partnerKind && !partnerKind) fail('partnerKind', `"${values.partnerKind}" is not a partner kind (${PARTNER_KINDS.join(', ')})`);
    if (values.email && !email.safeParse(values.email).success) fail('email', `"${values.email}" is not an email address`);
    if (values.phone && !PHONE.test(values.phone)) fail('phone', `"${values.phone}" is not a telephone number`);
    const consent = values.consent === undefined ? null : (CONSENT[values.consent.toLowerCase()] ?? undefined);
    if (consent === undefined) fail('consent', `"${values.consent}" is not yes or no`);
    for (const key of ['partner', 'name', 'jobTitle'] as const) {
      if ((values[key]?.length ?? 0) > 200) fail(key, 'is longer than 200 characters');
    }

    let role: ContactRow['role'] = null;
    const roleCells = [values.role, values.locality, values.serviceArea, values.startsOn, values.endsOn];
    if (roleCells.some((cell) => cell !== undefined)) {
      const kind = values.role ? kinds.find(values.role) : null;
      if (!values.role) fail('role', 'a role is required when a locality, service area or date is given');
      else if (!kind) {
        fail('role', `"${values.role}" is not a kind of locality role (${kinds.codes.length > 0 ? kinds.codes.join(', ') : 'none defined: load a kinds file first'})`);
      }
      if (Boolean(values.locality) === Boolean(values.serviceArea)) fail('locality', 'give a locality or a service area for the role (one of them)');
      const startsOn = values.startsOn ? parseDay(values.startsOn) : null;
      if (!values.startsOn) fail('startsOn', 'the role’s first day is required');
      else if (!startsOn) fail('startsOn', `"${values.startsOn}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      const endsOn = values.endsOn ? parseDay(values.endsOn) : null;
      if (values.endsOn && !endsOn) fail('endsOn', `"${values.endsOn}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      if (startsOn && endsOn && endsOn <= startsOn) fail('endsOn', 'the role must end after it starts');
      if (kind && startsOn) {
        role = { kind, locality: values.locality ?? null, serviceArea: values.serviceArea ?? null, startsOn, endsOn };
      }
    }
    if (problems.size > before) continue;
    rows.push({
      line,
      partner: values.partner!,
      partnerKind,
      name: values.name!,
      jobTitle: values.jobTitle ?? null,
      email: values.email ? values.email.toLowerCase() : null,
      phone: values.phone ?? null,
      consent: consent ?? null,
      role,
    });
  }
  return rows;
}
