/**
 * Localities by code, as the record store holds them: for a code a query names (NOT_FOUND when
 * there is none) and for codes a mutation's input names (BAD_USER_INPUT on the input field).
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

/** Locality ids by code, in one query; BAD_USER_INPUT naming the unknown codes. */
export async function localityIds(db: Db, localityCodes: readonly string[], field: string): Promise<number[]> {
  const unique = [...new Set(localityCodes)];
  if (unique.length === 0) return [];
  const found = await db.locality.findMany({ where: { code: { in: unique } }, select: { id: true, code: true } });
  const missing = unique.filter((code) => !found.some((l) => l.code === code));
  if (missing.length > 0) throw new BadUserInputError(`${field}: no locality ${missing.join(', ')}`, { field });
  return found.map((l) => l.id);
}
