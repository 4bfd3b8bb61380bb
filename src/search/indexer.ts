// Keeps SearchName and SearchDocument in step with the entities: call reindexSearch, in the same
// transaction, after writing an entity's names or texts; it replaces that entity's rows wholesale.
// rebuildSearchIndex recomputes everything, for when the normalisation itself has changed.
import { randomUUID } from 'node:crypto';
import { insertRows } from '../db/bulk-insert.js';
import type { ScriptRunner } from '../db/client.js';
import { copyLine, type CopyValue } from '../db/copy-text.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { deletions, nameKey, NORMALIZATION_VERSION, normalizeText } from './normalize.js';

type Db = PrismaClient | Prisma.TransactionClient;
/** Runs one statement: Prisma's raw query, or a bulk transaction's. */
type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;
const prismaQuery = (db: Db): Query => (sql, params = []) => db.$queryRawUnsafe(sql, ...params);

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

/** Rows grouped by `key`, each group made of `value` of its rows, in their order. */
function grouped<R, V>(rows: readonly R[], key: (row: R) => string, value: (row: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}

/** The cited passages (and statements) of each entity of one type, by entity ID. */
async function citedTexts(query: Query, type: keyof typeof CITED_TEXT_SQL, ids: string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  return grouped(await query<{ id: string; text: string }>(CITED_TEXT_SQL[type], [ids]), (row) => row.id, (row) => row.text);
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
  const variants = wordVariants(delta.keys());
  for (let start = 0; start < variants.length; start += CHUNK) {
    const chunk = variants.slice(start, start + CHUNK);
    await db.$executeRaw`
      INSERT INTO "SearchWordVariant" (variant, word)
      SELECT * FROM unnest(${chunk.map(([v]) => v)}::text[], ${chunk.map(([, w]) => w)}::text[])
      ON CONFLICT DO NOTHING`;
  }
}

/** Each word's one-deletion variants, as [variant, word] pairs. */
const wordVariants = (words: Iterable<string>) => [...words].flatMap((word) => deletions(word).map((variant) => [variant, word] as const));

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
    const cited = await citedTexts(prismaQuery(db), 'ORGANIZATION', organizationIds);
    for (const o of await db.organization.findMany({ where: { id: { in: organizationIds } }, include: { aliases: true } })) {
      add(organizationSearchRows(o, o.aliases, cited.get(o.id)));
    }
  }
  if (personIds.length) {
    const cited = await citedTexts(prismaQuery(db), 'PERSON', personIds);
    for (const p of await db.person.findMany({ where: { id: { in: personIds } }, include: { aliases: true } })) add(personSearchRows(p, p.aliases, cited.get(p.id)));
  }
  if (incidentIds.length) {
    const cited = await citedTexts(prismaQuery(db), 'INCIDENT', incidentIds);
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
  // Only what changed is rewritten: a write adding one alias to an entity of hundreds rewrote them all, with
  // their words' counts and variants, and its whole text (most of a write's time on the imported graph).
  const nameKeyOf = (n: Omit<Prisma.SearchNameCreateManyInput, 'id'>) =>
    JSON.stringify([n.entityType, n.organizationId ?? null, n.personId ?? null, n.incidentId ?? null, n.sourceId ?? null, n.aliasId ?? null,
      n.name, n.kind, n.quality, n.language ?? null, n.normalized, n.skeleton, n.acronym ?? null]);
  const held = await db.searchName.findMany({ where: owned });
  const wanted = new Map<string, Prisma.SearchNameCreateManyInput[]>();
  for (const n of names) wanted.set(nameKeyOf(n), [...(wanted.get(nameKeyOf(n)) ?? []), n]);
  const stale: typeof held = [];
  for (const h of held) {
    const same = wanted.get(nameKeyOf(h));
    if (same?.length) same.pop();
    else stale.push(h);
  }
  const added = [...wanted.values()].flat();
  if (stale.length > 0) await db.searchName.deleteMany({ where: { id: { in: stale.map((h) => h.id) } } });
  const ownerOf = (d: { organizationId?: string | null; personId?: string | null; incidentId?: string | null; sourceId?: string | null }) =>
    d.organizationId ?? d.personId ?? d.incidentId ?? d.sourceId;
  const heldDocuments = new Map((await db.searchDocument.findMany({ where: owned, select: { id: true, organizationId: true, personId: true, incidentId: true, sourceId: true, content: true } }))
    .map((d) => [ownerOf(d), d]));
  const newDocuments = present(documents);
  const changedDocuments = newDocuments.filter((d) => heldDocuments.get(ownerOf(d))?.content !== d.content);
  const keptOwners = new Set(newDocuments.filter((d) => !changedDocuments.includes(d)).map(ownerOf));
  const dropped = [...heldDocuments.values()].filter((d) => !keptOwners.has(ownerOf(d)));
  if (dropped.length > 0) await db.searchDocument.deleteMany({ where: { id: { in: dropped.map((d) => d.id) } } });
  await writeSearchRows(db, added, changedDocuments, stale.map((n) => n.skeleton));
}

/** Whether the stored search forms were computed by this code's normalisation. */
export async function searchIndexIsCurrent(db: Db): Promise<boolean> {
  const state = await db.searchIndexState.findUnique({ where: { id: 1 } });
  return state?.normalization === NORMALIZATION_VERSION;
}

/** Records that the stored search forms are this code's (after indexing every entity), through Prisma or a bulk transaction. */
async function markCurrent(query: Query): Promise<void> {
  await query(
    `INSERT INTO "SearchIndexState" (id, normalization, "builtAt") VALUES (1, $1, now())
     ON CONFLICT (id) DO UPDATE SET normalization = EXCLUDED.normalization, "builtAt" = EXCLUDED."builtAt"`,
    [NORMALIZATION_VERSION],
  );
}

export const markSearchIndexCurrent = (db: Db): Promise<void> => markCurrent(prismaQuery(db));

/** The tables a rebuild empties and fills again. */
const SEARCH_TABLES = ['SearchName', 'SearchDocument', 'SearchWord', 'SearchWordVariant'];

/**
 * Drops the search tables' indexes that neither enforce uniqueness nor back a constraint (the
 * upserts' ON CONFLICT needs those) and returns what builds them again. Filled with the indexes in
 * place, the trigram and full-text ones were updated row by row: the rebuild at scale L had not
 * finished after 28 minutes, and at M it took 205 s against 138-149 s now.
 */
async function dropSearchIndexes(query: Query): Promise<() => Promise<void>> {
  const indexes = await query<{ name: string; definition: string }>(
    `SELECT i.relname::text AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace
       AND NOT x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
    [SEARCH_TABLES],
  );
  for (const { name } of indexes) await query(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  return async () => {
    for (const { definition } of indexes) await query(definition);
  };
}

/** The columns a rebuild copies into each search table, in the order of its lines. */
const NAME_COLUMNS = ['id', 'entityType', 'organizationId', 'personId', 'incidentId', 'sourceId', 'aliasId', 'name', 'kind', 'quality', 'language', 'normalized', 'skeleton', 'acronym'] as const;
const DOCUMENT_COLUMNS = ['id', 'entityType', 'organizationId', 'personId', 'incidentId', 'sourceId', 'content', 'text'] as const;

/** COPY lines of search rows, each with a new ID (Prisma's @default(uuid()) is made by the client). */
function copyLines<K extends string>(columns: readonly K[], rows: readonly Partial<Record<K, CopyValue>>[]): string {
  let text = '';
  for (const row of rows) text += copyLine(columns.map((c) => (c === 'id' ? randomUUID() : row[c])));
  return text;
}

/** The statements a rebuild reads the entities with, a batch at a time in ID order ($1: the last ID read, $2: how many). */
const ENTITY_BATCH_SQL = {
  Organization: 'id, name, summary, ideology',
  Person: 'id, name, biography',
  Incident: 'id, title, place, summary',
  Source: 'id, title, publisher, description',
};
const entityBatch = (table: keyof typeof ENTITY_BATCH_SQL, first: boolean) =>
  `SELECT ${ENTITY_BATCH_SQL[table]} FROM "${table}" ${first ? '' : 'WHERE id > $1::uuid'} ORDER BY id LIMIT ${first ? '$1' : '$2'}`;
const ALIASES_SQL = (owner: 'organizationId' | 'personId') =>
  `SELECT id, "${owner}" AS owner, name, kind, quality, language FROM "Alias" WHERE "${owner}" = ANY($1::uuid[]) ORDER BY id`;

type SearchRows = { names: Prisma.SearchNameCreateManyInput[]; document: Prisma.SearchDocumentCreateManyInput | null };

/**
 * Recomputes every stored name, text and word from the entities, in one transaction: searches see
 * the old index or the new one, never half of each. Needed when NORMALIZATION_VERSION changes.
 *
 * Rows go in by COPY, and the words and their variants once, at the end: through Prisma (text arrays
 * unnested, the word counts upserted batch by batch) writing took 65 s of the 138 s at scale M.
 */
export async function rebuildSearchIndex(scripts: Pick<ScriptRunner, 'bulkTransaction'>, batchSize = REBUILD_BATCH): Promise<{ names: number; documents: number }> {
  return scripts.bulkTransaction(async (tx) => {
    const query: Query = (sql, params) => tx.query(sql, params);
    await query(`TRUNCATE ${SEARCH_TABLES.map((t) => `"${t}"`).join(', ')}`);
    const rebuildIndexes = await dropSearchIndexes(query);
    let names = 0;
    let documents = 0;
    const words = new Map<string, number>();
    // A batch of entities at a time: the whole graph at scale L (29 million rows) outgrew the heap.
    const write = async (rows: SearchRows[]) => {
      const batchNames = rows.flatMap((r) => r.names);
      const batchDocuments = present(rows.map((r) => r.document));
      await tx.copy('SearchName', NAME_COLUMNS, copyLines(NAME_COLUMNS, batchNames));
      if (batchDocuments.length > 0) await tx.copy('SearchDocument', DOCUMENT_COLUMNS, copyLines(DOCUMENT_COLUMNS, batchDocuments));
      for (const [word, count] of wordCounts(batchNames.map((n) => n.skeleton))) words.set(word, (words.get(word) ?? 0) + count);
      names += batchNames.length;
      documents += batchDocuments.length;
    };
    const read = <T extends { id: string }>(table: keyof typeof ENTITY_BATCH_SQL) =>
      batches(batchSize, (after) => query<T>(entityBatch(table, after === undefined), after === undefined ? [batchSize] : [after, batchSize]));
    const aliasesOf = async (owner: 'organizationId' | 'personId', ids: string[]) =>
      grouped(await query<AliasLike & { owner: string }>(ALIASES_SQL(owner), [ids]), (alias) => alias.owner, (alias) => alias);
    for await (const batch of read<{ id: string; name: string; summary: string | null; ideology: string | null }>('Organization')) {
      const ids = batch.map((o) => o.id);
      const [aliases, cited] = [await aliasesOf('organizationId', ids), await citedTexts(query, 'ORGANIZATION', ids)];
      await write(batch.map((o) => organizationSearchRows(o, aliases.get(o.id) ?? [], cited.get(o.id))));
    }
    for await (const batch of read<{ id: string; name: string; biography: string | null }>('Person')) {
      const ids = batch.map((p) => p.id);
      const [aliases, cited] = [await aliasesOf('personId', ids), await citedTexts(query, 'PERSON', ids)];
      await write(batch.map((p) => personSearchRows(p, aliases.get(p.id) ?? [], cited.get(p.id))));
    }
    for await (const batch of read<Incidentlike>('Incident')) {
      const cited = await citedTexts(query, 'INCIDENT', batch.map((i) => i.id));
      await write(batch.map((i) => incidentSearchRows(i, cited.get(i.id))));
    }
    for await (const batch of read<Sourcelike>('Source')) await write(batch.map(sourceSearchRows));
    const counted = [...words];
    for (let start = 0; start < counted.length; start += REBUILD_BATCH) {
      const chunk = counted.slice(start, start + REBUILD_BATCH);
      await tx.copy('SearchWord', ['word', 'df'], chunk.map(copyLine).join(''));
      await tx.copy('SearchWordVariant', ['variant', 'word'], wordVariants(chunk.map(([word]) => word)).map(copyLine).join(''));
    }
    await rebuildIndexes();
    await markCurrent(query);
    return { names, documents };
  });
}
