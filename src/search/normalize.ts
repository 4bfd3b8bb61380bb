// Name normalisation shared by indexing and querying: what is stored for every name in SearchName
// is exactly what a query is turned into, so matching compares like with like.

// Arabic articles and connectors as transliterated (al-Islam, el-, ul-, wal-, wa al-), and the small
// words of English and French names: they carry no identity and vary between sources.
const ARTICLES = new Set(['al', 'el', 'ul', 'ud', 'il', 'an', 'ad', 'ash', 'as', 'at', 'ar', 'az', 'ed', 'es', 'wa', 'wal', 'w']);
const STOPWORDS = new Set(['the', 'of', 'for', 'and', 'to', 'in', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'aux', 'au', 'a', 'l', 'd']);
// Tamasheq and Arabic name particles (ag, wallet, ould, ibn/bin, abu, abd al): dropped from the
// phonetic key so "Iyad ag Ghali" and "Iyad Ghali" meet; kept in the normalised text.
const PARTICLES = new Set([
  'ag', 'agh', 'ou', 'ould', 'wuld', 'wallet', 'walet', 'mint', 'bint', 'ibn', 'bin', 'ben', 'abu', 'abou', 'bou', 'abd', 'abdel', 'abdul', 'abdoul',
]);
// An article or "abd" written onto its word ("Almurabitun", "Elmourabitoune", "Abdelmalek"): the
// phonetic key drops it when at least four letters remain, so the word meets its spaced spelling.
const GLUED_PREFIX = /^(?:abd(?:el|al|ul|oul)?|al|el|ul)(?=\p{L}{4,}$)/u;

/**
 * The version of what the search index stores: what nameKey and normalizeText compute, and which
 * texts are indexed (3: the passages cited for an entity). Bump it with any change to either: the
 * stored forms are then out of date, and start-up rebuilds the search index (src/app.ts).
 */
export const NORMALIZATION_VERSION = 4;

/** Lowercase ASCII words: diacritics, apostrophes (ʿ ’ ' ‘), hyphens and punctuation folded. */
export function normalizeText(input: string): string {
  let text = input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[ʿʾ’‘`´']/g, "'");
  // French elision (l'islam, d'Ivoire) separates words; inside Arabic names (Jama'at) the mark is dropped.
  text = text.replace(/\b(l|d|j|m|n|s|t|qu)'(?=\p{L})/gu, '$1 ').replace(/'/g, '');
  text = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // Acronyms written with dots or spaces (J.N.I.M., G S I M) become one word.
  text = text.replace(/\b(?:\p{L} ){2,}\p{L}\b/gu, (letters) => letters.replace(/ /g, ''));
  return text;
}

/** A rough phonetic form of one word: transliteration variants of Arabic and Tamasheq names meet. */
export function foldWord(word: string): string {
  // A French transliteration's silent final e: "Mourabitoune" is "Mourabitoun" and "Murabitun".
  let w = (word.length > 5 && /[^aeiouy]e$/.test(word) ? word.slice(0, -1) : word)
    .replace(/ch/g, 'sh')
    .replace(/dj/g, 'j')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/kh/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i');
  w = w.replace(/o/g, 'u').replace(/e/g, 'i').replace(/y/g, 'i').replace(/q/g, 'k').replace(/c/g, 'k').replace(/w/g, 'u');
  w = w.replace(/(.)\1+/g, '$1');
  if (w.length > 3) w = w.replace(/h$/, '');
  return w;
}

export interface NameKey {
  /** normalizeText(name): for exact, prefix and trigram matching. */
  normalized: string;
  /** Folded significant words, sorted: equal for transliteration variants and reordered words. */
  skeleton: string;
  /** Initials of the significant words ("jnim", "gsim"), when the name has two to eight of them. */
  acronym: string | null;
}

function significantWords(normalized: string): string[] {
  return normalized.split(' ').filter((w) => w && !ARTICLES.has(w) && !STOPWORDS.has(w));
}

export function nameKey(name: string): NameKey {
  const normalized = normalizeText(name);
  const words = significantWords(normalized);
  const folded = words.filter((w) => !PARTICLES.has(w)).map((w) => foldWord(w.replace(GLUED_PREFIX, ''))).filter(Boolean);
  const skeleton = [...new Set(folded)].sort().join(' ') || foldWord(normalized.replace(/ /g, ''));
  const acronym = words.length >= 2 && words.length <= 8 ? words.map((w) => w[0]).join('') : null;
  return { normalized, skeleton, acronym };
}

/** Trigrams of each word, padded as pg_trgm pads them ("  ab", " ab ", ...). */
function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

export interface TrigramMatcher {
  /** Trigram similarity as pg_trgm's similarity(): shared trigrams over all trigrams. */
  similarity(a: string, b: string): number;
  /**
   * How well the query's words are found among the name's, each word matched to its most similar
   * counterpart (so a typo in one word costs a little, a missing word more), over the longer list.
   */
  softWordOverlap(querySkeleton: string, nameSkeleton: string): number;
}

/**
 * Scoring compares the query with up to hundreds of names that share words, so trigram sets are
 * memoised, per search: a memo shared across searches would keep every name it met alive into the
 * old generation, and the garbage collector's pauses would land on the requests.
 */
export function trigramMatcher(): TrigramMatcher {
  const memo = new Map<string, Set<string>>();
  const of = (text: string) => {
    let grams = memo.get(text);
    if (!grams) memo.set(text, (grams = trigrams(text)));
    return grams;
  };
  const similarity = (a: string, b: string) => {
    const x = of(a);
    const y = of(b);
    if (x.size === 0 || y.size === 0) return 0;
    let shared = 0;
    for (const g of x) if (y.has(g)) shared++;
    return shared / (x.size + y.size - shared);
  };
  return {
    similarity,
    softWordOverlap(querySkeleton, nameSkeleton) {
      const q = querySkeleton.split(' ').filter(Boolean);
      const n = nameSkeleton.split(' ').filter(Boolean);
      if (q.length === 0 || n.length === 0) return 0;
      let total = 0;
      for (const word of q) {
        let best = 0;
        for (const other of n) best = Math.max(best, word === other ? 1 : similarity(word, other));
        if (best >= 0.5) total += best;
      }
      return total / Math.max(q.length, n.length);
    },
  };
}

/** The word with one letter removed, each way: two words one edit apart share one of these (or each other). */
export function deletions(word: string): string[] {
  if (word.length < 4) return [];
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}
