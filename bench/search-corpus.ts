// A deterministic synthetic corpus of organization names and aliases shaped like this field's:
// Arabic names in several transliterations, acronyms, French and English translations.
// The same seed number always gives the same corpus.
import type { Prisma } from '../src/generated/prisma/client.js';

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

const HEADS = ['Katiba', 'Jamaat', 'Harakat', 'Ansar', 'Saraya', 'Jaysh', 'Liwa', 'Majlis', 'Tanzim', 'Kataib'];
const CORES = [
  'Nusrat', 'Tawhid', 'Jihad', 'Islam', 'Muslimin', 'Sunna', 'Haqq', 'Fath', 'Nasr', 'Mujahidin', 'Salafiya', 'Dawa', 'Hisba',
  'Azawad', 'Macina', 'Gourma', 'Liptako', 'Sahel', 'Sahara', 'Tilemsi', 'Ifoghas', 'Hombori', 'Boulkessi', 'Djibo', 'Menaka',
  'Kidal', 'Timbuktu', 'Gao', 'Mopti', 'Niono', 'Tenenkou', 'Serma', 'Dogon', 'Fulani', 'Tuareg', 'Arab', 'Songhai', 'Bambara',
  'Khalid', 'Umar', 'Yusuf', 'Hamza', 'Bilal', 'Usama', 'Abbas', 'Zubayr', 'Qaqa', 'Furqan', 'Ribat', 'Hijra',
];
const LINKS = ['al', 'wal', 'fi', 'li', 'bilad'];
const ENGLISH = ['Front', 'Movement', 'Brigade', 'Group', 'Army', 'Council', 'Battalion', 'Companies'];
const FRENCH = ['Front', 'Mouvement', 'Brigade', 'Groupe', 'Armée', 'Conseil', 'Bataillon', 'Compagnies'];

/** Spelling variants as different sources write the same Arabic name. */
function variant(name: string, rnd: () => number): string {
  const rules: [RegExp, string][] = [[/u/g, 'ou'], [/i/g, 'ee'], [/q/g, 'k'], [/ -/g, ' '], [/al /g, 'el '], [/wal /g, 'wa al '], [/a/g, 'aa']];
  let out = name;
  for (const [from, to] of rules) if (rnd() < 0.35) out = out.replace(from, to);
  return out;
}

export interface Corpus {
  organizations: Prisma.OrganizationCreateManyInput[];
  aliases: Prisma.AliasCreateManyInput[];
  /** Names in the corpus, for queries. */
  names: string[];
}

/** `organizations` organizations with ten names each: a canonical name and nine aliases. */
export function searchCorpus(organizations: number, seed = 42): Corpus {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const corpus: Corpus = { organizations: [], aliases: [], names: [] };
  for (let i = 0; i < organizations; i++) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const cores = [pick(CORES), pick(CORES), pick(CORES)];
    const name = `${pick(HEADS)} ${cores[0]} ${pick(LINKS)}-${cores[1]} ${cores[2]} ${i}`;
    corpus.organizations.push({ id, slug: `synthetic-${i}`, name, kind: 'GROUP', status: 'ACTIVE' });
    corpus.names.push(name);
    const english = `${pick(ENGLISH)} for the ${cores[0]} of ${cores[1]} and ${cores[2]}`;
    const french = `${pick(FRENCH)} pour le ${cores[0]} du ${cores[1]} et ${cores[2]}`;
    const acronym = english.split(' ').filter((w) => !['for', 'the', 'of', 'and'].includes(w)).map((w) => w[0]).join('').toUpperCase() + i;
    const aliases: [string, Prisma.AliasCreateManyInput['kind'], string | null][] = [
      [variant(name, rnd), 'TRANSLITERATION', 'ar-Latn'],
      [variant(name, rnd), 'SPELLING_VARIANT', 'ar-Latn'],
      [variant(name, rnd), 'TRANSLITERATION', 'fr'],
      [english, 'TRANSLATION', 'en'],
      [french, 'TRANSLATION', 'fr'],
      [acronym, 'ACRONYM', 'en'],
      [`${cores[1]} ${cores[2]} ${i}`, 'ALTERNATIVE_NAME', null],
      [`Katiba ${cores[2]} ${i}`, 'FORMER_NAME', null],
      [`Abu ${pick(CORES)} ${i}`, 'NOM_DE_GUERRE', null],
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
    });
  }
  return corpus;
}
