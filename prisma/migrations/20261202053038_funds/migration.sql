-- CreateTable
CREATE TABLE "Fund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "boardId" INTEGER NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Fund_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundContribution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fundId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "partnerId" INTEGER NOT NULL,
    "devolvedFrom" TEXT,
    "amountPence" BIGINT NOT NULL,
    "ringFencedTheme" TEXT,
    "spendBy" DATETIME,
    "receivedOn" DATETIME NOT NULL,
    "note" TEXT,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FundContribution_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundContribution_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundContribution_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundContributionShare" (
    "fundContributionId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("fundContributionId", "partnerId"),
    CONSTRAINT "FundContributionShare_fundContributionId_fkey" FOREIGN KEY ("fundContributionId") REFERENCES "FundContribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FundContributionShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Commission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "priorityId" INTEGER,
    "theme" TEXT,
    "amountPence" BIGINT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "reportsToBoardId" INTEGER NOT NULL,
    "proposalId" INTEGER,
    "createdByPartnerId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Commission_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Commission_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Commission_reportsToBoardId_fkey" FOREIGN KEY ("reportsToBoardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Commission_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "PbProposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommissionLocality" (
    "commissionId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("commissionId", "localityId"),
    CONSTRAINT "CommissionLocality_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommissionLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommissionReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commissionId" INTEGER NOT NULL,
    "submittedOn" DATETIME NOT NULL,
    "summary" TEXT NOT NULL,
    "spentPence" BIGINT,
    "meetingId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommissionReport_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommissionReport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PbRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "opensOn" DATETIME NOT NULL,
    "closesOn" DATETIME NOT NULL,
    "potPence" BIGINT NOT NULL,
    "tokenSecret" TEXT NOT NULL,
    "countedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PbRound_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PbProposal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "proposer" TEXT NOT NULL,
    "costPence" BIGINT NOT NULL,
    "theme" TEXT NOT NULL,
    "priorityId" INTEGER,
    "localityId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PbProposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PbRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PbProposal_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PbProposal_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PbBallot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    CONSTRAINT "PbBallot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PbRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PbApproval" (
    "ballotId" INTEGER NOT NULL,
    "proposalId" INTEGER NOT NULL,

    PRIMARY KEY ("ballotId", "proposalId"),
    CONSTRAINT "PbApproval_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "PbBallot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PbApproval_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "PbProposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Fund_boardId_idx" ON "Fund"("boardId");

-- CreateIndex
CREATE INDEX "FundContribution_fundId_idx" ON "FundContribution"("fundId");

-- CreateIndex
CREATE INDEX "FundContribution_sharingLevel_authorPartnerId_idx" ON "FundContribution"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "FundContributionShare_partnerId_idx" ON "FundContributionShare"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "Commission_proposalId_key" ON "Commission"("proposalId");

-- CreateIndex
CREATE INDEX "Commission_fundId_status_idx" ON "Commission"("fundId", "status");

-- CreateIndex
CREATE INDEX "Commission_reportsToBoardId_idx" ON "Commission"("reportsToBoardId");

-- CreateIndex
CREATE INDEX "CommissionLocality_localityId_idx" ON "CommissionLocality"("localityId");

-- CreateIndex
CREATE INDEX "CommissionReport_commissionId_idx" ON "CommissionReport"("commissionId");

-- CreateIndex
CREATE INDEX "CommissionReport_meetingId_idx" ON "CommissionReport"("meetingId");

-- CreateIndex
CREATE INDEX "PbRound_fundId_idx" ON "PbRound"("fundId");

-- CreateIndex
CREATE INDEX "PbRound_closesOn_idx" ON "PbRound"("closesOn");

-- CreateIndex
CREATE INDEX "PbProposal_roundId_idx" ON "PbProposal"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "PbBallot_roundId_token_key" ON "PbBallot"("roundId", "token");

-- CreateIndex
CREATE INDEX "PbApproval_proposalId_idx" ON "PbApproval"("proposalId");

