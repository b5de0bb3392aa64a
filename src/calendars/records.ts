/**
 * The records a feed shows, read in two statements whatever the number of boards and meetings:
 * the boards (of a locality, or one board) with their chairs and meetings, and the consultations
 * of the locality or its boards (of the board). Meetings from FEED_HISTORY_DAYS ago on (a feed
 * stays bounded; calendars keep what they have already), consultations whose deadline is as recent.
 */
import type { Viewer } from '../auth/viewer.js';
import type { RecordsClient } from '../db/records.js';
import { canSeePerson } from '../sharing/consent.js';
import type { Feed, FeedConsultation } from './feed.js';

export const FEED_HISTORY_DAYS = 366;

const MEETING = { id: true, revision: true, kind: true, startsAt: true, location: true, cancelled: true, updatedAt: true } as const;
const CONSULTATION = { id: true, revision: true, subject: true, audience: true, opensOn: true, deadline: true, closedOn: true, updatedAt: true } as const;

type BoardWhere = { localityId: number } | { id: number };

async function feedOf(prisma: RecordsClient, viewer: Viewer, where: BoardWhere, consultations: object, now: Date): Promise<Omit<Feed, 'name' | 'description'>> {
  const from = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  const [boards, rows] = await Promise.all([
    prisma.board.findMany({
      where,
      orderBy: { id: 'asc' },
      select: {
        name: true,
        chair: { select: { name: true, directoryConsent: true } },
        meetings: { where: { startsAt: { gte: from } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], select: MEETING },
      },
    }),
    prisma.consultation.findMany({ where: { AND: [consultations, { deadline: { gte: from } }] }, orderBy: [{ deadline: 'asc' }, { id: 'asc' }], select: CONSULTATION }),
  ]);
  const meetings = boards.flatMap((board) =>
    board.meetings.map((m) => ({ ...m, boardName: board.name, chairName: board.chair && canSeePerson(viewer, board.chair) ? board.chair.name : null })),
  );
  meetings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  return { meetings, consultations: rows as FeedConsultation[] };
}

/** A locality's feed (null for an unknown locality). */
export async function localityFeed(prisma: RecordsClient, viewer: Viewer, code: string, now = new Date()): Promise<Feed | null> {
  const locality = await prisma.locality.findUnique({ where: { code }, select: { id: true, name: true } });
  if (!locality) return null;
  const feed = await feedOf(prisma, viewer, { localityId: locality.id }, { OR: [{ localityId: locality.id }, { board: { localityId: locality.id } }] }, now);
  return { name: `${locality.name}: meetings and consultations`, description: `Meetings of ${locality.name}'s boards (annual conversations included) and consultation deadlines.`, ...feed };
}

/** A board's feed (null for an unknown board). */
export async function boardFeed(prisma: RecordsClient, viewer: Viewer, id: number, now = new Date()): Promise<Feed | null> {
  const board = await prisma.board.findUnique({ where: { id }, select: { name: true } });
  if (!board) return null;
  const feed = await feedOf(prisma, viewer, { id }, { boardId: id }, now);
  return { name: `${board.name}: meetings and consultations`, description: `Meetings of ${board.name} and its consultation deadlines.`, ...feed };
}
