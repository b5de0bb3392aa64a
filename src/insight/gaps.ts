/**
 * Evidence gaps: for each locality, the indicators where it is significantly worse than the
 * county (at the level asked) or getting worse that no live priority addressing it cites as
 * evidence (its boards', the boards of a service area covering it, the county's); and the
 * converse, live priorities whose evidence shows no need in any of their places (every judged
 * indicator similar or better and not getting worse), and those whose evidence cannot say
 * (they cite nothing, or only indicators without a judgement).
 */
import type { ProfileRow } from '../statistics/profile.js';
import { type ConfidenceLevel, isJudged, judge, type Judgement, showsNeed } from './need.js';
import type { LivePriority, LiveWork, LocalityRecord } from './records.js';

export interface GapFilter {
  /** Only indicators of this catalogue theme (lower case). */
  theme: string | null;
  level: ConfidenceLevel;
  /** Only this board's localities and priorities. */
  boardId: number | null;
}

export interface LocalityGaps {
  locality: LocalityRecord;
  /** Indicators showing need that no live priority addressing the locality cites. */
  gaps: Judgement[];
  /** Indicators showing need that a live priority cites. */
  addressed: Judgement[];
}

export interface PriorityEvidenceCheck {
  priority: LivePriority;
  /** The cited indicators' judgements in each of its places. */
  evidence: { locality: LocalityRecord; judgement: Judgement }[];
}

export interface EvidenceGaps {
  localities: LocalityGaps[];
  /** Live priorities whose judged evidence shows no need in any place. */
  prioritiesWithoutNeed: PriorityEvidenceCheck[];
  /** Live priorities whose evidence cannot say (no judged indicator in any place). */
  prioritiesWithoutJudgedEvidence: PriorityEvidenceCheck[];
}

/** The localities a board's filter keeps: the board's places (every locality for a county board). */
export function boardPlaces(work: LiveWork, board: { localityId: number | null; serviceAreaId: number | null }): Set<number> {
  if (board.localityId !== null) return new Set([board.localityId]);
  if (board.serviceAreaId !== null) return new Set(work.served.get(board.serviceAreaId) ?? []);
  return new Set(work.localities.map((l) => l.id));
}

export function evidenceGaps(
  work: LiveWork,
  profiles: ReadonlyMap<string, readonly ProfileRow[]>,
  filter: GapFilter,
  keep: ReadonlySet<number> | null,
): EvidenceGaps {
  const byId = new Map(work.localities.map((l) => [l.id, l]));
  const inTheme = (row: ProfileRow) => filter.theme === null || row.indicator.theme === filter.theme;
  const localities = work.localities
    .filter((l) => keep === null || keep.has(l.id))
    .map((locality): LocalityGaps => {
      const cited = new Set(work.priorities.filter((p) => p.places.includes(locality.id)).flatMap((p) => p.evidence));
      const needs = (profiles.get(locality.code) ?? []).filter(inTheme).map(judge).filter((j) => showsNeed(j, filter.level));
      return {
        locality,
        gaps: needs.filter((j) => !cited.has(j.row.indicator.id)),
        addressed: needs.filter((j) => cited.has(j.row.indicator.id)),
      };
    });

  const checks = work.priorities
    .filter((p) => filter.boardId === null || p.board?.id === filter.boardId)
    .map((priority): PriorityEvidenceCheck => {
      const evidence = priority.places.flatMap((id) => {
        const locality = byId.get(id)!;
        const rows = profiles.get(locality.code) ?? [];
        return priority.evidence.flatMap((indicatorId) => {
          const row = rows.find((r) => r.indicator.id === indicatorId);
          return row && inTheme(row) ? [{ locality, judgement: judge(row) }] : [];
        });
      });
      return { priority, evidence };
    })
    .filter((check) => filter.theme === null || check.evidence.length > 0);
  const judged = (check: PriorityEvidenceCheck) => check.evidence.some((e) => isJudged(e.judgement));
  return {
    localities,
    prioritiesWithoutNeed: checks.filter((c) => judged(c) && !c.evidence.some((e) => showsNeed(e.judgement, filter.level))),
    prioritiesWithoutJudgedEvidence: checks.filter((c) => !judged(c)),
  };
}
