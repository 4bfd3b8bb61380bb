-- CreateEnum
CREATE TYPE "QuantityQualifier" AS ENUM ('EXACT', 'APPROXIMATE', 'BETWEEN', 'AT_LEAST', 'MORE_THAN', 'AT_MOST', 'LESS_THAN');

-- AlterEnum (PostgreSQL 12+ adds values inside a transaction; the CHECKs below compare them as text,
-- since a value added in a transaction cannot be used as an enum literal before it commits)
ALTER TYPE "DateQualifier" ADD VALUE 'BEFORE';
ALTER TYPE "DateQualifier" ADD VALUE 'AFTER';

-- AlterEnum
ALTER TYPE "OrganizationKind" ADD VALUE 'STATE';

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "supports" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "OrganizationArea" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "OrganizationRelation" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Designation" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Estimate" ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "qualifier" "QuantityQualifier";

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "dateSort" DATE GENERATED ALWAYS AS (COALESCE("dateEarliest", "dateLatest")) STORED,
ADD COLUMN     "inferences" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "injuredQualifier" "QuantityQualifier",
ADD COLUMN     "killedQualifier" "QuantityQualifier";

-- CreateTable
CREATE TABLE "SourceDocument" (
    "sourceId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "SourceDocument_pkey" PRIMARY KEY ("sourceId")
);

-- CreateIndex
CREATE INDEX "Incident_dateSort_dateLatest_idx" ON "Incident"("dateSort", "dateLatest");

-- AddForeignKey
ALTER TABLE "SourceDocument" ADD CONSTRAINT "SourceDocument_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing figures get the qualifier their bounds imply.
UPDATE "Estimate" SET "qualifier" = (CASE WHEN "min" = "max" THEN 'EXACT' WHEN "min" IS NOT NULL AND "max" IS NOT NULL THEN 'BETWEEN'
  WHEN "max" IS NULL THEN 'AT_LEAST' ELSE 'AT_MOST' END)::"QuantityQualifier";
ALTER TABLE "Estimate" ALTER COLUMN "qualifier" SET NOT NULL;
UPDATE "Incident" SET "killedQualifier" = (CASE WHEN "killedMin" = "killedMax" THEN 'EXACT' WHEN "killedMax" IS NOT NULL THEN 'BETWEEN' ELSE 'AT_LEAST' END)::"QuantityQualifier"
  WHERE "killedMin" IS NOT NULL;
UPDATE "Incident" SET "injuredQualifier" = (CASE WHEN "injuredMin" = "injuredMax" THEN 'EXACT' WHEN "injuredMax" IS NOT NULL THEN 'BETWEEN' ELSE 'AT_LEAST' END)::"QuantityQualifier"
  WHERE "injuredMin" IS NOT NULL;

-- A date is unknown (all four columns null), or has a precision and a qualifier and the bounds the
-- qualifier implies: BEFORE leaves `earliest` open, AFTER leaves `latest` open, the others have both.

ALTER TABLE "Source" DROP CONSTRAINT "Source_published_partial_date";
ALTER TABLE "Source" ADD CONSTRAINT "Source_published_partial_date" CHECK (num_nulls("publishedEarliest", "publishedLatest", "publishedPrecision", "publishedQualifier") = 4 OR ("publishedPrecision" IS NOT NULL AND "publishedQualifier" IS NOT NULL AND CASE "publishedQualifier"::text WHEN 'BEFORE' THEN "publishedEarliest" IS NULL AND "publishedLatest" IS NOT NULL WHEN 'AFTER' THEN "publishedEarliest" IS NOT NULL AND "publishedLatest" IS NULL ELSE "publishedEarliest" <= "publishedLatest" END));
ALTER TABLE "Organization" DROP CONSTRAINT "Organization_founded_partial_date";
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_founded_partial_date" CHECK (num_nulls("foundedEarliest", "foundedLatest", "foundedPrecision", "foundedQualifier") = 4 OR ("foundedPrecision" IS NOT NULL AND "foundedQualifier" IS NOT NULL AND CASE "foundedQualifier"::text WHEN 'BEFORE' THEN "foundedEarliest" IS NULL AND "foundedLatest" IS NOT NULL WHEN 'AFTER' THEN "foundedEarliest" IS NOT NULL AND "foundedLatest" IS NULL ELSE "foundedEarliest" <= "foundedLatest" END));
ALTER TABLE "Organization" DROP CONSTRAINT "Organization_dissolved_partial_date";
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_dissolved_partial_date" CHECK (num_nulls("dissolvedEarliest", "dissolvedLatest", "dissolvedPrecision", "dissolvedQualifier") = 4 OR ("dissolvedPrecision" IS NOT NULL AND "dissolvedQualifier" IS NOT NULL AND CASE "dissolvedQualifier"::text WHEN 'BEFORE' THEN "dissolvedEarliest" IS NULL AND "dissolvedLatest" IS NOT NULL WHEN 'AFTER' THEN "dissolvedEarliest" IS NOT NULL AND "dissolvedLatest" IS NULL ELSE "dissolvedEarliest" <= "dissolvedLatest" END));
ALTER TABLE "OrganizationArea" DROP CONSTRAINT "OrganizationArea_start_partial_date";
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") = 4 OR ("startPrecision" IS NOT NULL AND "startQualifier" IS NOT NULL AND CASE "startQualifier"::text WHEN 'BEFORE' THEN "startEarliest" IS NULL AND "startLatest" IS NOT NULL WHEN 'AFTER' THEN "startEarliest" IS NOT NULL AND "startLatest" IS NULL ELSE "startEarliest" <= "startLatest" END));
ALTER TABLE "OrganizationArea" DROP CONSTRAINT "OrganizationArea_end_partial_date";
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") = 4 OR ("endPrecision" IS NOT NULL AND "endQualifier" IS NOT NULL AND CASE "endQualifier"::text WHEN 'BEFORE' THEN "endEarliest" IS NULL AND "endLatest" IS NOT NULL WHEN 'AFTER' THEN "endEarliest" IS NOT NULL AND "endLatest" IS NULL ELSE "endEarliest" <= "endLatest" END));
ALTER TABLE "OrganizationRelation" DROP CONSTRAINT "OrganizationRelation_start_partial_date";
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") = 4 OR ("startPrecision" IS NOT NULL AND "startQualifier" IS NOT NULL AND CASE "startQualifier"::text WHEN 'BEFORE' THEN "startEarliest" IS NULL AND "startLatest" IS NOT NULL WHEN 'AFTER' THEN "startEarliest" IS NOT NULL AND "startLatest" IS NULL ELSE "startEarliest" <= "startLatest" END));
ALTER TABLE "OrganizationRelation" DROP CONSTRAINT "OrganizationRelation_end_partial_date";
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") = 4 OR ("endPrecision" IS NOT NULL AND "endQualifier" IS NOT NULL AND CASE "endQualifier"::text WHEN 'BEFORE' THEN "endEarliest" IS NULL AND "endLatest" IS NOT NULL WHEN 'AFTER' THEN "endEarliest" IS NOT NULL AND "endLatest" IS NULL ELSE "endEarliest" <= "endLatest" END));
ALTER TABLE "Person" DROP CONSTRAINT "Person_born_partial_date";
ALTER TABLE "Person" ADD CONSTRAINT "Person_born_partial_date" CHECK (num_nulls("bornEarliest", "bornLatest", "bornPrecision", "bornQualifier") = 4 OR ("bornPrecision" IS NOT NULL AND "bornQualifier" IS NOT NULL AND CASE "bornQualifier"::text WHEN 'BEFORE' THEN "bornEarliest" IS NULL AND "bornLatest" IS NOT NULL WHEN 'AFTER' THEN "bornEarliest" IS NOT NULL AND "bornLatest" IS NULL ELSE "bornEarliest" <= "bornLatest" END));
ALTER TABLE "Person" DROP CONSTRAINT "Person_died_partial_date";
ALTER TABLE "Person" ADD CONSTRAINT "Person_died_partial_date" CHECK (num_nulls("diedEarliest", "diedLatest", "diedPrecision", "diedQualifier") = 4 OR ("diedPrecision" IS NOT NULL AND "diedQualifier" IS NOT NULL AND CASE "diedQualifier"::text WHEN 'BEFORE' THEN "diedEarliest" IS NULL AND "diedLatest" IS NOT NULL WHEN 'AFTER' THEN "diedEarliest" IS NOT NULL AND "diedLatest" IS NULL ELSE "diedEarliest" <= "diedLatest" END));
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_start_partial_date";
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") = 4 OR ("startPrecision" IS NOT NULL AND "startQualifier" IS NOT NULL AND CASE "startQualifier"::text WHEN 'BEFORE' THEN "startEarliest" IS NULL AND "startLatest" IS NOT NULL WHEN 'AFTER' THEN "startEarliest" IS NOT NULL AND "startLatest" IS NULL ELSE "startEarliest" <= "startLatest" END));
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_end_partial_date";
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") = 4 OR ("endPrecision" IS NOT NULL AND "endQualifier" IS NOT NULL AND CASE "endQualifier"::text WHEN 'BEFORE' THEN "endEarliest" IS NULL AND "endLatest" IS NOT NULL WHEN 'AFTER' THEN "endEarliest" IS NOT NULL AND "endLatest" IS NULL ELSE "endEarliest" <= "endLatest" END));
ALTER TABLE "Designation" DROP CONSTRAINT "Designation_listed_partial_date";
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_listed_partial_date" CHECK (num_nulls("listedEarliest", "listedLatest", "listedPrecision", "listedQualifier") = 4 OR ("listedPrecision" IS NOT NULL AND "listedQualifier" IS NOT NULL AND CASE "listedQualifier"::text WHEN 'BEFORE' THEN "listedEarliest" IS NULL AND "listedLatest" IS NOT NULL WHEN 'AFTER' THEN "listedEarliest" IS NOT NULL AND "listedLatest" IS NULL ELSE "listedEarliest" <= "listedLatest" END));
ALTER TABLE "Designation" DROP CONSTRAINT "Designation_delisted_partial_date";
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_delisted_partial_date" CHECK (num_nulls("delistedEarliest", "delistedLatest", "delistedPrecision", "delistedQualifier") = 4 OR ("delistedPrecision" IS NOT NULL AND "delistedQualifier" IS NOT NULL AND CASE "delistedQualifier"::text WHEN 'BEFORE' THEN "delistedEarliest" IS NULL AND "delistedLatest" IS NOT NULL WHEN 'AFTER' THEN "delistedEarliest" IS NOT NULL AND "delistedLatest" IS NULL ELSE "delistedEarliest" <= "delistedLatest" END));
ALTER TABLE "Estimate" DROP CONSTRAINT "Estimate_asOf_partial_date";
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_asOf_partial_date" CHECK (num_nulls("asOfEarliest", "asOfLatest", "asOfPrecision", "asOfQualifier") = 4 OR ("asOfPrecision" IS NOT NULL AND "asOfQualifier" IS NOT NULL AND CASE "asOfQualifier"::text WHEN 'BEFORE' THEN "asOfEarliest" IS NULL AND "asOfLatest" IS NOT NULL WHEN 'AFTER' THEN "asOfEarliest" IS NOT NULL AND "asOfLatest" IS NULL ELSE "asOfEarliest" <= "asOfLatest" END));
ALTER TABLE "Estimate" DROP CONSTRAINT "Estimate_periodStart_partial_date";
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_periodStart_partial_date" CHECK (num_nulls("periodStartEarliest", "periodStartLatest", "periodStartPrecision", "periodStartQualifier") = 4 OR ("periodStartPrecision" IS NOT NULL AND "periodStartQualifier" IS NOT NULL AND CASE "periodStartQualifier"::text WHEN 'BEFORE' THEN "periodStartEarliest" IS NULL AND "periodStartLatest" IS NOT NULL WHEN 'AFTER' THEN "periodStartEarliest" IS NOT NULL AND "periodStartLatest" IS NULL ELSE "periodStartEarliest" <= "periodStartLatest" END));
ALTER TABLE "Incident" DROP CONSTRAINT "Incident_date_partial_date";
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_date_partial_date" CHECK (num_nulls("dateEarliest", "dateLatest", "datePrecision", "dateQualifier") = 4 OR ("datePrecision" IS NOT NULL AND "dateQualifier" IS NOT NULL AND CASE "dateQualifier"::text WHEN 'BEFORE' THEN "dateEarliest" IS NULL AND "dateLatest" IS NOT NULL WHEN 'AFTER' THEN "dateEarliest" IS NOT NULL AND "dateLatest" IS NULL ELSE "dateEarliest" <= "dateLatest" END));

-- The bounds a quantity qualifier implies: EXACT one figure, BETWEEN and APPROXIMATE two bounds,
-- AT_LEAST/MORE_THAN a lower bound only, AT_MOST/LESS_THAN an upper bound only.
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_qualifier_bounds" CHECK (CASE "qualifier"::text
    WHEN 'EXACT' THEN COALESCE("min" = "max", false)
    WHEN 'APPROXIMATE' THEN "min" IS NOT NULL AND "max" IS NOT NULL
    WHEN 'BETWEEN' THEN COALESCE("min" < "max", false)
    WHEN 'AT_LEAST' THEN "min" IS NOT NULL AND "max" IS NULL
    WHEN 'MORE_THAN' THEN "min" IS NOT NULL AND "max" IS NULL
    ELSE "min" IS NULL AND "max" IS NOT NULL END);
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_killed_qualifier" CHECK (("killedQualifier" IS NULL AND "killedMin" IS NULL) OR ("killedQualifier" IS NOT NULL AND CASE "killedQualifier"::text
    WHEN 'EXACT' THEN COALESCE("killedMin" = "killedMax", false)
    WHEN 'APPROXIMATE' THEN "killedMin" IS NOT NULL AND "killedMax" IS NOT NULL
    WHEN 'BETWEEN' THEN COALESCE("killedMin" < "killedMax", false)
    WHEN 'AT_LEAST' THEN "killedMin" IS NOT NULL AND "killedMax" IS NULL
    WHEN 'MORE_THAN' THEN "killedMin" IS NOT NULL AND "killedMax" IS NULL
    ELSE "killedMin" IS NULL AND "killedMax" IS NOT NULL END));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_injured_qualifier" CHECK (("injuredQualifier" IS NULL AND "injuredMin" IS NULL) OR ("injuredQualifier" IS NOT NULL AND CASE "injuredQualifier"::text
    WHEN 'EXACT' THEN COALESCE("injuredMin" = "injuredMax", false)
    WHEN 'APPROXIMATE' THEN "injuredMin" IS NOT NULL AND "injuredMax" IS NOT NULL
    WHEN 'BETWEEN' THEN COALESCE("injuredMin" < "injuredMax", false)
    WHEN 'AT_LEAST' THEN "injuredMin" IS NOT NULL AND "injuredMax" IS NULL
    WHEN 'MORE_THAN' THEN "injuredMin" IS NOT NULL AND "injuredMax" IS NULL
    ELSE "injuredMin" IS NULL AND "injuredMax" IS NOT NULL END));
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "Person" ADD CONSTRAINT "Person_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_inferences_object" CHECK (jsonb_typeof("inferences") = 'object');
