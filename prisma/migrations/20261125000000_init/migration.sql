-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "DateQualifier" AS ENUM ('EXACT', 'APPROXIMATE', 'BETWEEN');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('UN', 'GOVERNMENT', 'RESEARCH', 'NEWS', 'REFERENCE');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('COALITION', 'GROUP', 'FACTION', 'BRANCH', 'NETWORK', 'STATE_FORCE', 'MOVEMENT');

-- CreateEnum
CREATE TYPE "OrganizationStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'MERGED', 'DISSOLVED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AreaRole" AS ENUM ('BASE', 'STRONGHOLD', 'ACTIVE', 'EXPANDING', 'THREATENED');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('COMPONENT_OF', 'ALLEGIANCE_TO', 'BRANCH_OF', 'SUCCESSOR_OF', 'AFFILIATE_OF', 'MENTORED_BY', 'RIVAL_OF', 'COOPERATES_WITH', 'LINKED_TO');

-- CreateEnum
CREATE TYPE "AliasKind" AS ENUM ('CANONICAL', 'ACRONYM', 'TRANSLITERATION', 'TRANSLATION', 'FORMER_NAME', 'NOM_DE_GUERRE', 'SPELLING_VARIANT', 'ALTERNATIVE_NAME', 'ORIGINAL_SCRIPT');

-- CreateEnum
CREATE TYPE "AliasQuality" AS ENUM ('STRONG', 'WEAK');

-- CreateEnum
CREATE TYPE "PersonStatus" AS ENUM ('ALIVE', 'DECEASED', 'DETAINED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('LEADER', 'FOUNDER', 'MILITARY_COMMANDER', 'OPERATIONAL_LEADER', 'DEPUTY', 'LIEUTENANT', 'EXECUTIVE', 'MEMBER', 'ASSOCIATE');

-- CreateEnum
CREATE TYPE "DesignationAuthority" AS ENUM ('UN_SECURITY_COUNCIL', 'UNITED_STATES', 'EUROPEAN_UNION', 'UNITED_KINGDOM', 'FRANCE', 'OTHER');

-- CreateEnum
CREATE TYPE "EstimateKind" AS ENUM ('FIGHTERS', 'ANNUAL_REVENUE', 'SHARE_OF_VIOLENCE', 'RANSOM', 'PRISONERS_RELEASED', 'FORCES_KILLED');

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('ATTACK', 'ARMED_ASSAULT', 'SUICIDE_BOMBING', 'VEHICLE_BOMB', 'BOMBING', 'KIDNAPPING', 'HOSTAGE_RELEASE', 'PRISONER_EXCHANGE', 'TARGETED_KILLING', 'COORDINATED_ATTACK', 'MILITARY_OPERATION');

-- CreateEnum
CREATE TYPE "TargetKind" AS ENUM ('MILITARY', 'FOREIGN_MILITARY', 'PEACEKEEPERS', 'POLICE', 'GOVERNMENT', 'CIVILIANS', 'FOREIGN_CIVILIANS', 'TOURISTS', 'BUSINESS', 'RESIDENTIAL', 'MILITANTS');

-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('CLAIMED', 'ATTRIBUTED', 'SUSPECTED');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('LEADER', 'PERPETRATOR', 'TARGET', 'VICTIM', 'HOSTAGE', 'RELEASED_PRISONER', 'ANNOUNCER', 'NEGOTIATOR');

-- CreateEnum
CREATE TYPE "FundingKind" AS ENUM ('TRANSIT_EXTORTION', 'KIDNAPPING_FOR_RANSOM', 'TAXATION', 'SMUGGLING', 'TRAFFICKING_TAX', 'ARTISANAL_MINING', 'EXTERNAL_SUPPORT');

-- CreateEnum
CREATE TYPE "FundingSignificance" AS ENUM ('PRIMARY', 'SECONDARY', 'MINOR', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "IdentifierScheme" AS ENUM ('UN_REFERENCE', 'ACLED_ACTOR', 'GTD_GROUP', 'MMP_GROUP', 'WIKIDATA');

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "kind" "SourceKind" NOT NULL,
    "publishedEarliest" DATE,
    "publishedLatest" DATE,
    "publishedPrecision" "DatePrecision",
    "publishedQualifier" "DateQualifier",
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Citation" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "quote" TEXT NOT NULL,
    "locator" TEXT,
    "attributedTo" TEXT,
    "organizationId" UUID,
    "personId" UUID,
    "aliasId" UUID,
    "relationId" UUID,
    "areaId" UUID,
    "membershipId" UUID,
    "designationId" UUID,
    "estimateId" UUID,
    "incidentId" UUID,
    "perpetratorId" UUID,
    "participantId" UUID,
    "fundingStreamId" UUID,
    "fundingIncidentId" UUID,
    "externalIdentifierId" UUID,
    "assessmentId" UUID,

    CONSTRAINT "Citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "status" "OrganizationStatus" NOT NULL DEFAULT 'UNKNOWN',
    "summary" TEXT,
    "ideology" TEXT,
    "foundedEarliest" DATE,
    "foundedLatest" DATE,
    "foundedPrecision" "DatePrecision",
    "foundedQualifier" "DateQualifier",
    "dissolvedEarliest" DATE,
    "dissolvedLatest" DATE,
    "dissolvedPrecision" "DatePrecision",
    "dissolvedQualifier" "DateQualifier",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationArea" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "region" TEXT,
    "role" "AreaRole" NOT NULL,
    "startEarliest" DATE,
    "startLatest" DATE,
    "startPrecision" "DatePrecision",
    "startQualifier" "DateQualifier",
    "endEarliest" DATE,
    "endLatest" DATE,
    "endPrecision" "DatePrecision",
    "endQualifier" "DateQualifier",

    CONSTRAINT "OrganizationArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationRelation" (
    "id" UUID NOT NULL,
    "type" "RelationType" NOT NULL,
    "fromId" UUID NOT NULL,
    "toId" UUID NOT NULL,
    "description" TEXT,
    "startEarliest" DATE,
    "startLatest" DATE,
    "startPrecision" "DatePrecision",
    "startQualifier" "DateQualifier",
    "endEarliest" DATE,
    "endLatest" DATE,
    "endPrecision" "DatePrecision",
    "endQualifier" "DateQualifier",

    CONSTRAINT "OrganizationRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alias" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AliasKind" NOT NULL,
    "language" TEXT,
    "quality" "AliasQuality" NOT NULL DEFAULT 'STRONG',
    "organizationId" UUID,
    "personId" UUID,

    CONSTRAINT "Alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL DEFAULT 'UNKNOWN',
    "nationality" CHAR(2),
    "biography" TEXT,
    "bornEarliest" DATE,
    "bornLatest" DATE,
    "bornPrecision" "DatePrecision",
    "bornQualifier" "DateQualifier",
    "diedEarliest" DATE,
    "diedLatest" DATE,
    "diedPrecision" "DatePrecision",
    "diedQualifier" "DateQualifier",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "MembershipRole" NOT NULL,
    "title" TEXT,
    "startEarliest" DATE,
    "startLatest" DATE,
    "startPrecision" "DatePrecision",
    "startQualifier" "DateQualifier",
    "endEarliest" DATE,
    "endLatest" DATE,
    "endPrecision" "DatePrecision",
    "endQualifier" "DateQualifier",

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Designation" (
    "id" UUID NOT NULL,
    "authority" "DesignationAuthority" NOT NULL,
    "program" TEXT NOT NULL,
    "reference" TEXT,
    "organizationId" UUID,
    "personId" UUID,
    "listedEarliest" DATE,
    "listedLatest" DATE,
    "listedPrecision" "DatePrecision",
    "listedQualifier" "DateQualifier",
    "delistedEarliest" DATE,
    "delistedLatest" DATE,
    "delistedPrecision" "DatePrecision",
    "delistedQualifier" "DateQualifier",

    CONSTRAINT "Designation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Estimate" (
    "id" UUID NOT NULL,
    "kind" "EstimateKind" NOT NULL,
    "min" DECIMAL(20,4),
    "max" DECIMAL(20,4),
    "unit" TEXT NOT NULL,
    "scope" TEXT,
    "countryCode" CHAR(2),
    "organizationId" UUID,
    "fundingStreamId" UUID,
    "incidentId" UUID,
    "asOfEarliest" DATE,
    "asOfLatest" DATE,
    "asOfPrecision" "DatePrecision",
    "asOfQualifier" "DateQualifier",
    "periodStartEarliest" DATE,
    "periodStartLatest" DATE,
    "periodStartPrecision" "DatePrecision",
    "periodStartQualifier" "DateQualifier",

    CONSTRAINT "Estimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "IncidentKind" NOT NULL,
    "summary" TEXT,
    "dateEarliest" DATE,
    "dateLatest" DATE,
    "datePrecision" "DatePrecision",
    "dateQualifier" "DateQualifier",
    "place" TEXT,
    "adminRegion" TEXT,
    "countryCode" CHAR(2),
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "killedMin" INTEGER,
    "killedMax" INTEGER,
    "injuredMin" INTEGER,
    "injuredMax" INTEGER,
    "targets" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentPerpetrator" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "attribution" "Attribution" NOT NULL,

    CONSTRAINT "IncidentPerpetrator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentParticipant" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "ParticipantRole" NOT NULL,
    "description" TEXT,

    CONSTRAINT "IncidentParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingStream" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "FundingKind" NOT NULL,
    "significance" "FundingSignificance" NOT NULL DEFAULT 'UNKNOWN',
    "description" TEXT NOT NULL,

    CONSTRAINT "FundingStream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingStreamIncident" (
    "id" UUID NOT NULL,
    "fundingStreamId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "description" TEXT,

    CONSTRAINT "FundingStreamIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalIdentifier" (
    "id" UUID NOT NULL,
    "scheme" "IdentifierScheme" NOT NULL,
    "value" TEXT NOT NULL,
    "organizationId" UUID,
    "personId" UUID,

    CONSTRAINT "ExternalIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "organizationId" UUID,
    "personId" UUID,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE INDEX "Source_kind_idx" ON "Source"("kind");

-- CreateIndex
CREATE INDEX "Source_publishedEarliest_idx" ON "Source"("publishedEarliest");

-- CreateIndex
CREATE INDEX "Citation_sourceId_idx" ON "Citation"("sourceId");

-- CreateIndex
CREATE INDEX "Citation_organizationId_idx" ON "Citation"("organizationId");

-- CreateIndex
CREATE INDEX "Citation_personId_idx" ON "Citation"("personId");

-- CreateIndex
CREATE INDEX "Citation_aliasId_idx" ON "Citation"("aliasId");

-- CreateIndex
CREATE INDEX "Citation_relationId_idx" ON "Citation"("relationId");

-- CreateIndex
CREATE INDEX "Citation_areaId_idx" ON "Citation"("areaId");

-- CreateIndex
CREATE INDEX "Citation_membershipId_idx" ON "Citation"("membershipId");

-- CreateIndex
CREATE INDEX "Citation_designationId_idx" ON "Citation"("designationId");

-- CreateIndex
CREATE INDEX "Citation_estimateId_idx" ON "Citation"("estimateId");

-- CreateIndex
CREATE INDEX "Citation_incidentId_idx" ON "Citation"("incidentId");

-- CreateIndex
CREATE INDEX "Citation_perpetratorId_idx" ON "Citation"("perpetratorId");

-- CreateIndex
CREATE INDEX "Citation_participantId_idx" ON "Citation"("participantId");

-- CreateIndex
CREATE INDEX "Citation_fundingStreamId_idx" ON "Citation"("fundingStreamId");

-- CreateIndex
CREATE INDEX "Citation_fundingIncidentId_idx" ON "Citation"("fundingIncidentId");

-- CreateIndex
CREATE INDEX "Citation_externalIdentifierId_idx" ON "Citation"("externalIdentifierId");

-- CreateIndex
CREATE INDEX "Citation_assessmentId_idx" ON "Citation"("assessmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Organization_kind_idx" ON "Organization"("kind");

-- CreateIndex
CREATE INDEX "Organization_status_idx" ON "Organization"("status");

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Organization_foundedEarliest_idx" ON "Organization"("foundedEarliest");

-- CreateIndex
CREATE INDEX "OrganizationArea_organizationId_idx" ON "OrganizationArea"("organizationId");

-- CreateIndex
CREATE INDEX "OrganizationArea_countryCode_role_idx" ON "OrganizationArea"("countryCode", "role");

-- CreateIndex
CREATE INDEX "OrganizationRelation_fromId_type_idx" ON "OrganizationRelation"("fromId", "type");

-- CreateIndex
CREATE INDEX "OrganizationRelation_toId_type_idx" ON "OrganizationRelation"("toId", "type");

-- CreateIndex
CREATE INDEX "Alias_organizationId_idx" ON "Alias"("organizationId");

-- CreateIndex
CREATE INDEX "Alias_personId_idx" ON "Alias"("personId");

-- CreateIndex
CREATE INDEX "Alias_name_idx" ON "Alias"("name");

-- CreateIndex
CREATE INDEX "Alias_kind_idx" ON "Alias"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slug_key" ON "Person"("slug");

-- CreateIndex
CREATE INDEX "Person_status_idx" ON "Person"("status");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE INDEX "Person_nationality_idx" ON "Person"("nationality");

-- CreateIndex
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");

-- CreateIndex
CREATE INDEX "Membership_organizationId_role_idx" ON "Membership"("organizationId", "role");

-- CreateIndex
CREATE INDEX "Designation_organizationId_idx" ON "Designation"("organizationId");

-- CreateIndex
CREATE INDEX "Designation_personId_idx" ON "Designation"("personId");

-- CreateIndex
CREATE INDEX "Designation_authority_idx" ON "Designation"("authority");

-- CreateIndex
CREATE INDEX "Designation_reference_idx" ON "Designation"("reference");

-- CreateIndex
CREATE INDEX "Estimate_organizationId_kind_idx" ON "Estimate"("organizationId", "kind");

-- CreateIndex
CREATE INDEX "Estimate_fundingStreamId_idx" ON "Estimate"("fundingStreamId");

-- CreateIndex
CREATE INDEX "Estimate_incidentId_idx" ON "Estimate"("incidentId");

-- CreateIndex
CREATE INDEX "Estimate_kind_idx" ON "Estimate"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_slug_key" ON "Incident"("slug");

-- CreateIndex
CREATE INDEX "Incident_dateEarliest_dateLatest_idx" ON "Incident"("dateEarliest", "dateLatest");

-- CreateIndex
CREATE INDEX "Incident_countryCode_idx" ON "Incident"("countryCode");

-- CreateIndex
CREATE INDEX "Incident_kind_idx" ON "Incident"("kind");

-- CreateIndex
CREATE INDEX "Incident_killedMin_idx" ON "Incident"("killedMin");

-- CreateIndex
CREATE INDEX "Incident_targets_idx" ON "Incident" USING GIN ("targets");

-- CreateIndex
CREATE INDEX "IncidentPerpetrator_organizationId_idx" ON "IncidentPerpetrator"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentPerpetrator_incidentId_organizationId_key" ON "IncidentPerpetrator"("incidentId", "organizationId");

-- CreateIndex
CREATE INDEX "IncidentParticipant_personId_idx" ON "IncidentParticipant"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentParticipant_incidentId_personId_role_key" ON "IncidentParticipant"("incidentId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "FundingStream_slug_key" ON "FundingStream"("slug");

-- CreateIndex
CREATE INDEX "FundingStream_organizationId_kind_idx" ON "FundingStream"("organizationId", "kind");

-- CreateIndex
CREATE INDEX "FundingStream_kind_idx" ON "FundingStream"("kind");

-- CreateIndex
CREATE INDEX "FundingStreamIncident_incidentId_idx" ON "FundingStreamIncident"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "FundingStreamIncident_fundingStreamId_incidentId_key" ON "FundingStreamIncident"("fundingStreamId", "incidentId");

-- CreateIndex
CREATE INDEX "ExternalIdentifier_organizationId_idx" ON "ExternalIdentifier"("organizationId");

-- CreateIndex
CREATE INDEX "ExternalIdentifier_personId_idx" ON "ExternalIdentifier"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalIdentifier_scheme_value_key" ON "ExternalIdentifier"("scheme", "value");

-- CreateIndex
CREATE INDEX "Assessment_organizationId_idx" ON "Assessment"("organizationId");

-- CreateIndex
CREATE INDEX "Assessment_personId_idx" ON "Assessment"("personId");

-- CreateIndex
CREATE INDEX "Assessment_topic_idx" ON "Assessment"("topic");

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_aliasId_fkey" FOREIGN KEY ("aliasId") REFERENCES "Alias"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "OrganizationRelation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "OrganizationArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_designationId_fkey" FOREIGN KEY ("designationId") REFERENCES "Designation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_estimateId_fkey" FOREIGN KEY ("estimateId") REFERENCES "Estimate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_perpetratorId_fkey" FOREIGN KEY ("perpetratorId") REFERENCES "IncidentPerpetrator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "IncidentParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_fundingStreamId_fkey" FOREIGN KEY ("fundingStreamId") REFERENCES "FundingStream"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_fundingIncidentId_fkey" FOREIGN KEY ("fundingIncidentId") REFERENCES "FundingStreamIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_externalIdentifierId_fkey" FOREIGN KEY ("externalIdentifierId") REFERENCES "ExternalIdentifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_fundingStreamId_fkey" FOREIGN KEY ("fundingStreamId") REFERENCES "FundingStream"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerpetrator" ADD CONSTRAINT "IncidentPerpetrator_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerpetrator" ADD CONSTRAINT "IncidentPerpetrator_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentParticipant" ADD CONSTRAINT "IncidentParticipant_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentParticipant" ADD CONSTRAINT "IncidentParticipant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingStream" ADD CONSTRAINT "FundingStream_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingStreamIncident" ADD CONSTRAINT "FundingStreamIncident_fundingStreamId_fkey" FOREIGN KEY ("fundingStreamId") REFERENCES "FundingStream"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingStreamIncident" ADD CONSTRAINT "FundingStreamIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalIdentifier" ADD CONSTRAINT "ExternalIdentifier_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalIdentifier" ADD CONSTRAINT "ExternalIdentifier_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Constraints Prisma's schema language cannot express: they keep hand-written and imported data honest.
ALTER TABLE "Source" ADD CONSTRAINT "Source_published_partial_date" CHECK (num_nulls("publishedEarliest", "publishedLatest", "publishedPrecision", "publishedQualifier") IN (0, 4) AND "publishedEarliest" <= "publishedLatest");
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_founded_partial_date" CHECK (num_nulls("foundedEarliest", "foundedLatest", "foundedPrecision", "foundedQualifier") IN (0, 4) AND "foundedEarliest" <= "foundedLatest");
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_dissolved_partial_date" CHECK (num_nulls("dissolvedEarliest", "dissolvedLatest", "dissolvedPrecision", "dissolvedQualifier") IN (0, 4) AND "dissolvedEarliest" <= "dissolvedLatest");
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") IN (0, 4) AND "startEarliest" <= "startLatest");
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") IN (0, 4) AND "endEarliest" <= "endLatest");
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") IN (0, 4) AND "startEarliest" <= "startLatest");
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") IN (0, 4) AND "endEarliest" <= "endLatest");
ALTER TABLE "Person" ADD CONSTRAINT "Person_born_partial_date" CHECK (num_nulls("bornEarliest", "bornLatest", "bornPrecision", "bornQualifier") IN (0, 4) AND "bornEarliest" <= "bornLatest");
ALTER TABLE "Person" ADD CONSTRAINT "Person_died_partial_date" CHECK (num_nulls("diedEarliest", "diedLatest", "diedPrecision", "diedQualifier") IN (0, 4) AND "diedEarliest" <= "diedLatest");
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_start_partial_date" CHECK (num_nulls("startEarliest", "startLatest", "startPrecision", "startQualifier") IN (0, 4) AND "startEarliest" <= "startLatest");
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_end_partial_date" CHECK (num_nulls("endEarliest", "endLatest", "endPrecision", "endQualifier") IN (0, 4) AND "endEarliest" <= "endLatest");
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_listed_partial_date" CHECK (num_nulls("listedEarliest", "listedLatest", "listedPrecision", "listedQualifier") IN (0, 4) AND "listedEarliest" <= "listedLatest");
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_delisted_partial_date" CHECK (num_nulls("delistedEarliest", "delistedLatest", "delistedPrecision", "delistedQualifier") IN (0, 4) AND "delistedEarliest" <= "delistedLatest");
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_asOf_partial_date" CHECK (num_nulls("asOfEarliest", "asOfLatest", "asOfPrecision", "asOfQualifier") IN (0, 4) AND "asOfEarliest" <= "asOfLatest");
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_periodStart_partial_date" CHECK (num_nulls("periodStartEarliest", "periodStartLatest", "periodStartPrecision", "periodStartQualifier") IN (0, 4) AND "periodStartEarliest" <= "periodStartLatest");
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_date_partial_date" CHECK (num_nulls("dateEarliest", "dateLatest", "datePrecision", "dateQualifier") IN (0, 4) AND "dateEarliest" <= "dateLatest");
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_one_subject" CHECK (num_nonnulls("organizationId", "personId", "aliasId", "relationId", "areaId", "membershipId", "designationId", "estimateId", "incidentId", "perpetratorId", "participantId", "fundingStreamId", "fundingIncidentId", "externalIdentifierId", "assessmentId") = 1);
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_one_subject" CHECK (num_nonnulls("organizationId", "personId") = 1);
ALTER TABLE "Designation" ADD CONSTRAINT "Designation_one_subject" CHECK (num_nonnulls("organizationId", "personId") = 1);
ALTER TABLE "ExternalIdentifier" ADD CONSTRAINT "ExternalIdentifier_one_subject" CHECK (num_nonnulls("organizationId", "personId") = 1);
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_one_subject" CHECK (num_nonnulls("organizationId", "personId") = 1);
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_has_subject" CHECK (num_nonnulls("organizationId", "fundingStreamId", "incidentId", "countryCode") >= 1);
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_bounds" CHECK (num_nonnulls("min", "max") >= 1 AND ("min" IS NULL OR "max" IS NULL OR "min" <= "max"));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_killed_range" CHECK (("killedMin" IS NOT NULL AND "killedMin" >= 0 AND ("killedMax" IS NULL OR "killedMax" >= "killedMin")) OR ("killedMin" IS NULL AND "killedMax" IS NULL));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_injured_range" CHECK (("injuredMin" IS NOT NULL AND "injuredMin" >= 0 AND ("injuredMax" IS NULL OR "injuredMax" >= "injuredMin")) OR ("injuredMin" IS NULL AND "injuredMax" IS NULL));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_coordinates" CHECK (num_nulls("latitude", "longitude") IN (0, 2) AND ("latitude" IS NULL OR "latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180));
ALTER TABLE "OrganizationRelation" ADD CONSTRAINT "OrganizationRelation_not_self" CHECK ("fromId" <> "toId");
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "Person" ADD CONSTRAINT "Person_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "Source" ADD CONSTRAINT "Source_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "FundingStream" ADD CONSTRAINT "FundingStream_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "OrganizationArea" ADD CONSTRAINT "OrganizationArea_countryCode_iso" CHECK ("countryCode" ~ '^[A-Z]{2}$');
ALTER TABLE "Person" ADD CONSTRAINT "Person_nationality_iso" CHECK ("nationality" ~ '^[A-Z]{2}$');
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_countryCode_iso" CHECK ("countryCode" ~ '^[A-Z]{2}$');
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_countryCode_iso" CHECK ("countryCode" ~ '^[A-Z]{2}$');
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_targets_known" CHECK ("targets" <@ enum_range(NULL::"TargetKind")::text[]);
