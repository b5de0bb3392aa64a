/**
 * The partnership half of the bundled sample (data/sample/partnership/, illustrative: people and
 * their details are invented; see data/README.md), loaded on first start after the geography:
 * partners and the police's service areas, the contact list through the contacts importer (so
 * the sample is also a worked example of that file), then boards, memberships, priorities,
 * meetings, plan versions and consultations in one transaction.
 *
 * Dates written as `inDays` are days from the load, so a fresh start always has meetings to come
 * and consultations open and overdue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordsClient, Tx } from '../db/records.js';
import type { BoardKind, MembershipRole, ConsultationAudience, MeetingFrequency, MeetingKind, PartnerKind, PlanApproach, PlanStatus } from '../generated/prisma/sqlite/enums.js';
import { today } from '../days.js';
import { importContacts, systemViewer } from './import.js';
import { setServiceAreas } from './partners.js';

/** `startsOn`: the day it went live (default 2025-04-01). */
interface SamplePriority { theme: string; title: string; evidence: string[]; startsOn?: string }
interface SampleBoard {
  key: string;
  name: string;
  kind: BoardKind;
  locality?: string;
  parent?: string;
  chair?: string;
  meetingFrequency: MeetingFrequency;
  startsOn: string;
  termsOfReference?: string;
  priorities: SamplePriority[];
  planPriorities?: boolean;
}
interface SampleMeeting {
  board: string;
  kind: MeetingKind;
  startsAt?: string;
  inDays?: number;
  time?: string;
  location: string;
  attendees?: string[];
  minutes?: string;
  decisions?: string[];
}
interface SamplePlanVersion {
  version: number;
  approach: PlanApproach;
  title: string;
  status: PlanStatus;
  approvedBy?: string;
  approvedOn?: string;
  supersededOn?: string;
  summary: string;
  engagementMechanisms: string;
  multiAgencyArrangements: string;
}
interface SampleConsultation {
  locality: string;
  board: string;
  subject: string;
  audience: ConsultationAudience;
  opensInDays: number;
  deadlineInDays: number;
  closedInDays?: number;
  responses: { respondentName?: string; partner?: string; text: string }[];
}
interface PartnershipSample {
  partners: { name: string; kind: PartnerKind; shortName?: string; website?: string; serviceAreaCodes?: string[] }[];
  boards: SampleBoard[];
  meetings: SampleMeeting[];
  plans: { locality: string; versions: SamplePlanVersion[] }[];
  consultations: SampleConsultation[];
}

export interface PartnershipSampleSummary {
  partners: number;
  people: number;
  roles: number;
  boards: number;
  priorities: number;
  meetings: number;
  plans: number;
  consultations: number;
}

const utcDay = (text: string) => new Date(`${text}T00:00:00.000Z`);
const daysFrom = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000);

/** Load the sample from `dir` unless the record store already holds partners; returns what it loaded. */
export async function loadPartnershipSample(db: RecordsClient, dir: string, now = new Date()): Promise<PartnershipSampleSummary | null> {
  if ((await db.partner.count()) > 0) return null;
  const sample = JSON.parse(readFileSync(path.join(dir, 'partnership.json'), 'utf8')) as PartnershipSample;
  const viewer = systemViewer('sample-data');
  await db.$transaction(async (tx) => {
    await tx.partner.createMany({ data: sample.partners.map(({ serviceAreaCodes: _codes, ...partner }) => partner) });
    const partners = await tx.partner.findMany({ select: { id: true, name: true } });
    for (const partner of sample.partners.filter((p) => p.serviceAreaCodes)) {
      await setServiceAreas(tx, partners.find((p) => p.name === partner.name)!.id, partner.serviceAreaCodes!);
    }
  });
  const contacts = await importContacts(db, viewer, { file: path.join(dir, 'contacts.csv') });
  const loaded = await db.$transaction((tx) => loadRecords(tx, sample, today(now)), { timeout: 60_000, maxWait: 60_000 });
  return { partners: sample.partners.length + contacts.partnersCreated, people: contacts.peopleCreated, roles: contacts.rolesCreated, ...loaded };
}

async function loadRecords(tx: Tx, sample: PartnershipSample, day: Date) {
  const localities = new Map((await tx.locality.findMany({ select: { id: true, code: true } })).map((l) => [l.code, l.id]));
  const people = new Map((await tx.person.findMany({ select: { id: true, name: true, partnerId: true } })).map((p) => [p.name, p]));
  const partners = new Map((await tx.partner.findMany({ select: { id: true, name: true } })).map((p) => [p.name, p.id]));

  // Boards in file order (parents first), then their priorities and members.
  const boards = new Map<string, { id: number; localityId: number | null }>();
  for (const board of sample.boards) {
    const localityId = board.locality ? (localities.get(board.locality) ?? null) : null;
    const created = await tx.board.create({
      data: {
        name: board.name,
        kind: board.kind,
        scope: localityId === null ? 'COUNTY' : 'LOCALITY',
        localityId,
        parentId: board.parent ? boards.get(board.parent)!.id : null,
        chairId: board.chair ? (people.get(board.chair)?.id ?? null) : null,
        meetingFrequency: board.meetingFrequency,
        termsOfReference: board.termsOfReference ?? null,
        startsOn: utcDay(board.startsOn),
      },
      select: { id: true, localityId: true },
    });
    boards.set(board.key, created);
  }
  const memberships: { boardId: number; personId: number; partnerId: number | null; role: MembershipRole; startsOn: Date }[] = sample.boards.flatMap((board) => {
    const chair = board.chair ? people.get(board.chair) : undefined;
    return chair ? [{ boardId: boards.get(board.key)!.id, personId: chair.id, partnerId: chair.partnerId, role: 'CHAIR' as const, startsOn: utcDay(board.startsOn) }] : [];
  });
  // The locality's network (its role holders) sit on its locality board.
  const roles = await tx.localityRole.findMany({ where: { endsOn: null, localityId: { not: null } }, select: { personId: true, partnerId: true, localityId: true, startsOn: true } });
  for (const board of sample.boards.filter((b) => b.kind === 'LOCALITY_BOARD')) {
    const { id, localityId } = boards.get(board.key)!;
    const chairId = board.chair ? people.get(board.chair)?.id : undefined;
    for (const role of roles.filter((r) => r.localityId === localityId && r.personId !== chairId)) {
      memberships.push({ boardId: id, personId: role.personId, partnerId: role.partnerId, role: 'MEMBER', startsOn: role.startsOn });
    }
  }
  await tx.membership.createMany({ data: memberships });

  // Plan versions, so board priorities can join the approved plan.
  let planCount = 0;
  const approvedPlan = new Map<string, number>();
  for (const { locality, versions } of sample.plans) {
    for (const version of versions) {
      const plan = await tx.localityPlan.create({
        data: {
          localityId: localities.get(locality)!,
          version: version.version,
          approach: version.approach,
          status: version.status,
          title: version.title,
          summary: version.summary,
          engagementMechanisms: version.engagementMechanisms,
          multiAgencyArrangements: version.multiAgencyArrangements,
          approvedByBoardId: version.approvedBy ? boards.get(version.approvedBy)!.id : null,
          approvedOn: version.approvedOn ? utcDay(version.approvedOn) : null,
          supersededOn: version.supersededOn ? utcDay(version.supersededOn) : null,
        },
        select: { id: true },
      });
      planCount += 1;
      if (version.status === 'APPROVED') approvedPlan.set(locality, plan.id);
    }
  }

  const priorityRows = sample.boards.flatMap((board) =>
    board.priorities.map((priority) => ({ board, priority })),
  );
  const created = await tx.priority.createManyAndReturn({
    data: priorityRows.map(({ board, priority }) => ({
      boardId: boards.get(board.key)!.id,
      planId: board.planPriorities && board.locality ? (approvedPlan.get(board.locality) ?? null) : null,
      localityId: boards.get(board.key)!.localityId,
      title: priority.title,
      theme: priority.theme,
      status: 'LIVE' as const,
      startsOn: utcDay(priority.startsOn ?? '2025-04-01'),
    })),
    select: { id: true, boardId: true, title: true },
  });
  await tx.priorityEvidence.createMany({
    data: priorityRows.flatMap(({ board, priority }) => {
      const row = created.find((p) => p.boardId === boards.get(board.key)!.id && p.title === priority.title)!;
      return priority.evidence.map((indicatorId) => ({ priorityId: row.id, indicatorId }));
    }),
  });

  for (const meeting of sample.meetings) {
    const startsAt = meeting.startsAt
      ? new Date(meeting.startsAt)
      : new Date(`${daysFrom(day, meeting.inDays ?? 0).toISOString().slice(0, 10)}T${meeting.time ?? '10:00'}:00.000Z`);
    const attendees = (meeting.attendees ?? []).flatMap((name) => (people.has(name) ? [people.get(name)!] : []));
    await tx.meeting.create({
      data: {
        boardId: boards.get(meeting.board)!.id,
        kind: meeting.kind,
        startsAt,
        location: meeting.location,
        minutes: meeting.minutes ?? null,
        decisions: meeting.decisions?.join('\n') ?? null,
        attendance: { create: attendees.map((person) => ({ personId: person.id, partnerId: person.partnerId })) },
      },
    });
  }

  for (const consultation of sample.consultations) {
    await tx.consultation.create({
      data: {
        localityId: localities.get(consultation.locality)!,
        boardId: boards.get(consultation.board)!.id,
        subject: consultation.subject,
        audience: consultation.audience,
        opensOn: daysFrom(day, consultation.opensInDays),
        deadline: daysFrom(day, consultation.deadlineInDays),
        closedOn: consultation.closedInDays === undefined ? null : daysFrom(day, consultation.closedInDays),
        responses: {
          create: consultation.responses.map((response) => ({
            respondentName: response.respondentName ?? null,
            partnerId: response.partner ? (partners.get(response.partner) ?? null) : null,
            text: response.text,
          })),
        },
      },
    });
  }
  return {
    boards: boards.size,
    priorities: created.length,
    meetings: sample.meetings.length,
    plans: planCount,
    consultations: sample.consultations.length,
  };
}
