-- AlterEnum
ALTER TYPE "OrganizationKind" ADD VALUE 'UNKNOWN';

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "format" TEXT,
ADD COLUMN     "importedAt" TIMESTAMPTZ(3),
ADD COLUMN     "sha256" TEXT;

-- CreateTable
CREATE TABLE "MergeCandidate" (
    "id" UUID NOT NULL,
    "recordOrganizationId" UUID,
    "candidateOrganizationId" UUID,
    "recordPersonId" UUID,
    "candidatePersonId" UUID,
    "sourceId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MergeCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MergeCandidate_recordOrganizationId_idx" ON "MergeCandidate"("recordOrganizationId");

-- CreateIndex
CREATE INDEX "MergeCandidate_candidateOrganizationId_idx" ON "MergeCandidate"("candidateOrganizationId");

-- CreateIndex
CREATE INDEX "MergeCandidate_recordPersonId_idx" ON "MergeCandidate"("recordPersonId");

-- CreateIndex
CREATE INDEX "MergeCandidate_candidatePersonId_idx" ON "MergeCandidate"("candidatePersonId");

-- CreateIndex
CREATE INDEX "MergeCandidate_score_idx" ON "MergeCandidate"("score");

-- CreateIndex
CREATE UNIQUE INDEX "Source_sha256_key" ON "Source"("sha256");

-- AddForeignKey
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_recordOrganizationId_fkey" FOREIGN KEY ("recordOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_candidateOrganizationId_fkey" FOREIGN KEY ("candidateOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_recordPersonId_fkey" FOREIGN KEY ("recordPersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_candidatePersonId_fkey" FOREIGN KEY ("candidatePersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A candidate pair is two organizations or two persons, never mixed, never a record with itself.
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_one_pair" CHECK (
  (num_nonnulls("recordOrganizationId", "candidateOrganizationId") = 2 AND num_nonnulls("recordPersonId", "candidatePersonId") = 0
    AND "recordOrganizationId" <> "candidateOrganizationId")
  OR (num_nonnulls("recordPersonId", "candidatePersonId") = 2 AND num_nonnulls("recordOrganizationId", "candidateOrganizationId") = 0
    AND "recordPersonId" <> "candidatePersonId"));
ALTER TABLE "MergeCandidate" ADD CONSTRAINT "MergeCandidate_score_range" CHECK ("score" >= 0 AND "score" <= 1);
ALTER TABLE "Source" ADD CONSTRAINT "Source_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
