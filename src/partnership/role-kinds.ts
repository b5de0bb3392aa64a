/**
 * The kinds of locality role are data: each council names its own (Herefordshire's senior manager
 * leads and single points of contact, Calderdale's area delivery leads and link workers), from a
 * kinds file loaded with its dataset or geography, or created by an ADMIN. Nothing in the code
 * names a kind; the rules attach to flags a kind carries:
 *
 * - `singlePointOfContact`: one holder per agency (partner) per place at a time (roles.ts);
 * - `leadsLocality`: holders lead the locality (`Locality.leads`, alert notifications).
 *
 * A kinds file (`code, name, description, single_point_of_contact, leads_locality, aliases`, rows
 * in display order) is loaded all or nothing; a kind already held is updated by code, so loading
 * it again changes nothing. Aliases (separated by `;`) are other spellings a contact list may use.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { type AuditChange, recordAudits, recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError, ConflictError, ForbiddenError, found } from '../errors.js';
import { type ColumnSpec, readCsvTable } from '../importing/csv.js';
import { ImportProblems } from '../importing/problems.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';
import { optionalText, text } from '../schema/input.js';

/** A kind's code: lower-case letters and digits joined by single hyphens (e.g. single-point-of-contact). */
export const ROLE_KIND_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const code = z.string().trim().max(60, 'must be at most 60 characters').regex(ROLE_KIND_CODE, 'must be lower-case words joined by - (e.g. area-delivery-lead)');
const alias = z.string().trim().min(1, 'must not be blank').max(60, 'must be at most 60 characters');
const aliases = z.array(alias).max(20, 'at most 20 aliases');

export const createRoleKindInput = z.object({
  code,
  name: text(100),
  description: optionalText(500),
  singlePointOfContact: z.boolean().default(false),
  leadsLocality: z.boolean().default(false),
  aliases: aliases.default([]),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateRoleKind = z.output<typeof createRoleKindInput>;

export const updateRoleKindInput = z.object({
  name: text(100).optional(),
  description: optionalText(500),
  singlePointOfContact: z.boolean().optional(),
  leadsLocality: z.boolean().optional(),
  aliases: aliases.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateRoleKind = z.output<typeof updateRoleKindInput>;

/** How contact lists and the old enum spell a kind: upper case, words joined by _ (SINGLE_POINT_OF_CONTACT). */
export const spellingKey = (value: string) => value.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

export const splitAliases = (stored: string): string[] => stored.split(';').map((a) => a.trim()).filter(Boolean);

export interface RoleKindRow {
  id: number;
  code: string;
  name: string;
  singlePointOfContact: boolean;
  leadsLocality: boolean;
  aliases: string;
}

/**
 * A finder of kinds by any spelling a contact list may use: the code, the code in the old enum's
 * spelling (SINGLE_POINT_OF_CONTACT), the name, or an alias, ignoring case and punctuation.
 */
export function roleKindMatcher<K extends RoleKindRow>(kinds: readonly K[]): { find(written: string): K | null; codes: string[] } {
  const bySpelling = new Map<string, K>();
  for (const kind of kinds) {
    for (const spelling of [kind.code, kind.name, ...splitAliases(kind.aliases)]) {
      const key = spellingKey(spelling);
      if (!bySpelling.has(key)) bySpelling.set(key, kind);
    }
  }
  return { find: (written) => bySpelling.get(spellingKey(written)) ?? null, codes: kinds.map((k) => k.code) };
}

/** The kind of this code, for a write; BAD_USER_INPUT on `field` (listing the known codes) when there is none. */
export async function roleKindByCode(db: Db, kindCode: string, field: string) {
  const kind = await db.localityRoleKind.findUnique({ where: { code: kindCode } });
  if (kind) return kind;
  const known = await db.localityRoleKind.findMany({ select: { code: true }, orderBy: [{ position: 'asc' }, { code: 'asc' }] });
  throw new BadUserInputError(
    `${field}: "${kindCode}" is not a kind of locality role (${known.length > 0 ? known.map((k) => k.code).join(', ') : 'none defined: an ADMIN creates them, or load a kinds file'})`,
    { field },
  );
}

function requireAdmin(viewer: Viewer): void {
  if (!viewer.roles.has('ADMIN')) throw new ForbiddenError('Only an ADMIN may define kinds of locality role');
}

/**
 * Refuse to give a kind the single-point-of-contact rule while roles of that kind already break
 * it (two holders for one agency in one place at once, or a holder for no agency): CONFLICT.
 */
async function checkRuleHolds(tx: Tx, kindId: number): Promise<void> {
  const roles = await tx.localityRole.findMany({
    where: { kindId },
    select: { id: true, partnerId: true, localityId: true, serviceAreaId: true, startsOn: true, endsOn: true },
    orderBy: { id: 'asc' },
  });
  const noPartner = roles.find((r) => r.partnerId === null);
  if (noPartner) {
    throw new ConflictError('Roles of this kind are held for no agency: the single-point-of-contact rule needs a partner on each', {
      rule: 'ONE_SINGLE_POINT_OF_CONTACT',
      conflictingRoleId: noPartner.id,
    });
  }
  for (const [i, a] of roles.entries()) {
    const clash = roles.slice(i + 1).find(
      (b) =>
        a.partnerId === b.partnerId &&
        a.localityId === b.localityId &&
        a.serviceAreaId === b.serviceAreaId &&
        (b.endsOn === null || a.startsOn < b.endsOn) &&
        (a.endsOn === null || b.startsOn < a.endsOn),
    );
    if (clash) {
      throw new ConflictError('Roles of this kind already overlap for one agency in one place: the single-point-of-contact rule cannot apply', {
        rule: 'ONE_SINGLE_POINT_OF_CONTACT',
        conflictingRoleId: clash.id,
      });
    }
  }
}

async function assertCodeFree(tx: Tx, kindCode: string): Promise<void> {
  if (await tx.localityRoleKind.findUnique({ where: { code: kindCode }, select: { id: true } })) {
    throw new ConflictError(`A kind of locality role with code "${kindCode}" already exists`, { field: 'input.code', rule: 'DUPLICATE_CODE' });
  }
}

export async function createRoleKind(db: RecordsClient, viewer: Viewer, input: CreateRoleKind): Promise<number> {
  requireAdmin(viewer);
  return db.$transaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    const position = input.position ?? ((await tx.localityRoleKind.aggregate({ _max: { position: true } }))._max.position ?? 0) + 1;
    const created = await tx.localityRoleKind.create({ data: { ...input, aliases: input.aliases.join(';'), position } });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'LocalityRoleKind', entityId: created.id, after: created });
    return created.id;
  });
}

export async function updateRoleKind(db: RecordsClient, viewer: Viewer, target: Target, input: UpdateRoleKind): Promise<number> {
  requireAdmin(viewer);
  const { id } = target;
  return db.$transaction(async (tx) => {
    // The kind's row lock also holds back role writes of this kind (roles.ts locks it), so the
    // rule check below sees every role that will exist when the flag is set.
    await lockRecord(tx, 'LocalityRoleKind', id);
    const before = found(await tx.localityRoleKind.findUnique({ where: { id } }), 'Locality role kind', id);
    checkRevision('LocalityRoleKind', before, target.expectedRevision);
    if (input.singlePointOfContact && !before.singlePointOfContact) await checkRuleHolds(tx, id);
    const { aliases: given, ...columns } = input;
    const after = await tx.localityRoleKind.update({
      where: { id },
      data: { ...columns, ...(given === undefined ? {} : { aliases: given.join(';') }), ...REVISE },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'LocalityRoleKind', entityId: id, before, after });
    return id;
  });
}

const col = (required: boolean, ...names: string[]): ColumnSpec => ({ names, required });
export const ROLE_KIND_COLUMNS = {
  code: col(true, 'code', 'kind_code'),
  name: col(true, 'name', 'kind_name'),
  description: col(false, 'description'),
  singlePointOfContact: col(false, 'single_point_of_contact'),
  leadsLocality: col(false, 'leads_locality'),
  aliases: col(false, 'aliases'),
} as const;

const YES_NO: Record<string, boolean> = { yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false, '': false };

export interface RoleKindsSummary {
  kinds: number;
  created: number;
  updated: number;
}

/**
 * Load a kinds file (see the header), all or nothing: every row is checked (code, name, yes/no
 * flags, no code twice) and each problem reported with its line; kinds are created or updated by
 * code in one transaction with their audit events. Kinds the file does not name are left as they are.
 */
export async function importRoleKinds(db: RecordsClient, viewer: Viewer, file: string): Promise<RoleKindsSummary> {
  const problems = new ImportProblems();
  const table = readCsvTable(file, ROLE_KIND_COLUMNS, problems);
  problems.throwIfAny('Locality role kinds');
  const rows: CreateRoleKind[] = [];
  const seen = new Map<string, number>();
  for (const [index, { line, values }] of table.records.entries()) {
    const flag = (key: 'singlePointOfContact' | 'leadsLocality') => {
      const value = YES_NO[(values[key] ?? '').trim().toLowerCase()];
      if (value === undefined) problems.add(table.file, line, `"${values[key]}" is not yes or no`, key === 'singlePointOfContact' ? 'single_point_of_contact' : 'leads_locality');
      return value ?? false;
    };
    const parsed = createRoleKindInput.safeParse({
      code: values.code ?? '',
      name: values.name ?? '',
      description: values.description ?? null,
      singlePointOfContact: flag('singlePointOfContact'),
      leadsLocality: flag('leadsLocality'),
      aliases: splitAliases(values.aliases ?? ''),
      position: index + 1,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.add(table.file, line, `${String(issue.path[0] ?? 'row')} ${issue.message}`, String(issue.path[0] ?? ''));
      continue;
    }
    const first = seen.get(parsed.data.code);
    if (first !== undefined) problems.add(table.file, line, `kind "${parsed.data.code}" is also on line ${first}`, 'code');
    seen.set(parsed.data.code, line);
    rows.push(parsed.data);
  }
  problems.throwIfAny('Locality role kinds');

  return db.$transaction(async (tx) => {
    const existing = new Map((await tx.localityRoleKind.findMany({ where: { code: { in: rows.map((r) => r.code) } } })).map((k) => [k.code, k]));
    const audits: AuditChange[] = [];
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      const data = { ...row, aliases: row.aliases.join(';') };
      const before = existing.get(row.code);
      if (!before) {
        const after = await tx.localityRoleKind.create({ data });
        audits.push({ action: 'CREATE', entity: 'LocalityRoleKind', entityId: after.id, after });
        created += 1;
        continue;
      }
      const same = (Object.keys(data) as (keyof typeof data)[]).every((key) => before[key] === data[key]);
      if (same) continue;
      if (row.singlePointOfContact && !before.singlePointOfContact) await checkRuleHolds(tx, before.id);
      const after = await tx.localityRoleKind.update({ where: { id: before.id }, data: { ...data, ...REVISE } });
      audits.push({ action: 'UPDATE', entity: 'LocalityRoleKind', entityId: after.id, before, after });
      updated += 1;
    }
    await recordAudits(tx, viewer, audits);
    return { kinds: rows.length, created, updated };
  });
}
