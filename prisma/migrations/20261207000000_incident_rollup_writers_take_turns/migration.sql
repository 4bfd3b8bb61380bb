-- Writers of incidents take turns on the rollup, instead of deadlocking. Each statement's trigger locks
-- the rollup's rows of the keys it changes, in key order; but two transactions can still take such rows
-- in opposite orders across their statements (one writes a 2018 incident in Mali then a 2019 one in
-- Burkina Faso, the other the reverse), and PostgreSQL then rolls one back whole (deadlock detected).
-- Before any statement writing incidents, one lock is now taken for the rest of its transaction: a second
-- writer of incidents waits at its first incident statement until the first commits or rolls back.
CREATE FUNCTION "Incident_rollup_turn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Advisory locks are the database's own: keyed by the rollup's table, no other lock shares it.
  PERFORM pg_advisory_xact_lock('"IncidentRollup"'::regclass::oid::bigint);
  RETURN NULL;
END $$;
CREATE TRIGGER "Incident_rollup_turn" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION "Incident_rollup_turn"();
