/**
 * Role scopes: who may change which record (partnership records, and the funds and outcomes
 * kept against them), as scope maps for the mutations' `authScopes` (the
 * builder's named scopes; keys of one map are alternatives, `$all` requires each):
 * - ADMIN changes anything;
 * - a LOCALITY_LEAD changes the records of the localities they lead (`leadOf`, which admits an
 *   ADMIN too): boards scoped to the locality, its plan, roles, priorities, meetings;
 * - a CONTRIBUTOR records meetings, attendance and consultation responses, and keeps their own
 *   partner's partner and people records (`memberOf`).
 * Records whose locality is only known from the database are looked up here with one small query
 * (the scope functions get the ids already decoded: argument validation runs before them); an id
 * not found leaves ADMIN only, so the resolver's NOT_FOUND is what an admin sees and nobody else
 * learns whether the record exists.
 */
import type { Db } from '../db/records.js';

type Scopes = {
  role?: 'ADMIN' | 'CONTRIBUTOR';
  leadOf?: string;
  anyRole?: readonly ('ADMIN' | 'CONTRIBUTOR')[];
  $all?: { memberOf: number; role: 'CONTRIBUTOR' };
};

export const ADMIN: Scopes = { role: 'ADMIN' };

/** ADMIN, or a CONTRIBUTOR of this partner. */
export function partnerScopes(partnerId: number | null | undefined): Scopes {
  return partnerId ? { role: 'ADMIN', $all: { memberOf: partnerId, role: 'CONTRIBUTOR' } } : ADMIN;
}

/** ADMIN, or the lead of this locality (a record with no locality: ADMIN only). */
export function leadScopes(code: string | null | undefined): Scopes {
  return code ? { leadOf: code } : ADMIN;
}

/** ADMIN, the lead of this locality, or any CONTRIBUTOR. */
export function contributorScopes(code: string | null | undefined): Scopes {
  return code ? { leadOf: code, anyRole: ['CONTRIBUTOR'] } : { anyRole: ['ADMIN', 'CONTRIBUTOR'] };
}

/** The locality code of a board (null for a county or service-area board, or none). */
export async function boardLocality(db: Db, boardId: number | null): Promise<string | null> {
  if (boardId === null) return null;
  const board = await db.board.findUnique({ where: { id: boardId }, select: { locality: { select: { code: true } } } });
  return board?.locality?.code ?? null;
}

/** The locality code of a record of `table` by id (null when it has none or is not found). */
export async function recordLocality(
  db: Db,
  table: 'localityRole' | 'priority' | 'localityPlan' | 'consultation' | 'meeting' | 'membership',
  id: number | null,
): Promise<string | null> {
  if (id === null) return null;
  const where = { where: { id } };
  switch (table) {
    case 'localityRole':
      return (await db.localityRole.findUnique({ ...where, select: { locality: { select: { code: true } } } }))?.locality?.code ?? null;
    case 'priority':
      return (await db.priority.findUnique({ ...where, select: { locality: { select: { code: true } } } }))?.locality?.code ?? null;
    case 'localityPlan':
      return (await db.localityPlan.findUnique({ ...where, select: { locality: { select: { code: true } } } }))?.locality.code ?? null;
    case 'consultation':
      return (await db.consultation.findUnique({ ...where, select: { locality: { select: { code: true } } } }))?.locality?.code ?? null;
    case 'meeting':
      return (await db.meeting.findUnique({ ...where, select: { board: { select: { locality: { select: { code: true } } } } } }))?.board
        .locality?.code ?? null;
    case 'membership':
      return (await db.membership.findUnique({ ...where, select: { board: { select: { locality: { select: { code: true } } } } } }))
        ?.board.locality?.code ?? null;
  }
}

/** The partner of a person (null when none or not found). */
export async function personPartner(db: Db, personId: number | null): Promise<number | null> {
  if (personId === null) return null;
  return (await db.person.findUnique({ where: { id: personId }, select: { partnerId: true } }))?.partnerId ?? null;
}
