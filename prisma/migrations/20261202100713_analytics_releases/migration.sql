-- CreateTable
CREATE TABLE "AnalyticsRelease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AnalyticsSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "file" TEXT NOT NULL,
    "releaseId" INTEGER,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ImportLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AnalyticsRelease_sha256_idx" ON "AnalyticsRelease"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsSnapshot_file_key" ON "AnalyticsSnapshot"("file");

