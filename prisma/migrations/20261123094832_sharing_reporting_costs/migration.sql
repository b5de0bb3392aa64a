-- CreateTable
CREATE TABLE "IntelligenceItem" (
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
    CONSTRAINT "IntelligenceItem_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IntelligenceItem_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntelligenceIndicator" (
    "itemId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    PRIMARY KEY ("itemId", "indicatorId"),
    CONSTRAINT "IntelligenceIndicator_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "IntelligenceItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntelligenceItemShare" (
    "intelligenceItemId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("intelligenceItemId", "partnerId"),
    CONSTRAINT "IntelligenceItemShare_intelligenceItemId_fkey" FOREIGN KEY ("intelligenceItemId") REFERENCES "IntelligenceItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IntelligenceItemShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityAsset" (
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
    CONSTRAINT "CommunityAsset_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommunityAsset_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityAssetShare" (
    "communityAssetId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("communityAssetId", "partnerId"),
    CONSTRAINT "CommunityAssetShare_communityAssetId_fkey" FOREIGN KEY ("communityAssetId") REFERENCES "CommunityAsset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityAssetShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Issue" (
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
    CONSTRAINT "Issue_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_raisedByPersonId_fkey" FOREIGN KEY ("raisedByPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Issue_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Issue_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssueShare" (
    "issueId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("issueId", "partnerId"),
    CONSTRAINT "IssueShare_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IssueShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Action" (
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
    CONSTRAINT "Action_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Action_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionShare" (
    "actionId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("actionId", "partnerId"),
    CONSTRAINT "ActionShare_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outcome" (
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
    CONSTRAINT "Outcome_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Outcome_assessorPersonId_fkey" FOREIGN KEY ("assessorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Outcome_assessorPartnerId_fkey" FOREIGN KEY ("assessorPartnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutcomeIndicator" (
    "outcomeId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    PRIMARY KEY ("outcomeId", "indicatorId"),
    CONSTRAINT "OutcomeIndicator_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutcomeIssue" (
    "outcomeId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL,

    PRIMARY KEY ("outcomeId", "issueId"),
    CONSTRAINT "OutcomeIssue_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutcomeIssue_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutcomeMeeting" (
    "outcomeId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,

    PRIMARY KEY ("outcomeId", "meetingId"),
    CONSTRAINT "OutcomeMeeting_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutcomeMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BusinessCase" (
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
    CONSTRAINT "BusinessCase_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BusinessCase_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_IntelligenceLocalities" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_IntelligenceLocalities_A_fkey" FOREIGN KEY ("A") REFERENCES "IntelligenceItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_IntelligenceLocalities_B_fkey" FOREIGN KEY ("B") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IntelligenceItem_sharingLevel_authorPartnerId_idx" ON "IntelligenceItem"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "IntelligenceItem_observedOn_idx" ON "IntelligenceItem"("observedOn");

-- CreateIndex
CREATE INDEX "IntelligenceItem_theme_idx" ON "IntelligenceItem"("theme");

-- CreateIndex
CREATE INDEX "IntelligenceIndicator_indicatorId_idx" ON "IntelligenceIndicator"("indicatorId");

-- CreateIndex
CREATE INDEX "IntelligenceItemShare_partnerId_idx" ON "IntelligenceItemShare"("partnerId");

-- CreateIndex
CREATE INDEX "CommunityAsset_localityId_idx" ON "CommunityAsset"("localityId");

-- CreateIndex
CREATE INDEX "CommunityAsset_sharingLevel_authorPartnerId_idx" ON "CommunityAsset"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "CommunityAssetShare_partnerId_idx" ON "CommunityAssetShare"("partnerId");

-- CreateIndex
CREATE INDEX "Issue_localityId_status_idx" ON "Issue"("localityId", "status");

-- CreateIndex
CREATE INDEX "Issue_sharingLevel_authorPartnerId_idx" ON "Issue"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "Issue_raisedOn_idx" ON "Issue"("raisedOn");

-- CreateIndex
CREATE INDEX "IssueShare_partnerId_idx" ON "IssueShare"("partnerId");

-- CreateIndex
CREATE INDEX "Action_issueId_idx" ON "Action"("issueId");

-- CreateIndex
CREATE INDEX "Action_status_dueOn_idx" ON "Action"("status", "dueOn");

-- CreateIndex
CREATE INDEX "Action_sharingLevel_authorPartnerId_idx" ON "Action"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "ActionShare_partnerId_idx" ON "ActionShare"("partnerId");

-- CreateIndex
CREATE INDEX "Outcome_periodStart_idx" ON "Outcome"("periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_localityId_principle_periodStart_key" ON "Outcome"("localityId", "principle", "periodStart");

-- CreateIndex
CREATE INDEX "BusinessCase_localityId_idx" ON "BusinessCase"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "BusinessCase_priorityId_name_key" ON "BusinessCase"("priorityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "_IntelligenceLocalities_AB_unique" ON "_IntelligenceLocalities"("A", "B");

-- CreateIndex
CREATE INDEX "_IntelligenceLocalities_B_index" ON "_IntelligenceLocalities"("B");

