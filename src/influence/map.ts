/**
 * The influence map of a locality: what its residents and partners can influence, when and how
 * (Calderdale's "influence map – to set out what communities can influence when and how").
 *
 * For one locality: every board that covers it (its own boards, the boards of the service areas
 * it lies in, the county's boards), with who decides (the board, its chair, and the boards it
 * reports to up the governance pathway); and the decisions coming up, in date order: the boards'
 * next meetings (attend), open and upcoming consultations (respond), open and upcoming
 * participatory-budgeting rounds of their funds (propose, vote), and the locality's plans not yet
 * approved (respond, at the meeting of its board that will decide).
 *
 * A fixed number of statements whatever the number of boards: the locality, the boards (all
 * current boards with their chairs: the pathway is walked in memory), then one query each for
 * meetings, consultations, rounds and plans.
 */
import type { Db } from '../db/records.js';
import { today } from '../days.js';
import { NotFoundError } from '../errors.js';

export type InfluenceKind = 'MEETING' | 'CONSULTATION' | 'PB_ROUND' | 'PLAN';
export type TakePart = 'ATTEND' | 'RESPOND' | 'PROPOSE' | 'VOTE';

export interface DecisionMaker {
  boardId: number;
  name: string;
  kind: string;
  scope: string;
  chairName: string | null;
  /** The boards it reports to, nearest first (the governance pathway upwards). */
  reportsTo: { boardId: number; name: string }[];
}

export interface InfluenceEntry {
  kind: InfluenceKind;
  /** The record's type and id (for `node(id:)`). */
  record: { typename: string; id: number };
  /** When it happens or is decided (a meeting's start; a consultation's deadline; a round's close). */
  date: Date;
  /** For a consultation or round: the first day one can take part. */
  opensOn: Date | null;
  title: string;
  /** What it is, in plain words. */
  summary: string;
  /** How to take part, in plain words. */
  how: string;
  takePart: TakePart[];
  location: string | null;
  decidedBy: DecisionMaker | null;
}

export interface InfluenceMap {
  locality: { id: number; code: string; name: string };
  from: Date;
  decisionMakers: DecisionMaker[];
  entries: InfluenceEntry[];
}

const LIMIT = 500;
/** The locality's own boards first, then its service areas', then the county's. */
const SCOPE_ORDER: Record<string, number> = { LOCALITY: 0, SERVICE_AREA: 1, COUNTY: 2 };
const dayText = (date: Date) => date.toISOString().slice(0, 10);

export async function influenceMap(db: Db, code: string, from: Date = today()): Promise<InfluenceMap> {
  const locality = await db.locality.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, serviceAreaLocalities: { select: { serviceAreaId: true } } },
  });
  if (!locality) throw new NotFoundError('Locality', code);
  const serviceAreas = new Set(locality.serviceAreaLocalities.map((s) => s.serviceAreaId));

  const boards = await db.board.findMany({
    where: { OR: [{ endsOn: null }, { endsOn: { gt: from } }] },
    select: { id: true, name: true, kind: true, scope: true, localityId: true, serviceAreaId: true, parentId: true, chair: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  const byId = new Map(boards.map((b) => [b.id, b]));
  const covers = (b: (typeof boards)[number]) =>
    b.scope === 'COUNTY' || b.localityId === locality.id || (b.serviceAreaId !== null && serviceAreas.has(b.serviceAreaId));
  const decisionMaker = (boardId: number): DecisionMaker => {
    const board = byId.get(boardId)!;
    const reportsTo: DecisionMaker['reportsTo'] = [];
    const seen = new Set([board.id]);
    for (let parent = board.parentId; parent !== null && !seen.has(parent) && byId.has(parent); parent = byId.get(parent)!.parentId) {
      seen.add(parent);
      reportsTo.push({ boardId: parent, name: byId.get(parent)!.name });
    }
    return { boardId: board.id, name: board.name, kind: board.kind, scope: board.scope, chairName: board.chair?.name ?? null, reportsTo };
  };
  const covering = boards.filter(covers);
  const ids = covering.map((b) => b.id);
  const makers = new Map(ids.map((id) => [id, decisionMaker(id)]));

  const [meetings, consultations, rounds, plans] = await Promise.all([
    db.meeting.findMany({
      where: { boardId: { in: ids }, cancelled: false, startsAt: { gte: from } },
      select: { id: true, boardId: true, kind: true, startsAt: true, location: true },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: LIMIT,
    }),
    db.consultation.findMany({
      where: {
        closedOn: null,
        deadline: { gte: from },
        OR: [{ localityId: locality.id }, { localityId: null, OR: [{ boardId: null }, { boardId: { in: ids } }] }],
      },
      select: { id: true, subject: true, description: true, audience: true, opensOn: true, deadline: true, boardId: true },
      orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      take: LIMIT,
    }),
    db.pbRound.findMany({
      where: { countedAt: null, closesOn: { gt: from }, fund: { boardId: { in: ids } } },
      select: { id: true, title: true, opensOn: true, closesOn: true, potPence: true, fundId: true, fund: { select: { boardId: true, name: true } } },
      orderBy: [{ closesOn: 'asc' }, { id: 'asc' }],
      take: LIMIT,
    }),
    db.localityPlan.findMany({
      where: { localityId: locality.id, status: { in: ['DRAFT', 'CONSULTED'] } },
      select: { id: true, title: true, version: true, status: true },
      orderBy: [{ version: 'asc' }],
      take: LIMIT,
    }),
  ]);

  const entries: InfluenceEntry[] = [];
  for (const m of meetings) {
    const maker = makers.get(m.boardId)!;
    entries.push({
      kind: 'MEETING',
      record: { typename: 'Meeting', id: m.id },
      date: m.startsAt,
      opensOn: null,
      title: `${maker.name} meets`,
      summary: m.kind === 'ANNUAL_CONVERSATION' ? 'The annual conversation: the locality’s plan and priorities are reviewed with everyone.' : `A ${m.kind.toLowerCase().replaceAll('_', ' ')} meeting where the board takes decisions.`,
      how: `Come to the meeting${m.location ? ` at ${m.location}` : ''}, or ask the chair${maker.chairName ? ` (${maker.chairName})` : ''} to raise something for you.`,
      takePart: ['ATTEND'],
      location: m.location,
      decidedBy: maker,
    });
  }
  for (const c of consultations) {
    const maker = c.boardId !== null ? (makers.get(c.boardId) ?? null) : null;
    entries.push({
      kind: 'CONSULTATION',
      record: { typename: 'Consultation', id: c.id },
      date: c.deadline,
      opensOn: c.opensOn,
      title: c.subject,
      summary: c.description ?? `A consultation for ${c.audience.toLowerCase().replaceAll('_', ' ')}.`,
      how: `Send your views by ${dayText(c.deadline)}${c.opensOn > from ? ` (it opens on ${dayText(c.opensOn)})` : ''}.`,
      takePart: ['RESPOND'],
      location: null,
      decidedBy: maker,
    });
  }
  for (const r of rounds) {
    const maker = makers.get(r.fund.boardId)!;
    const open = r.opensOn <= from;
    entries.push({
      kind: 'PB_ROUND',
      record: { typename: 'PbRound', id: r.id },
      date: r.closesOn,
      opensOn: r.opensOn,
      title: r.title,
      summary: `Residents decide how £${(Number(r.potPence) / 100).toLocaleString('en-GB')} from ${r.fund.name} is spent.`,
      how: `${open ? 'Now open' : `Opens on ${dayText(r.opensOn)}`}: a community group can propose a project, and residents vote for the projects they support, until ${dayText(r.closesOn)}.`,
      takePart: ['PROPOSE', 'VOTE'],
      location: null,
      decidedBy: maker,
    });
  }
  // A plan not yet approved is decided at the next meeting of one of the locality's own boards.
  const ownMeeting = meetings.find((m) => byId.get(m.boardId)?.localityId === locality.id);
  for (const p of plans) {
    const maker = ownMeeting ? makers.get(ownMeeting.boardId)! : null;
    entries.push({
      kind: 'PLAN',
      record: { typename: 'LocalityPlan', id: p.id },
      date: ownMeeting?.startsAt ?? from,
      opensOn: null,
      title: `${p.title} (version ${p.version})`,
      summary: p.status === 'DRAFT' ? 'The locality plan is being drafted.' : 'The locality plan has been consulted on and awaits approval.',
      how: maker ? `Tell ${maker.name} what you think before it decides on ${dayText(ownMeeting!.startsAt)}.` : 'Tell the locality’s board what you think before it is approved.',
      takePart: ['RESPOND'],
      location: null,
      decidedBy: maker,
    });
  }
  const ORDER: Record<InfluenceKind, number> = { MEETING: 0, CONSULTATION: 1, PB_ROUND: 2, PLAN: 3 };
  entries.sort((a, b) => a.date.getTime() - b.date.getTime() || ORDER[a.kind] - ORDER[b.kind] || a.record.id - b.record.id);
  return {
    locality: { id: locality.id, code: locality.code, name: locality.name },
    from,
    decisionMakers: [...makers.values()].sort((a, b) => SCOPE_ORDER[a.scope]! - SCOPE_ORDER[b.scope]! || a.name.localeCompare(b.name)),
    entries,
  };
}
