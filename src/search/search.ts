// Ranked name search and entity resolution. PostgreSQL finds candidates through its indexes
// (equality, prefix, word vocabulary, full text); this module scores them with one consistent scale.
// Plain SQL through the driver: these statements are hand-tuned, and Prisma's per-query overhead
// (about 2 ms on PGlite, against 0.7 ms for the driver) would be a large part of a search's time.
import type { ScriptRunner } from '../db/client.js';
import type { AliasKind, AliasQuality, SearchEntityType } from '../generated/prisma/enums.js';
import { deletions, foldWord, nameKey, trigramMatcher, type TrigramMatcher } from './normalize.js';

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
}

/** Longest query word looked up by spelling (one edit away, trigrams); the longest names' words are under 25 letters. */
export const MAX_FUZZY_WORD_LENGTH = 40;
/** Queries shorter than this only match exactly: "type-ahead from the third character". */
export const MIN_PARTIAL_LENGTH = 3;
const CANDIDATES = 200;
/**
 * Most distinct words a search sends to word lookups, ranking and highlighting. The database's work grows
 * with the words of a query: ts_headline spent 2 s on one 200-character query of 67 repeated words.
 * Names worth finding are under 8 words; later words are dropped, repeated ones counted once.
 */
export const MAX_SEARCH_TERMS = 8;
/** Characters of a document ts_headline reads for an excerpt: its work grows with the text it reads. */
const HEADLINE_TEXT = 20_000;

/** A query's distinct words (of `min` letters or more) in their order, at most MAX_SEARCH_TERMS. */
export function searchTerms(text: string, min = 1): string[] {
  return [...new Set(text.split(' ').filter((w) => w.length >= min))].slice(0, MAX_SEARCH_TERMS);
}
// A weak alias (a list's low-quality name, a bare nom de guerre) can be found, never decide alone.
const WEAK_FACTOR = 0.75;

function entityOf(row: { entityType: SearchEntityType; organizationId: string | null; personId: string | null; incidentId: string | null; sourceId: string | null }): EntityRef {
  return { type: row.entityType, id: (row.organizationId ?? row.personId ?? row.incidentId ?? row.sourceId)! };
}

/** The best reading of one candidate name for the query, on a 0..1 scale. */
function scoreName(row: NameRow, q: ReturnType<typeof nameKey>, match: TrigramMatcher): { score: number; kind: MatchKind } | null {
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
    const similarity = Math.max(
      match.similarity(q.normalized, row.normalized),
      match.similarity(q.skeleton, row.skeleton),
      match.softWordOverlap(q.skeleton, row.skeleton),
    );
    if (similarity >= 0.3) readings.push({ score: 0.45 + 0.45 * similarity, kind: 'FUZZY' });
    if (row.normalized.startsWith(q.normalized) || row.normalized.includes(` ${q.normalized}`)) {
      readings.push({ score: 0.5 + 0.35 * (q.normalized.length / row.normalized.length), kind: 'PREFIX' });
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

/** At most this many names come from shared words: it bounds the work of any query. */
const WORD_CANDIDATES = 400;
/** Of those, the most similar by skeleton trigrams are scored. */
const WORD_SCORED = 80;
/** Names starting with the query, or holding only common words, at most: short queries match thousands. */
const PREFIX_CANDIDATES = 100;
/** Typo'd words looked up in the vocabulary, at most. */
const MAX_FUZZY_WORDS = 3;
const SPELLINGS_PER_WORD = 4;
const NAME_COLUMNS = `"entityType", "organizationId", "personId", "incidentId", "sourceId", name, kind, quality, language, normalized, skeleton, acronym`;

interface Spelling {
  word: string;
  df: number;
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  const da = deletions(a);
  const db = deletions(b);
  return da.includes(b) || db.includes(a) || da.some((d) => db.includes(d));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/**
 * The query's words as the vocabulary holds them, with how many names use each, and completions of
 * the last word (type-ahead). For words the vocabulary lacks (typos): spellings one edit away, by
 * exact lookups of deletion variants; trigram similarity only for longer words beyond that.
 */
async function spellings(sql: ScriptRunner, words: string[], lastWord: string, match: TrigramMatcher): Promise<Spelling[]> {
  const typeAhead = lastWord.length >= MIN_PARTIAL_LENGTH ? `${escapeLike(lastWord)}%` : null;
  const known = await sql.query<Spelling>(
    `SELECT word, df FROM "SearchWord" WHERE word = ANY($1::text[])
     UNION (SELECT word, df FROM "SearchWord" WHERE $2::text IS NOT NULL AND word LIKE $2 ORDER BY df DESC LIMIT ${SPELLINGS_PER_WORD})`,
    [words, typeAhead],
  );
  const held = new Set(known.filter((s) => s.df > 0).map((s) => s.word));
  // A word longer than any name's is no typo of one: it gets no spelling lookups, whose cost grows with it.
  const unknown = words.filter((w) => !held.has(w) && w.length >= MIN_PARTIAL_LENGTH && w.length <= MAX_FUZZY_WORD_LENGTH).slice(0, MAX_FUZZY_WORDS);
  if (unknown.length === 0) return known;
  // One edit away (a letter missing, extra, changed or swapped): exact lookups of deletion variants.
  // Deleting from short words ("ansa" → "ana") would match too many unrelated words: five letters up.
  const edited = unknown.flatMap((w) => (w.length >= 5 ? deletions(w) : []));
  const found = await sql.query<Spelling>(
    `SELECT w.word, w.df FROM "SearchWordVariant" v JOIN "SearchWord" w USING (word) WHERE v.variant = ANY($1::text[])
     UNION SELECT word, df FROM "SearchWord" WHERE word = ANY($2::text[])`,
    [[...unknown, ...edited], edited],
  );
  // The closest few per query word, so a common shape cannot flood retrieval.
  const nearby = unknown.flatMap((w) =>
    found
      .filter((s) => oneEditApart(w, s.word))
      .sort((a, b) => match.similarity(w, b.word) - match.similarity(w, a.word) || a.word.localeCompare(b.word))
      .slice(0, SPELLINGS_PER_WORD),
  );
  // Further away: trigram similarity, only for longer words with no spelling one edit away.
  const far = unknown.filter((w) => w.length >= 6 && !nearby.some((s) => oneEditApart(w, s.word)));
  if (far.length === 0) return [...known, ...nearby];
  const branches = far.map(
    (_, i) => `(SELECT word, df FROM "SearchWord" WHERE word % $${i + 1} ORDER BY similarity(word, $${i + 1}) DESC LIMIT ${SPELLINGS_PER_WORD})`,
  );
  return [...known, ...nearby, ...(await sql.query<Spelling>(branches.join(' UNION '), far))];
}

/**
 * Candidate names, each branch on an index: equal normalised text, skeleton or acronym (btree),
 * normalised prefix (text_pattern_ops), and names containing a spelling of one of the query's
 * rarest words (GIN on the array of folded words). Branches read the rows they return (no join back to the
 * table: it cost a lookup per row), and names found by shared words are cut to the most similar
 * before they leave the database, so few rows are sent and scored in TypeScript.
 */
async function nameCandidates(sql: ScriptRunner, q: ReturnType<typeof nameKey>, types: SearchEntityType[], match: TrigramMatcher): Promise<NameRow[]> {
  if (q.normalized.length < MIN_PARTIAL_LENGTH) {
    return sql.query<NameRow>(
      `SELECT ${NAME_COLUMNS} FROM "SearchName" WHERE "entityType"::text = ANY($1::text[]) AND normalized = $2 LIMIT ${CANDIDATES}`,
      [types, q.normalized],
    );
  }
  const words = searchTerms(q.skeleton, 2);
  const found = (await spellings(sql, words, foldWord(q.normalized.split(' ').at(-1) ?? ''), match)).filter((s) => s.df > 0);
  // The rarest words, as many as together appear in at most WORD_CANDIDATES names: every name holding
  // one of them is then retrieved, and a chance spelling of a typo (in one or two names) does not
  // crowd out the query's real words.
  const byRarity = [...new Map([...found].sort((a, b) => a.df - b.df || a.word.localeCompare(b.word)).map((s) => [s.word, s.df]))];
  const rare: string[] = [];
  let names = 0;
  for (const [word, df] of byRarity) {
    if (names + df > WORD_CANDIDATES) break;
    rare.push(word);
    names += df;
  }
  // When every word is common ("Jamaat ... Islam"), names holding the two least common ones together.
  const common = rare.length > 0 ? [] : byRarity.slice(0, 2).map(([word]) => word);
  const params: unknown[] = [types, q.normalized, q.skeleton, `${escapeLike(q.normalized)}%`];
  const select = `SELECT id, ${NAME_COLUMNS} FROM "SearchName" WHERE "entityType"::text = ANY($1::text[]) AND`;
  const branches = [
    `${select} normalized = $2`,
    `${select} skeleton = $3`,
    `${select} acronym = $2`,
    `(${select} normalized LIKE $4 LIMIT ${PREFIX_CANDIDATES})`,
  ];
  // Branches only with non-empty word lists: an empty array makes GIN scan the whole index.
  if (rare.length > 0) {
    params.push(rare);
    branches.push(
      `(SELECT * FROM (${select} string_to_array(skeleton, ' ') && $${params.length}::text[] LIMIT ${WORD_CANDIDATES}) shared
        ORDER BY similarity(skeleton, $3) DESC, id LIMIT ${WORD_SCORED})`,
    );
  } else if (common.length > 0) {
    // Only common words: any of their many names is as good a guess as another; keep the page small.
    params.push(common);
    branches.push(`(${select} string_to_array(skeleton, ' ') @> $${params.length}::text[] LIMIT ${PREFIX_CANDIDATES})`);
  }
  return sql.query<NameRow>(`SELECT DISTINCT ON (id) ${NAME_COLUMNS} FROM (${branches.join(' UNION ALL ')}) found`, params);
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

async function fullTextCandidates(sql: ScriptRunner, normalized: string, types: SearchEntityType[], limit: number) {
  // The excerpt is computed after the sort and limit (PostgreSQL postpones costly output columns).
  return sql.query<DocumentRow>(
    `SELECT "entityType", "organizationId", "personId", "incidentId", "sourceId",
            ts_rank(vector, plainto_tsquery('simple', $2))::float8 AS rank,
            ts_headline('simple', left(content, ${HEADLINE_TEXT}), plainto_tsquery('simple', $2), 'MaxWords=18, MinWords=6, StartSel="", StopSel=""') AS excerpt
     FROM "SearchDocument"
     WHERE "entityType"::text = ANY($1::text[]) AND vector @@ plainto_tsquery('simple', $2)
     ORDER BY rank DESC, id
     LIMIT ${limit}`,
    [types, normalized],
  );
}

const FULL_TEXT_MAX = 0.6;

const ALL_TYPES: SearchEntityType[] = ['ORGANIZATION', 'PERSON', 'INCIDENT', 'SOURCE'];

/**
 * Ranked hits, one per entity (its best-matching name or text), by score, then name, then ID,
 * so equal scores always come back in the same order.
 */
export async function searchEntities(sql: ScriptRunner, query: string, options: SearchOptions): Promise<Hit[]> {
  const q = nameKey(query);
  if (!q.normalized) return [];
  const types = options.types?.length ? options.types : ALL_TYPES;
  const best = new Map<string, Hit>();
  const offer = (hit: Hit) => {
    const key = `${hit.entity.type}:${hit.entity.id}`;
    const current = best.get(key);
    if (!current || hit.score > current.score) best.set(key, hit);
  };

  const match = trigramMatcher();
  for (const row of await nameCandidates(sql, q, types, match)) {
    const scored = scoreName(row, q, match);
    if (scored) {
      offer({ entity: entityOf(row), score: scored.score, matchKind: scored.kind, matchedText: row.name, nameKind: row.kind, quality: row.quality, language: row.language });
    }
  }
  // A full-text hit scores at most FULL_TEXT_MAX: when enough names already beat it, skip the query.
  const beaten = [...best.values()].filter((hit) => hit.score > FULL_TEXT_MAX).length >= options.limit;
  const text = searchTerms(q.normalized).join(' ');
  if ((options.fullText ?? true) && !beaten && text.length >= MIN_PARTIAL_LENGTH) {
    // Scores rise with rank, so the best `limit` documents of entities not yet found are enough.
    for (const row of await fullTextCandidates(sql, text, types, options.limit + best.size)) {
      const score = 0.3 + (FULL_TEXT_MAX - 0.3) * Math.min(1, row.rank * 10);
      offer({ entity: entityOf(row), score, matchKind: 'FULL_TEXT', matchedText: row.excerpt, nameKind: null, quality: 'STRONG', language: null });
    }
  }
  return [...best.values()]
    .map((hit) => ({ ...hit, score: Math.round(hit.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.matchedText.localeCompare(b.matchedText) || a.entity.id.localeCompare(b.entity.id))
    .slice(0, options.limit);
}

