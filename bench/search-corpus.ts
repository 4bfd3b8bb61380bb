// A deterministic synthetic corpus of organization names and aliases shaped like this field's:
// Arabic names in several transliterations, acronyms, French and English translations.
// The same seed number always gives the same corpus.
import type { Database } from '../src/db/client.js';
import type { Prisma } from '../src/generated/prisma/client.js';
import { insertRows } from '../src/db/bulk-insert.js';
import { organizationSearchRows, writeSearchRows } from '../src/search/indexer.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common words recur across many names, as in real lists; the rest are built from syllables,
// giving tens of thousands of distinct words with the look of Sahelian and Arabic names.
const HEADS = ['Katiba', 'Jamaat', 'Harakat', 'Ansar', 'Saraya', 'Jaysh', 'Liwa', 'Majlis', 'Tanzim', 'Kataib'];
const COMMON = ['Islam', 'Jihad', 'Tawhid', 'Sunna', 'Muslimin', 'Nasr', 'Fath', 'Sahel', 'Sahara', 'Azawad'];
const SYLLABLES = [
  'ka', 'ma', 'si', 'dou', 'gha', 'li', 'na', 'ri', 'ba', 'mou', 'sa', 'ta', 'ki', 'di', 'ra', 'ha', 'la', 'ya', 'kou', 'fa',
  'za', 'wa', 'ni', 'bou', 'ti', 'mi', 'da', 'tou', 'ja', 'sou', 'khal', 'lid', 'rim', 'dan', 'gou', 'sam', 'bel', 'nour', 'ham', 'dar',
];
const LINKS = ['al', 'wal', 'fi', 'li', 'bilad'];
const ENGLISH = ['Front', 'Movement', 'Brigade', 'Group', 'Army', 'Council', 'Battalion', 'Companies'];
const FRENCH = ['Front', 'Mouvement', 'Brigade', 'Groupe', 'Armée', 'Conseil', 'Bataillon', 'Compagnies'];

function word(rnd: () => number): string {
  const count = 2 + Math.floor(rnd() * 2);
  let w = '';
  for (let i = 0; i < count; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w[0]!.toUpperCase() + w.slice(1);
}

/** Spelling variants as different sources write the same Arabic name. */
function variant(name: string, rnd: () => number): string {
  const rules: [RegExp, string][] = [[/ou/g, 'u'], [/i/g, 'ee'], [/k/g, 'q'], [/-/g, ' '], [/al /g, 'el '], [/wal /g, 'wa al '], [/a/g, 'aa']];
  let out = name;
  for (const [from, to] of rules) if (rnd() < 0.35) out = out.replace(from, to);
  return out;
}

export interface Corpus {
  organizations: Prisma.OrganizationCreateManyInput[];
  aliases: Prisma.AliasCreateManyInput[];
  /** Names in the corpus, for queries. */
  names: string[];
  /** The organization each of `names` belongs to. */
  owners: string[];
}

/** `organizations` organizations with ten names each: a canonical name and nine aliases. */
export function searchCorpus(organizations: number, seed = 42): Corpus {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const corpus: Corpus = { organizations: [], aliases: [], names: [], owners: [] };
  for (let i = 0; i < organizations; i++) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const cores = [word(rnd), rnd() < 0.3 ? pick(COMMON) : word(rnd), word(rnd)];
    const name = `${pick(HEADS)} ${cores[0]} ${pick(LINKS)}-${cores[1]} ${cores[2]}`;
    corpus.organizations.push({ id, slug: `synthetic-${i}`, name, kind: 'GROUP', status: 'ACTIVE' });
    corpus.names.push(name);
    corpus.owners.push(id);
    const english = `${pick(ENGLISH)} for the ${cores[0]} of ${cores[1]} and ${cores[2]}`;
    const french = `${pick(FRENCH)} pour le ${cores[0]} du ${cores[1]} et ${cores[2]}`;
    const acronym = english.split(' ').filter((w) => !['for', 'the', 'of', 'and'].includes(w)).map((w) => w[0]).join('').toUpperCase();
    const aliases: [string, Prisma.AliasCreateManyInput['kind'], string | null][] = [
      [variant(name, rnd), 'TRANSLITERATION', 'ar-Latn'],
      [variant(name, rnd), 'SPELLING_VARIANT', 'ar-Latn'],
      [variant(name, rnd), 'TRANSLITERATION', 'fr'],
      [english, 'TRANSLATION', 'en'],
      [french, 'TRANSLATION', 'fr'],
      [acronym, 'ACRONYM', 'en'],
      [`${cores[1]} ${cores[2]}`, 'ALTERNATIVE_NAME', null],
      [`Katiba ${cores[2]}`, 'FORMER_NAME', null],
      [`Abu ${word(rnd)}`, 'NOM_DE_GUERRE', null],
    ];
    aliases.forEach(([alias, kind, language], j) => {
      corpus.aliases.push({
        id: `00000000-0000-4000-9${j}00-${i.toString(16).padStart(12, '0')}`,
        organizationId: id,
        name: alias,
        kind,
        language,
        quality: kind === 'NOM_DE_GUERRE' ? 'WEAK' : 'STRONG',
      });
      corpus.names.push(alias);
      corpus.owners.push(id);
    });
  }
  return corpus;
}

/** The corpus rows and their search rows, computed by the same code as the indexer's. */
export async function bulkLoad(db: Database, corpus: ReturnType<typeof searchCorpus>) {
  const now = new Date().toISOString();
  await insertRows(db.prisma, 'Organization', [['id', 'uuid'], ['slug', 'text'], ['name', 'text'], ['kind', '"OrganizationKind"'], ['status', '"OrganizationStatus"'], ['updatedAt', 'timestamptz']],
    corpus.organizations.map((o) => ({ ...o, updatedAt: now })));
  await insertRows(db.prisma, 'Alias', [['id', 'uuid'], ['organizationId', 'uuid'], ['name', 'text'], ['kind', '"AliasKind"'], ['language', 'text'], ['quality', '"AliasQuality"']], corpus.aliases);
  const byOrganization = new Map<string, typeof corpus.aliases>();
  for (const a of corpus.aliases) byOrganization.set(a.organizationId!, [...(byOrganization.get(a.organizationId!) ?? []), a]);
  const names = corpus.organizations.flatMap((o) =>
    organizationSearchRows({ id: o.id!, name: o.name, summary: null, ideology: null }, (byOrganization.get(o.id!) ?? []).map((a) => ({
      id: a.id!, name: a.name, kind: a.kind, quality: a.quality ?? 'STRONG', language: a.language ?? null,
    }))).names,
  );
  await writeSearchRows(db.prisma, names, []);
}
