-- CreateEnum
CREATE TYPE "CustomAreaBasis" AS ENUM ('SMALL_AREAS', 'LOCALITIES');

-- CreateTable
CREATE TABLE "CustomArea" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "versionId" TEXT NOT NULL,
    "basis" "CustomAreaBasis" NOT NULL,
    "sharingLevel" "SharingLevel" NOT NULL DEFAULT 'PARTNERSHIP',
    "authorPartnerId" INTEGER NOT NULL,
    "authorPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CustomArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomAreaMember" (
    "customAreaId" INTEGER NOT NULL,
    "smallAreaId" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CustomAreaMember_pkey" PRIMARY KEY ("customAreaId","smallAreaId")
);

-- CreateTable
CREATE TABLE "CustomAreaLocality" (
    "customAreaId" INTEGER NOT NULL,
    "localityId" INTEGER NOT NULL,

    CONSTRAINT "CustomAreaLocality_pkey" PRIMARY KEY ("customAreaId","localityId")
);

-- CreateTable
CREATE TABLE "CustomAreaShare" (
    "customAreaId" INTEGER NOT NULL,
    "partnerId" INTEGER NOT NULL,

    CONSTRAINT "CustomAreaShare_pkey" PRIMARY KEY ("customAreaId","partnerId")
);

-- CreateIndex
CREATE INDEX "CustomArea_sharingLevel_authorPartnerId_idx" ON "CustomArea"("sharingLevel", "authorPartnerId");

-- CreateIndex
CREATE INDEX "CustomAreaMember_smallAreaId_idx" ON "CustomAreaMember"("smallAreaId");

-- CreateIndex
CREATE INDEX "CustomAreaLocality_localityId_idx" ON "CustomAreaLocality"("localityId");

-- CreateIndex
CREATE INDEX "CustomAreaShare_partnerId_idx" ON "CustomAreaShare"("partnerId");

-- AddForeignKey
ALTER TABLE "CustomArea" ADD CONSTRAINT "CustomArea_authorPartnerId_fkey" FOREIGN KEY ("authorPartnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomArea" ADD CONSTRAINT "CustomArea_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaMember" ADD CONSTRAINT "CustomAreaMember_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaMember" ADD CONSTRAINT "CustomAreaMember_smallAreaId_fkey" FOREIGN KEY ("smallAreaId") REFERENCES "SmallArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaLocality" ADD CONSTRAINT "CustomAreaLocality_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaLocality" ADD CONSTRAINT "CustomAreaLocality_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaShare" ADD CONSTRAINT "CustomAreaShare_customAreaId_fkey" FOREIGN KEY ("customAreaId") REFERENCES "CustomArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomAreaShare" ADD CONSTRAINT "CustomAreaShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

