/**
 * Joined-up across boards: the indicators that live priorities of at least two different boards
 * cite in overlapping places (a county board's priority overlaps every locality), with the
 * priorities, their boards, the boards' partners and the localities where they overlap, as the
 * Leicestershire paper asks ("brings together partnerships and partners with similar
 * objectives"). Filtered by a board, it is that board's view: the indicators its own priorities
 * cite and who else works on them where it works.
 */
import type { LivePriority, LiveWork, PartnerRecord } from './records.js';

export interface JoinedUpIndicator {
  indicatorId: string;
  /** The priorities that overlap at least one other board's on this indicator. */
  priorities: LivePriority[];
  /** Locality ids where two or more boards' priorities on this indicator meet. */
  overlap: number[];
  partners: PartnerRecord[];
}

export function joinedUp(work: LiveWork, options: { boardId: number | null; indicatorId: string | null; localityId: number | null }): JoinedUpIndicator[] {
  const byIndicator = new Map<string, LivePriority[]>();
  for (const priority of work.priorities) {
    if (!priority.board) continue;
    for (const id of priority.evidence) byIndicator.set(id, [...(byIndicator.get(id) ?? []), priority]);
  }
  const result: JoinedUpIndicator[] = [];
  for (const [indicatorId, all] of [...byIndicator].sort(([a], [b]) => a.localeCompare(b))) {
    if (options.indicatorId !== null && indicatorId !== options.indicatorId) continue;
    const own = options.boardId === null ? all : all.filter((p) => p.board!.id === options.boardId);
    if (own.length === 0) continue;
    // Another board's priority meets `p` where their places intersect.
    const meets = (p: LivePriority, q: LivePriority) => p.board!.id !== q.board!.id && p.places.some((id) => q.places.includes(id));
    const others = all.filter((q) => own.some((p) => meets(p, q)));
    if (others.length === 0) continue;
    const members = options.boardId === null ? all.filter((p) => all.some((q) => meets(p, q))) : [...own, ...others];
    const priorities = [...new Map(members.map((p) => [p.id, p])).values()].sort((a, b) => a.id - b.id);
    const boardsAt = new Map<number, Set<number>>();
    for (const p of priorities) for (const id of p.places) boardsAt.set(id, (boardsAt.get(id) ?? new Set()).add(p.board!.id));
    let overlap = [...boardsAt].filter(([, boards]) => boards.size >= 2).map(([id]) => id);
    if (options.boardId !== null) {
      const ownPlaces = new Set(own.flatMap((p) => p.places));
      overlap = overlap.filter((id) => ownPlaces.has(id));
    }
    if (options.localityId !== null && !overlap.includes(options.localityId)) continue;
    const partners = new Map<number, PartnerRecord>();
    for (const p of priorities) for (const partner of p.board!.partners) partners.set(partner.id, partner);
    result.push({
      indicatorId,
      priorities,
      overlap: work.localities.filter((l) => overlap.includes(l.id)).map((l) => l.id),
      partners: [...partners.values()].sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return result;
}
