/**
 * Row locks on the record store. `lockRecord` is a no-op UPDATE of the row, the one statement
 * that takes a row lock on both stores: on PostgreSQL it waits for any other transaction holding
 * the row (as SELECT ... FOR UPDATE would) and every statement after it sees what that one
 * committed; on SQLite the write lock serialises the transactions. Take it first in a write
 * transaction (the write boundary, src/writes/boundary.ts, says why and in which order).
 */
import { Prisma, type Tx } from './records.js';

/** The tables whose rows carry a `revision` (every record a mutation changes), and the containers locked around rules. */
export type RevisedTable =
  | 'Partner'
  | 'Person'
  | 'LocalityRole'
  | 'LocalityRoleKind'
  | 'Board'
  | 'Membership'
  | 'Meeting'
  | 'Priority'
  | 'LocalityPlan'
  | 'Consultation'
  | 'IntelligenceItem'
  | 'CommunityAsset'
  | 'Issue'
  | 'Action'
  | 'Outcome'
  | 'BusinessCase'
  | 'FundContribution'
  | 'CustomArea';
export type LockedTable = RevisedTable | 'Locality';

/** Lock a row until the transaction ends; returns whether it exists. */
export async function lockRecord(tx: Tx, table: LockedTable, id: number): Promise<boolean> {
  const changed = await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET "id" = "id" WHERE "id" = ${id}`;
  return changed > 0;
}

/** Lock many rows of one table (in id order, so two transactions never wait on each other in a cycle). */
export async function lockRecords(tx: Tx, table: RevisedTable, ids: readonly number[]): Promise<void> {
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) await lockRecord(tx, table, id);
}
