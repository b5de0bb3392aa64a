-- CreateTable
CREATE TABLE "CustomArea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "versionId" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "CustomArea_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CustomArea_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomAreaMember" (
    "customAreaId" INTEGER NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "weight" REAL NOT NULL,

    PRIMARY KEY ("customAreaId", "smallAreaId"),
    CONSTRAINT "CustomAreaMember_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomAreaMember_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomAreaLocality" (
    "customAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    PRIMARY KEY ("customAreaId", "localityId"),
    CONSTRAINT "CustomAreaLocality_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomAreaLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomAreaShare" (
    "customAreaId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    PRIMARY KEY ("customAreaId", "partnerId"),
    CONSTRAINT "CustomAreaShare_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomAreaShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CustomArea_sharingLevel_authorPartnerId_idx" ON "CustomArea"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "CustomAreaMember_smallAreaId_idx" ON "CustomAreaMember"("smallAreaId");

-- CreateIndex
CREATE INDEX "CustomAreaLocality_localityId_idx" ON "CustomAreaLocality"("localityId");

-- CreateIndex
CREATE INDEX "CustomAreaShare_partnerId_idx" ON "CustomAreaShare"("partnerId");

