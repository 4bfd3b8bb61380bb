// Keeps SearchName and SearchDocument in step with the entities: call it, in the same transaction,
// after writing an entity's names or texts. It replaces that entity's rows wholesale.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { nameKey, normalizeText } from './normalize.js';

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

export async function reindexSearch(db: Db, scope: IndexScope): Promise<void> {
  const names: Prisma.SearchNameCreateManyInput[] = [];
  const documents: (Prisma.SearchDocumentCreateManyInput | null)[] = [];
  const { organizationIds = [], personIds = [], incidentIds = [], sourceIds = [] } = scope;

  if (organizationIds.length) {
    const organizations = await db.organization.findMany({ where: { id: { in: organizationIds } }, include: { aliases: true } });
    for (const o of organizations) {
      const owner = { organizationId: o.id };
      names.push(nameRow('ORGANIZATION', owner, canonical(o.name)));
      for (const a of o.aliases) names.push(nameRow('ORGANIZATION', owner, { ...a, aliasId: a.id }));
      documents.push(documentRow('ORGANIZATION', owner, [o.summary, o.ideology]));
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
  await db.searchName.deleteMany({ where: owned });
  await db.searchDocument.deleteMany({ where: owned });
  if (names.length) await db.searchName.createMany({ data: names });
  const docs = documents.filter((d): d is Prisma.SearchDocumentCreateManyInput => d !== null);
  if (docs.length) await db.searchDocument.createMany({ data: docs });
}
