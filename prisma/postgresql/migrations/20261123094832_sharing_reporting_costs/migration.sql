-- CreateEnum
CREATE TYPE "SharingLevel" AS ENUM ('PUBLIC', 'PARTNERSHIP', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "IntelligenceSource" AS ENUM ('COMMUNITY_ENGAGEMENT', 'CUSTOMER_SERVICES', 'PARTNER_DATA', 'COMMUNITY_LEADERS', 'SURVEY');

-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('BUILDING', 'GROUP', 'ASSOCIATION', 'SERVICE', 'GREEN_SPACE', 'SKILL_OR_NETWORK');

-- CreateEnum
CREATE TYPE "IssueStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WorkingPrinciple" AS ENUM ('STRENGTHENED_COMMUNITY_LEADERSHIP', 'SERVICES_MEETING_COMMUNITY_NEEDS', 'JOINED_UP_LOCAL_SERVICES', 'PARTNERSHIP_WITH_EMPOWERED_COMMUNITIES');

-- CreateEnum
CREATE TYPE "OutcomeRating" AS ENUM ('NOT_STARTED', 'EMERGING', 'DEVELOPING', 'ESTABLISHED', 'EMBEDDED');

-- CreateTable
CREATE TABLE "IntelligenceItem" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "source" "IntelligenceSource" NOT NULL,
    "theme" TEXT NOT NULL,
    "observedOn" TIMESTAMP(3) NOT NULL,
    "countyWide" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "closedOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntelligenceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntelligenceIndicator" (
    "itemId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    CONSTRAINT "IntelligenceIndicator_pkey" PRIMARY KEY ("itemId","indicatorId")
);

-- CreateTable
CREATE TABLE "IntelligenceItemShare" (
    "intelligenceItemId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "IntelligenceItemShare_pkey" PRIMARY KEY ("intelligenceItemId","partnerId")
);

-- CreateTable
CREATE TABLE "CommunityAsset" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "localityId" INTEGER NOT NULL,
    "parishId" INTEGER,
    "contact" TEXT,
    "ownerPartnerId" INTEGER,
    "description" TEXT,
    "searchText" TEXT NOT NULL,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "closedOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunityAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityAssetShare" (
    "communityAssetId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "CommunityAssetShare_pkey" PRIMARY KEY ("communityAssetId","partnerId")
);

-- CreateTable
CREATE TABLE "Issue" (
    "id" SERIAL NOT NULL,
    "localityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "raisedOn" TIMESTAMP(3) NOT NULL,
    "raisedByPersonId" INTEGER,
    "raisedByName" TEXT,
    "priorityId" INTEGER,
    "status" "IssueStatus" NOT NULL DEFAULT 'OPEN',
    "ownerPartnerId" INTEGER NOT NULL,
    "resolvedOn" TIMESTAMP(3),
    "escalatedOn" TIMESTAMP(3),
    "escalationReason" TEXT,
    "searchText" TEXT NOT NULL,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueShare" (
    "issueId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "IssueShare_pkey" PRIMARY KEY ("issueId","partnerId")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ownerPersonId" INTEGER,
    "ownerPartnerId" INTEGER NOT NULL,
    "dueOn" TIMESTAMP(3),
    "doneOn" TIMESTAMP(3),
    "status" "ActionStatus" NOT NULL DEFAULT 'OPEN',
    "note" TEXT,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionShare" (
    "actionId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "ActionShare_pkey" PRIMARY KEY ("actionId","partnerId")
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" SERIAL NOT NULL,
    "localityId" INTEGER NOT NULL,
    "principle" "WorkingPrinciple" NOT NULL,
    "rating" "OutcomeRating" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "summary" TEXT,
    "assessorPersonId" INTEGER,
    "assessorPartnerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeIndicator" (
    "outcomeId" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,

    CONSTRAINT "OutcomeIndicator_pkey" PRIMARY KEY ("outcomeId","indicatorId")
);

-- CreateTable
CREATE TABLE "OutcomeIssue" (
    "outcomeId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL,

    CONSTRAINT "OutcomeIssue_pkey" PRIMARY KEY ("outcomeId","issueId")
);

-- CreateTable
CREATE TABLE "OutcomeMeeting" (
    "outcomeId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,

    CONSTRAINT "OutcomeMeeting_pkey" PRIMARY KEY ("outcomeId","meetingId")
);

-- CreateTable
CREATE TABLE "BusinessCase" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "priorityId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,
    "input" TEXT NOT NULL,
    "priceBase" TEXT NOT NULL,
    "centralNpvPence" BIGINT NOT NULL,
    "centralBcr" DOUBLE PRECISION,
    "createdByPersonId" INTEGER,
    "createdByPartnerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusinessCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_IntelligenceLocalities" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_IntelligenceLocalities_AB_pkey" PRIMARY KEY ("A","B")
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
CREATE INDEX "_IntelligenceLocalities_B_index" ON "_IntelligenceLocalities"("B");

-- AddForeignKey
ALTER TABLE "IntelligenceItem" ADD CONSTRAINT "IntelligenceItem_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntelligenceItem" ADD CONSTRAINT "IntelligenceItem_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntelligenceIndicator" ADD CONSTRAINT "IntelligenceIndicator_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "IntelligenceItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntelligenceItemShare" ADD CONSTRAINT "IntelligenceItemShare_intelligenceItemId_fkey" FOREIGN KEY ("intelligenceItemId") REFERENCES "IntelligenceItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntelligenceItemShare" ADD CONSTRAINT "IntelligenceItemShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAsset" ADD CONSTRAINT "CommunityAsset_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAsset" ADD CONSTRAINT "CommunityAsset_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAsset" ADD CONSTRAINT "CommunityAsset_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAsset" ADD CONSTRAINT "CommunityAsset_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAsset" ADD CONSTRAINT "CommunityAsset_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAssetShare" ADD CONSTRAINT "CommunityAssetShare_communityAssetId_fkey" FOREIGN KEY ("communityAssetId") REFERENCES "CommunityAsset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityAssetShare" ADD CONSTRAINT "CommunityAssetShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_raisedByPersonId_fkey" FOREIGN KEY ("raisedByPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueShare" ADD CONSTRAINT "IssueShare_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueShare" ADD CONSTRAINT "IssueShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_ownerPartnerId_fkey" FOREIGN KEY ("ownerPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionShare" ADD CONSTRAINT "ActionShare_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionShare" ADD CONSTRAINT "ActionShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_assessorPersonId_fkey" FOREIGN KEY ("assessorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_assessorPartnerId_fkey" FOREIGN KEY ("assessorPartnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeIndicator" ADD CONSTRAINT "OutcomeIndicator_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeIssue" ADD CONSTRAINT "OutcomeIssue_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeIssue" ADD CONSTRAINT "OutcomeIssue_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeMeeting" ADD CONSTRAINT "OutcomeMeeting_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "Outcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeMeeting" ADD CONSTRAINT "OutcomeMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusinessCase" ADD CONSTRAINT "BusinessCase_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusinessCase" ADD CONSTRAINT "BusinessCase_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IntelligenceLocalities" ADD CONSTRAINT "_IntelligenceLocalities_A_fkey" FOREIGN KEY ("A") REFERENCES "IntelligenceItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IntelligenceLocalities" ADD CONSTRAINT "_IntelligenceLocalities_B_fkey" FOREIGN KEY ("B") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

