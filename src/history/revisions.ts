// Reads of the revisions the database records (prisma/migrations/*_revisions): a record's history, the
// change feed in sequence order, and each record's latest revision (what an update must name).
import type { ScriptRunner } from '../db/client.js';
import type { ChangeEvent } from './events.js';

export interface RevisionRow {
  sequence: number;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string | null;
  operation: string;
  recordType: string;
  recordId: string;
  entityIds: string[];
  reason: string | null;
  /** Loaded with the row, or later by sequence (a published change carries neither). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const COLUMNS = `sequence::float8 AS sequence, "at", actor, "actorRole", action, operation, "recordType", "recordId"::text AS "recordId",
  coalesce("entityIds"::text[], '{}') AS "entityIds", reason`;

export interface ChangesQuery {
  /** Revisions after this sequence. */
  after: number;
  first: number;
  types?: string[] | null;
  entity?: string | null;
}

/** The change feed: revisions after a sequence, oldest first; one more than `first` (to tell if more follow). */
export function readChanges(sql: ScriptRunner, q: ChangesQuery): Promise<RevisionRow[]> {
  const params: unknown[] = [q.after, q.first + 1];
  const where = ['sequence > $1'];
  if (q.types?.length) where.push(`"recordType" = ANY($${params.push(q.types)}::text[])`);
  if (q.entity) where.push(`"entityIds" @> ARRAY[$${params.push(q.entity)}::uuid]`);
  return sql.query<RevisionRow>(`SELECT ${COLUMNS}, before, after FROM "Revision" WHERE ${where.join(' AND ')} ORDER BY sequence LIMIT $2`, params);
}

/** A node's history: the revisions of it and of every fact naming it, newest first, before a sequence. */
export function readHistory(sql: ScriptRunner, entityId: string, before: number | null, first: number): Promise<RevisionRow[]> {
  return sql.query<RevisionRow>(
    `SELECT ${COLUMNS}, before, after FROM "Revision" WHERE "entityIds" @> ARRAY[$1::uuid] AND ($2::bigint IS NULL OR sequence < $2)
     ORDER BY sequence DESC LIMIT $3`,
    [entityId, before, first + 1],
  );
}

/** Records retracted and not brought back, newest first: what `retract` hid, with every value it had. */
export function readRetracted(sql: ScriptRunner, entityId: string | null, before: number | null, first: number): Promise<RevisionRow[]> {
  return sql.query<RevisionRow>(
    `SELECT ${COLUMNS}, before, after FROM "Revision" r
     WHERE operation = 'DELETE' AND action = 'retract' AND ($1::uuid IS NULL OR "entityIds" @> ARRAY[$1::uuid]) AND ($2::bigint IS NULL OR sequence < $2)
       AND NOT EXISTS (SELECT 1 FROM "Revision" l WHERE l."recordId" = r."recordId" AND l.sequence > r.sequence)
     ORDER BY sequence DESC LIMIT $3`,
    [entityId, before, first + 1],
  );
}

export async function readRevisions(sql: ScriptRunner, sequences: readonly number[]): Promise<(RevisionRow | null)[]> {
  const rows = await sql.query<RevisionRow>(`SELECT ${COLUMNS}, before, after FROM "Revision" WHERE sequence = ANY($1::bigint[])`, [sequences]);
  const bySequence = new Map(rows.map((r) => [r.sequence, r]));
  return sequences.map((s) => bySequence.get(s) ?? null);
}

/** Each record's latest revision (0 for a record older than the history). */
export async function latestRevisions(sql: ScriptRunner, recordIds: readonly string[]): Promise<number[]> {
  const rows = await sql.query<{ recordId: string; sequence: number }>(
    `SELECT "recordId"::text AS "recordId", max(sequence)::float8 AS sequence FROM "Revision" WHERE "recordId" = ANY($1::uuid[]) GROUP BY 1`,
    [recordIds],
  );
  const latest = new Map(rows.map((r) => [r.recordId, r.sequence]));
  return recordIds.map((id) => latest.get(id) ?? 0);
}

/** The record's latest revision inside a write (the writers' lock is held: it cannot change before commit). */
export async function latestRevisionIn(tx: { $queryRawUnsafe<T>(sql: string, ...p: unknown[]): Promise<T> }, recordId: string): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ sequence: number | null }[]>(`SELECT max(sequence)::float8 AS sequence FROM "Revision" WHERE "recordId" = $1::uuid`, recordId);
  return row?.sequence ?? 0;
}

/**
 * A record as the graph held it at `knownAt`: the columns of its last revision written by then, null when it
 * did not exist (or was deleted) then. `undefined`: the history holds nothing about it (older than the history).
 */
export async function recordKnownAt(sql: ScriptRunner, recordId: string, knownAt: Date): Promise<Record<string, unknown> | null | undefined> {
  const [row] = await sql.query<{ after: Record<string, unknown> | null }>(
    `SELECT after FROM "Revision" WHERE "recordId" = $1::uuid AND "at" <= $2 ORDER BY sequence DESC LIMIT 1`,
    [recordId, knownAt],
  );
  if (row) return row.after;
  const [any] = await sql.query<{ n: number }>(`SELECT 1 AS n FROM "Revision" WHERE "recordId" = $1::uuid LIMIT 1`, [recordId]);
  return any ? null : undefined;
}

/** A published change as a revision whose values are loaded when asked for. */
export const revisionOfChange = (c: ChangeEvent): RevisionRow => ({ ...c, at: new Date(c.at) });
