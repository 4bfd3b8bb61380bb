-- CreateEnum
CREATE TYPE "AttributeKind" AS ENUM ('DATE_OF_BIRTH', 'PLACE_OF_BIRTH', 'NATIONALITY', 'ADDRESS');

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "attributeId" UUID;

-- CreateTable
CREATE TABLE "Attribute" (
    "id" UUID NOT NULL,
    "kind" "AttributeKind" NOT NULL,
    "personId" UUID,
    "organizationId" UUID,
    "dateEarliest" DATE,
    "dateLatest" DATE,
    "datePrecision" "DatePrecision",
    "dateQualifier" "DateQualifier",
    "country" TEXT,
    "countryCode" CHAR(2),
    "region" TEXT,
    "city" TEXT,
    "street" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attribute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attribute_personId_idx" ON "Attribute"("personId");

-- CreateIndex
CREATE INDEX "Attribute_organizationId_idx" ON "Attribute"("organizationId");

-- CreateIndex
CREATE INDEX "Attribute_kind_countryCode_idx" ON "Attribute"("kind", "countryCode");

-- CreateIndex
CREATE INDEX "Citation_attributeId_idx" ON "Citation"("attributeId");

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "Attribute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- An attribute belongs to one record; a date of birth is a person's and has its date, a place has a country or a place name.
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_one_owner" CHECK (num_nonnulls("organizationId", "personId") = 1);
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_date_partial_date" CHECK (num_nulls("dateEarliest", "dateLatest", "datePrecision", "dateQualifier") = 4 OR ("datePrecision" IS NOT NULL AND "dateQualifier" IS NOT NULL AND CASE "dateQualifier"::text WHEN 'BEFORE' THEN "dateEarliest" IS NULL AND "dateLatest" IS NOT NULL WHEN 'AFTER' THEN "dateEarliest" IS NOT NULL AND "dateLatest" IS NULL ELSE "dateEarliest" <= "dateLatest" END));
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_kind_values" CHECK (CASE "kind"::text
  WHEN 'DATE_OF_BIRTH' THEN "personId" IS NOT NULL AND "datePrecision" IS NOT NULL AND num_nonnulls("country", "countryCode", "region", "city", "street", "note") = 0
  WHEN 'NATIONALITY' THEN "personId" IS NOT NULL AND "datePrecision" IS NULL AND "country" IS NOT NULL AND num_nonnulls("region", "city", "street", "note") = 0
  WHEN 'PLACE_OF_BIRTH' THEN "personId" IS NOT NULL AND "datePrecision" IS NULL AND num_nonnulls("country", "region", "city", "street", "note") > 0
  ELSE "datePrecision" IS NULL AND num_nonnulls("country", "region", "city", "street", "note") > 0 END);
ALTER TABLE "Citation" DROP CONSTRAINT "Citation_one_subject";
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_one_subject" CHECK (num_nonnulls("organizationId", "personId", "aliasId", "relationId", "areaId", "membershipId", "designationId", "estimateId", "incidentId", "perpetratorId", "participantId", "fundingStreamId", "fundingIncidentId", "externalIdentifierId", "assessmentId", "mentionId", "attributeId") = 1);
