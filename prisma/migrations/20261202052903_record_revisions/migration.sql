-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Partner" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shortName" TEXT,
    "website" TEXT,
    "endedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_Partner" ("createdAt", "endedOn", "id", "kind", "name", "shortName", "updatedAt", "website") SELECT "createdAt", "endedOn", "id", "kind", "name", "shortName", "updatedAt", "website" FROM "Partner";
DROP TABLE "Partner";
ALTER TABLE "new_Partner" RENAME TO "Partner";
CREATE UNIQUE INDEX "Partner_name_key" ON "Partner"("name");
CREATE INDEX "Partner_kind_idx" ON "Partner"("kind");
CREATE TABLE "new_Person" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Person_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("createdAt", "directoryConsent", "email", "endedOn", "id", "jobTitle", "name", "partnerId", "phone", "updatedAt") SELECT "createdAt", "directoryConsent", "email", "endedOn", "id", "jobTitle", "name", "partnerId", "phone", "updatedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_partnerId_idx" ON "Person"("partnerId");
CREATE INDEX "Person_name_idx" ON "Person"("name");
CREATE TABLE "new_LocalityRole" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "LocalityRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LocalityRole" ("createdAt", "endsOn", "id", "kind", "localityId", "partnerId", "personId", "serviceAreaId", "startsOn", "updatedAt") SELECT "createdAt", "endsOn", "id", "kind", "localityId", "partnerId", "personId", "serviceAreaId", "startsOn", "updatedAt" FROM "LocalityRole";
DROP TABLE "LocalityRole";
ALTER TABLE "new_LocalityRole" RENAME TO "LocalityRole";
CREATE INDEX "LocalityRole_localityId_kind_startsOn_idx" ON "LocalityRole"("localityId", "kind", "startsOn");
CREATE INDEX "LocalityRole_personId_idx" ON "LocalityRole"("personId");
CREATE INDEX "LocalityRole_serviceAreaId_idx" ON "LocalityRole"("serviceAreaId");
CREATE INDEX "LocalityRole_partnerId_idx" ON "LocalityRole"("partnerId");
CREATE TABLE "new_Board" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Board_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Board_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Board" ("chairId", "createdAt", "endsOn", "id", "kind", "localityId", "meetingFrequency", "name", "parentId", "scope", "serviceAreaId", "startsOn", "termsOfReference", "updatedAt") SELECT "chairId", "createdAt", "endsOn", "id", "kind", "localityId", "meetingFrequency", "name", "parentId", "scope", "serviceAreaId", "startsOn", "termsOfReference", "updatedAt" FROM "Board";
DROP TABLE "Board";
ALTER TABLE "new_Board" RENAME TO "Board";
CREATE INDEX "Board_localityId_idx" ON "Board"("localityId");
CREATE INDEX "Board_parentId_idx" ON "Board"("parentId");
CREATE INDEX "Board_kind_idx" ON "Board"("kind");
CREATE TABLE "new_Membership" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "personId" INTEGER,
    "partnerId" INTEGER,
    "role" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Membership_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Membership_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("boardId", "createdAt", "endsOn", "id", "partnerId", "personId", "role", "startsOn", "updatedAt") SELECT "boardId", "createdAt", "endsOn", "id", "partnerId", "personId", "role", "startsOn", "updatedAt" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_boardId_idx" ON "Membership"("boardId");
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");
CREATE INDEX "Membership_partnerId_idx" ON "Membership"("partnerId");
CREATE TABLE "new_Meeting" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Meeting_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("boardId", "cancelled", "createdAt", "decisions", "id", "kind", "location", "minutes", "startsAt", "updatedAt") SELECT "boardId", "cancelled", "createdAt", "decisions", "id", "kind", "location", "minutes", "startsAt", "updatedAt" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE INDEX "Meeting_boardId_startsAt_idx" ON "Meeting"("boardId", "startsAt");
CREATE INDEX "Meeting_kind_startsAt_idx" ON "Meeting"("kind", "startsAt");
CREATE TABLE "new_Priority" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Priority_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Priority_planId_fkey" FOREIGN KEY ("planId") REFERENCES "LocalityPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Priority_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Priority" ("boardId", "createdAt", "description", "endsOn", "id", "localityId", "planId", "startsOn", "status", "theme", "title", "updatedAt") SELECT "boardId", "createdAt", "description", "endsOn", "id", "localityId", "planId", "startsOn", "status", "theme", "title", "updatedAt" FROM "Priority";
DROP TABLE "Priority";
ALTER TABLE "new_Priority" RENAME TO "Priority";
CREATE INDEX "Priority_boardId_status_idx" ON "Priority"("boardId", "status");
CREATE INDEX "Priority_planId_idx" ON "Priority"("planId");
CREATE INDEX "Priority_localityId_status_idx" ON "Priority"("localityId", "status");
CREATE INDEX "Priority_theme_status_idx" ON "Priority"("theme", "status");
CREATE TABLE "new_LocalityPlan" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "LocalityPlan_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LocalityPlan_approvedByBoardId_fkey" FOREIGN KEY ("approvedByBoardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LocalityPlan" ("approach", "approvedByBoardId", "approvedOn", "createdAt", "engagementMechanisms", "id", "localityId", "multiAgencyArrangements", "status", "summary", "supersededOn", "title", "updatedAt", "version") SELECT "approach", "approvedByBoardId", "approvedOn", "createdAt", "engagementMechanisms", "id", "localityId", "multiAgencyArrangements", "status", "summary", "supersededOn", "title", "updatedAt", "version" FROM "LocalityPlan";
DROP TABLE "LocalityPlan";
ALTER TABLE "new_LocalityPlan" RENAME TO "LocalityPlan";
CREATE INDEX "LocalityPlan_localityId_status_idx" ON "LocalityPlan"("localityId", "status");
CREATE UNIQUE INDEX "LocalityPlan_localityId_version_key" ON "LocalityPlan"("localityId", "version");
CREATE TABLE "new_Consultation" (
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
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Consultation_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Consultation_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Consultation" ("audience", "boardId", "closedOn", "createdAt", "deadline", "description", "id", "localityId", "opensOn", "subject", "updatedAt") SELECT "audience", "boardId", "closedOn", "createdAt", "deadline", "description", "id", "localityId", "opensOn", "subject", "updatedAt" FROM "Consultation";
DROP TABLE "Consultation";
ALTER TABLE "new_Consultation" RENAME TO "Consultation";
CREATE INDEX "Consultation_localityId_deadline_idx" ON "Consultation"("localityId", "deadline");
CREATE TABLE "new_IntelligenceItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "observedOn" DATETIME NOT NULL,
    "countyWide" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "closedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "IntelligenceItem_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IntelligenceItem_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_IntelligenceItem" ("authorPartnerId", "authorPersonId", "body", "closedOn", "countyWide", "createdAt", "id", "observedOn", "searchText", "sharingLevel", "source", "theme", "title", "updatedAt") SELECT "authorPartnerId", "authorPersonId", "body", "closedOn", "countyWide", "createdAt", "id", "observedOn", "searchText", "sharingLevel", "source", "theme", "title", "updatedAt" FROM "IntelligenceItem";
DROP TABLE "IntelligenceItem";
ALTER TABLE "new_IntelligenceItem" RENAME TO "IntelligenceItem";
CREATE INDEX "IntelligenceItem_sharingLevel_authorPartnerId_idx" ON "IntelligenceItem"("sharingLevel", "authorPartnerId");
CREATE INDEX "IntelligenceItem_observedOn_idx" ON "IntelligenceItem"("observedOn");
CREATE INDEX "IntelligenceItem_theme_idx" ON "IntelligenceItem"("theme");
CREATE TABLE "new_CommunityAsset" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "localityId" INTEGER NOT NULL,
    "parishId" INTEGER,
    "contact" TEXT,
    "ownerPartnerId" INTEGER,
    "description" TEXT,
    "searchText" TEXT NOT NULL,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "closedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "CommunityAsset_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CommunityAsset" ("authorPartnerId", "authorPersonId", "closedOn", "contact", "createdAt", "description", "id", "kind", "localityId", "name", "ownerPartnerId", "parishId", "searchText", "sharingLevel", "updatedAt") SELECT "authorPartnerId", "authorPersonId", "closedOn", "contact", "createdAt", "description", "id", "kind", "localityId", "name", "ownerPartnerId", "parishId", "searchText", "sharingLevel", "updatedAt" FROM "CommunityAsset";
DROP TABLE "CommunityAsset";
ALTER TABLE "new_CommunityAsset" RENAME TO "CommunityAsset";
CREATE INDEX "CommunityAsset_localityId_idx" ON "CommunityAsset"("localityId");
CREATE INDEX "CommunityAsset_sharingLevel_authorPartnerId_idx" ON "CommunityAsset"("sharingLevel", "authorPartnerId");
CREATE TABLE "new_Issue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "localityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "raisedOn" DATETIME NOT NULL,
    "raisedByPersonId" INTEGER,
    "raisedByName" TEXT,
    "priorityId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "ownerPartnerId" INTEGER NOT NULL,
    "resolvedOn" DATETIME,
    "escalatedOn" DATETIME,
    "escalationReason" TEXT,
    "searchText" TEXT NOT NULL,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Issue_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_raisedByPersonId_fkey" FOREIGN KEY ("raisedByPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Issue" ("authorPartnerId", "authorPersonId", "createdAt", "description", "escalatedOn", "escalationReason", "id", "localityId", "ownerPartnerId", "priorityId", "raisedByName", "raisedByPersonId", "raisedOn", "resolvedOn", "searchText", "sharingLevel", "status", "theme", "title", "updatedAt") SELECT "authorPartnerId", "authorPersonId", "createdAt", "description", "escalatedOn", "escalationReason", "id", "localityId", "ownerPartnerId", "priorityId", "raisedByName", "raisedByPersonId", "raisedOn", "resolvedOn", "searchText", "sharingLevel", "status", "theme", "title", "updatedAt" FROM "Issue";
DROP TABLE "Issue";
ALTER TABLE "new_Issue" RENAME TO "Issue";
CREATE INDEX "Issue_localityId_status_idx" ON "Issue"("localityId", "status");
CREATE INDEX "Issue_sharingLevel_authorPartnerId_idx" ON "Issue"("sharingLevel", "authorPartnerId");
CREATE INDEX "Issue_raisedOn_idx" ON "Issue"("raisedOn");
CREATE TABLE "new_Action" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ownerPersonId" INTEGER,
    "ownerPartnerId" INTEGER NOT NULL,
    "dueOn" DATETIME,
    "doneOn" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "note" TEXT,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Action_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Action_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Action" ("authorPartnerId", "authorPersonId", "createdAt", "doneOn", "dueOn", "id", "issueId", "note", "ownerPartnerId", "ownerPersonId", "sharingLevel", "status", "title", "updatedAt") SELECT "authorPartnerId", "authorPersonId", "createdAt", "doneOn", "dueOn", "id", "issueId", "note", "ownerPartnerId", "ownerPersonId", "sharingLevel", "status", "title", "updatedAt" FROM "Action";
DROP TABLE "Action";
ALTER TABLE "new_Action" RENAME TO "Action";
CREATE INDEX "Action_issueId_idx" ON "Action"("issueId");
CREATE INDEX "Action_status_dueOn_idx" ON "Action"("status", "dueOn");
CREATE INDEX "Action_sharingLevel_authorPartnerId_idx" ON "Action"("sharingLevel", "authorPartnerId");
CREATE TABLE "new_Outcome" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "localityId" INTEGER NOT NULL,
    "principle" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "summary" TEXT,
    "assessorPersonId" INTEGER,
    "assessorPartnerId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Outcome_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Outcome_assessorPersonId_fkey" FOREIGN KEY ("assessorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Outcome_assessorPartnerId_fkey" FOREIGN KEY ("assessorPartnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Outcome" ("assessorPartnerId", "assessorPersonId", "createdAt", "id", "localityId", "periodEnd", "periodStart", "principle", "rating", "summary", "updatedAt") SELECT "assessorPartnerId", "assessorPersonId", "createdAt", "id", "localityId", "periodEnd", "periodStart", "principle", "rating", "summary", "updatedAt" FROM "Outcome";
DROP TABLE "Outcome";
ALTER TABLE "new_Outcome" RENAME TO "Outcome";
CREATE INDEX "Outcome_periodStart_idx" ON "Outcome"("periodStart");
CREATE UNIQUE INDEX "Outcome_localityId_principle_periodStart_key" ON "Outcome"("localityId", "principle", "periodStart");
CREATE TABLE "new_BusinessCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "priorityId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,
    "input" TEXT NOT NULL,
    "priceBase" TEXT NOT NULL,
    "centralNpvPence" BIGINT NOT NULL,
    "centralBcr" REAL,
    "createdByPersonId" INTEGER,
    "createdByPartnerId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "BusinessCase_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BusinessCase_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BusinessCase" ("centralBcr", "centralNpvPence", "createdAt", "createdByPartnerId", "createdByPersonId", "id", "input", "localityId", "name", "priceBase", "priorityId", "updatedAt") SELECT "centralBcr", "centralNpvPence", "createdAt", "createdByPartnerId", "createdByPersonId", "id", "input", "localityId", "name", "priceBase", "priorityId", "updatedAt" FROM "BusinessCase";
DROP TABLE "BusinessCase";
ALTER TABLE "new_BusinessCase" RENAME TO "BusinessCase";
CREATE INDEX "BusinessCase_localityId_idx" ON "BusinessCase"("localityId");
CREATE UNIQUE INDEX "BusinessCase_priorityId_name_key" ON "BusinessCase"("priorityId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

