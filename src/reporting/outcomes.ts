/**
 * Outcomes: a locality evaluated against each of the four working principles (strengthened
 * community leadership; local services meeting the needs of communities; joined-up local
 * services; working in partnership with empowered communities) on a maturity scale, for a period,
 * with its evidence: profile indicators, issues and meetings.
 *
 * One outcome per locality, principle and period start: recording it again replaces it (an
 * upsert, audited as CREATE the first time and UPDATE after, with the record before and after).
 * Evidence is checked: indicators must be in the statistics catalogue, issues must be the
 * locality's and visible to the assessor (a hidden issue is reported exactly as a missing one),
 * meetings must exist. For the locality's LOCALITY_LEAD or an ADMIN.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { BadUserInputError } from '../errors.js';
import type { WorkingPrinciple } from '../generated/prisma/sqlite/enums.js';
import { checkIndicators } from '../statistics/catalogue.js';
import { day, globalId, optionalText, text } from '../schema/input.js';
import { localityFromInput } from '../geography/localities.js';
import { visibleWhere } from '../sharing/visibility.js';
import { checkRevision, requireLeadOf, REVISE } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const PRINCIPLES = [
  'STRENGTHENED_COMMUNITY_LEADERSHIP',
  'SERVICES_MEETING_COMMUNITY_NEEDS',
  'JOINED_UP_LOCAL_SERVICES',
  'PARTNERSHIP_WITH_EMPOWERED_COMMUNITIES',
] as const satisfies readonly WorkingPrinciple[];
export const RATINGS = ['NOT_STARTED', 'EMERGING', 'DEVELOPING', 'ESTABLISHED', 'EMBEDDED'] as const;

const ids = <T extends z.ZodType>(item: T) => z.array(item).max(100, 'names at most 100').default([]);

export const recordOutcomeInput = z
  .object({
    localityCode: text(100),
    principle: z.enum(PRINCIPLES),
    rating: z.enum(RATINGS),
    periodStart: day,
    periodEnd: day,
    summary: optionalText(20_000),
    indicatorIds: ids(z.string().trim().min(1)),
    issueIds: ids(globalId('Issue')),
    meetingIds: ids(globalId('Meeting')),
  })
  .superRefine((input, ctx) => {
    if (input.periodEnd.getTime() <= input.periodStart.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must be after periodStart' });
    }
  });
export type RecordOutcome = z.output<typeof recordOutcomeInput>;

const SNAPSHOT = {
  id: true,
  revision: true,
  localityId: true,
  principle: true,
  rating: true,
  periodStart: true,
  periodEnd: true,
  summary: true,
  assessorPersonId: true,
  assessorPartnerId: true,
  indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } },
  issues: { select: { issueId: true }, orderBy: { issueId: 'asc' } },
  meetings: { select: { meetingId: true }, orderBy: { meetingId: 'asc' } },
} as const;

/** Evidence issues: the locality's, and visible to the viewer (a hidden one reads as a missing one). */
async function checkIssues(db: Db, viewer: Viewer, issueIds: readonly number[], localityId: number): Promise<number[]> {
  const unique = [...new Set(issueIds)].sort((a, b) => a - b);
  if (unique.length === 0) return [];
  const found = await db.issue.findMany({ where: { id: { in: unique }, AND: [visibleWhere(viewer)] }, select: { id: true, localityId: true } });
  const missing = unique.filter((id) => !found.some((issue) => issue.id === id));
  if (missing.length > 0) throw new BadUserInputError(`input.issueIds: no issue with id ${missing.join(', ')}`, { field: 'input.issueIds' });
  const elsewhere = found.filter((issue) => issue.localityId !== localityId).map((issue) => issue.id);
  if (elsewhere.length > 0) throw new BadUserInputError(`input.issueIds: issue ${elsewhere.join(', ')} is another locality's`, { field: 'input.issueIds' });
  return unique;
}

async function checkMeetings(db: Db, meetingIds: readonly number[]): Promise<number[]> {
  const unique = [...new Set(meetingIds)].sort((a, b) => a - b);
  if (unique.length === 0) return [];
  const found = await db.meeting.findMany({ where: { id: { in: unique } }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((meeting) => meeting.id === id));
  if (missing.length > 0) throw new BadUserInputError(`input.meetingIds: no meeting with id ${missing.join(', ')}`, { field: 'input.meetingIds' });
  return unique;
}

/** Records (or replaces) the outcome of a locality, principle and period start; returns its id. */
export async function recordOutcome(
  prisma: RecordsClient,
  viewer: Viewer,
  catalogue: ReadonlyMap<string, unknown>,
  input: RecordOutcome,
  expectedRevision: number | null = null,
): Promise<number> {
  const indicators = checkIndicators(catalogue, input.indicatorIds, 'input.indicatorIds');
  return prisma.$transaction(async (tx: Tx) => {
    const locality = await localityFromInput(tx, input.localityCode);
    await requireLeadOf(tx, viewer, [locality.id], 'The outcome');
    const key = { localityId: locality.id, principle: input.principle, periodStart: input.periodStart };
    const existing = await tx.outcome.findUnique({ where: { localityId_principle_periodStart: key }, select: { id: true } });
    if (existing) await lockRecord(tx, 'Outcome', existing.id);
    const before = existing ? await tx.outcome.findUnique({ where: { id: existing.id }, select: SNAPSHOT }) : null;
    if (before) checkRevision('Outcome', before, expectedRevision);
    const [shown, meetings] = [await checkIssues(tx, viewer, input.issueIds, locality.id), await checkMeetings(tx, input.meetingIds)];
    // Evidence issues the viewer cannot see stay: re-recording replaces only what they can see.
    const beforeIssues = before?.issues.map((link) => link.issueId) ?? [];
    const visible = new Set(
      beforeIssues.length === 0 ? [] : (await tx.issue.findMany({ where: { id: { in: beforeIssues }, AND: [visibleWhere(viewer)] }, select: { id: true } })).map((i) => i.id),
    );
    const issues = [...new Set([...shown, ...beforeIssues.filter((id) => !visible.has(id))])].sort((a, b) => a - b);
    const fields = {
      rating: input.rating,
      periodEnd: input.periodEnd,
      summary: input.summary ?? null,
      assessorPersonId: viewer.personId,
      assessorPartnerId: viewer.partnerId,
    };
    const evidence = {
      indicators: { create: indicators.map((indicatorId) => ({ indicatorId })) },
      issues: { create: issues.map((issueId) => ({ issueId })) },
      meetings: { create: meetings.map((meetingId) => ({ meetingId })) },
    };
    const outcome = before
      ? await tx.outcome.update({
          where: { id: before.id },
          data: {
            ...fields,
            indicators: { deleteMany: {}, ...evidence.indicators },
            issues: { deleteMany: {}, ...evidence.issues },
            meetings: { deleteMany: {}, ...evidence.meetings },
            ...REVISE,
          },
          select: SNAPSHOT,
        })
      : await tx.outcome.create({ data: { ...key, ...fields, ...evidence }, select: SNAPSHOT });
    await recordAudit(tx, viewer, { action: before ? 'UPDATE' : 'CREATE', entity: 'Outcome', entityId: outcome.id, before, after: outcome });
    return outcome.id;
  });
}

export interface OverviewLocality<L, O> {
  locality: L;
  principles: { principle: WorkingPrinciple; cells: (O | null)[] }[];
}

/**
 * The county overview grid: every locality x the four principles x the period starts found in the
 * range (ascending), each cell the outcome of that period or null where none was recorded.
 */
export function overviewGrid<L, O extends { principle: WorkingPrinciple; periodStart: Date }>(
  localities: readonly (L & { outcomes: O[] })[],
): { periods: Date[]; localities: OverviewLocality<L, O>[] } {
  const starts = [...new Set(localities.flatMap((l) => l.outcomes.map((o) => o.periodStart.getTime())))].sort((a, b) => a - b);
  return {
    periods: starts.map((time) => new Date(time)),
    localities: localities.map((locality) => ({
      locality,
      principles: PRINCIPLES.map((principle) => ({
        principle,
        cells: starts.map((time) => locality.outcomes.find((o) => o.principle === principle && o.periodStart.getTime() === time) ?? null),
      })),
    })),
  };
}
