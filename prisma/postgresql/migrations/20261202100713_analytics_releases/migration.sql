-- CreateTable
CREATE TABLE "AnalyticsRelease" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedBy" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL,

    CONSTRAINT "AnalyticsRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalyticsSnapshot" (
    "id" SERIAL NOT NULL,
    "file" TEXT NOT NULL,
    "releaseId" INTEGER,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportLock" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportLock_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "AnalyticsRelease_sha256_idx" ON "AnalyticsRelease"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsSnapshot_file_key" ON "AnalyticsSnapshot"("file");

