-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('CITY', 'MARKET_TOWN', 'RURAL');

-- CreateTable
CREATE TABLE "GeographyVersion" (
    "id" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyCode" TEXT NOT NULL,
    "countyName" TEXT NOT NULL,
    "description" TEXT,
    "source" TEXT,

    CONSTRAINT "GeographyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Locality" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,

    CONSTRAINT "Locality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeographyVersionLocality" (
    "versionId" TEXT NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "GeographyVersionLocality_pkey" PRIMARY KEY ("versionId","localityId")
);

-- CreateTable
CREATE TABLE "Parish" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Parish_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParishAssignment" (
    "versionId" TEXT NOT NULL,
    "parishId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "ParishAssignment_pkey" PRIMARY KEY ("versionId","parishId")
);

-- CreateTable
CREATE TABLE "SmallArea" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "SmallArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmallAreaWeight" (
    "versionId" TEXT NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SmallAreaWeight_pkey" PRIMARY KEY ("versionId","smallAreaId","localityId")
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,

    CONSTRAINT "ServiceArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAreaLocality" (
    "versionId" TEXT NOT NULL,
    "serviceAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "ServiceAreaLocality_pkey" PRIMARY KEY ("versionId","serviceAreaId","localityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Locality_code_key" ON "Locality"("code");

-- CreateIndex
CREATE INDEX "GeographyVersionLocality_localityId_idx" ON "GeographyVersionLocality"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "Parish_code_key" ON "Parish"("code");

-- CreateIndex
CREATE INDEX "ParishAssignment_versionId_localityId_idx" ON "ParishAssignment"("versionId", "localityId");

-- CreateIndex
CREATE INDEX "ParishAssignment_localityId_idx" ON "ParishAssignment"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "SmallArea_code_key" ON "SmallArea"("code");

-- CreateIndex
CREATE INDEX "SmallAreaWeight_versionId_localityId_idx" ON "SmallAreaWeight"("versionId", "localityId");

-- CreateIndex
CREATE INDEX "SmallAreaWeight_localityId_idx" ON "SmallAreaWeight"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceArea_code_key" ON "ServiceArea"("code");

-- CreateIndex
CREATE INDEX "ServiceAreaLocality_versionId_localityId_idx" ON "ServiceAreaLocality"("versionId", "localityId");

-- CreateIndex
CREATE INDEX "ServiceAreaLocality_localityId_idx" ON "ServiceAreaLocality"("localityId");

-- AddForeignKey
ALTER TABLE "GeographyVersionLocality" ADD CONSTRAINT "GeographyVersionLocality_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeographyVersionLocality" ADD CONSTRAINT "GeographyVersionLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishAssignment" ADD CONSTRAINT "ParishAssignment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishAssignment" ADD CONSTRAINT "ParishAssignment_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishAssignment" ADD CONSTRAINT "ParishAssignment_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmallAreaWeight" ADD CONSTRAINT "SmallAreaWeight_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmallAreaWeight" ADD CONSTRAINT "SmallAreaWeight_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmallAreaWeight" ADD CONSTRAINT "SmallAreaWeight_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAreaLocality" ADD CONSTRAINT "ServiceAreaLocality_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAreaLocality" ADD CONSTRAINT "ServiceAreaLocality_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAreaLocality" ADD CONSTRAINT "ServiceAreaLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

