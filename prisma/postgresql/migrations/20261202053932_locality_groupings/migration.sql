-- AlterTable
ALTER TABLE "GeographyVersion" ADD COLUMN     "areaKind" TEXT;

-- AlterTable
ALTER TABLE "Locality" DROP COLUMN "tier",
ADD COLUMN     "sortOrder" INTEGER NOT NULL DEFAULT 0;

-- DropEnum
DROP TYPE "Tier";

-- CreateTable
CREATE TABLE "LocalityGrouping" (
    "id" SERIAL NOT NULL,
    "versionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "LocalityGrouping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalityGroup" (
    "id" SERIAL NOT NULL,
    "groupingId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "LocalityGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalityGroupMember" (
    "groupId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "LocalityGroupMember_pkey" PRIMARY KEY ("groupId","localityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LocalityGrouping_versionId_code_key" ON "LocalityGrouping"("versionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "LocalityGroup_groupingId_code_key" ON "LocalityGroup"("groupingId", "code");

-- CreateIndex
CREATE INDEX "LocalityGroupMember_localityId_idx" ON "LocalityGroupMember"("localityId");

-- AddForeignKey
ALTER TABLE "LocalityGrouping" ADD CONSTRAINT "LocalityGrouping_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityGroup" ADD CONSTRAINT "LocalityGroup_groupingId_fkey" FOREIGN KEY ("groupingId") REFERENCES "LocalityGrouping"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityGroupMember" ADD CONSTRAINT "LocalityGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LocalityGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalityGroupMember" ADD CONSTRAINT "LocalityGroupMember_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

