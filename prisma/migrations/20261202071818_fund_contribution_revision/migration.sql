-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FundContribution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "fundId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "partnerId" INTEGER NOT NULL,
    "devolvedFrom" TEXT,
    "amountPence" BIGINT NOT NULL,
    "ringFencedTheme" TEXT,
    "spendBy" DATETIME,
    "receivedOn" DATETIME NOT NULL,
    "note" TEXT,
    "sharingLevel" TEXT NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FundContribution_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundContribution_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FundContribution_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FundContribution" ("amountPence", "authorPartnerId", "authorPersonId", "createdAt", "devolvedFrom", "fundId", "id", "kind", "note", "partnerId", "receivedOn", "ringFencedTheme", "sharingLevel", "spendBy", "updatedAt") SELECT "amountPence", "authorPartnerId", "authorPersonId", "createdAt", "devolvedFrom", "fundId", "id", "kind", "note", "partnerId", "receivedOn", "ringFencedTheme", "sharingLevel", "spendBy", "updatedAt" FROM "FundContribution";
DROP TABLE "FundContribution";
ALTER TABLE "new_FundContribution" RENAME TO "FundContribution";
CREATE INDEX "FundContribution_fundId_idx" ON "FundContribution"("fundId");
CREATE INDEX "FundContribution_sharingLevel_authorPartnerId_idx" ON "FundContribution"("sharingLevel", "authorPartnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

