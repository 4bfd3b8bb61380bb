-- CreateEnum
CREATE TYPE "IncidentRole" AS ENUM ('ACTED', 'ACTED_ON', 'SIDE', 'PARTY');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrganizationKind" ADD VALUE 'POLITICAL_MILITIA';
ALTER TYPE "OrganizationKind" ADD VALUE 'IDENTITY_MILITIA';
ALTER TYPE "OrganizationKind" ADD VALUE 'EXTERNAL_FORCE';
ALTER TYPE "OrganizationKind" ADD VALUE 'CIVILIAN_GROUP';
ALTER TYPE "OrganizationKind" ADD VALUE 'CROWD';
ALTER TYPE "OrganizationKind" ADD VALUE 'COMPANY';
ALTER TYPE "OrganizationKind" ADD VALUE 'CHARITY';
ALTER TYPE "OrganizationKind" ADD VALUE 'GOVERNMENT_BODY';

-- DropIndex
DROP INDEX "IncidentPerpetrator_organizationId_idx";

-- AlterTable
ALTER TABLE "IncidentPerpetrator" ADD COLUMN     "role" "IncidentRole" NOT NULL DEFAULT 'ACTED',
ADD COLUMN     "side" INTEGER;

-- CreateIndex
CREATE INDEX "IncidentPerpetrator_organizationId_role_idx" ON "IncidentPerpetrator"("organizationId", "role");


-- Two sides at most: ACLED pairs an event's actors as actor 1 and actor 2.
ALTER TABLE "IncidentPerpetrator" ADD CONSTRAINT "IncidentPerpetrator_side_check" CHECK ("side" IN (1, 2));
