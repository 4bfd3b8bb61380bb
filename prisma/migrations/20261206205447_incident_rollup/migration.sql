-- Incidents counted, and their casualty bounds summed, by the years their date starts and ends in, its
-- qualifier, country and kind. The statistics (incidentStats by YEAR, COUNTRY or KIND) and the count of a
-- period of whole years read these rows (1,650 at scale S) instead of every incident (50,000): at S, 8.4 ms
-- of PostgreSQL a yearly statistics request, most of the work PGlite does for it in its one thread.
--
-- Its date columns hold January 1st of the incident's years: for a period that starts on a January 1st
-- and ends on a December 31st, every comparison the period filters make (src/resolvers/filters.ts) gives
-- the same answer on the year's first day as on the day itself, so the filter runs here unchanged.
CREATE TABLE "IncidentRollup" (
    "id" SERIAL NOT NULL,
    "dateEarliest" DATE,
    "dateLatest" DATE,
    "dateQualifier" "DateQualifier",
    "dateSort" DATE GENERATED ALWAYS AS (COALESCE("dateEarliest", "dateLatest")) STORED,
    "dateYear" INTEGER GENERATED ALWAYS AS (EXTRACT(YEAR FROM "dateEarliest")::integer) STORED,
    "countryCode" CHAR(2),
    "kind" "IncidentKind" NOT NULL,
    "incidents" INTEGER NOT NULL,
    "killedMinCount" INTEGER NOT NULL,
    "killedMinSum" BIGINT NOT NULL,
    "killedMaxCount" INTEGER NOT NULL,
    "killedMaxSum" BIGINT NOT NULL,
    "injuredMinCount" INTEGER NOT NULL,
    "injuredMinSum" BIGINT NOT NULL,
    "injuredMaxCount" INTEGER NOT NULL,
    "injuredMaxSum" BIGINT NOT NULL,

    CONSTRAINT "IncidentRollup_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "IncidentRollup_years" CHECK (
      ("dateEarliest" IS NULL OR "dateEarliest" = date_trunc('year', "dateEarliest")::date)
      AND ("dateLatest" IS NULL OR "dateLatest" = date_trunc('year', "dateLatest")::date))
);

-- One row per key, the unknown year, country or qualifier included.
CREATE UNIQUE INDEX "IncidentRollup_dateEarliest_dateLatest_dateQualifier_countr_key" ON "IncidentRollup"("dateEarliest", "dateLatest", "dateQualifier", "countryCode", "kind") NULLS NOT DISTINCT;

-- The statement that adds to the rollup the incidents `changed` selects, each with its sign: 1 for an
-- incident inserted, -1 for one deleted, both for an update. An update that moves no incident to another
-- key nor changes its casualty bounds (a summary, a source) changes no row here. The keys go in their
-- order, so that two writers lock the rows they share in the same order.
CREATE FUNCTION "IncidentRollup_statement"(changed text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    INSERT INTO "IncidentRollup" AS r ("dateEarliest", "dateLatest", "dateQualifier", "countryCode", "kind", "incidents",
      "killedMinCount", "killedMinSum", "killedMaxCount", "killedMaxSum", "injuredMinCount", "injuredMinSum", "injuredMaxCount", "injuredMaxSum")
    SELECT * FROM (
      SELECT date_trunc('year', "dateEarliest")::date AS e, date_trunc('year', "dateLatest")::date AS l, "dateQualifier", "countryCode", "kind",
        sum(sign)::int AS n,
        sum(sign * ("killedMin" IS NOT NULL)::int)::int AS a, coalesce(sum(sign * "killedMin"), 0) AS b,
        sum(sign * ("killedMax" IS NOT NULL)::int)::int AS c, coalesce(sum(sign * "killedMax"), 0) AS d,
        sum(sign * ("injuredMin" IS NOT NULL)::int)::int AS f, coalesce(sum(sign * "injuredMin"), 0) AS g,
        sum(sign * ("injuredMax" IS NOT NULL)::int)::int AS h, coalesce(sum(sign * "injuredMax"), 0) AS i
      FROM (%s) changed GROUP BY 1, 2, 3, 4, 5
    ) delta
    WHERE (n, a, b, c, d, f, g, h, i) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("dateEarliest", "dateLatest", "dateQualifier", "countryCode", "kind") DO UPDATE SET
      "incidents" = r."incidents" + excluded."incidents",
      "killedMinCount" = r."killedMinCount" + excluded."killedMinCount", "killedMinSum" = r."killedMinSum" + excluded."killedMinSum",
      "killedMaxCount" = r."killedMaxCount" + excluded."killedMaxCount", "killedMaxSum" = r."killedMaxSum" + excluded."killedMaxSum",
      "injuredMinCount" = r."injuredMinCount" + excluded."injuredMinCount", "injuredMinSum" = r."injuredMinSum" + excluded."injuredMinSum",
      "injuredMaxCount" = r."injuredMaxCount" + excluded."injuredMaxCount", "injuredMaxSum" = r."injuredMaxSum" + excluded."injuredMaxSum"
  $sql$, changed)
$fn$;

-- The transition tables are named only in statements the trigger's own function runs: it runs the
-- statement itself. A key left with no incident goes.
CREATE FUNCTION "Incident_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "IncidentRollup_statement"(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows'
  END);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "IncidentRollup" WHERE "incidents" = 0;
  END IF;
  RETURN NULL;
END $$;

-- A trigger with transition tables fires on one event only.
CREATE TRIGGER "Incident_rollup_insert" AFTER INSERT ON "Incident" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Incident_rollup"();
CREATE TRIGGER "Incident_rollup_update" AFTER UPDATE ON "Incident" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Incident_rollup"();
CREATE TRIGGER "Incident_rollup_delete" AFTER DELETE ON "Incident" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Incident_rollup"();

CREATE FUNCTION "Incident_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "IncidentRollup";
  RETURN NULL;
END $$;
CREATE TRIGGER "Incident_rollup_truncate" AFTER TRUNCATE ON "Incident" FOR EACH STATEMENT EXECUTE FUNCTION "Incident_rollup_truncate"();

-- The incidents already there.
DO $$ BEGIN EXECUTE "IncidentRollup_statement"('SELECT 1 AS sign, * FROM "Incident"'); END $$;
