// Linking imported entities to what the graph holds: by their dataset identifier, else by name
// (resolveEntity), decided before any write so that resolution reads only what existed before the import.
import type { Database } from '../db/client.js';
import { nameKey } from '../search/normalize.js';
import { resolveEntity } from '../search/resolve.js';
import type { ImportedEntity, ImportPlan } from './plan.js';
import { progress } from './report.js';

/** A score from which an unconfident name match is kept for review instead of being ignored. */
export const REVIEW_SCORE = 0.7;

export type Decision =
  | { action: 'link'; id: string; by: 'identifier' | 'name' }
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
  for (const name of names) {
    const candidates = await resolveEntity(db.scripts, name, entity.type, { country: entity.country });
    const [top] = candidates;
    if (!top) continue;
    // resolveEntity is confident only on a strong name: a weak name never merges.
    if (top.isConfident || distinctExactMatch(name, candidates)) return { action: 'link', id: top.entity.id, by: 'name' };
    found.push({ name, top });
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
    return { action: 'link', id: agreeing[0]!.top.entity.id, by: 'name' };
  }
  const best = found.map((f) => f.top).sort((a, b) => b.score - a.score)[0];
  if (best && best.score >= REVIEW_SCORE) return { action: 'create', candidate: { id: best.entity.id, score: best.score, explanation: best.explanation } };
  return { action: 'create' };
}

/** Decides, before any write, what each entity becomes: linked by identifier or name, or created. */
export async function decide(db: Database, plan: ImportPlan, progressTo: NodeJS.WriteStream | null | undefined): Promise<Decision[]> {
  const identified = plan.entities.flatMap((e) => (e.externalId ? [{ scheme: e.externalId.scheme, value: e.externalId.value }] : []));
  const known = identified.length > 0 ? await db.prisma.externalIdentifier.findMany({ where: { OR: identified } }) : [];
  const byKey = new Map(known.map((x) => [`${x.scheme} ${x.value}`, x]));
  const bar = progressTo === null ? null : progress('Resolving names', plan.entities.length, progressTo ?? undefined);
  const decisions: Decision[] = [];
  for (const entity of plan.entities) {
    const held = entity.externalId ? byKey.get(`${entity.externalId.scheme} ${entity.externalId.value}`) : undefined;
    const heldId = entity.type === 'ORGANIZATION' ? held?.organizationId : held?.personId;
    decisions.push(heldId ? { action: 'link', id: heldId, by: 'identifier' } : await resolveByName(db, entity));
    bar?.tick();
  }
  bar?.done();
  return decisions;
}

