-- The year incidents are counted under in yearly statistics: that of the earliest possible day (an
-- incident dated "before 2020" has none and counts as unknown). Generated, so it cannot disagree.
ALTER TABLE "Incident" ADD COLUMN "dateYear" INTEGER GENERATED ALWAYS AS (EXTRACT(YEAR FROM "dateEarliest")::integer) STORED;

-- CreateIndex
CREATE INDEX "Incident_dateYear_idx" ON "Incident"("dateYear");

-- The newest-first and deadliest-first incident orders, as the keyset pagination sorts them (nulls
-- last, then id). Prisma's schema cannot state NULLS LAST; without these, a page of the newest
-- incidents sorts every incident that meets the filter.
CREATE INDEX "Incident_date_desc_idx" ON "Incident"("dateSort" DESC NULLS LAST, "dateLatest" DESC NULLS LAST, "id");
CREATE INDEX "Incident_killed_desc_idx" ON "Incident"("killedMin" DESC NULLS LAST, "dateSort" DESC NULLS LAST, "id");
