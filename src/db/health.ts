/**
 * What `/healthz` reports: whether each store answers, and whether the analytics store still
 * holds what the records expect of it.
 *
 * The analytics store (DuckDB) can lose its data without failing a probe: its file deleted and
 * the server restarted on a new, empty one, or the file deleted or replaced under a running
 * server (which then answers from a file that is gone). So besides `SELECT 1` it is checked on
 * two things: the snapshot file it serves (src/db/snapshots.ts) is still the one it opened, and
 * when the records name indicators the analytics catalogue is not empty. Either failing is `analytics: "lost"`
 * with a `problem` in words, and 503. At most three record statements and one analytics one.
 */
import type { Stores } from './stores.js';

export type StoreHealth = 'ok' | 'unavailable' | 'lost';

export interface Health {
  status: 'ok' | 'degraded';
  records: StoreHealth;
  analytics: StoreHealth;
  /** Why the analytics store is `lost`, in words (only then). */
  problem?: string;
}

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the records name indicators (a priority's evidence, an item's or an outcome's
 * indicators) while the analytics catalogue holds none at all: the store was lost. (A record
 * naming one indicator the catalogue lacks is a data-quality matter, not a loss: the generated
 * samples have such evidence.) Null if either store cannot say.
 */
async function catalogueLost(stores: Stores): Promise<boolean | null> {
  try {
    const { prisma } = stores.records;
    const named = await Promise.all([
      prisma.priorityEvidence.findFirst({ select: { indicatorId: true } }),
      prisma.intelligenceIndicator.findFirst({ select: { indicatorId: true } }),
      prisma.outcomeIndicator.findFirst({ select: { indicatorId: true } }),
    ]);
    if (named.every((row) => row === null)) return false;
    const [catalogue] = await stores.analytics.query<{ n: number }>('SELECT count(*) AS n FROM indicator');
    return (catalogue?.n ?? 0) === 0;
  } catch {
    return null;
  }
}

export async function health(stores: Stores): Promise<Health> {
  const [records, analytics] = await Promise.all([
    answers(() => stores.records.prisma.$queryRawUnsafe('SELECT 1')),
    answers(() => stores.analytics.query('SELECT 1 AS ok')),
  ]);
  const report: Health = { status: 'ok', records: records ? 'ok' : 'unavailable', analytics: analytics ? 'ok' : 'unavailable' };
  if (analytics) {
    const fileProblem = await stores.analytics.fileProblem();
    const lost = fileProblem === null && records ? await catalogueLost(stores) : false;
    const problem =
      fileProblem ??
      (lost ? 'the analytics store has lost data the records expect: the records name indicators and it holds no indicator at all; load the statistics again' : null);
    if (problem !== null) Object.assign(report, { analytics: 'lost', problem });
  }
  if (report.records !== 'ok' || report.analytics !== 'ok') report.status = 'degraded';
  return report;
}
