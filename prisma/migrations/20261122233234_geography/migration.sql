-- CreateTable
CREATE TABLE "GeographyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "effectiveFrom" DATETIME NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyCode" TEXT NOT NULL,
    "countyName" TEXT NOT NULL,
    "description" TEXT,
    "source" TEXT
);

-- CreateTable
CREATE TABLE "Locality" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "GeographyVersionLocality" (
    "versionId" TEXT NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "localityId"),
    CONSTRAINT "GeographyVersionLocality_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GeographyVersionLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Parish" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ParishAssignment" (
    "versionId" TEXT NOT NULL,
    "parishId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "parishId"),
    CONSTRAINT "ParishAssignment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParishAssignment_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParishAssignment_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmallArea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SmallAreaWeight" (
    "versionId" TEXT NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,
    "weight" REAL NOT NULL,

    PRIMARY KEY ("versionId", "smallAreaId", "localityId"),
    CONSTRAINT "SmallAreaWeight_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SmallAreaWeight_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SmallAreaWeight_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ServiceAreaLocality" (
    "versionId" TEXT NOT NULL,
    "serviceAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "serviceAreaId", "localityId"),
    CONSTRAINT "ServiceAreaLocality_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceAreaLocality_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceAreaLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

