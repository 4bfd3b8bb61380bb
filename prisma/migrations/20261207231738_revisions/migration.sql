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
CREATE INDEX "Revision_entityIds_idx" ON "Revision" USING GIN ("entityIds");

-- CreateIndex
CREATE INDEX "Revision_at_idx" ON "Revision"("at");

-- The record and every entity, source or incident a row points at (for `changes(entity:)` and
-- `entityChanged`); a citation also names the entities its cited fact belongs to.
CREATE FUNCTION revision_entities(t TEXT, r JSONB) RETURNS UUID[] LANGUAGE sql STABLE AS $$
  SELECT array_agg(DISTINCT x) FILTER (WHERE x IS NOT NULL) FROM unnest(
    ARRAY[
      (r->>'id')::uuid, (r->>'organizationId')::uuid, (r->>'personId')::uuid, (r->>'incidentId')::uuid,
      (r->>'fromId')::uuid, (r->>'toId')::uuid, (r->>'fundingStreamId')::uuid, (r->>'sourceId')::uuid,
      (r->>'recordOrganizationId')::uuid, (r->>'candidateOrganizationId')::uuid, (r->>'recordPersonId')::uuid,
      (r->>'candidatePersonId')::uuid, (r->>'fromOrganizationId')::uuid, (r->>'fromPersonId')::uuid,
      (r->>'toOrganizationId')::uuid, (r->>'toPersonId')::uuid
    ] || CASE WHEN t <> 'Citation' THEN ARRAY[]::uuid[]
      WHEN r->>'aliasId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "Alias" a WHERE a.id = (r->>'aliasId')::uuid)
      WHEN r->>'relationId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."fromId", a."toId"]) FROM "OrganizationRelation" a WHERE a.id = (r->>'relationId')::uuid)
      WHEN r->>'areaId' IS NOT NULL THEN ARRAY(SELECT a."organizationId" FROM "OrganizationArea" a WHERE a.id = (r->>'areaId')::uuid)
      WHEN r->>'membershipId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "Membership" a WHERE a.id = (r->>'membershipId')::uuid)
      WHEN r->>'designationId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "Designation" a WHERE a.id = (r->>'designationId')::uuid)
      WHEN r->>'estimateId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."fundingStreamId", a."incidentId"]) FROM "Estimate" a WHERE a.id = (r->>'estimateId')::uuid)
      WHEN r->>'perpetratorId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."incidentId"]) FROM "IncidentPerpetrator" a WHERE a.id = (r->>'perpetratorId')::uuid)
      WHEN r->>'participantId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."personId", a."incidentId"]) FROM "IncidentParticipant" a WHERE a.id = (r->>'participantId')::uuid)
      WHEN r->>'fundingIncidentId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."fundingStreamId", a."incidentId"]) FROM "FundingStreamIncident" a WHERE a.id = (r->>'fundingIncidentId')::uuid)
      WHEN r->>'externalIdentifierId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "ExternalIdentifier" a WHERE a.id = (r->>'externalIdentifierId')::uuid)
      WHEN r->>'assessmentId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "Assessment" a WHERE a.id = (r->>'assessmentId')::uuid)
      WHEN r->>'mentionId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."fromOrganizationId", a."fromPersonId"]) FROM "Mention" a WHERE a.id = (r->>'mentionId')::uuid)
      WHEN r->>'attributeId' IS NOT NULL THEN ARRAY(SELECT unnest(ARRAY[a."organizationId", a."personId"]) FROM "Attribute" a WHERE a.id = (r->>'attributeId')::uuid)
      ELSE ARRAY[]::uuid[] END
  ) AS x
$$;

-- Who writes is named by the writing transaction (set_config('sahel.actor', ..., true) and its kin, src/db/revisions.ts).
-- The transaction lock serialises writers, so that sequence numbers are taken, and made visible, in commit order.
CREATE FUNCTION record_revisions() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  who TEXT := coalesce(nullif(current_setting('sahel.actor', true), ''), 'database');
  role TEXT := nullif(current_setting('sahel.actor_role', true), '');
  act TEXT := nullif(current_setting('sahel.action', true), '');
  why TEXT := nullif(current_setting('sahel.reason', true), '');
BEGIN
  PERFORM pg_advisory_xact_lock(7261390);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "Revision" ("at", actor, "actorRole", action, operation, "recordType", "recordId", "entityIds", before, after, reason, "transactionId")
    SELECT clock_timestamp(), who, role, act, TG_OP, TG_TABLE_NAME, coalesce((j->>'id')::uuid, (j->>'sourceId')::uuid), revision_entities(TG_TABLE_NAME, j), NULL, j, why, txid_current()
    FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An upsert that changes nothing (a load run again) is no change; "updatedAt" alone is none either.
    INSERT INTO "Revision" ("at", actor, "actorRole", action, operation, "recordType", "recordId", "entityIds", before, after, reason, "transactionId")
    SELECT clock_timestamp(), who, role, act, TG_OP, TG_TABLE_NAME, coalesce((n.j->>'id')::uuid, (n.j->>'sourceId')::uuid), revision_entities(TG_TABLE_NAME, n.j), o.j, n.j, why, txid_current()
    FROM (SELECT to_jsonb(x) AS j FROM new_rows x) n
    JOIN (SELECT to_jsonb(x) AS j FROM old_rows x) o ON coalesce(o.j->>'id', o.j->>'sourceId') = coalesce(n.j->>'id', n.j->>'sourceId')
    WHERE (o.j - 'updatedAt') IS DISTINCT FROM (n.j - 'updatedAt');
  ELSE
    INSERT INTO "Revision" ("at", actor, "actorRole", action, operation, "recordType", "recordId", "entityIds", before, after, reason, "transactionId")
    SELECT clock_timestamp(), who, role, act, TG_OP, TG_TABLE_NAME, coalesce((j->>'id')::uuid, (j->>'sourceId')::uuid), revision_entities(TG_TABLE_NAME, j), j, NULL, why, txid_current()
    FROM (SELECT to_jsonb(o) AS j FROM old_rows o) s;
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'Source', 'SourceDocument', 'Citation', 'Organization', 'OrganizationArea', 'OrganizationRelation', 'Alias', 'Person',
    'Membership', 'Designation', 'Estimate', 'Incident', 'IncidentPerpetrator', 'IncidentParticipant', 'FundingStream',
    'FundingStreamIncident', 'ExternalIdentifier', 'Assessment', 'Mention', 'MergeCandidate', 'Attribute'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_revisions()', t || '_revisions_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_revisions()', t || '_revisions_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_revisions()', t || '_revisions_delete', t);
  END LOOP;
END $$;

-- History is never rewritten.
CREATE FUNCTION refuse_revision_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Revisions are never changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "Revision_immutable" BEFORE UPDATE OR DELETE ON "Revision" FOR EACH STATEMENT EXECUTE FUNCTION refuse_revision_change();
