// Linking imported entities to what the graph holds: by their dataset identifier, else by name
// (resolveEntity), decided before any write so that resolution reads only what existed before the import.
import type { Database } from '../db/client.js';
import { foldWord, nameKey } from '../search/normalize.js';
import { countryCode } from './countries.js';
import { resolveEntity } from '../search/resolve.js';
import { identifiersOf, type ImportedEntity, type ImportPlan } from './plan.js';
import { progress } from './report.js';

/** A score from which an unconfident name match is kept for review instead of being ignored. */
export const REVIEW_SCORE = 0.7;

export type Decision =
  | { action: 'link'; id: string; by: 'identifier' | 'name'; score?: number; explanation?: string; canonical?: boolean }
  | { action: 'create'; candidate?: { id: string; score: number; explanation: string } };

/** A score at which two spellings of one compound name ("JNIM" and "Group for Support of Islam and Muslims") agreeing on an entity link it. */
export const AGREEMENT_SCORE = 0.7;

/** Match kinds that say "this very name" rather than "a similar one". */
const EXACT_KINDS = new Set(['EXACT', 'ALIAS', 'ACRONYM', 'PHONETIC']);

/**
 * Whether an import may link on this candidate although resolveEntity is not confident (it wants two
 * words): the same name exactly, as a transliteration variant, or spelt all but alike (similarity 0.9:
 * "Al Murabitoun" and "al-Murabitun"), on a strong name of at least four letters ("MUJAO", "ISGS"),
 * with no other entity close behind. Measured on the labelled cross-source pairs (test/entity-links.test.ts).
 */
function distinctExactMatch(name: string, candidates: Awaited<ReturnType<typeof resolveEntity>>): boolean {
  const [top, ...rest] = candidates;
  if (!top || top.quality !== 'STRONG') return false;
  if (!(EXACT_KINDS.has(top.matchKind) && top.score >= 0.93) && !(top.matchKind === 'FUZZY' && top.score >= 0.9)) return false;
  if (nameKey(name).normalized.replace(/ /g, '').length < 4) return false;
  return rest.every((c) => c.entity.id === top.entity.id || top.score - c.score >= 0.05);
}

/** The decision for one name: resolved alone, or by its spellings (a link when one is confident, or two agree). */
async function resolveByName(db: Database, entity: ImportedEntity): Promise<Decision> {
  const names = entity.resolveBy && entity.resolveBy.length > 0 ? entity.resolveBy : [entity.name];
  const found: { name: string; top: Awaited<ReturnType<typeof resolveEntity>>[number] }[] = [];
  const searched: { name: string; candidates: Awaited<ReturnType<typeof resolveEntity>> }[] = [];
  for (const name of names) {
    const candidates = await resolveEntity(db.scripts, name, entity.type, { country: entity.country });
    searched.push({ name, candidates });
    const [top] = candidates;
    if (!top) continue;
    // resolveEntity is confident only on a strong name: a weak name never merges.
    if (top.isConfident || distinctExactMatch(name, candidates)) {
      if (qualifiersOf(name).length > 0 && qualifierDropped(name, await namesOf(db, top.entity))) {
        found.push({ name, top });
        continue;
      }
      return { action: 'link', id: top.entity.id, by: 'name', score: top.score, explanation: top.explanation, canonical: await spellsCanonical(db, name, top) };
    }
    found.push({ name, top });
  }
  // The same words in another transliteration ("Jaish-e-Mohammad", "JAISH-I-MOHAMMED"): evidence of their own,
  // taken only when one entity alone has them.
  for (const { name, candidates } of searched) {
    const linked = transliterated(name, candidates);
    if (linked && !(qualifiersOf(name).length > 0 && qualifierDropped(name, await namesOf(db, linked.entity)))) {
      return {
        action: 'link', id: linked.entity.id, by: 'name', score: linked.score,
        explanation: `${linked.explanation}; the same words in another transliteration`, canonical: await spellsCanonical(db, name, linked),
      };
    }
  }
  // Agreement counts only between independent spellings: an acronym and a name of several words
  // ("JNIM" and "Group for Support of Islam and Muslims"), not a name with and without "The".
  const agreeing = found.filter((f) => f.top.score >= AGREEMENT_SCORE);
  const oneWord = (f: (typeof found)[number]) => !/\s/.test(f.name.trim());
  if (
    agreeing.some(oneWord) &&
    agreeing.some((f) => !oneWord(f)) &&
    agreeing.every((f) => f.top.entity.id === agreeing[0]!.top.entity.id)
  ) {
    const top = agreeing[0]!.top;
    return { action: 'link', id: top.entity.id, by: 'name', score: top.score, explanation: top.explanation };
  }
  const best = found.map((f) => f.top).sort((a, b) => b.score - a.score)[0];
  if (best && best.score >= REVIEW_SCORE) return { action: 'create', candidate: { id: best.entity.id, score: best.score, explanation: best.explanation } };
  return { action: 'create' };
}

/** Decides, before any write, what each entity becomes: linked by identifier or name, or created. */
export async function decide(db: Database, plan: ImportPlan, progressTo: NodeJS.WriteStream | null | undefined): Promise<Decision[]> {
  const identified = plan.entities.flatMap((e) => identifiersOf(e).map((x) => ({ scheme: x.scheme, value: x.value })));
  const known = identified.length > 0 ? await db.prisma.externalIdentifier.findMany({ where: { OR: identified } }) : [];
  const byKey = new Map(known.map((x) => [`${x.scheme} ${x.value}`, x]));
  const bar = progressTo === null ? null : progress('Resolving names', plan.entities.length, progressTo ?? undefined);
  const decisions: Decision[] = [];
  for (const entity of plan.entities) {
    const heldId = identifiersOf(entity)
      .map((x) => byKey.get(`${x.scheme} ${x.value}`))
      .map((held) => (entity.type === 'ORGANIZATION' ? held?.organizationId : held?.personId))
      .find((id) => id);
    decisions.push(heldId ? { action: 'link', id: heldId, by: 'identifier' } : await resolveByName(db, entity));
    bar?.tick();
  }
  bar?.done();
  return plan.distinctEntities ? oneRecordPerEntity(plan, decisions) : decisions;
}

/**
 * The file's own records are distinct: two entries of one file (MMP's Egyptian "Al Jama' Al-Islamiya" and
 * Indonesian "Jemaah Islamiyah", two UN references) are never linked by name to one held entity. The
 * one linked by identifier, else by the best name match, keeps the link; the others are created, the
 * pair listed for review.
 */
function oneRecordPerEntity(plan: ImportPlan, decisions: Decision[]): Decision[] {
  const byTarget = new Map<string, number[]>();
  decisions.forEach((d, i) => {
    if (d.action === 'link') byTarget.set(d.id, [...(byTarget.get(d.id) ?? []), i]);
  });
  const result = [...decisions];
  for (const [id, indexes] of byTarget) {
    const keys = new Set(indexes.map((i) => plan.entities[i]!.key));
    if (keys.size < 2) continue;
    // A match on the entity's own name outranks one on an alias: MMP's Lashkar-e-Taiba is the UN's
    // LASHKAR-E-TAYYIBA, though MMP's Jamaat-ud-Dawa is that entry's alias, word for word.
    const rank = (i: number) => {
      const d = decisions[i] as Extract<Decision, { action: 'link' }>;
      return d.by === 'identifier' ? 3 : (d.score ?? 0) + (d.canonical ? 1 : 0);
    };
    const keep = [...indexes].sort((a, b) => rank(b) - rank(a))[0]!;
    for (const i of indexes) {
      const d = decisions[i] as Extract<Decision, { action: 'link' }>;
      if (i === keep || d.by === 'identifier') continue;
      result[i] = {
        action: 'create',
        candidate: { id, score: d.score ?? REVIEW_SCORE, explanation: `${d.explanation ?? 'a name match'}; another entry of the same file is that entity, so this one is held apart` },
      };
    }
  }
  return result;
}

/**
 * Whether a name qualifies what it names ("Islamic State (Sahel)", "Islamic State - Khorasan", "Islamic State
 * West Africa Province") with words none of the candidate's names has: a province or branch is not its
 * parent, and "Islamic State (Sahel)" once moved its incidents onto the core group (0.97).
 */
export function qualifierDropped(name: string, matched: string[]): boolean {
  const target = new Set(matched.flatMap((m) => nameKey(m).normalized.split(' ')));
  // Blocked when no qualifier survives: "Islamic State (West Africa) - Greater Sahara Faction" is the UN's
  // "Islamic State in the Greater Sahara" by its faction, though "West Africa" is not in that name.
  const qualifiers = qualifiersOf(name);
  return qualifiers.length > 0 && qualifiers.every((words) => !words.some((w) => target.has(w)));
}

/** The qualifiers of a name (a parenthesis, a " - " suffix, a province), each as its telling words. */
function qualifiersOf(name: string): string[][] {
  return [
    ...[...name.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!),
    ...[...name.matchAll(/\s[-–]\s(.+)$/g)].map((m) => m[1]!),
    ...[...name.matchAll(/\b((?:[A-Z][\w'’-]*\s)*)Province\b/g)].map((m) => m[1]!),
  ]
    // A country or a span of years qualifies a name without making it another group's ("(Mali)", "(2013-2020)"),
    // and an acronym ("(IRA)", "(FAR-A)") only abbreviates it.
    .filter((q) => !countryCode(q.trim()) && !/^\s*\d{4}\s*-\s*(\d{4})?\s*$/.test(q) && !/^[A-Z][A-Za-z0-9-]{1,9}$/.test(q.trim()))
    .map((q) => nameKey(q).normalized.split(' ').filter((w) => w.length > 2 && !GENERIC_QUALIFIERS.has(w)))
    .filter((words) => words.length > 0);
}

/**
 * Whether a name is the candidate's own name, in any transliteration, rather than one of its aliases: when two
 * entries of a file reach one entity, the one that spells its name keeps the link.
 */
async function spellsCanonical(db: Database, name: string, candidate: { entity: { type: string; id: string }; nameKind: string | null }): Promise<boolean> {
  if (candidate.nameKind === null || candidate.nameKind === 'CANONICAL') return true;
  const [canonical] = await namesOf(db, candidate.entity);
  const [a, b] = [consonantKey(name), canonical ? consonantKey(canonical) : null];
  return a !== null && b !== null && a.key === b.key;
}

/** Every name an entity is held under: its name first, then its aliases. */
async function namesOf(db: Database, entity: { type: string; id: string }): Promise<string[]> {
  const table = entity.type === 'PERSON' ? 'Person' : 'Organization';
  const owner = entity.type === 'PERSON' ? 'personId' : 'organizationId';
  const rows = await db.scripts.query<{ name: string }>(
    `SELECT name, 0 AS rank FROM "${table}" WHERE id = $1::uuid UNION ALL SELECT name, 1 FROM "Alias" WHERE "${owner}" = $1::uuid ORDER BY rank`, [entity.id],
  );
  return rows.map((r) => r.name);
}

/** Words that carry nothing of a name's identity: articles and particles of Arabic names, unit words. */
const FILLER = new Set(['the', 'and', 'for', 'wal', 'fil', 'brigade', 'brigades', 'battalion', 'battalions', 'faction']);

/**
 * A name's telling words as consonant skeletons, sorted ("Jaish-e-Mohammad": "jsh mhmd"), without an acronym
 * it carries ("(JAMWA)", "/ AIAI"); the country it names ("(Tunisia)", "in Tunisia") and the skeleton without
 * it; null for a name of fewer than two telling words, too little to weigh.
 */
export function consonantKey(name: string): { key: string; bare: string; country: string | null } | null {
  let bare = name.replace(/\s*\(([A-Z][A-Za-z0-9-]{1,9})\)\s*$/, '').replace(/\s+\/\s+[A-Za-z0-9-]{2,10}$/, '').trim();
  const skeleton = (text: string) => {
    // A possessive is no word of the name ("ISLAMIC STATE'S KHORASAN PROVINCE"), nor an ordinal's suffix ("2nd of June").
    const plain = text.replace(/['’]s\b/gi, '').replace(/\b(\d+)(?:st|nd|rd|th)\b/gi, '$1');
    const words = nameKey(plain).normalized.split(' ').filter((w) => (w.length > 2 || /^\d+$/.test(w)) && !FILLER.has(w));
    return words.length < 2 ? null : words.map((w) => foldWord(w).replace(/[aeiou]/g, '') || w).sort().join(' ');
  };
  const key = skeleton(bare);
  if (!key) return null;
  let country: string | null = null;
  const named = /^(.*\S)\s*\(([^()]+)\)$/.exec(bare) ?? /^(.*\S)\s+in\s+(?:the\s+)?(.+)$/i.exec(bare);
  if (named && countryCode(named[2]!.trim())) {
    country = countryCode(named[2]!.trim());
    bare = named[1]!;
  }
  return { key, bare: skeleton(bare) ?? key, country };
}

/**
 * The candidate a name transliterates: the best candidate, when its matched name has the same consonant
 * skeleton, no contradicting country, and no other entity among the candidates has it too.
 */
function transliterated(name: string, candidates: Awaited<ReturnType<typeof resolveEntity>>): Awaited<ReturnType<typeof resolveEntity>>[number] | null {
  const own = consonantKey(name);
  const [top] = candidates;
  if (!own || !top || top.score < REVIEW_SCORE || top.quality !== 'STRONG') return null;
  const same = (c: (typeof candidates)[number]) => {
    const other = consonantKey(c.matchedText);
    // The countries named are compared when both name one; named by one only, they are words like any other
    // ("The Islamic State" is not "Islamic State in Yemen").
    if (other === null) return false;
    return own.country && other.country ? own.country === other.country && own.bare === other.bare : other.key === own.key;
  };
  if (!same(top)) return null;
  return candidates.every((c) => c.entity.id === top.entity.id || !same(c)) ? top : null;
}

/** Words of a qualifier that say nothing of where or which: "faction", years, "the". */
const GENERIC_QUALIFIERS = new Set(['faction', 'the', 'and', 'group', 'battalion', 'brigade', 'splinter']);

