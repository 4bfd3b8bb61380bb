-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "mentionId" UUID;

-- CreateTable
CREATE TABLE "Mention" (
    "id" UUID NOT NULL,
    "fromOrganizationId" UUID,
    "fromPersonId" UUID,
    "toOrganizationId" UUID,
    "toPersonId" UUID,
    "reference" TEXT NOT NULL,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Mention_fromOrganizationId_idx" ON "Mention"("fromOrganizationId");

-- CreateIndex
CREATE INDEX "Mention_fromPersonId_idx" ON "Mention"("fromPersonId");

-- CreateIndex
CREATE INDEX "Mention_toOrganizationId_idx" ON "Mention"("toOrganizationId");

-- CreateIndex
CREATE INDEX "Mention_toPersonId_idx" ON "Mention"("toPersonId");

-- CreateIndex
CREATE INDEX "Citation_mentionId_idx" ON "Citation"("mentionId");

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_mentionId_fkey" FOREIGN KEY ("mentionId") REFERENCES "Mention"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_fromOrganizationId_fkey" FOREIGN KEY ("fromOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_fromPersonId_fkey" FOREIGN KEY ("fromPersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_toOrganizationId_fkey" FOREIGN KEY ("toOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_toPersonId_fkey" FOREIGN KEY ("toPersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A mention names one record from one record, never itself; a citation still has exactly one subject.
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_one_from_one_to" CHECK (
  num_nonnulls("fromOrganizationId", "fromPersonId") = 1 AND num_nonnulls("toOrganizationId", "toPersonId") = 1
  AND COALESCE("fromOrganizationId" <> "toOrganizationId", true) AND COALESCE("fromPersonId" <> "toPersonId", true));
ALTER TABLE "Citation" DROP CONSTRAINT "Citation_one_subject";
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_one_subject" CHECK (num_nonnulls("organizationId", "personId", "aliasId", "relationId", "areaId", "membershipId", "designationId", "estimateId", "incidentId", "perpetratorId", "participantId", "fundingStreamId", "fundingIncidentId", "externalIdentifierId", "assessmentId", "mentionId") = 1);
