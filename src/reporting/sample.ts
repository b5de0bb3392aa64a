/**
 * The reporting part of the bundled sample (data/sample/reporting/reporting.json, illustrative):
 * issues and their actions at each sharing level across the nine localities, and outcome ratings
 * of every locality against the four working principles for two years. Written in one
 * transaction after the partnership sample (partners are looked up by name). Days in the file
 * count from the day the sample is loaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordsClient } from '../db/records.js';
import type { ActionStatus, IssueStatus, OutcomeRating, SharingLevel, WorkingPrinciple } from '../generated/prisma/sqlite/enums.js';
import { idLookup } from '../importing/references.js';
import { today } from '../days.js';
import { issueSearchText } from './issues.js';

interface SampleAction {
  title: string;
  owner: string;
  dueInDays: number;
  status: ActionStatus;
  doneInDays?: number;
  sharing: SharingLevel;
}
interface SampleIssue {
  locality: string;
  title: string;
  description: string;
  theme: string;
  raisedInDays: number;
  raisedByName: string | null;
  owner: string;
  author: string;
  sharing: SharingLevel;
  sharedWith?: string[];
  status: IssueStatus;
  resolvedInDays?: number;
  escalatedInDays?: number;
  escalationReason?: string;
  actions: SampleAction[];
}
interface SampleOutcome {
  locality: string;
  principle: WorkingPrinciple;
  rating: OutcomeRating;
  periodStart: string;
  periodEnd: string;
  summary: string;
  indicators: string[];
}

export async function loadReportingSample(prisma: RecordsClient, dir: string) {
  const sample = JSON.parse(readFileSync(path.join(dir, 'reporting.json'), 'utf8')) as { issues: SampleIssue[]; outcomes: SampleOutcome[] };
  const [partners, localities] = await Promise.all([
    prisma.partner.findMany({ select: { id: true, name: true } }),
    prisma.locality.findMany({ select: { id: true, code: true } }),
  ]);
  const partner = idLookup('reporting sample', partners, (p) => p.name, 'partner');
  const locality = idLookup('reporting sample', localities, (l) => l.code, 'locality');
  const day0 = today().getTime();
  const inDays = (days: number | undefined) => (days === undefined ? null : new Date(day0 + days * 86_400_000));

  await prisma.$transaction(async (tx) => {
    for (const issue of sample.issues) {
      await tx.issue.create({
        data: {
          localityId: locality(issue.locality),
          title: issue.title,
          description: issue.description,
          theme: issue.theme,
          raisedOn: inDays(issue.raisedInDays)!,
          raisedByName: issue.raisedByName,
          status: issue.status,
          ownerPartnerId: partner(issue.owner),
          resolvedOn: inDays(issue.resolvedInDays),
          escalatedOn: inDays(issue.escalatedInDays),
          escalationReason: issue.escalationReason ?? null,
          searchText: issueSearchText(issue.title, issue.description, issue.theme),
          sharingLevel: issue.sharing,
          authorPartnerId: partner(issue.author),
          sharedWith: { create: (issue.sharedWith ?? []).map((name) => ({ partnerId: partner(name) })) },
          actions: {
            create: issue.actions.map((action) => ({
              title: action.title,
              ownerPartnerId: partner(action.owner),
              dueOn: inDays(action.dueInDays),
              doneOn: inDays(action.doneInDays),
              status: action.status,
              sharingLevel: action.sharing,
              authorPartnerId: partner(issue.author),
            })),
          },
        },
      });
    }
    for (const outcome of sample.outcomes) {
      await tx.outcome.create({
        data: {
          localityId: locality(outcome.locality),
          principle: outcome.principle,
          rating: outcome.rating,
          periodStart: new Date(`${outcome.periodStart}T00:00:00Z`),
          periodEnd: new Date(`${outcome.periodEnd}T00:00:00Z`),
          summary: outcome.summary,
          indicators: { create: outcome.indicators.map((indicatorId) => ({ indicatorId })) },
        },
      });
    }
  });
  return { issues: sample.issues.length, actions: sample.issues.reduce((sum, i) => sum + i.actions.length, 0), outcomes: sample.outcomes.length };
}
