-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "revisedAt" TIMESTAMPTZ(3);

