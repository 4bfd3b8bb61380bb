// A reviewer's writes: retracting a fact, merging two records that are one, and recording that two are not.
// Each is an ordinary write (its revisions say who, when and why), so `revert` undoes it exactly: a retracted
// fact comes back, a merge is unmerged into both records as they were.
import { reindexSearch } from '../search/indexer.js';
import { InvalidInputRefusal, NotFoundRefusal } from './errors.js';
import type { Tx, WorkDone } from './transaction.js';

/** The records a reviewer may retract, by the type name their global IDs carry. */
export const RETRACTABLE = [
  'Organization', 'Person', 'Incident', 'FundingStream', 'Alias', 'OrganizationArea', 'OrganizationRelation', 'Membership',
  'Designation', 'Estimate', 'IncidentPerpetrator', 'IncidentParticipant', 'FundingStreamIncident', 'ExternalIdentifier',
  'Assessment', 'Mention', 'Attribute', 'Citation',
] as const;
export type Retractable = (typeof RETRACTABLE)[number];

/** Who owns a fact, for its search entries: an alias's name is found by searching its entity. */
async function ownersOf(tx: Tx, table: Retractable, id: string): Promise<Record<string, string | null> | null> {
  const [found] = await tx.$queryRawUnsafe<{ row: Record<string, string | null> }[]>(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE id = $1::uuid`, id);
  return found?.row ?? null;
}

/**
 * Retracts a record: it leaves every answer (with its facts and citations, when it is an entity), while its
 * revisions keep every value, so `retracted` lists it and `revert` brings it back.
 */
export async function retract(tx: Tx, table: Retractable, id: string): Promise<WorkDone<string>> {
  const row = await ownersOf(tx, table, id);
  if (!row) throw new NotFoundRefusal(`No ${table} has this ID.`, 'input.id');
  if (table === 'Citation') {
    // A fact keeps at least one citation: retract the fact instead.
    const subject = Object.entries(row).find(([k, v]) => k.endsWith('Id') && k !== 'sourceId' && v !== null);
    const [count] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Citation" WHERE "${subject![0]}" = $1::uuid`, subject![1]);
    if ((count?.n ?? 0) <= 1) throw new InvalidInputRefusal('This is the fact\'s only citation: retract the fact itself.', 'input.id', 'LAST_CITATION');
  }
  await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE id = $1::uuid`, id);
  const ids = (key: string) => (typeof row[key] === 'string' ? [row[key] as string] : []);
  await reindexSearch(tx, { organizationIds: ids('organizationId'), personIds: ids('personId'), incidentIds: ids('incidentId') });
  return { result: id, touched: {} };
}

type Kind = 'Organization' | 'Person';

/** Where a record of each kind is pointed at: plain columns, moved from one record to the other. */
const POINTERS: Record<Kind, [table: string, column: string][]> = {
  Organization: [
    ['Citation', 'organizationId'], ['Alias', 'organizationId'], ['OrganizationArea', 'organizationId'], ['Membership', 'organizationId'],
    ['Designation', 'organizationId'], ['Estimate', 'organizationId'], ['FundingStream', 'organizationId'], ['ExternalIdentifier', 'organizationId'],
    ['Assessment', 'organizationId'], ['Attribute', 'organizationId'], ['Mention', 'fromOrganizationId'], ['Mention', 'toOrganizationId'],
    ['OrganizationRelation', 'fromId'], ['OrganizationRelation', 'toId'],
  ],
  Person: [
    ['Citation', 'personId'], ['Alias', 'personId'], ['Membership', 'personId'], ['Designation', 'personId'], ['ExternalIdentifier', 'personId'],
    ['Assessment', 'personId'], ['Attribute', 'personId'], ['Mention', 'fromPersonId'], ['Mention', 'toPersonId'],
  ],
};

/** Links held once per pair (a unique key): the merged record's link to what the kept one already links is folded into it. */
const UNIQUE_LINKS: Record<Kind, { table: string; column: string; rest: string[]; cited: string }[]> = {
  Organization: [{ table: 'IncidentPerpetrator', column: 'organizationId', rest: ['incidentId'], cited: 'perpetratorId' }],
  Person: [{ table: 'IncidentParticipant', column: 'personId', rest: ['incidentId', 'role'], cited: 'participantId' }],
};

/**
 * Merges `mergeId` into `keepId`: every alias, identifier, citation and link of the one moves to the other,
 * then it is removed. A tie between the two (a relation, a mention) would point a record at itself: it is
 * removed with it. Unmerged exactly by `revert` of this write.
 */
export async function mergeEntities(tx: Tx, kind: Kind, keepId: string, mergeId: string): Promise<WorkDone<string>> {
  if (keepId === mergeId) throw new InvalidInputRefusal('A record cannot be merged into itself.', 'input.merge');
  const table = `"${kind}"`;
  const found = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM ${table} WHERE id = ANY($1::uuid[])`, [keepId, mergeId]);
  for (const [id, field] of [[keepId, 'input.keep'], [mergeId, 'input.merge']] as const) {
    if (!found.some((r) => r.id === id)) throw new NotFoundRefusal(`No ${kind.toLowerCase()} has this ID.`, field);
  }
  const decided = kind === 'Organization' ? '"organizationAId"' : '"personAId"';
  const [a, b] = [keepId, mergeId].sort();
  const [refused] = await tx.$queryRawUnsafe<{ reason: string }[]>(
    `SELECT reason FROM "MergeDecision" WHERE ${decided} = $1::uuid AND ${decided.replace('A', 'B')} = $2::uuid AND verdict = 'DIFFERENT'`, a, b,
  );
  if (refused) throw new InvalidInputRefusal(`A reviewer judged these two different ("${refused.reason}"): revert that decision first.`, 'input.merge', 'JUDGED_DIFFERENT');

  if (kind === 'Organization') {
    // Ties between the two would tie the kept record to itself.
    await tx.$executeRawUnsafe(`DELETE FROM "OrganizationRelation" WHERE ("fromId" = $1::uuid AND "toId" = $2::uuid) OR ("fromId" = $2::uuid AND "toId" = $1::uuid)`, keepId, mergeId);
    await tx.$executeRawUnsafe(`DELETE FROM "Mention" WHERE ("fromOrganizationId" = $1::uuid AND "toOrganizationId" = $2::uuid) OR ("fromOrganizationId" = $2::uuid AND "toOrganizationId" = $1::uuid)`, keepId, mergeId);
  } else {
    await tx.$executeRawUnsafe(`DELETE FROM "Mention" WHERE ("fromPersonId" = $1::uuid AND "toPersonId" = $2::uuid) OR ("fromPersonId" = $2::uuid AND "toPersonId" = $1::uuid)`, keepId, mergeId);
  }
  for (const link of UNIQUE_LINKS[kind]) {
    const same = link.rest.map((c) => `m."${c}" = k."${c}"`).join(' AND ');
    // The merged record's citations of a link the kept one also has go to the kept one's link.
    await tx.$executeRawUnsafe(
      `UPDATE "Citation" c SET "${link.cited}" = k.id FROM "${link.table}" m JOIN "${link.table}" k ON ${same}
       WHERE m."${link.column}" = $2::uuid AND k."${link.column}" = $1::uuid AND c."${link.cited}" = m.id`,
      keepId, mergeId,
    );
    await tx.$executeRawUnsafe(
      `DELETE FROM "${link.table}" m USING "${link.table}" k WHERE m."${link.column}" = $2::uuid AND k."${link.column}" = $1::uuid AND ${same}`,
      keepId, mergeId,
    );
    await tx.$executeRawUnsafe(`UPDATE "${link.table}" SET "${link.column}" = $1::uuid WHERE "${link.column}" = $2::uuid`, keepId, mergeId);
  }
  for (const [pointing, column] of POINTERS[kind]) {
    await tx.$executeRawUnsafe(`UPDATE "${pointing}" SET "${column}" = $1::uuid WHERE "${column}" = $2::uuid`, keepId, mergeId);
  }
  // Pairs for review involving the merged record are settled by the merge.
  const [record, candidate] = kind === 'Organization' ? ['recordOrganizationId', 'candidateOrganizationId'] : ['recordPersonId', 'candidatePersonId'];
  await tx.$executeRawUnsafe(`DELETE FROM "MergeCandidate" WHERE "${record}" = $1::uuid OR "${candidate}" = $1::uuid`, mergeId);
  await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE id = $1::uuid`, mergeId);
  await reindexSearch(tx, kind === 'Organization' ? { organizationIds: [keepId] } : { personIds: [keepId] });
  return { result: keepId, touched: { [kind]: [keepId] } };
}

/**
 * Settles a pair an import left for review: SAME merges the import's record into the entity already held;
 * DIFFERENT records the verdict (no importer proposes the pair again, no merge joins them) and drops the pair.
 */
export async function resolveMergeCandidate(tx: Tx, candidateId: string, verdict: 'SAME' | 'DIFFERENT', reason: string, decidedBy: string): Promise<WorkDone<string>> {
  const pair = await tx.mergeCandidate.findUnique({ where: { id: candidateId } });
  if (!pair) throw new NotFoundRefusal('No pair for review has this ID (settled already?).', 'input.id');
  const kind: Kind = pair.recordOrganizationId ? 'Organization' : 'Person';
  const record = (pair.recordOrganizationId ?? pair.recordPersonId)!;
  const held = (pair.candidateOrganizationId ?? pair.candidatePersonId)!;
  if (verdict === 'SAME') return mergeEntities(tx, kind, held, record);
  const [a, b] = [record, held].sort();
  await tx.mergeDecision.create({
    data: kind === 'Organization'
      ? { organizationAId: a, organizationBId: b, verdict, reason, decidedBy }
      : { personAId: a, personBId: b, verdict, reason, decidedBy },
  });
  await tx.mergeCandidate.delete({ where: { id: candidateId } });
  return { result: held, touched: {} };
}
