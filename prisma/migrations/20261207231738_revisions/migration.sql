-- CreateTable
CREATE TABLE "Revision" (
    "sequence" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT,
    "action" TEXT,
    "operation" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "entityIds" UUID[],
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE INDEX "Revision_recordId_sequence_idx" ON "Revision"("recordId", "sequence");

-- CreateIndex
CREATE INDEX "Revision_recordType_sequence_idx" ON "Revision"("recordType", "sequence");

-- CreateIndex
CREATE INDEX "Revision_transactionId_idx" ON "Revision"("transactionId");

-- CreateIndex
CREATE INDEX "Revision_entityIds_idx" ON "Revision" USING GIN ("entityIds");

-- CreateIndex
CREATE INDEX "Revision_at_idx" ON "Revision"("at");

-- CreateEnum
CREATE TYPE "MergeVerdict" AS ENUM ('SAME', 'DIFFERENT');

-- CreateTable
CREATE TABLE "MergeDecision" (
    "id" UUID NOT NULL,
    "organizationAId" UUID,
    "organizationBId" UUID,
    "personAId" UUID,
    "personBId" UUID,
    "verdict" "MergeVerdict" NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MergeDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MergeDecision_organizationAId_organizationBId_key" ON "MergeDecision"("organizationAId", "organizationBId");

-- CreateIndex
CREATE UNIQUE INDEX "MergeDecision_personAId_personBId_key" ON "MergeDecision"("personAId", "personBId");


-- One pair, of organizations or of persons, held in order: the same pair cannot be decided twice.
ALTER TABLE "MergeDecision" ADD CONSTRAINT "MergeDecision_one_pair" CHECK (
  (("organizationAId" IS NOT NULL AND "organizationBId" IS NOT NULL AND "organizationAId" < "organizationBId")::int
   + ("personAId" IS NOT NULL AND "personBId" IS NOT NULL AND "personAId" < "personBId")::int) = 1
  AND ("organizationAId" IS NULL) = ("organizationBId" IS NULL) AND ("personAId" IS NULL) = ("personBId" IS NULL));

-- Each tracked table gets a trigger function of its own, generated here from its columns: the record's key,
-- and the entities, sources and incidents it points at, read from typed columns (reading them from the row's
-- JSON took an import 30% longer). A citation also names the entities its cited fact belongs to.
-- Who writes is named by the writing transaction (set_config('sahel.actor', ..., true) and its kin,
-- src/history/writer.ts). The transaction lock serialises writers, so sequence numbers are taken, and made
-- visible, in commit order: a reader of the feed never misses a smaller number committed later.
DO $migration$
DECLARE
  t TEXT;
  key TEXT;
  refs TEXT[] := ARRAY['id', 'organizationId', 'personId', 'incidentId', 'fromId', 'toId', 'fundingStreamId', 'sourceId',
    'recordOrganizationId', 'candidateOrganizationId', 'recordPersonId', 'candidatePersonId', 'fromOrganizationId',
    'fromPersonId', 'toOrganizationId', 'toPersonId', 'organizationAId', 'organizationBId', 'personAId', 'personBId'];
  owners TEXT := $owners$
    || CASE
      WHEN %1$s."aliasId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "Alias" a WHERE a.id = %1$s."aliasId")
      WHEN %1$s."relationId" IS NOT NULL THEN (SELECT ARRAY[a."fromId", a."toId"] FROM "OrganizationRelation" a WHERE a.id = %1$s."relationId")
      WHEN %1$s."areaId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId"] FROM "OrganizationArea" a WHERE a.id = %1$s."areaId")
      WHEN %1$s."membershipId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "Membership" a WHERE a.id = %1$s."membershipId")
      WHEN %1$s."designationId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "Designation" a WHERE a.id = %1$s."designationId")
      WHEN %1$s."estimateId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."fundingStreamId", a."incidentId"] FROM "Estimate" a WHERE a.id = %1$s."estimateId")
      WHEN %1$s."perpetratorId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."incidentId"] FROM "IncidentPerpetrator" a WHERE a.id = %1$s."perpetratorId")
      WHEN %1$s."participantId" IS NOT NULL THEN (SELECT ARRAY[a."personId", a."incidentId"] FROM "IncidentParticipant" a WHERE a.id = %1$s."participantId")
      WHEN %1$s."fundingIncidentId" IS NOT NULL THEN (SELECT ARRAY[a."fundingStreamId", a."incidentId"] FROM "FundingStreamIncident" a WHERE a.id = %1$s."fundingIncidentId")
      WHEN %1$s."externalIdentifierId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "ExternalIdentifier" a WHERE a.id = %1$s."externalIdentifierId")
      WHEN %1$s."assessmentId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "Assessment" a WHERE a.id = %1$s."assessmentId")
      WHEN %1$s."mentionId" IS NOT NULL THEN (SELECT ARRAY[a."fromOrganizationId", a."fromPersonId"] FROM "Mention" a WHERE a.id = %1$s."mentionId")
      WHEN %1$s."attributeId" IS NOT NULL THEN (SELECT ARRAY[a."organizationId", a."personId"] FROM "Attribute" a WHERE a.id = %1$s."attributeId")
      ELSE ARRAY[]::uuid[] END$owners$;
  cols TEXT;
  entities_n TEXT;
  entities_o TEXT;
  columns TEXT := '"at", actor, "actorRole", action, operation, "recordType", "recordId", "entityIds", before, after, reason, "transactionId"';
  head TEXT := $head$
DECLARE
  v_actor TEXT := coalesce(nullif(current_setting('sahel.actor', true), ''), 'database');
  v_role TEXT := nullif(current_setting('sahel.actor_role', true), '');
  v_action TEXT := nullif(current_setting('sahel.action', true), '');
  v_reason TEXT := nullif(current_setting('sahel.reason', true), '');
  v_at TIMESTAMPTZ;
BEGIN
  PERFORM pg_advisory_xact_lock(7261390);
  -- One instant for the whole transaction, read once the lock is held: every change of a write is known from
  -- the same moment, and a later writer's moment is later (what `knownAt` relies on).
  v_at := nullif(current_setting('sahel.at', true), '')::timestamptz;
  IF v_at IS NULL THEN
    v_at := clock_timestamp();
    PERFORM set_config('sahel.at', v_at::text, true);
  END IF;
$head$;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'Source', 'SourceDocument', 'Citation', 'Organization', 'OrganizationArea', 'OrganizationRelation', 'Alias', 'Person',
    'Membership', 'Designation', 'Estimate', 'Incident', 'IncidentPerpetrator', 'IncidentParticipant', 'FundingStream',
    'FundingStreamIncident', 'ExternalIdentifier', 'Assessment', 'Mention', 'MergeCandidate', 'Attribute', 'MergeDecision'
  ] LOOP
    key := CASE WHEN t = 'SourceDocument' THEN 'sourceId' ELSE 'id' END;
    SELECT string_agg(format('%%1$s.%I', column_name), ', ' ORDER BY array_position(refs, column_name::text)) INTO cols
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = t AND column_name = ANY(refs);
    entities_n := format('array_remove(ARRAY[' || cols || ']::uuid[] ' || CASE WHEN t = 'Citation' THEN owners ELSE '' END || ', NULL)', 'n');
    entities_o := format('array_remove(ARRAY[' || cols || ']::uuid[] ' || CASE WHEN t = 'Citation' THEN owners ELSE '' END || ', NULL)', 'o');
    EXECUTE format($f$CREATE FUNCTION %1$I() RETURNS TRIGGER LANGUAGE plpgsql AS $body$ %2$s
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "Revision" (%3$s)
    SELECT v_at, v_actor, v_role, v_action, TG_OP, TG_TABLE_NAME, n.%4$I, %5$s, NULL, to_jsonb(n), v_reason, txid_current() FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An upsert that changes nothing (a load run again) is no change; "updatedAt" alone is none either.
    INSERT INTO "Revision" (%3$s)
    SELECT v_at, v_actor, v_role, v_action, TG_OP, TG_TABLE_NAME, n.%4$I, %5$s, to_jsonb(o), to_jsonb(n), v_reason, txid_current()
    FROM new_rows n JOIN old_rows o ON o.%4$I = n.%4$I
    WHERE (to_jsonb(o) - 'updatedAt') IS DISTINCT FROM (to_jsonb(n) - 'updatedAt');
  ELSE
    INSERT INTO "Revision" (%3$s)
    SELECT v_at, v_actor, v_role, v_action, TG_OP, TG_TABLE_NAME, o.%4$I, %6$s, to_jsonb(o), NULL, v_reason, txid_current() FROM old_rows o;
  END IF;
  RETURN NULL;
END $body$$f$, t || '_record_revisions', head, columns, key, entities_n, entities_o);
    -- The rows a database held before its history began, each as created by the migration: a client replaying
    -- the feed from its start holds them too.
    EXECUTE format($b$INSERT INTO "Revision" (%1$s) SELECT clock_timestamp(), 'migration', NULL, 'migration', 'INSERT', %2$L, n.%3$I, %4$s, NULL, to_jsonb(n),
      'the history begins', txid_current() FROM %5$I n$b$, columns, t, key, entities_n, t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_revisions_insert', t, t || '_record_revisions');
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_revisions_update', t, t || '_record_revisions');
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_revisions_delete', t, t || '_record_revisions');
  END LOOP;
END $migration$;

-- History is never rewritten.
CREATE FUNCTION refuse_revision_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Revisions are never changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "Revision_immutable" BEFORE UPDATE OR DELETE ON "Revision" FOR EACH STATEMENT EXECUTE FUNCTION refuse_revision_change();
