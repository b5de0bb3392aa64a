/**
 * Localities by code, as the record store holds them: for a code a query names (NOT_FOUND when
 * there is none) and for a code a mutation's input names (BAD_USER_INPUT on the input field).
 */
import type { Db } from '../db/records.js';
import { BadUserInputError, NotFoundError } from '../errors.js';

/** Look a locality up by code (NOT_FOUND otherwise). */
export async function localityByCode(db: Db, code: string): Promise<{ id: number; code: string }> {
  const locality = await db.locality.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!locality) throw new NotFoundError('Locality', code);
  return locality;
}

/** A locality named in a mutation's input (BAD_USER_INPUT on `input.localityCode` otherwise). */
export async function localityFromInput(db: Db, code: string): Promise<{ id: number; code: string }> {
  const locality = await db.locality.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!locality) throw new BadUserInputError(`input.localityCode: no locality ${code}`, { field: 'input.localityCode' });
  return locality;
}
