-- Full-text search reads a stored tsvector: ts_rank on the expression index recomputed
-- to_tsvector for every matching document. Prisma cannot express a generated column: hand-written.
ALTER TABLE "SearchDocument" ADD COLUMN "vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "text")) STORED;

DROP INDEX "SearchDocument_text_fts_idx";

CREATE INDEX "SearchDocument_vector_idx" ON "SearchDocument" USING GIN ("vector") WITH (fastupdate = off);
