// Keeps SearchName and SearchDocument in step with the entities: call it, in the same transaction,
// after writing an entity's names or texts. It replaces that entity's rows wholesale.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { deletions, nameKey, normalizeText } from './normalize.js';

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

/** The search rows of one organization: its name, its aliases, and its texts. */
export function organizationSearchRows(
  o: { id: string; name: string; summary: string | null; ideology: string | null },
  aliases: AliasLike[],
) {
  const owner = { organizationId: o.id };
  return {
    names: [nameRow('ORGANIZATION', owner, canonical(o.name)), ...aliases.map((a) => nameRow('ORGANIZATION', owner, { ...a, aliasId: a.id }))],
    document: documentRow('ORGANIZATION', owner, [o.summary, o.ideology]),
  };
}

/** In how many of these names each word occurs. */
export function wordCounts(skeletons: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const skeleton of skeletons) {
    for (const word of new Set(skeleton.split(' '))) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

export async function reindexSearch(db: Db, scope: IndexScope): Promise<void> {
  const names: Prisma.SearchNameCreateManyInput[] = [];
  const documents: (Prisma.SearchDocumentCreateManyInput | null)[] = [];
  const { organizationIds = [], personIds = [], incidentIds = [], sourceIds = [] } = scope;

  if (organizationIds.length) {
    const organizations = await db.organization.findMany({ where: { id: { in: organizationIds } }, include: { aliases: true } });
    for (const o of organizations) {
      const rows = organizationSearchRows(o, o.aliases);
      names.push(...rows.names);
      documents.push(rows.document);
    }
  }
  if (personIds.length) {
    const persons = await db.person.findMany({ where: { id: { in: personIds } }, include: { aliases: true } });
    for (const p of persons) {
      const owner = { personId: p.id };
      names.push(nameRow('PERSON', owner, canonical(p.name)));
      for (const a of p.aliases) names.push(nameRow('PERSON', owner, { ...a, aliasId: a.id }));
      documents.push(documentRow('PERSON', owner, [p.biography]));
    }
  }
  if (incidentIds.length) {
    for (const i of await db.incident.findMany({ where: { id: { in: incidentIds } } })) {
      const owner = { incidentId: i.id };
      names.push(nameRow('INCIDENT', owner, canonical(i.title)));
      documents.push(documentRow('INCIDENT', owner, [i.title, i.place, i.summary]));
    }
  }
  if (sourceIds.length) {
    for (const s of await db.source.findMany({ where: { id: { in: sourceIds } } })) {
      const owner = { sourceId: s.id };
      names.push(nameRow('SOURCE', owner, canonical(s.title)));
      documents.push(documentRow('SOURCE', owner, [s.title, s.publisher, s.description]));
    }
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
  if (names.length) await db.searchName.createMany({ data: names });
  // Word counts move by the names removed and added; a word left at 0 only costs an empty lookup.
  const delta = wordCounts(names.map((n) => n.skeleton));
  for (const [word, count] of wordCounts(previous.map((n) => n.skeleton))) delta.set(word, (delta.get(word) ?? 0) - count);
  const changed = [...delta].filter(([, df]) => df !== 0);
  if (changed.length) {
    // One statement for all words (an upsert per word made large reindexes crawl). A word missing
    // from the table can only gain names, so a new row never starts negative.
    await db.$executeRaw`
      INSERT INTO "SearchWord" (word, df)
      SELECT * FROM unnest(${changed.map(([w]) => w)}::text[], ${changed.map(([, n]) => n)}::int[])
      ON CONFLICT (word) DO UPDATE SET df = "SearchWord".df + excluded.df`;
  }
  const variants = [...delta.keys()].flatMap((word) => deletions(word).map((variant) => ({ variant, word })));
  if (variants.length) await db.searchWordVariant.createMany({ data: variants, skipDuplicates: true });
  const docs = documents.filter((d): d is Prisma.SearchDocumentCreateManyInput => d !== null);
  if (docs.length) await db.searchDocument.createMany({ data: docs });
}
