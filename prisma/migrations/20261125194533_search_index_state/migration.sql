-- CreateTable
CREATE TABLE "SearchIndexState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "normalization" INTEGER NOT NULL,
    "builtAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchIndexState_pkey" PRIMARY KEY ("id")
);


-- Hand-written: a single row. No row means the stored forms are of unknown version: start-up rebuilds them.
ALTER TABLE "SearchIndexState" ADD CONSTRAINT "SearchIndexState_one_row" CHECK ("id" = 1);
