-- AlterTable
ALTER TABLE "GeographyVersion" ADD COLUMN "areaKind" TEXT;

-- CreateTable
CREATE TABLE "LocalityGrouping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "LocalityGrouping_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalityGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupingId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "LocalityGroup_groupingId_fkey" FOREIGN KEY ("groupingId") REFERENCES "LocalityGrouping" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalityGroupMember" (
    "groupId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("groupId", "localityId"),
    CONSTRAINT "LocalityGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LocalityGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LocalityGroupMember_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Locality" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Locality" ("code", "id", "name") SELECT "code", "id", "name" FROM "Locality";
DROP TABLE "Locality";
ALTER TABLE "new_Locality" RENAME TO "Locality";
CREATE UNIQUE INDEX "Locality_code_key" ON "Locality"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LocalityGrouping_versionId_code_key" ON "LocalityGrouping"("versionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "LocalityGroup_groupingId_code_key" ON "LocalityGroup"("groupingId", "code");

-- CreateIndex
CREATE INDEX "LocalityGroupMember_localityId_idx" ON "LocalityGroupMember"("localityId");

