-- Writers of incidents take turns on the rollup, instead of deadlocking. Each statement's trigger locks
-- the rollup's rows of the keys it changes, in key order; but two transactions can still take such rows
-- in opposite orders across their statements (one writes a 2018 incident in Mali then a 2019 one in
-- Burkina Faso, the other the reverse), and PostgreSQL then rolls one back whole (deadlock detected).
-- The trigger now first takes one lock for the rest of its transaction: a second writer of incidents
-- waits at its first incident statement until the first commits or rolls back.
CREATE OR REPLACE FUNCTION "Incident_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Advisory locks are the database's own: keyed by the rollup's table, no other lock shares it.
  PERFORM pg_advisory_xact_lock('"IncidentRollup"'::regclass::oid::bigint);
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

CREATE OR REPLACE FUNCTION "Incident_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock('"IncidentRollup"'::regclass::oid::bigint);
  DELETE FROM "IncidentRollup";
  RETURN NULL;
END $$;
