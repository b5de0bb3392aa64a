-- CreateEnum
CREATE TYPE "FundContributionKind" AS ENUM ('POOLED', 'DEVOLVED');

-- CreateEnum
CREATE TYPE "CommissionStatus" AS ENUM ('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Fund" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "boardId" INTEGER NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundContribution" (
    "id" SERIAL NOT NULL,
    "fundId" INTEGER NOT NULL,
    "kind" "FundContributionKind" NOT NULL,
    "partnerId" INTEGER NOT NULL,
    "devolvedFrom" TEXT,
    "amountPence" BIGINT NOT NULL,
    "ringFencedTheme" TEXT,
    "spendBy" TIMESTAMP(3),
    "receivedOn" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundContribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundContributionShare" (
    "fundContributionId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "FundContributionShare_pkey" PRIMARY KEY ("fundContributionId","partnerId")
);

-- CreateTable
CREATE TABLE "Commission" (
    "id" SERIAL NOT NULL,
    "fundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "priorityId" INTEGER,
    "theme" TEXT,
    "amountPence" BIGINT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "status" "CommissionStatus" NOT NULL DEFAULT 'PLANNED',
    "reportsToBoardId" INTEGER NOT NULL,
    "proposalId" INTEGER,
    "createdByPartnerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionLocality" (
    "commissionId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "CommissionLocality_pkey" PRIMARY KEY ("commissionId","localityId")
);

-- CreateTable
CREATE TABLE "CommissionReport" (
    "id" SERIAL NOT NULL,
    "commissionId" INTEGER NOT NULL,
    "submittedOn" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "spentPence" BIGINT,
    "meetingId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PbRound" (
    "id" SERIAL NOT NULL,
    "fundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "opensOn" TIMESTAMP(3) NOT NULL,
    "closesOn" TIMESTAMP(3) NOT NULL,
    "potPence" BIGINT NOT NULL,
    "tokenSecret" TEXT NOT NULL,
    "countedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PbRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PbProposal" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "proposer" TEXT NOT NULL,
    "costPence" BIGINT NOT NULL,
    "theme" TEXT NOT NULL,
    "priorityId" INTEGER,
    "localityId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PbProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PbBallot" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "token" TEXT NOT NULL,

    CONSTRAINT "PbBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PbApproval" (
    "ballotId" INTEGER NOT NULL,
    "proposalId" INTEGER NOT NULL,

    CONSTRAINT "PbApproval_pkey" PRIMARY KEY ("ballotId","proposalId")
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

-- AddForeignKey
ALTER TABLE "Fund" ADD CONSTRAINT "Fund_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundContribution" ADD CONSTRAINT "FundContribution_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundContribution" ADD CONSTRAINT "FundContribution_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundContribution" ADD CONSTRAINT "FundContribution_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundContributionShare" ADD CONSTRAINT "FundContributionShare_fundContributionId_fkey" FOREIGN KEY ("fundContributionId") REFERENCES "FundContribution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundContributionShare" ADD CONSTRAINT "FundContributionShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_reportsToBoardId_fkey" FOREIGN KEY ("reportsToBoardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "PbProposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionLocality" ADD CONSTRAINT "CommissionLocality_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionLocality" ADD CONSTRAINT "CommissionLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionReport" ADD CONSTRAINT "CommissionReport_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionReport" ADD CONSTRAINT "CommissionReport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbRound" ADD CONSTRAINT "PbRound_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbProposal" ADD CONSTRAINT "PbProposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PbRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbProposal" ADD CONSTRAINT "PbProposal_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbProposal" ADD CONSTRAINT "PbProposal_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbBallot" ADD CONSTRAINT "PbBallot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PbRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbApproval" ADD CONSTRAINT "PbApproval_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "PbBallot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbApproval" ADD CONSTRAINT "PbApproval_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "PbProposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

