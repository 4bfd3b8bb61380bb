// Undoing a write: every record a transaction changed is put back as its revisions say it was before
// (created records removed, changed ones restored, removed ones written again, byte for byte). The undo is
// a write of its own, with its own revisions; a record changed since by another write refuses it (CONFLICT).
import { ConflictRefusal, InvalidInputRefusal, NotFoundRefusal } from './errors.js';
import { reindexSearch } from '../search/indexer.js';
import type { LintScope } from '../provenance/lint.js';
import type { Tx, WorkDone } from './transaction.js';

/**
 * Tables in the order rows are written again: what a row points at first. (The revision triggers cover
 * exactly these tables.)
 */
export const TRACKED_TABLES = [
  'Source', 'SourceDocument', 'Organization', 'Person', 'Incident', 'FundingStream', 'Alias', 'OrganizationArea',
  'OrganizationRelation', 'Membership', 'Designation', 'Estimate', 'IncidentPerpetrator', 'IncidentParticipant',
  'FundingStreamIncident', 'ExternalIdentifier', 'Assessment', 'Mention', 'Attribute', 'MergeCandidate', 'MergeDecision', 'Citation',
] as const;
/** The most revisions one revert undoes. */
export const MAX_REVERTED_REVISIONS = 2_000;
const RANK = new Map<string, number>(TRACKED_TABLES.map((t, i) => [t, i]));

interface Change {
  sequence: number;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  recordType: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The key column: SourceDocument is keyed by its source. */
const keyOf = (table: string) => (table === 'SourceDocument' ? 'sourceId' : 'id');

function tableOf(name: string): string {
  // Table names come from revisions the triggers wrote; checked all the same, as they reach SQL text.
  if (!RANK.has(name)) throw new Error(`Internal: revision of an untracked table ${name}`);
  return name;
}

async function columnsOf(tx: Tx, table: string): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    table,
  );
  return rows.map((r) => r.name);
}

/** The entities whose search entries a change touches. */
function searchScope(changes: Change[]) {
  const scope = { organizationIds: new Set<string>(), personIds: new Set<string>(), incidentIds: new Set<string>(), sourceIds: new Set<string>() };
  for (const c of changes) {
    for (const row of [c.before, c.after]) {
      if (!row) continue;
      if (c.recordType === 'Organization') scope.organizationIds.add(c.recordId);
      if (c.recordType === 'Person') scope.personIds.add(c.recordId);
      if (c.recordType === 'Incident') scope.incidentIds.add(c.recordId);
      if (c.recordType === 'Source') scope.sourceIds.add(c.recordId);
      if (typeof row.organizationId === 'string') scope.organizationIds.add(row.organizationId);
      if (typeof row.personId === 'string') scope.personIds.add(row.personId);
      if (typeof row.incidentId === 'string') scope.incidentIds.add(row.incidentId);
    }
  }
  return scope;
}

/**
 * Reverts the write that made revision `sequence` (all of its transaction's revisions). Returns the
 * sequence reverted and the records put back, for the linter.
 */
export async function revertWrite(tx: Tx, sequence: number): Promise<WorkDone<number>> {
  const [target] = await tx.$queryRawUnsafe<{ transactionId: bigint; action: string | null }[]>(`SELECT "transactionId", action FROM "Revision" WHERE sequence = $1`, sequence);
  if (!target) throw new NotFoundRefusal(`No revision ${sequence}.`, 'input.revision');
  // The migration recorded what the database held when its history began: undoing it would empty the graph.
  if (target.action === 'migration') throw new InvalidInputRefusal(`Revision ${sequence} records what the database held when its history began; it cannot be reverted.`, 'input.revision');
  const changes = (await tx.$queryRawUnsafe<(Omit<Change, 'sequence'> & { sequence: number })[]>(
    `SELECT r.sequence::float8 AS sequence, r.operation, r."recordType", r."recordId"::text AS "recordId", r.before, r.after
     FROM "Revision" r WHERE r."transactionId" = $1 ORDER BY r.sequence LIMIT $2`,
    target.transactionId, MAX_REVERTED_REVISIONS + 1,
  ));
  // One request undoes at most this much: an import's tens of thousands of rows are not a reviewer's undo.
  if (changes.length > MAX_REVERTED_REVISIONS) {
    throw new InvalidInputRefusal(`That write made more than ${MAX_REVERTED_REVISIONS} revisions, the most a revert undoes.`, 'input.revision', 'TOO_LARGE');
  }
  const last = changes.at(-1)!.sequence;
  const ids = [...new Set(changes.map((c) => c.recordId))];
  const [later] = await tx.$queryRawUnsafe<{ sequence: number }[]>(
    `SELECT max(sequence)::float8 AS sequence FROM "Revision" WHERE "recordId" = ANY($1::uuid[]) AND sequence > $2`,
    ids, last,
  );
  if (later?.sequence) throw new ConflictRefusal(later.sequence, last);

  // Each record's state before the write is the `before` of its first revision in it.
  const first = new Map<string, Change>();
  const final = new Map<string, Change>();
  for (const c of changes) {
    const key = `${c.recordType}:${c.recordId}`;
    if (!first.has(key)) first.set(key, c);
    final.set(key, c);
  }
  const records = [...first.entries()].map(([key, c]) => ({ table: tableOf(c.recordType), id: c.recordId, before: c.before, existsNow: final.get(key)!.after !== null }));
  const byRank = (a: { table: string }, b: { table: string }) => RANK.get(a.table)! - RANK.get(b.table)!;
  // Removed first (dependents before what they point at), then written again (what is pointed at first), then
  // restored in place: a merge's moved facts go back to the record written again before them.
  const remove = records.filter((r) => r.before === null && r.existsNow).sort(byRank).reverse();
  const insert = records.filter((r) => r.before !== null && !r.existsNow).sort(byRank);
  const update = records.filter((r) => r.before !== null && r.existsNow).sort(byRank);
  for (const r of remove) await tx.$executeRawUnsafe(`DELETE FROM "${r.table}" WHERE "${keyOf(r.table)}" = $1::uuid`, r.id);
  for (const r of insert) {
    await tx.$executeRawUnsafe(`INSERT INTO "${r.table}" SELECT * FROM jsonb_populate_record(NULL::"${r.table}", $1::jsonb)`, JSON.stringify(r.before));
  }
  const columnLists = new Map<string, string>();
  for (const r of update) {
    if (!columnLists.has(r.table)) columnLists.set(r.table, (await columnsOf(tx, r.table)).map((c) => `"${c}"`).join(', '));
    const columns = columnLists.get(r.table)!;
    await tx.$executeRawUnsafe(
      `UPDATE "${r.table}" AS t SET (${columns}) = (SELECT ${columns} FROM jsonb_populate_record(NULL::"${r.table}", $1::jsonb))
       WHERE t."${keyOf(r.table)}" = $2::uuid`,
      JSON.stringify(r.before), r.id,
    );
  }
  const scope = searchScope(changes);
  await reindexSearch(tx, {
    organizationIds: [...scope.organizationIds], personIds: [...scope.personIds], incidentIds: [...scope.incidentIds], sourceIds: [...scope.sourceIds],
  });
  const touched: LintScope = {};
  for (const r of [...insert, ...update]) touched[r.table] = [...(touched[r.table] ?? []), r.id];
  return { result: sequence, touched };
}
