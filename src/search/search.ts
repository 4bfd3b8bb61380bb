// Ranked name search and entity resolution. PostgreSQL finds candidates through its indexes
// (equality, prefix, trigram, full text); this module scores them with one consistent scale.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { nameKey, normalizeText, wordOverlap } from './normalize.js';

export type MatchKind = 'EXACT' | 'ALIAS' | 'ACRONYM' | 'PHONETIC' | 'FUZZY' | 'PREFIX' | 'FULL_TEXT';

export interface EntityRef {
  type: SearchEntityType;
  id: string;
}

export interface Hit {
  entity: EntityRef;
  score: number;
  matchKind: MatchKind;
  matchedText: string;
  /** How the matched name relates to the entity, for explanations. */
  nameKind: AliasKind | null;
  quality: AliasQuality;
  language: string | null;
}

interface NameRow {
  entityType: SearchEntityType;
  organizationId: string | null;
  personId: string | null;
  incidentId: string | null;
  sourceId: string | null;
  name: string;
  kind: AliasKind;
  quality: AliasQuality;
  language: string | null;
  normalized: string;
  skeleton: string;
  acronym: string | null;
  sim_normalized: number;
  sim_skeleton: number;
  word_sim: number;
}

/** Queries shorter than this only match exactly: "type-ahead from the third character". */
export const MIN_PARTIAL_LENGTH = 3;
const CANDIDATES = 200;
// A weak alias (a list's low-quality name, a bare nom de guerre) can be found, never decide alone.
const WEAK_FACTOR = 0.75;

function entityOf(row: { entityType: SearchEntityType; organizationId: string | null; personId: string | null; incidentId: string | null; sourceId: string | null }): EntityRef {
  return { type: row.entityType, id: (row.organizationId ?? row.personId ?? row.incidentId ?? row.sourceId)! };
}

/** The best reading of one candidate name for the query, on a 0..1 scale. */
function scoreName(row: NameRow, q: ReturnType<typeof nameKey>): { score: number; kind: MatchKind } | null {
  const readings: { score: number; kind: MatchKind }[] = [];
  if (row.normalized === q.normalized) {
    if (row.kind === 'CANONICAL') readings.push({ score: 1, kind: 'EXACT' });
    else if (row.kind === 'ACRONYM') readings.push({ score: 0.96, kind: 'ACRONYM' });
    else readings.push({ score: 0.97, kind: 'ALIAS' });
  }
  if (q.normalized.length >= MIN_PARTIAL_LENGTH) {
    // An acronym query ("gsim", "J.N.I.M.") against the initials of a full name.
    if (!q.normalized.includes(' ') && row.acronym === q.normalized) readings.push({ score: 0.88, kind: 'ACRONYM' });
    // Same folded words: a transliteration variant, reordered words or dropped particles. One word
    // left after folding ("Ag Moussa" → "musa") is too little to tell people apart: not decisive.
    if (row.skeleton === q.skeleton) readings.push({ score: row.skeleton.includes(' ') ? 0.93 : 0.8, kind: 'PHONETIC' });
    const similarity = Math.max(row.sim_normalized, row.sim_skeleton, wordOverlap(q.skeleton, row.skeleton));
    if (similarity >= 0.3) readings.push({ score: 0.45 + 0.45 * similarity, kind: 'FUZZY' });
    if (row.normalized.startsWith(q.normalized) || row.normalized.includes(` ${q.normalized}`)) {
      readings.push({ score: 0.5 + 0.35 * (q.normalized.length / row.normalized.length), kind: 'PREFIX' });
    } else if (row.word_sim >= 0.6 && q.normalized.length < row.normalized.length) {
      // The query is close to a part of the name ("Nusrat al-Islam" in the full name, with a typo).
      readings.push({ score: 0.35 + 0.35 * row.word_sim, kind: 'FUZZY' });
    }
  }
  if (readings.length === 0) return null;
  const best = readings.reduce((a, b) => (b.score > a.score ? b : a));
  return row.quality === 'WEAK' ? { score: best.score * WEAK_FACTOR, kind: best.kind } : best;
}

export interface SearchOptions {
  types?: SearchEntityType[] | null;
  limit: number;
  fullText?: boolean;
}

async function nameCandidates(db: PrismaClient, q: ReturnType<typeof nameKey>, types: SearchEntityType[]): Promise<NameRow[]> {
  const typeList = Prisma.join(types.map((t) => Prisma.sql`${t}`));
  const columns = Prisma.sql`"entityType", "organizationId", "personId", "incidentId", "sourceId", name, kind, quality, language, normalized, skeleton, acronym`;
  if (q.normalized.length < MIN_PARTIAL_LENGTH) {
    return db.$queryRaw<NameRow[]>`
      SELECT ${columns}, 1::float8 AS sim_normalized, 1::float8 AS sim_skeleton, 1::float8 AS word_sim
      FROM "SearchName"
      WHERE "entityType"::text IN (${typeList}) AND normalized = ${q.normalized}
      LIMIT ${CANDIDATES}`;
  }
  const prefix = `${q.normalized.replace(/[\\%_]/g, '\\$&')}%`;
  // One branch per index (btree equality and prefix, trigram GIN), so PostgreSQL never scans the
  // table; similarity is then computed on the few rows found.
  return db.$queryRaw<NameRow[]>`
    WITH found AS (
      SELECT id FROM "SearchName" WHERE normalized = ${q.normalized}
      UNION SELECT id FROM "SearchName" WHERE skeleton = ${q.skeleton}
      UNION SELECT id FROM "SearchName" WHERE acronym = ${q.normalized}
      UNION (SELECT id FROM "SearchName" WHERE normalized LIKE ${prefix} LIMIT ${CANDIDATES})
      UNION SELECT id FROM "SearchName" WHERE normalized % ${q.normalized}
      UNION SELECT id FROM "SearchName" WHERE skeleton % ${q.skeleton}
      UNION SELECT id FROM "SearchName" WHERE ${q.normalized} <% normalized
    )
    SELECT ${columns},
           similarity(normalized, ${q.normalized})::float8 AS sim_normalized,
           similarity(skeleton, ${q.skeleton})::float8 AS sim_skeleton,
           word_similarity(${q.normalized}, normalized)::float8 AS word_sim
    FROM "SearchName" JOIN found USING (id)
    WHERE "entityType"::text IN (${typeList})
    ORDER BY greatest(similarity(normalized, ${q.normalized}), similarity(skeleton, ${q.skeleton}),
                      word_similarity(${q.normalized}, normalized)) DESC
    LIMIT ${CANDIDATES}`;
}

interface DocumentRow {
  entityType: SearchEntityType;
  organizationId: string | null;
  personId: string | null;
  incidentId: string | null;
  sourceId: string | null;
  rank: number;
  excerpt: string;
}

async function fullTextCandidates(db: PrismaClient, normalized: string, types: SearchEntityType[], limit: number) {
  const typeList = Prisma.join(types.map((t) => Prisma.sql`${t}`));
  return db.$queryRaw<DocumentRow[]>`
    SELECT "entityType", "organizationId", "personId", "incidentId", "sourceId",
           ts_rank(to_tsvector('simple', text), plainto_tsquery('simple', ${normalized}))::float8 AS rank,
           ts_headline('simple', content, plainto_tsquery('simple', ${normalized}), 'MaxWords=18, MinWords=6, StartSel="", StopSel=""') AS excerpt
    FROM "SearchDocument"
    WHERE "entityType"::text IN (${typeList}) AND to_tsvector('simple', text) @@ plainto_tsquery('simple', ${normalized})
    ORDER BY rank DESC
    LIMIT ${limit}`;
}

const ALL_TYPES: SearchEntityType[] = ['ORGANIZATION', 'PERSON', 'INCIDENT', 'SOURCE'];

/**
 * Ranked hits, one per entity (its best-matching name or text), by score, then name, then ID,
 * so equal scores always come back in the same order.
 */
export async function searchEntities(db: PrismaClient, query: string, options: SearchOptions): Promise<Hit[]> {
  const q = nameKey(query);
  if (!q.normalized) return [];
  const types = options.types?.length ? options.types : ALL_TYPES;
  const best = new Map<string, Hit>();
  const offer = (hit: Hit) => {
    const key = `${hit.entity.type}:${hit.entity.id}`;
    const current = best.get(key);
    if (!current || hit.score > current.score) best.set(key, hit);
  };

  for (const row of await nameCandidates(db, q, types)) {
    const scored = scoreName(row, q);
    if (scored) {
      offer({ entity: entityOf(row), score: scored.score, matchKind: scored.kind, matchedText: row.name, nameKind: row.kind, quality: row.quality, language: row.language });
    }
  }
  if ((options.fullText ?? true) && q.normalized.length >= MIN_PARTIAL_LENGTH) {
    for (const row of await fullTextCandidates(db, q.normalized, types, CANDIDATES)) {
      const score = 0.3 + 0.3 * Math.min(1, row.rank * 10);
      offer({ entity: entityOf(row), score, matchKind: 'FULL_TEXT', matchedText: row.excerpt, nameKind: null, quality: 'STRONG', language: null });
    }
  }
  return [...best.values()]
    .map((hit) => ({ ...hit, score: Math.round(hit.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.matchedText.localeCompare(b.matchedText) || a.entity.id.localeCompare(b.entity.id))
    .slice(0, options.limit);
}

export { normalizeText };
