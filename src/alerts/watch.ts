/**
 * What an import must not change unnoticed: the figures of every indicator a live priority cites,
 * in the priority's area (its locality; the whole area for a county or service-area priority).
 * `watchedFigures` reads them before and after an import (one record-store query for the
 * priorities, one profile query for all their indicators: the profile of src/statistics, so an
 * alert says exactly what the profile page says); `worsenings` compares the two.
 *
 * A change for the worse is either (OHID Fingertips' markers, METHODS.md):
 * - SIGNIFICANTLY_WORSE: the comparison with the benchmark became WORSE (outside the 95% interval,
 *   judged by polarity) where it was not before;
 * - TREND_WORSENING: the recent trend became "getting worse" (INCREASING where higher is worse,
 *   DECREASING where higher is better) where it was not before.
 * Indicators no live priority cites are not read at all, so they can raise nothing.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { loadGeographyScope } from '../geography/versions.js';
import { today } from '../days.js';
import { loadCatalogue } from '../statistics/catalogue.js';
import type { StatisticsSettings } from '../statistics/loaders.js';
import { computeProfiles, type ProfileRow } from '../statistics/profile.js';

export interface WatchedPriority {
  id: number;
  title: string;
  /** The area key of profile rows (`LOCALITY:code` or `COUNTY:COUNTY`). */
  areaKey: string;
  indicatorIds: string[];
}

export interface Figure {
  period: string;
  value: number | null;
  comparison: string;
  trend: string;
  polarity: string;
  indicatorName: string;
  areaCode: string;
  areaName: string;
}

/** Figures by `priorityId|indicatorId`, and the priorities they belong to. */
export interface WatchedFigures {
  priorities: WatchedPriority[];
  figures: Map<string, Figure>;
}

export type WorseningKind = 'SIGNIFICANTLY_WORSE' | 'TREND_WORSENING';

export interface Worsening {
  kind: WorseningKind;
  priorityId: number;
  indicatorId: string;
  before: Figure | null;
  after: Figure;
}

const key = (priorityId: number, indicatorId: string) => `${priorityId}|${indicatorId}`;

/** The figures every live priority's evidence shows today. */
export async function watchedFigures(prisma: RecordsClient, analytics: AnalyticsStore, settings: StatisticsSettings): Promise<WatchedFigures> {
  // Live as the insight questions count it (src/insight/records.ts): LIVE, and its board (if any) still sitting.
  const on = today();
  const live = await prisma.priority.findMany({
    where: { status: 'LIVE', evidence: { some: {} }, OR: [{ boardId: null }, { board: { OR: [{ endsOn: null }, { endsOn: { gt: on } }] } }] },
    select: { id: true, title: true, locality: { select: { code: true } }, evidence: { select: { indicatorId: true } } },
    orderBy: { id: 'asc' },
  });
  const priorities = live.map((p) => ({
    id: p.id,
    title: p.title,
    areaKey: p.locality ? `LOCALITY:${p.locality.code}` : 'COUNTY:COUNTY',
    indicatorIds: p.evidence.map((e) => e.indicatorId),
  }));
  const figures = new Map<string, Figure>();
  const indicatorIds = [...new Set(priorities.flatMap((p) => p.indicatorIds))].sort();
  if (indicatorIds.length === 0) return { priorities, figures };
  const scope = await loadGeographyScope(prisma, analytics);
  const catalogue = loadCatalogue(analytics).then((list) => new Map(list.map((entry) => [entry.id, entry])));
  const profiles = await computeProfiles(
    analytics,
    catalogue,
    { versionId: scope.versionId(), indicatorIds, theme: null, period: null, group: [], series: false },
    { ...settings, versionInForce: scope.disclosureReference },
  );
  for (const priority of priorities) {
    const rows = new Map<string, ProfileRow>((profiles.get(priority.areaKey) ?? []).map((row) => [row.indicator.id, row]));
    for (const indicatorId of priority.indicatorIds) {
      const row = rows.get(indicatorId);
      if (!row) continue;
      figures.set(key(priority.id, indicatorId), {
        period: row.period,
        value: row.suppressed ? null : row.value,
        comparison: row.comparison,
        trend: row.trend,
        polarity: row.indicator.polarity,
        indicatorName: row.indicator.name,
        areaCode: row.area.code,
        areaName: row.area.name,
      });
    }
  }
  return { priorities, figures };
}

/** True when the figure's recent trend is getting worse by its polarity. */
export function gettingWorse(figure: Figure | null): boolean {
  if (!figure) return false;
  return (
    (figure.polarity === 'HIGHER_IS_WORSE' && figure.trend === 'INCREASING') ||
    (figure.polarity === 'HIGHER_IS_BETTER' && figure.trend === 'DECREASING')
  );
}

/** Every change for the worse between two readings of the same live priorities (see the header). */
export function worsenings(before: WatchedFigures, after: WatchedFigures): Worsening[] {
  const found: Worsening[] = [];
  for (const priority of after.priorities) {
    for (const indicatorId of priority.indicatorIds) {
      const now = after.figures.get(key(priority.id, indicatorId));
      if (!now) continue;
      const then = before.figures.get(key(priority.id, indicatorId)) ?? null;
      if (now.comparison === 'WORSE' && then?.comparison !== 'WORSE') {
        found.push({ kind: 'SIGNIFICANTLY_WORSE', priorityId: priority.id, indicatorId, before: then, after: now });
      }
      if (gettingWorse(now) && !gettingWorse(then)) {
        found.push({ kind: 'TREND_WORSENING', priorityId: priority.id, indicatorId, before: then, after: now });
      }
    }
  }
  return found;
}
