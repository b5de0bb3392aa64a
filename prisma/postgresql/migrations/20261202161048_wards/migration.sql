-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CustomAreaBasis" ADD VALUE 'WARDS';
ALTER TYPE "CustomAreaBasis" ADD VALUE 'PARISHES';

-- CreateTable
CREATE TABLE "Ward" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Ward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WardSmallArea" (
    "versionId" TEXT NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    CONSTRAINT "WardSmallArea_pkey" PRIMARY KEY ("versionId","smallAreaId")
);

-- CreateTable
CREATE TABLE "ParishWard" (
    "versionId" TEXT NOT NULL,
    "parishId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    CONSTRAINT "ParishWard_pkey" PRIMARY KEY ("versionId","parishId","wardId")
);

-- CreateTable
CREATE TABLE "CustomAreaWard" (
    "customAreaId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    CONSTRAINT "CustomAreaWard_pkey" PRIMARY KEY ("customAreaId","wardId")
);

-- CreateTable
CREATE TABLE "CustomAreaParish" (
    "customAreaId" INTEGER NOT NULL,
    "parishId" INTEGER NOT NULL,

    CONSTRAINT "CustomAreaParish_pkey" PRIMARY KEY ("customAreaId","parishId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ward_code_key" ON "Ward"("code");

-- CreateIndex
CREATE INDEX "WardSmallArea_versionId_wardId_idx" ON "WardSmallArea"("versionId", "wardId");

-- CreateIndex
CREATE INDEX "WardSmallArea_wardId_idx" ON "WardSmallArea"("wardId");

-- CreateIndex
CREATE INDEX "ParishWard_versionId_wardId_idx" ON "ParishWard"("versionId", "wardId");

-- CreateIndex
CREATE INDEX "ParishWard_wardId_idx" ON "ParishWard"("wardId");

-- CreateIndex
CREATE INDEX "CustomAreaWard_wardId_idx" ON "CustomAreaWard"("wardId");

-- CreateIndex
CREATE INDEX "CustomAreaParish_parishId_idx" ON "CustomAreaParish"("parishId");

-- AddForeignKey
ALTER TABLE "WardSmallArea" ADD CONSTRAINT "WardSmallArea_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WardSmallArea" ADD CONSTRAINT "WardSmallArea_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WardSmallArea" ADD CONSTRAINT "WardSmallArea_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishWard" ADD CONSTRAINT "ParishWard_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishWard" ADD CONSTRAINT "ParishWard_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParishWard" ADD CONSTRAINT "ParishWard_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaWard" ADD CONSTRAINT "CustomAreaWard_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaWard" ADD CONSTRAINT "CustomAreaWard_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaParish" ADD CONSTRAINT "CustomAreaParish_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaParish" ADD CONSTRAINT "CustomAreaParish_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish"("id") ON DELETE CASCADE ON UPDATE CASCADE;

