/**
 * Importing a council's contact list (partners, people and their locality roles) from CSV, all or
 * nothing: every row is checked (contact-rows.ts) and then checked against the records (unknown
 * locality or service area, a new partner without a kind, a person given two different details,
 * an unknown kind of role, a second holder of one agency in one place at once of a kind flagged
 * single point of contact); every problem is reported
 * with its line, column and reason, and nothing is written if there is one. A valid list is
 * written in one transaction with its audit events.
 *
 * Re-importing is safe: partners are matched by name, people by email (else by name within their
 * partner), and a role already held (same person, role, place and first day) is left as it is.
 */
import path from 'node:path';
import type { Viewer } from '../auth/viewer.js';
import { type AuditChange, recordAudits } from '../audit/audit.js';
import type { RecordsClient } from '../db/records.js';
import type { PartnerKind } from '../generated/prisma/sqlite/enums.js';
import { parseCsvTable, readCsvTable } from '../importing/csv.js';
import { ImportProblems } from '../importing/problems.js';
import { CONTACT_COLUMNS, type ContactColumn, type ContactRow, readContactRows } from './contact-rows.js';
import { roleKindMatcher } from './role-kinds.js';

export type ContactSource = { file: string } | { label: string; text: string };

export interface ContactImportSummary {
  rows: number;
  partnersCreated: number;
  peopleCreated: number;
  peopleUpdated: number;
  rolesCreated: number;
  rolesUnchanged: number;
  dryRun: boolean;
}

/** How long the one write transaction may take (a long list on a slow server). */
const WRITE_TIMEOUT_MS = 120_000;

const personKey = (row: { email: string | null; name: string }, partner: string) =>
  row.email ?? `${row.name.toLowerCase()}|${partner}`;
const day = (date: Date) => date.toISOString().slice(0, 10);

interface PersonPlan {
  key: string;
  line: number;
  partner: string;
  name: string;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  consent: boolean | null;
  existingId: number | null;
}

export async function importContacts(
  db: RecordsClient,
  viewer: Viewer,
  source: ContactSource,
  options: { dryRun?: boolean } = {},
): Promise<ContactImportSummary> {
  const problems = new ImportProblems();
  const table =
    'file' in source ? readCsvTable(source.file, CONTACT_COLUMNS, problems) : parseCsvTable(source.label, source.text, CONTACT_COLUMNS, problems);
  const file = 'file' in source ? path.basename(source.file) : source.label;
  const column = (key: ContactColumn) => table.headers[key] ?? String(CONTACT_COLUMNS[key].names[0]);
  // A file that cannot be read, or lacks a required column, has nothing row by row to report.
  problems.throwIfAny('Contact list');
  const kinds = roleKindMatcher(
    await db.localityRoleKind.findMany({
      select: { id: true, code: true, name: true, singlePointOfContact: true, leadsLocality: true, aliases: true },
      orderBy: [{ position: 'asc' }, { code: 'asc' }],
    }),
  );
  const rows = readContactRows(file, table.records, column, problems, kinds);
  const fail = (line: number, key: ContactColumn, reason: string) => problems.add(file, line, reason, column(key));

  // What the records already hold, in a fixed number of queries.
  const partnerNames = [...new Set(rows.map((row) => row.partner))];
  const emails = rows.flatMap((row) => (row.email ? [row.email] : []));
  const [partners, localities, areas, knownByEmail, knownByName] = await Promise.all([
    db.partner.findMany({ where: { name: { in: partnerNames } }, select: { id: true, name: true } }),
    db.locality.findMany({ select: { id: true, code: true, name: true } }),
    db.serviceArea.findMany({ where: { code: { in: rows.flatMap((row) => (row.role?.serviceArea ? [row.role.serviceArea] : [])) } }, select: { id: true, code: true } }),
    db.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, partner: { select: { name: true } } } }),
    db.person.findMany({
      where: { name: { in: rows.map((row) => row.name) }, partner: { name: { in: partnerNames } } },
      select: { id: true, name: true, email: true, partner: { select: { name: true } } },
    }),
  ]);
  const partnerId = new Map(partners.map((partner) => [partner.name, partner.id]));
  const localityId = new Map(localities.flatMap((l) => [[l.code.toLowerCase(), l.id] as const, [l.name.toLowerCase(), l.id] as const]));
  const areaId = new Map(areas.map((area) => [area.code, area.id]));

  // Partners: new ones need a kind; rows must not give one partner two kinds.
  const newPartners = new Map<string, { kind: PartnerKind | null; line: number }>();
  for (const row of rows) {
    if (partnerId.has(row.partner)) continue;
    const seen = newPartners.get(row.partner);
    if (!seen) newPartners.set(row.partner, { kind: row.partnerKind, line: row.line });
    else if (row.partnerKind && seen.kind && row.partnerKind !== seen.kind) {
      fail(row.line, 'partnerKind', `${row.partner} is ${seen.kind} on line ${seen.line}`);
    } else if (row.partnerKind) seen.kind = row.partnerKind;
  }
  for (const [name, { kind, line }] of newPartners) {
    if (!kind) fail(line, 'partnerKind', `"${name}" is a new partner: give its kind`);
  }

  // People: one plan per person; later rows may fill blanks but not contradict.
  const people = new Map<string, PersonPlan>();
  for (const row of rows) {
    const key = personKey(row, row.partner);
    const known =
      (row.email && knownByEmail.find((p) => p.email === row.email)) ||
      knownByName.find((p) => p.name.toLowerCase() === row.name.toLowerCase() && p.partner?.name === row.partner && (!row.email || !p.email));
    if (known && known.partner && known.partner.name !== row.partner) {
      fail(row.line, 'email', `${row.email} belongs to a person of ${known.partner.name}`);
      continue;
    }
    const plan = people.get(key);
    if (!plan) {
      people.set(key, { key, line: row.line, partner: row.partner, name: row.name, jobTitle: row.jobTitle, email: row.email, phone: row.phone, consent: row.consent, existingId: known ? known.id : null });
      continue;
    }
    for (const field of ['name', 'jobTitle', 'phone', 'consent'] as const) {
      const value = row[field];
      if (value === null) continue;
      if (plan[field] === null) Object.assign(plan, { [field]: value });
      else if (plan[field] !== value) fail(row.line, field === 'consent' ? 'consent' : field, `differs from line ${plan.line} for the same person`);
    }
  }

  // Roles: a known place; one holder per agency per place at a time of a single-point-of-contact kind.
  const roleRows = rows.filter((row): row is ContactRow & { role: NonNullable<ContactRow['role']> } => row.role !== null);
  const placed = roleRows.flatMap((row) => {
    const locality = row.role.locality ? (localityId.get(row.role.locality.toLowerCase()) ?? null) : null;
    const area = row.role.serviceArea ? (areaId.get(row.role.serviceArea) ?? null) : null;
    if (row.role.locality && locality === null) fail(row.line, 'locality', `"${row.role.locality}" is not a locality code or name`);
    if (row.role.serviceArea && area === null) fail(row.line, 'serviceArea', `"${row.role.serviceArea}" is not a service area code`);
    return (row.role.locality && locality === null) || (row.role.serviceArea && area === null) ? [] : [{ row, localityId: locality, serviceAreaId: area }];
  });
  const existingRoles = await db.localityRole.findMany({
    where: {
      OR: [
        { personId: { in: [...people.values()].flatMap((p) => (p.existingId ? [p.existingId] : [])) } },
        { kind: { singlePointOfContact: true }, partnerId: { in: [...partnerId.values()] } },
      ],
    },
    select: { personId: true, partnerId: true, kindId: true, localityId: true, serviceAreaId: true, startsOn: true, endsOn: true, person: { select: { name: true } } },
  });
  const overlaps = (a: { startsOn: Date; endsOn: Date | null }, b: { startsOn: Date; endsOn: Date | null }) =>
    (b.endsOn === null || a.startsOn < b.endsOn) && (a.endsOn === null || b.startsOn < a.endsOn);
  const samePlace = (a: { localityId: number | null; serviceAreaId: number | null }, b: typeof a) =>
    a.localityId === b.localityId && a.serviceAreaId === b.serviceAreaId;
  const toCreate: typeof placed = [];
  let rolesUnchanged = 0;
  for (const entry of placed) {
    const { row } = entry;
    const person = people.get(personKey(row, row.partner))!;
    const held = existingRoles.find(
      (r) => person.existingId !== null && r.personId === person.existingId && r.kindId === row.role.kind.id && samePlace(r, entry) && day(r.startsOn) === day(row.role.startsOn),
    );
    if (held) {
      rolesUnchanged += 1;
      continue;
    }
    if (row.role.kind.singlePointOfContact) {
      const kind = row.role.kind;
      const clash = existingRoles.find(
        (r) => r.kindId === kind.id && r.partnerId === partnerId.get(row.partner) && samePlace(r, entry) && overlaps(r, row.role),
      );
      const earlier = toCreate.find(
        (other) => other.row.role.kind.id === kind.id && other.row.partner === row.partner && samePlace(other, entry) && overlaps(other.row.role, row.role),
      );
      const what = kind.name.toLowerCase();
      if (clash) fail(row.line, 'role', `${row.partner} already has a ${what} there from ${day(clash.startsOn)} (${clash.person.name})`);
      else if (earlier) fail(row.line, 'role', `overlaps the ${what} of ${row.partner} on line ${earlier.row.line}`);
    }
    toCreate.push(entry);
  }
  problems.throwIfAny('Contact list');

  const plans = [...people.values()];
  const summary: ContactImportSummary = {
    rows: rows.length,
    partnersCreated: newPartners.size,
    peopleCreated: plans.filter((p) => p.existingId === null).length,
    peopleUpdated: plans.filter((p) => p.existingId !== null).length,
    rolesCreated: toCreate.length,
    rolesUnchanged,
    dryRun: options.dryRun ?? false,
  };
  if (options.dryRun) return summary;

  await db.$transaction(
    async (tx) => {
      const audits: AuditChange[] = [];
      const created = await tx.partner.createManyAndReturn({ data: [...newPartners].map(([name, { kind }]) => ({ name, kind: kind! })) });
      for (const partner of created) {
        partnerId.set(partner.name, partner.id);
        audits.push({ action: 'CREATE', entity: 'Partner', entityId: partner.id, after: partner });
      }
      const personId = new Map<string, number>();
      const details = (p: PersonPlan) => ({
        name: p.name,
        partnerId: partnerId.get(p.partner)!,
        ...(p.jobTitle === null ? {} : { jobTitle: p.jobTitle }),
        ...(p.email === null ? {} : { email: p.email }),
        ...(p.phone === null ? {} : { phone: p.phone }),
        ...(p.consent === null ? {} : { directoryConsent: p.consent }),
      });
      const newPeople = await tx.person.createManyAndReturn({ data: plans.filter((p) => p.existingId === null).map(details) });
      const partnerName = new Map([...partnerId].map(([name, id]) => [id, name]));
      for (const person of newPeople) {
        personId.set(personKey({ email: person.email, name: person.name }, partnerName.get(person.partnerId!)!), person.id);
        audits.push({ action: 'CREATE', entity: 'Person', entityId: person.id, after: person });
      }
      for (const plan of plans.filter((p) => p.existingId !== null)) {
        const before = await tx.person.findUniqueOrThrow({ where: { id: plan.existingId! } });
        const after = await tx.person.update({ where: { id: plan.existingId! }, data: details(plan) });
        personId.set(plan.key, after.id);
        audits.push({ action: 'UPDATE', entity: 'Person', entityId: after.id, before, after });
      }
      const roles = await tx.localityRole.createManyAndReturn({
        data: toCreate.map(({ row, localityId: locality, serviceAreaId }) => ({
          personId: personId.get(personKey(row, row.partner))!,
          partnerId: partnerId.get(row.partner)!,
          kindId: row.role.kind.id,
          localityId: locality,
          serviceAreaId,
          startsOn: row.role.startsOn,
          endsOn: row.role.endsOn,
        })),
      });
      for (const role of roles) audits.push({ action: 'CREATE', entity: 'LocalityRole', entityId: role.id, after: role });
      await recordAudits(tx, viewer, audits);
    },
    { timeout: WRITE_TIMEOUT_MS, maxWait: WRITE_TIMEOUT_MS },
  );
  return summary;
}

/** The actor of a change made from the command line or the sample loader, as the audit trail names it. */
export function systemViewer(subject: string): Viewer {
  return { anonymous: false, personId: null, partnerId: null, roles: new Set(['ADMIN']), localityCodes: new Set(), subject };
}
