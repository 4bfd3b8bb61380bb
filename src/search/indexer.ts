// Keeps SearchName and SearchDocument in step with the entities: call reindexSearch, in the same
// transaction, after writing an entity's names or texts; it replaces that entity's rows wholesale.
// rebuildSearchIndex recomputes everything, for when the normalisation itself has changed.
import { randomUUID } from 'node:crypto';
import { insertRows } from '../db/bulk-insert.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { deletions, nameKey, NORMALIZATION_VERSION, normalizeText } from './normalize.js';

type Db = PrismaClient | Prisma.TransactionClient;

export interface IndexScope {
  organizationIds?: string[];
  personIds?: string[];
  incidentIds?: string[];
  sourceIds?: string[];
}

type Owner = { organizationId?: string; personId?: string; incidentId?: string; sourceId?: string };

function nameRow(
  entityType: SearchEntityType,
  owner: Owner,
  name: { name: string; kind: AliasKind; quality: AliasQuality; language: string | null; aliasId: string | null },
): Prisma.SearchNameCreateManyInput {
  const key = nameKey(name.name);
  return {
    entityType,
    ...owner,
    ...name,
    normalized: key.normalized,
    skeleton: key.skeleton,
    // Initials only stand for organizations: a person's "IAG" is not a name anyone uses.
    acronym: entityType === 'ORGANIZATION' ? key.acronym : null,
  };
}

function documentRow(entityType: SearchEntityType, owner: Owner, parts: (string | null)[]): Prisma.SearchDocumentCreateManyInput | null {
  const content = parts.filter((p): p is string => Boolean(p)).join('\n');
  return content ? { entityType, ...owner, content, text: normalizeText(content) } : null;
}

const canonical = (name: string) => ({ name, kind: 'CANONICAL' as const, quality: 'STRONG' as const, language: null, aliasId: null });

type AliasLike = { id: string; name: string; kind: AliasKind; quality: AliasQuality; language: string | null };

/**
 * The search rows of one organization: its name, its aliases, and its texts (summary, ideology, and
 * `cited`: the passages quoted for it and its facts, and its assessments).
 */
export function organizationSearchRows(
  o: { id: string; name: string; summary: string | null; ideology: string | null },
  aliases: AliasLike[],
  cited: string[] = [],
) {
  const owner = { organizationId: o.id };
  return {
    names: [nameRow('ORGANIZATION', owner, canonical(o.name)), ...aliases.map((a) => nameRow('ORGANIZATION', owner, { ...a, aliasId: a.id }))],
    document: documentRow('ORGANIZATION', owner, [o.summary, o.ideology, ...cited]),
  };
}

type Incidentlike = { id: string; title: string; place: string | null; summary: string | null };
type Sourcelike = { id: string; title: string; publisher: string | null; description: string | null };

/** The search rows of one person: name, aliases, biography and the passages quoted for them. */
export function personSearchRows(p: { id: string; name: string; biography: string | null }, aliases: AliasLike[], cited: string[] = []) {
  const owner = { personId: p.id };
  return {
    names: [nameRow('PERSON', owner, canonical(p.name)), ...aliases.map((a) => nameRow('PERSON', owner, { ...a, aliasId: a.id }))],
    document: documentRow('PERSON', owner, [p.biography, ...cited]),
  };
}

/** The search rows of one incident: its title, and title, place, account and quoted passages as text. */
export function incidentSearchRows(i: Incidentlike, cited: string[] = []) {
  const owner = { incidentId: i.id };
  return {
    names: [nameRow('INCIDENT', owner, canonical(i.title))],
    document: documentRow('INCIDENT', owner, [i.title, i.place, i.summary, ...cited]),
  };
}

/**
 * The SQL of the cited texts of a batch of entities ($1, their IDs): for each [table, column naming the
 * entity, column of Citation naming the table's row] the quotes of those rows' citations (a null
 * third column: citations of the entity itself), and the statements of its assessments when
 * `assessments` names their column.
 */
function cited(paths: readonly (readonly [table: string, owner: string, citation: string | null])[], assessments?: string): string {
  const branches = paths.map(([table, owner, citation]) =>
    citation === null
      ? `SELECT c."${owner}" AS id, c.quote AS text FROM "Citation" c WHERE c."${owner}" = ANY($1::uuid[])`
      : `SELECT t."${owner}", c.quote FROM "${table}" t JOIN "Citation" c ON c."${citation}" = t.id WHERE t."${owner}" = ANY($1::uuid[])`,
  );
  if (assessments) branches.push(`SELECT "${assessments}", statement FROM "Assessment" WHERE "${assessments}" = ANY($1::uuid[])`);
  // UNION, not UNION ALL: a passage cited twice for the same entity counts once.
  return `SELECT id, text FROM (${branches.join(' UNION ')}) cited ORDER BY id, text`;
}

// The passages quoted for an entity and for every fact that hangs from it (aliases, ties, roles,
// listings, figures, judgements), and its assessments' statements: what full-text search reads, so
// that a phrase of a source ("shadow boxing") finds the entity it was cited for. A citation has one
// subject (CHECK): each branch of the union follows one path from the entities to their citations, on
// the foreign-key indexes (a COALESCE over every path could not use them, and read every citation at
// every call: 3-5 s a batch at scale L).
const CITED_TEXT_SQL = {
  ORGANIZATION: cited([
    ['Citation', 'organizationId', null],
    ['Alias', 'organizationId', 'aliasId'],
    ['OrganizationArea', 'organizationId', 'areaId'],
    ['OrganizationRelation', 'fromId', 'relationId'],
    ['Designation', 'organizationId', 'designationId'],
    ['Estimate', 'organizationId', 'estimateId'],
    ['ExternalIdentifier', 'organizationId', 'externalIdentifierId'],
    ['Assessment', 'organizationId', 'assessmentId'],
    ['FundingStream', 'organizationId', 'fundingStreamId'],
  ], 'organizationId'),
  PERSON: cited([
    ['Citation', 'personId', null],
    ['Alias', 'personId', 'aliasId'],
    ['Membership', 'personId', 'membershipId'],
    ['Designation', 'personId', 'designationId'],
    ['ExternalIdentifier', 'personId', 'externalIdentifierId'],
    ['Assessment', 'personId', 'assessmentId'],
    ['IncidentParticipant', 'personId', 'participantId'],
  ], 'personId'),
  INCIDENT: cited([
    ['Citation', 'incidentId', null],
    ['IncidentPerpetrator', 'incidentId', 'perpetratorId'],
    ['IncidentParticipant', 'incidentId', 'participantId'],
    ['Estimate', 'incidentId', 'estimateId'],
    ['FundingStreamIncident', 'incidentId', 'fundingIncidentId'],
  ]),
} as const;

/** The cited passages (and statements) of each entity of one type, by entity ID. */
async function citedTexts(db: Db, type: keyof typeof CITED_TEXT_SQL, ids: string[]): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>();
  if (ids.length === 0) return byId;
  for (const row of await db.$queryRawUnsafe<{ id: string; text: string }[]>(CITED_TEXT_SQL[type], ids)) {
    byId.set(row.id, [...(byId.get(row.id) ?? []), row.text]);
  }
  return byId;
}

/** The search rows of one source: its title, and title, publisher and description as text. */
export function sourceSearchRows(s: Sourcelike) {
  const owner = { sourceId: s.id };
  return { names: [nameRow('SOURCE', owner, canonical(s.title))], document: documentRow('SOURCE', owner, [s.title, s.publisher, s.description]) };
}

/** In how many of these names each word occurs. */
export function wordCounts(skeletons: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const skeleton of skeletons) {
    for (const word of new Set(skeleton.split(' '))) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

const CHUNK = 5_000;

/**
 * Writes name and document rows, and moves the vocabulary's name counts by `removed` (skeletons
 * of names just deleted) and the names added. Words are added with their one-deletion variants.
 */
export async function writeSearchRows(
  db: Db,
  names: Prisma.SearchNameCreateManyInput[],
  documents: Prisma.SearchDocumentCreateManyInput[],
  removed: string[] = [],
): Promise<void> {
  // The IDs are Prisma's @default(uuid()), made by the client, not the database.
  await insertRows(db, 'SearchName', [
    ['id', 'uuid'], ['entityType', '"SearchEntityType"'], ['organizationId', 'uuid'], ['personId', 'uuid'], ['incidentId', 'uuid'], ['sourceId', 'uuid'],
    ['aliasId', 'uuid'], ['name', 'text'], ['kind', '"AliasKind"'], ['quality', '"AliasQuality"'], ['language', 'text'],
    ['normalized', 'text'], ['skeleton', 'text'], ['acronym', 'text'],
  ], names.map((name) => ({ ...name, id: randomUUID() })));
  await insertRows(db, 'SearchDocument', [
    ['id', 'uuid'], ['entityType', '"SearchEntityType"'], ['organizationId', 'uuid'], ['personId', 'uuid'], ['incidentId', 'uuid'], ['sourceId', 'uuid'],
    ['content', 'text'], ['text', 'text'],
  ], documents.map((document) => ({ ...document, id: randomUUID() })));
  // Word counts move by the names removed and added; a word left at 0 only costs an empty lookup.
  const delta = wordCounts(names.map((n) => n.skeleton));
  for (const [word, count] of wordCounts(removed)) delta.set(word, (delta.get(word) ?? 0) - count);
  const changed = [...delta].filter(([, df]) => df !== 0);
  for (let start = 0; start < changed.length; start += CHUNK) {
    const chunk = changed.slice(start, start + CHUNK);
    // A word missing from the table can only gain names, so a new row never starts negative.
    await db.$executeRaw`
      INSERT INTO "SearchWord" (word, df)
      SELECT * FROM unnest(${chunk.map(([w]) => w)}::text[], ${chunk.map(([, n]) => n)}::int[])
      ON CONFLICT (word) DO UPDATE SET df = "SearchWord".df + excluded.df`;
  }
  const variants = [...delta.keys()].flatMap((word) => deletions(word).map((variant) => [variant, word] as const));
  for (let start = 0; start < variants.length; start += CHUNK) {
    const chunk = variants.slice(start, start + CHUNK);
    await db.$executeRaw`
      INSERT INTO "SearchWordVariant" (variant, word)
      SELECT * FROM unnest(${chunk.map(([v]) => v)}::text[], ${chunk.map(([, w]) => w)}::text[])
      ON CONFLICT DO NOTHING`;
  }
}

/** Entities per batch of a rebuild. */
const REBUILD_BATCH = 20_000;

/** Every row `load` gives, a batch at a time in ID order (`load` reads the batch after an ID). */
async function* batches<T extends { id: string }>(size: number, load: (after: string | undefined) => Promise<T[]>): AsyncGenerator<T[]> {
  let last: string | undefined;
  for (;;) {
    const batch = await load(last);
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    last = batch.at(-1)!.id;
  }
}

function present<T>(rows: (T | null)[]): T[] {
  return rows.filter((row): row is T => row !== null);
}

export async function reindexSearch(db: Db, scope: IndexScope): Promise<void> {
  const names: Prisma.SearchNameCreateManyInput[] = [];
  const documents: (Prisma.SearchDocumentCreateManyInput | null)[] = [];
  const add = (rows: { names: Prisma.SearchNameCreateManyInput[]; document: Prisma.SearchDocumentCreateManyInput | null }) => {
    names.push(...rows.names);
    documents.push(rows.document);
  };
  const { organizationIds = [], personIds = [], incidentIds = [], sourceIds = [] } = scope;

  if (organizationIds.length) {
    const cited = await citedTexts(db, 'ORGANIZATION', organizationIds);
    for (const o of await db.organization.findMany({ where: { id: { in: organizationIds } }, include: { aliases: true } })) {
      add(organizationSearchRows(o, o.aliases, cited.get(o.id)));
    }
  }
  if (personIds.length) {
    const cited = await citedTexts(db, 'PERSON', personIds);
    for (const p of await db.person.findMany({ where: { id: { in: personIds } }, include: { aliases: true } })) add(personSearchRows(p, p.aliases, cited.get(p.id)));
  }
  if (incidentIds.length) {
    const cited = await citedTexts(db, 'INCIDENT', incidentIds);
    for (const i of await db.incident.findMany({ where: { id: { in: incidentIds } } })) add(incidentSearchRows(i, cited.get(i.id)));
  }
  if (sourceIds.length) {
    for (const s of await db.source.findMany({ where: { id: { in: sourceIds } } })) add(sourceSearchRows(s));
  }

  const owned = {
    OR: [
      { organizationId: { in: organizationIds } },
      { personId: { in: personIds } },
      { incidentId: { in: incidentIds } },
      { sourceId: { in: sourceIds } },
    ],
  };
  const previous = await db.searchName.findMany({ where: owned, select: { skeleton: true } });
  await db.searchName.deleteMany({ where: owned });
  await db.searchDocument.deleteMany({ where: owned });
  await writeSearchRows(db, names, present(documents), previous.map((n) => n.skeleton));
}

/** Whether the stored search forms were computed by this code's normalisation. */
export async function searchIndexIsCurrent(db: Db): Promise<boolean> {
  const state = await db.searchIndexState.findUnique({ where: { id: 1 } });
  return state?.normalization === NORMALIZATION_VERSION;
}

/** Records that the stored search forms are this code's (after indexing every entity). */
export async function markSearchIndexCurrent(db: Db): Promise<void> {
  await db.searchIndexState.upsert({
    where: { id: 1 },
    create: { id: 1, normalization: NORMALIZATION_VERSION },
    update: { normalization: NORMALIZATION_VERSION, builtAt: new Date() },
  });
}

/** The tables a rebuild empties and fills again. */
const SEARCH_TABLES = ['SearchName', 'SearchDocument', 'SearchWord', 'SearchWordVariant'];

/**
 * Drops the search tables' indexes that neither enforce uniqueness nor back a constraint (the
 * upserts' ON CONFLICT needs those) and returns what builds them again. Filled with the indexes in
 * place, the trigram and full-text ones were updated row by row: the rebuild at scale L had not
 * finished after 28 minutes, and at M it took 205 s against 138-149 s now.
 */
async function dropSearchIndexes(tx: Prisma.TransactionClient): Promise<() => Promise<void>> {
  const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT i.relname::text AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace
       AND NOT x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
    SEARCH_TABLES,
  );
  for (const { name } of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  return async () => {
    for (const { definition } of indexes) await tx.$executeRawUnsafe(definition);
  };
}

/**
 * Recomputes every stored name, text and word from the entities, in one transaction: searches see
 * the old index or the new one, never half of each. Needed when NORMALIZATION_VERSION changes.
 */
export async function rebuildSearchIndex(prisma: PrismaClient, batchSize = REBUILD_BATCH): Promise<{ names: number; documents: number }> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`TRUNCATE ${SEARCH_TABLES.map((t) => `"${t}"`).join(', ')}`);
      const rebuildIndexes = await dropSearchIndexes(tx);
      let names = 0;
      let documents = 0;
      // A batch of entities at a time: the whole graph at scale L (29 million rows) outgrew the heap.
      const write = async (rows: { names: Prisma.SearchNameCreateManyInput[]; document: Prisma.SearchDocumentCreateManyInput | null }[]) => {
        const batchNames = rows.flatMap((r) => r.names);
        const batchDocuments = present(rows.map((r) => r.document));
        await writeSearchRows(tx, batchNames, batchDocuments);
        names += batchNames.length;
        documents += batchDocuments.length;
      };
      const after = (id: string | undefined) => ({ where: id ? { id: { gt: id } } : {}, orderBy: { id: 'asc' as const }, take: batchSize });
      for await (const batch of batches(batchSize, (id) => tx.organization.findMany({ ...after(id), include: { aliases: true } }))) {
        const cited = await citedTexts(tx, 'ORGANIZATION', batch.map((o) => o.id));
        await write(batch.map((o) => organizationSearchRows(o, o.aliases, cited.get(o.id))));
      }
      for await (const batch of batches(batchSize, (id) => tx.person.findMany({ ...after(id), include: { aliases: true } }))) {
        const cited = await citedTexts(tx, 'PERSON', batch.map((p) => p.id));
        await write(batch.map((p) => personSearchRows(p, p.aliases, cited.get(p.id))));
      }
      for await (const batch of batches(batchSize, (id) => tx.incident.findMany(after(id)))) {
        const cited = await citedTexts(tx, 'INCIDENT', batch.map((i) => i.id));
        await write(batch.map((i) => incidentSearchRows(i, cited.get(i.id))));
      }
      for await (const batch of batches(batchSize, (id) => tx.source.findMany(after(id)))) await write(batch.map(sourceSearchRows));
      await rebuildIndexes();
      await markSearchIndexCurrent(tx);
      return { names, documents };
    },
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
}
