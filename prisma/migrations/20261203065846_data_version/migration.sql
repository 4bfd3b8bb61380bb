-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);


-- One row only; it exists from the start, so writers only update it.
ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_one_row" CHECK ("id" = 1);
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
