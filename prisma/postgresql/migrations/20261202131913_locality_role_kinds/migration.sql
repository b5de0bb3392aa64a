-- Written by hand from `prisma migrate diff` (which would drop "kind" and add a NOT NULL "kindId"
-- with no value, failing on any existing row): the kinds table first, then each role's enum value
-- becomes a reference to the kind of the same code (SINGLE_POINT_OF_CONTACT -> single-point-of-contact);
-- every row is kept, with its id. The enum type is renamed first: a table's row type takes the
-- table's name, so the new table cannot be created while the enum holds it.

ALTER TYPE "LocalityRoleKind" RENAME TO "LocalityRoleKind_enum";

-- CreateTable
CREATE TABLE "LocalityRoleKind" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "singlePointOfContact" BOOLEAN NOT NULL DEFAULT false,
    "leadsLocality" BOOLEAN NOT NULL DEFAULT false,
    "aliases" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LocalityRoleKind_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LocalityRoleKind_code_key" ON "LocalityRoleKind"("code");

-- Seed the five kinds the LocalityRoleKind enum had (Herefordshire's locality strategy) in a
-- database that already holds records (a deployment being upgraded), so every existing role keeps
-- its kind. A new, empty database gets no kinds here: its dataset's kinds file (or an ADMIN) names them.
INSERT INTO "LocalityRoleKind" ("code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt")
WITH "seed" ("code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt") AS (VALUES
    ('senior-manager-lead', 'Senior manager lead', 'The senior manager who leads the locality for the council (one per locality).', false, true, 'LEAD;LOCALITY_LEAD;SENIOR_MANAGER', 1, CURRENT_TIMESTAMP),
    ('single-point-of-contact', 'Single point of contact', 'An agency''s single point of contact for the locality (one per agency at a time).', true, false, 'SPOC', 2, CURRENT_TIMESTAMP),
    ('ward-member', 'Ward member', 'An elected ward member for the locality.', false, false, 'COUNCILLOR;WARD_COUNCILLOR', 3, CURRENT_TIMESTAMP),
    ('community-ambassador', 'Community ambassador', 'A resident who champions the locality network.', false, false, 'AMBASSADOR', 4, CURRENT_TIMESTAMP),
    ('network-contact', 'Network contact', 'A member of the wider locality network.', false, false, 'NETWORK_MEMBER;LOCALITY_NETWORK_CONTACT', 5, CURRENT_TIMESTAMP)
)
SELECT "code", "name", "description", "singlePointOfContact", "leadsLocality", "aliases", "position", "updatedAt" FROM "seed"
WHERE EXISTS (SELECT 1 FROM "Locality") OR EXISTS (SELECT 1 FROM "LocalityRole");

-- DropIndex
DROP INDEX "LocalityRole_localityId_kind_startsOn_idx";

-- AlterTable: convert the enum to a reference, then drop it
ALTER TABLE "LocalityRole" ADD COLUMN "kindId" INTEGER;
UPDATE "LocalityRole" SET "kindId" = "k"."id" FROM "LocalityRoleKind" AS "k" WHERE "k"."code" = lower(replace("LocalityRole"."kind"::text, '_', '-'));
ALTER TABLE "LocalityRole" ALTER COLUMN "kindId" SET NOT NULL;
ALTER TABLE "LocalityRole" DROP COLUMN "kind";

-- DropEnum
DROP TYPE "LocalityRoleKind_enum";

-- CreateIndex
CREATE INDEX "LocalityRole_localityId_kindId_startsOn_idx" ON "LocalityRole"("localityId", "kindId", "startsOn");

-- CreateIndex
CREATE INDEX "LocalityRole_kindId_idx" ON "LocalityRole"("kindId");

-- AddForeignKey
ALTER TABLE "LocalityRole" ADD CONSTRAINT "LocalityRole_kindId_fkey" FOREIGN KEY ("kindId") REFERENCES "LocalityRoleKind"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
