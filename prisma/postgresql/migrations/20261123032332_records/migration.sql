-- CreateEnum
CREATE TYPE "PartnerKind" AS ENUM ('COUNCIL', 'POLICE', 'HEALTH_TRUST', 'CLINICAL_COMMISSIONING', 'FIRE', 'PARISH_COUNCIL', 'VOLUNTARY_SECTOR', 'HOUSING', 'SCHOOLS', 'PROBATION', 'BUSINESS', 'OTHER');

-- CreateEnum
CREATE TYPE "LocalityRoleKind" AS ENUM ('SENIOR_MANAGER_LEAD', 'SINGLE_POINT_OF_CONTACT', 'WARD_MEMBER', 'COMMUNITY_AMBASSADOR', 'NETWORK_CONTACT');

-- CreateEnum
CREATE TYPE "BoardKind" AS ENUM ('LOCALITY_BOARD', 'LOCALITY_FORUM', 'LOCALITY_EXECUTIVE', 'TASK_AND_FINISH_GROUP', 'WARD_ASSEMBLY', 'THEME_BOARD', 'SPECIALIST_GROUP', 'HEALTH_AND_WELLBEING_BOARD', 'EXECUTIVE_GROUP');

-- CreateEnum
CREATE TYPE "BoardScope" AS ENUM ('LOCALITY', 'SERVICE_AREA', 'COUNTY');

-- CreateEnum
CREATE TYPE "MeetingFrequency" AS ENUM ('WEEKLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'TWICE_YEARLY', 'ANNUALLY', 'AS_NEEDED');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('CHAIR', 'VICE_CHAIR', 'MEMBER', 'OBSERVER');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('ORDINARY', 'ANNUAL_CONVERSATION', 'STAKEHOLDER_WORKSHOP', 'FORUM', 'EXTRAORDINARY');

-- CreateEnum
CREATE TYPE "PriorityStatus" AS ENUM ('DRAFT', 'LIVE', 'ACHIEVED', 'DROPPED');

-- CreateEnum
CREATE TYPE "PlanApproach" AS ENUM ('CORE', 'CO_ORDINATED', 'MANAGED');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'CONSULTED', 'APPROVED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ConsultationAudience" AS ENUM ('PARISH_COUNCILS', 'RESIDENTS', 'PARTNERS', 'LOCALITY_NETWORK', 'BUSINESSES');

-- CreateTable
CREATE TABLE "Partner" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PartnerKind" NOT NULL,
    "shortName" TEXT,
    "website" TEXT,
    "endedOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerServiceArea" (
    "serviceAreaId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "PartnerServiceArea_pkey" PRIMARY KEY ("serviceAreaId")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "jobTitle" TEXT,
    "partnerId" INTEGER,
    "email" TEXT,
    "phone" TEXT,
    "directoryConsent" BOOLEAN NOT NULL DEFAULT false,
    "endedOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalityRole" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "partnerId" INTEGER,
    "localityId" INTEGER,
    "serviceAreaId" INTEGER,
    "kind" "LocalityRoleKind" NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalityRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Board" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BoardKind" NOT NULL,
    "scope" "BoardScope" NOT NULL,
    "localityId" INTEGER,
    "serviceAreaId" INTEGER,
    "parentId" INTEGER,
    "chairId" INTEGER,
    "termsOfReference" TEXT,
    "meetingFrequency" "MeetingFrequency",
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "role" "MembershipRole" NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "location" TEXT,
    "minutes" TEXT,
    "decisions" TEXT,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "guestName" TEXT,
    "apologies" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER,
    "planId" INTEGER,
    "localityId" INTEGER,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "theme" TEXT NOT NULL,
    "status" "PriorityStatus" NOT NULL,
    "startsOn" TIMESTAMP(3),
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriorityEvidence" (
    "priorityId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    CONSTRAINT "PriorityEvidence_pkey" PRIMARY KEY ("priorityId","indicatorId")
);

-- CreateTable
CREATE TABLE "LocalityPlan" (
    "id" SERIAL NOT NULL,
    "localityId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "approach" "PlanApproach" NOT NULL,
    "status" "PlanStatus" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "engagementMechanisms" TEXT,
    "multiAgencyArrangements" TEXT,
    "approvedByBoardId" INTEGER,
    "approvedOn" TIMESTAMP(3),
    "supersededOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalityPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" SERIAL NOT NULL,
    "localityId" INTEGER,
    "boardId" INTEGER,
    "subject" TEXT NOT NULL,
    "description" TEXT,
    "audience" "ConsultationAudience" NOT NULL,
    "opensOn" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "closedOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationResponse" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "respondentName" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,

    CONSTRAINT "ConsultationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Partner_name_key" ON "Partner"("name");

-- CreateIndex
CREATE INDEX "Partner_kind_idx" ON "Partner"("kind");

-- CreateIndex
CREATE INDEX "PartnerServiceArea_partnerId_idx" ON "PartnerServiceArea"("partnerId");

-- CreateIndex
CREATE INDEX "Person_partnerId_idx" ON "Person"("partnerId");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE INDEX "LocalityRole_localityId_kind_startsOn_idx" ON "LocalityRole"("localityId", "kind", "startsOn");

-- CreateIndex
CREATE INDEX "LocalityRole_personId_idx" ON "LocalityRole"("personId");

-- CreateIndex
CREATE INDEX "LocalityRole_serviceAreaId_idx" ON "LocalityRole"("serviceAreaId");

-- CreateIndex
CREATE INDEX "LocalityRole_partnerId_idx" ON "LocalityRole"("partnerId");

-- CreateIndex
CREATE INDEX "Board_localityId_idx" ON "Board"("localityId");

-- CreateIndex
CREATE INDEX "Board_parentId_idx" ON "Board"("parentId");

-- CreateIndex
CREATE INDEX "Board_kind_idx" ON "Board"("kind");

-- CreateIndex
CREATE INDEX "Membership_boardId_idx" ON "Membership"("boardId");

-- CreateIndex
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");

-- CreateIndex
CREATE INDEX "Membership_partnerId_idx" ON "Membership"("partnerId");

-- CreateIndex
CREATE INDEX "Meeting_boardId_startsAt_idx" ON "Meeting"("boardId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_kind_startsAt_idx" ON "Meeting"("kind", "startsAt");

-- CreateIndex
CREATE INDEX "MeetingAttendance_personId_idx" ON "MeetingAttendance"("personId");

-- CreateIndex
CREATE INDEX "MeetingAttendance_partnerId_idx" ON "MeetingAttendance"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_meetingId_personId_key" ON "MeetingAttendance"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "Priority_boardId_status_idx" ON "Priority"("boardId", "status");

-- CreateIndex
CREATE INDEX "Priority_planId_idx" ON "Priority"("planId");

-- CreateIndex
CREATE INDEX "Priority_localityId_status_idx" ON "Priority"("localityId", "status");

-- CreateIndex
CREATE INDEX "Priority_theme_status_idx" ON "Priority"("theme", "status");

-- CreateIndex
CREATE INDEX "PriorityEvidence_indicatorId_idx" ON "PriorityEvidence"("indicatorId");

-- CreateIndex
CREATE INDEX "LocalityPlan_localityId_status_idx" ON "LocalityPlan"("localityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LocalityPlan_localityId_version_key" ON "LocalityPlan"("localityId", "version");

-- CreateIndex
CREATE INDEX "Consultation_localityId_deadline_idx" ON "Consultation"("localityId", "deadline");

-- CreateIndex
CREATE INDEX "ConsultationResponse_consultationId_idx" ON "ConsultationResponse"("consultationId");

-- AddForeignKey
ALTER TABLE "PartnerServiceArea" ADD CONSTRAINT "PartnerServiceArea_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerServiceArea" ADD CONSTRAINT "PartnerServiceArea_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityRole" ADD CONSTRAINT "LocalityRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityRole" ADD CONSTRAINT "LocalityRole_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityRole" ADD CONSTRAINT "LocalityRole_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityRole" ADD CONSTRAINT "LocalityRole_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_planId_fkey" FOREIGN KEY ("planId") REFERENCES "LocalityPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityEvidence" ADD CONSTRAINT "PriorityEvidence_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityPlan" ADD CONSTRAINT "LocalityPlan_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityPlan" ADD CONSTRAINT "LocalityPlan_approvedByBoardId_fkey" FOREIGN KEY ("approvedByBoardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

