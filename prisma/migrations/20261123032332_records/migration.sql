-- CreateTable
CREATE TABLE "Partner" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shortName" TEXT,
    "website" TEXT,
    "endedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerServiceArea" (
    "serviceAreaId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "partnerId" INTEGER NOT NULL,
    CONSTRAINT "PartnerServiceArea_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PartnerServiceArea_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "jobTitle" TEXT,
    "partnerId" INTEGER,
    "email" TEXT,
    "phone" TEXT,
    "directoryConsent" BOOLEAN NOT NULL DEFAULT false,
    "endedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalityRole" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "partnerId" INTEGER,
    "localityId" INTEGER,
    "serviceAreaId" INTEGER,
    "kind" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LocalityRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Board" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "localityId" INTEGER,
    "serviceAreaId" INTEGER,
    "parentId" INTEGER,
    "chairId" INTEGER,
    "termsOfReference" TEXT,
    "meetingFrequency" TEXT,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Board_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "role" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Membership_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Membership_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "location" TEXT,
    "minutes" TEXT,
    "decisions" TEXT,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "guestName" TEXT,
    "apologies" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MeetingAttendance_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER,
    "planId" INTEGER,
    "localityId" INTEGER,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "theme" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startsOn" DATETIME,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Priority_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Priority_planId_fkey" FOREIGN KEY ("planId") REFERENCES "LocalityPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Priority_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PriorityEvidence" (
    "priorityId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    PRIMARY KEY ("priorityId", "indicatorId"),
    CONSTRAINT "PriorityEvidence_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalityPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "localityId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "approach" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "engagementMechanisms" TEXT,
    "multiAgencyArrangements" TEXT,
    "approvedByBoardId" INTEGER,
    "approvedOn" DATETIME,
    "supersededOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LocalityPlan_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LocalityPlan_approvedByBoardId_fkey" FOREIGN KEY ("approvedByBoardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "localityId" INTEGER,
    "boardId" INTEGER,
    "subject" TEXT NOT NULL,
    "description" TEXT,
    "audience" TEXT NOT NULL,
    "opensOn" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "closedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consultation_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Consultation_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsultationResponse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "respondentName" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,
    CONSTRAINT "ConsultationResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsultationResponse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConsultationResponse_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

