-- CreateTable
CREATE TABLE "Ward" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "WardSmallArea" (
    "versionId" TEXT NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "smallAreaId"),
    CONSTRAINT "WardSmallArea_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WardSmallArea_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WardSmallArea_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ParishWard" (
    "versionId" TEXT NOT NULL,
    "parishId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    PRIMARY KEY ("versionId", "parishId", "wardId"),
    CONSTRAINT "ParishWard_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GeographyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParishWard_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParishWard_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomAreaWard" (
    "customAreaId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,

    PRIMARY KEY ("customAreaId", "wardId"),
    CONSTRAINT "CustomAreaWard_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomAreaWard_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomAreaParish" (
    "customAreaId" INTEGER NOT NULL,
    "parishId" INTEGER NOT NULL,

    PRIMARY KEY ("customAreaId", "parishId"),
    CONSTRAINT "CustomAreaParish_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomAreaParish_parishId_fkey" FOREIGN KEY ("parishId") REFERENCES "Parish" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

