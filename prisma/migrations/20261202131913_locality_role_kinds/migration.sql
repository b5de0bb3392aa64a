-- CreateTable
CREATE TABLE "LocalityRoleKind" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "singlePointOfContact" BOOLEAN NOT NULL DEFAULT false,
    "leadsLocality" BOOLEAN NOT NULL DEFAULT false,
    "aliases" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1
);

-- Seed the five kinds the LocalityRoleKind enum had (Herefordshire's locality strategy) in a
-- database that already holds records (a deployment being upgraded), so every existing role keeps
-- its kind. A new, empty database gets no kinds here: its dataset's kinds file (or an ADMIN) names them.
INSERT INTO "LocalityRoleKind" ("code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt")
WITH "seed" ("code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt") AS (VALUES
    ('senior-manager-lead', 'Senior manager lead', 'The senior manager who leads the locality for the council (one per locality).', 0, 1, 'LEAD;LOCALITY_LEAD;SENIOR_MANAGER', 1, CURRENT_TIMESTAMP),
    ('single-point-of-contact', 'Single point of contact', 'An agency''s single point of contact for the locality (one per agency at a time).', 1, 0, 'SPOC', 2, CURRENT_TIMESTAMP),
    ('ward-member', 'Ward member', 'An elected ward member for the locality.', 0, 0, 'COUNCILLOR;WARD_COUNCILLOR', 3, CURRENT_TIMESTAMP),
    ('community-ambassador', 'Community ambassador', 'A resident who champions the locality network.', 0, 0, 'AMBASSADOR', 4, CURRENT_TIMESTAMP),
    ('network-contact', 'Network contact', 'A member of the wider locality network.', 0, 0, 'NETWORK_MEMBER;LOCALITY_NETWORK_CONTACT', 5, CURRENT_TIMESTAMP)
)
SELECT "code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt" FROM "seed"
WHERE EXISTS (SELECT 1 FROM "Locality") OR EXISTS (SELECT 1 FROM "LocalityRole");

-- RedefineTables: each role's enum value becomes a reference to the kind of the same code
-- (SINGLE_POINT_OF_CONTACT -> single-point-of-contact); every row is kept, with its id.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LocalityRole" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "partnerId" INTEGER,
    "localityId" INTEGER,
    "serviceAreaId" INTEGER,
    "kindId" INTEGER NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "LocalityRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_serviceAreaId_fkey" FOREIGN KEY ("serviceAreaId") REFERENCES "ServiceArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LocalityRole_kindId_fkey" FOREIGN KEY ("kindId") REFERENCES "LocalityRoleKind" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LocalityRole" ("createdAt", "endsOn", "id", "localityId", "partnerId", "personId", "revision", "serviceAreaId", "startsOn", "updatedAt", "kindId")
SELECT "createdAt", "endsOn", "id", "localityId", "partnerId", "personId", "revision", "serviceAreaId", "startsOn", "updatedAt",
  (SELECT "k"."id" FROM "LocalityRoleKind" AS "k" WHERE "k"."code" = lower(replace("LocalityRole"."kind", '_', '-')))
FROM "LocalityRole";
DROP TABLE "LocalityRole";
ALTER TABLE "new_LocalityRole" RENAME TO "LocalityRole";
CREATE INDEX "LocalityRole_localityId_kindId_startsOn_idx" ON "LocalityRole"("localityId", "kindId", "startsOn");
CREATE INDEX "LocalityRole_kindId_idx" ON "LocalityRole"("kindId");
CREATE INDEX "LocalityRole_personId_idx" ON "LocalityRole"("personId");
CREATE INDEX "LocalityRole_serviceAreaId_idx" ON "LocalityRole"("serviceAreaId");
CREATE INDEX "LocalityRole_partnerId_idx" ON "LocalityRole"("partnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LocalityRoleKind_code_key" ON "LocalityRoleKind"("code");

