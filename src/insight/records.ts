/**
 * The partnership records every insight question reads, in a fixed set of record-store
 * statements whatever the number of boards, priorities or localities: the localities of the
 * geography version with their approved plan, the live priorities of boards still sitting with
 * their evidence, board and the board's current partners, and which localities each service area
 * covers.
 *
 * A priority's places: its locality (its board's or plan's); else, for a service area's board,
 * the localities the service area covers; else (a county board) every locality, `countyWide`.
 */
import type { Approach } from './config.js';
import type { Board, Locality, Partner, Priority } from '../generated/prisma/sqlite/client.js';
import type { Db } from '../db/records.js';
import { today } from '../days.js';

export interface LocalityRecord {
  /** The whole record, for the graph's Locality type. */
  record: Locality;
  id: number;
  code: string;
  name: string;
  plan: { id: number; version: number; approach: Approach; title: string } | null;
}

/** A partner's whole record. */
export type PartnerRecord = Partner;

export interface BoardRecord {
  record: Board;
  id: number;
  name: string;
  kind: string;
  localityId: number | null;
  serviceAreaId: number | null;
  /** Partners with a current membership (or the chair's), by name. */
  partners: PartnerRecord[];
}

export interface LivePriority {
  record: Priority;
  id: number;
  title: string;
  theme: string;
  /** The day it went live: its `startsOn`, else the day it was recorded. */
  wentLiveOn: Date;
  board: BoardRecord | null;
  evidence: string[];
  /** Locality ids it addresses. */
  places: number[];
  countyWide: boolean;
}

export interface LiveWork {
  localities: LocalityRecord[];
  priorities: LivePriority[];
  boards: Map<number, BoardRecord>;
  /** Locality ids each service area covers in the version. */
  served: Map<number, number[]>;
}

/** The localities of the version with their approved plan (Prisma: two statements). */
export async function loadLocalities(db: Db, versionId: string): Promise<LocalityRecord[]> {
  const localities = await db.locality.findMany({
    where: { versions: { some: { versionId } } },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    include: { plans: { where: { status: 'APPROVED' }, select: { id: true, version: true, approach: true, title: true } } },
  });
  return localities.map(({ plans, ...l }) => ({
    record: l,
    id: l.id,
    code: l.code,
    name: l.name,
    plan: plans[0] ? { ...plans[0], approach: plans[0].approach as Approach } : null,
  }));
}

/** Live priorities (with the localities, read by `loadLocalities`): a fixed set of statements (Prisma's nested reads included), however many rows. */
export async function loadLiveWork(db: Db, versionId: string, localitiesLoad: Promise<LocalityRecord[]>, on = today()): Promise<LiveWork> {
  const sitting = { OR: [{ endsOn: null }, { endsOn: { gt: on } }] };
  const [localities, priorities, coverage] = await Promise.all([
    localitiesLoad,
    db.priority.findMany({
      where: { status: 'LIVE', OR: [{ boardId: null }, { board: sitting }] },
      orderBy: { id: 'asc' },
      include: {
        evidence: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } },
        board: {
          include: {
            chair: { select: { partner: true } },
            members: { where: { ...sitting, startsOn: { lte: on }, partnerId: { not: null } }, select: { partner: true } },
          },
        },
      },
    }),
    db.serviceAreaLocality.findMany({ where: { versionId }, select: { serviceAreaId: true, localityId: true } }),
  ]);
  const inVersion = new Set(localities.map((l) => l.id));
  const allIds = localities.map((l) => l.id);
  const served = new Map<number, number[]>();
  for (const row of coverage) served.set(row.serviceAreaId, [...(served.get(row.serviceAreaId) ?? []), row.localityId]);
  const boards = new Map<number, BoardRecord>();
  const live = priorities.map((p): LivePriority => {
    let board: BoardRecord | null = null;
    if (p.board) {
      board = boards.get(p.board.id) ?? null;
      if (!board) {
        const partners = new Map<number, PartnerRecord>();
        for (const partner of [p.board.chair?.partner, ...p.board.members.map((m) => m.partner)]) if (partner) partners.set(partner.id, partner);
        const { chair: _chair, members: _members, ...record } = p.board;
        board = {
          record,
          id: p.board.id,
          name: p.board.name,
          kind: p.board.kind,
          localityId: p.board.localityId,
          serviceAreaId: p.board.serviceAreaId,
          partners: [...partners.values()].sort((a, b) => a.name.localeCompare(b.name)),
        };
        boards.set(board.id, board);
      }
    }
    const localityId = p.localityId ?? board?.localityId ?? null;
    const places =
      localityId !== null ? [localityId] : board?.serviceAreaId != null ? (served.get(board.serviceAreaId) ?? []) : allIds;
    const { evidence: _evidence, board: _board, ...record } = p;
    return {
      record,
      id: p.id,
      title: p.title,
      theme: p.theme,
      wentLiveOn: p.startsOn ?? p.createdAt,
      board,
      evidence: p.evidence.map((e) => e.indicatorId),
      places: places.filter((id) => inVersion.has(id)),
      countyWide: localityId === null && board?.serviceAreaId == null,
    };
  });
  return {
    localities,
    priorities: live,
    boards,
    served,
  };
}
