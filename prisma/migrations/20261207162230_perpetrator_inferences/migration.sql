-- AlterTable
ALTER TABLE "IncidentPerpetrator" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

