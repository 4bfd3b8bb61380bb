-- Name search runs in PostgreSQL itself: trigram similarity (pg_trgm) and full-text search.
-- fuzzystrmatch and unaccent are loaded for analysts' ad-hoc SQL; normalisation happens in TypeScript.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- CreateEnum
CREATE TYPE "SearchEntityType" AS ENUM ('ORGANIZATION', 'PERSON', 'INCIDENT', 'SOURCE');

-- CreateTable
CREATE TABLE "SearchName" (
    "id" UUID NOT NULL,
    "entityType" "SearchEntityType" NOT NULL,
    "organizationId" UUID,
    "personId" UUID,
    "incidentId" UUID,
    "sourceId" UUID,
    "aliasId" UUID,
    "name" TEXT NOT NULL,
    "kind" "AliasKind" NOT NULL,
    "quality" "AliasQuality" NOT NULL,
    "language" TEXT,
    "normalized" TEXT NOT NULL,
    "skeleton" TEXT NOT NULL,
    "acronym" TEXT,

    CONSTRAINT "SearchName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" UUID NOT NULL,
    "entityType" "SearchEntityType" NOT NULL,
    "organizationId" UUID,
    "personId" UUID,
    "incidentId" UUID,
    "sourceId" UUID,
    "content" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,
    "df" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "SearchWordVariant" (
    "variant" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWordVariant_pkey" PRIMARY KEY ("variant","word")
);

-- CreateIndex
CREATE INDEX "SearchName_normalized_idx" ON "SearchName"("normalized");

-- CreateIndex
CREATE INDEX "SearchName_skeleton_idx" ON "SearchName"("skeleton");

-- CreateIndex
CREATE INDEX "SearchName_acronym_idx" ON "SearchName"("acronym");

-- CreateIndex
CREATE INDEX "SearchName_organizationId_idx" ON "SearchName"("organizationId");

-- CreateIndex
CREATE INDEX "SearchName_personId_idx" ON "SearchName"("personId");

-- CreateIndex
CREATE INDEX "SearchName_incidentId_idx" ON "SearchName"("incidentId");

-- CreateIndex
CREATE INDEX "SearchName_sourceId_idx" ON "SearchName"("sourceId");

-- CreateIndex
CREATE INDEX "SearchName_aliasId_idx" ON "SearchName"("aliasId");

-- CreateIndex
CREATE INDEX "SearchDocument_organizationId_idx" ON "SearchDocument"("organizationId");

-- CreateIndex
CREATE INDEX "SearchDocument_personId_idx" ON "SearchDocument"("personId");

-- CreateIndex
CREATE INDEX "SearchDocument_incidentId_idx" ON "SearchDocument"("incidentId");

-- CreateIndex
CREATE INDEX "SearchDocument_sourceId_idx" ON "SearchDocument"("sourceId");

-- AddForeignKey
ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_aliasId_fkey" FOREIGN KEY ("aliasId") REFERENCES "Alias"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Indexes Prisma's schema language cannot express. GIN without fastupdate: writes are rare here,
-- and a pending list left unmerged (PGlite runs no autovacuum) makes every search scan it.
CREATE INDEX "SearchName_words_idx" ON "SearchName" USING GIN (string_to_array("skeleton", ' ')) WITH (fastupdate = off);
CREATE INDEX "SearchWord_trgm_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX "SearchWord_prefix_idx" ON "SearchWord" ("word" text_pattern_ops);
CREATE INDEX "SearchName_normalized_prefix_idx" ON "SearchName" ("normalized" text_pattern_ops);
CREATE INDEX "SearchDocument_text_fts_idx" ON "SearchDocument" USING GIN (to_tsvector('simple', "text")) WITH (fastupdate = off);

ALTER TABLE "SearchName" ADD CONSTRAINT "SearchName_one_entity" CHECK (num_nonnulls("organizationId", "personId", "incidentId", "sourceId") = 1);
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_one_entity" CHECK (num_nonnulls("organizationId", "personId", "incidentId", "sourceId") = 1);
