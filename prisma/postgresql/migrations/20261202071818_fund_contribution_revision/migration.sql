-- AlterTable
ALTER TABLE "FundContribution" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

