// What a passage states, read mechanically: the numbers it gives (in digits or words, with their
// scale: "$18 and $35 million"), the years, months and days it names, the sentence around a quote.
import { normalizeText } from '../search/normalize.js';

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `text` matched literally inside a regular expression. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, dozen: 12, hundred: 100,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9, bn: 1e9 };
// Words that may stand between a figure and the scale that applies to it: "$18 and $35 million".
const BRIDGES = new Set(['and', 'to', 'or']);

/** The value of one number word ("six", "forty-nine"); null when the token is not one. */
function wordValue(token: string): number | null {
  if (token in UNITS) return UNITS[token]!;
  if (token in TENS) return TENS[token]!;
  const [tens, unit] = token.split('-');
  if (tens && unit && tens in TENS && unit in UNITS && UNITS[unit]! < 10) return TENS[tens]! + UNITS[unit]!;
  return null;
}

/** Every number a text states, with the scales that apply to it ("30 million" gives 30 and 30,000,000). */
export function numbersStated(text: string): number[] {
  const tokens = text.toLowerCase().match(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\p{L}+(?:-\p{L}+)*/gu) ?? [];
  const values = tokens.map((t) => (/^\d/.test(t) ? Number(t.replace(/,/g, '')) : wordValue(t)));
  const found: number[] = [];
  values.forEach((value, i) => {
    if (value === null) return;
    found.push(value);
    for (let j = i + 1; j < Math.min(tokens.length, i + 5); j++) {
      const token = tokens[j]!;
      if (token in SCALES) {
        found.push(value * SCALES[token]!);
        break;
      }
      if (!BRIDGES.has(token) && values[j] === null) break;
    }
  });
  return found;
}

/** Whether `value` is one of the numbers stated (to the precision of a stored decimal). */
export function isStated(value: number, stated: readonly number[]): boolean {
  return stated.some((n) => Math.abs(n - value) <= 1e-6 * Math.max(1, Math.abs(value)));
}

const MONTHS: [RegExp, number][] = [
  ['january|jan|janvier', 1], ['february|feb|fevrier|février', 2], ['march|mar|mars', 3], ['april|apr|avril', 4],
  ['may|mai', 5], ['june|jun|juin', 6], ['july|jul|juillet', 7], ['august|aug|aout|août', 8],
  ['september|sept|sep|septembre', 9], ['october|oct|octobre', 10], ['november|nov|novembre', 11], ['december|dec|decembre|décembre', 12],
].map(([names, month]) => [new RegExp(`^(?:${names})$`, 'u'), month as number]);

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const [pattern, month] of MONTHS) if (pattern.test(w)) return month;
  return null;
}

/** A two-digit year as datasets of this field mean it: 50-99 → 1950-1999, 00-49 → 2000-2049. */
export function twoDigitYear(yy: number): number {
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

/** The years, months and (month, day) pairs a text names: "13 November 2020", "March 2, 2018", "2018-10-04". */
export interface DatesStated {
  years: Set<number>;
  months: Set<number>;
  /** "month-day", e.g. "11-13". */
  days: Set<string>;
}

export function datesStated(text: string): DatesStated {
  const stated: DatesStated = { years: new Set(), months: new Set(), days: new Set() };
  for (const m of text.matchAll(/(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)/g)) stated.years.add(Number(m[1]));
  // Numeric US dates, as datasets write them: "2/18/10", "2/18/2010" (month, day, year).
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?![\d/])/g)) {
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    stated.years.add(year);
    stated.months.add(Number(m[1]));
    stated.days.add(`${Number(m[1])}-${Number(m[2])}`);
  }
  for (const m of text.matchAll(/(?<!\d)\d{4}-(\d{2})(?:-(\d{2}))?(?!\d)/g)) {
    stated.months.add(Number(m[1]));
    if (m[2]) stated.days.add(`${Number(m[1])}-${Number(m[2])}`);
  }
  // A range of days in one month: "January 19-20, 1970".
  for (const m of text.matchAll(/([\p{L}]+)\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2})(?!\d)/gu)) {
    const month = monthOf(m[1]!);
    if (month !== null) for (const d of [m[2], m[3]]) stated.days.add(`${month}-${Number(d)}`);
  }
  const words = [...text.matchAll(/[\p{L}]+\.?|(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)/gu)].map((m) => m[0]);
  words.forEach((word, i) => {
    const month = monthOf(word);
    if (month === null) return;
    stated.months.add(month);
    const day = (token: string | undefined) => (token && /^\d{1,2}(?:st|nd|rd|th)?$/.test(token) ? parseInt(token, 10) : null);
    // "13 November", "13th of November", "November 13", "Nov. 13"
    const before = day(words[i - 1]) ?? (words[i - 1]?.toLowerCase() === 'of' ? day(words[i - 2]) : null);
    const after = day(words[i + 1]);
    for (const d of [before, after]) if (d !== null && d >= 1 && d <= 31) stated.days.add(`${month}-${d}`);
  });
  return stated;
}

// A sentence ends at . ! or ? (and a closing quote or bracket) before a capital or an opening quote;
// "20 Aug. 2013" does not end one.
const SENTENCE_END = /[.!?]["”’)]?\s+(?=[\p{Lu}“"‘(])/gu;

/**
 * The sentence holding the quote (all of them, when it spans several) and the sentence before it,
 * where a speaker must be named; null when the quote is not in the document.
 */
export function sentenceWindow(document: string, quote: string): string | null {
  const doc = collapse(document);
  const q = collapse(quote);
  const at = doc.indexOf(q);
  if (at < 0) return null;
  const starts = [0, ...[...doc.matchAll(SENTENCE_END)].map((m) => m.index! + m[0].length)];
  const own = starts.filter((s) => s <= at).length - 1;
  const from = starts[Math.max(0, own - 1)]!;
  const next = starts.find((s) => s >= at + q.length);
  return doc.slice(from, next ?? doc.length);
}

/** Whether `text` contains `phrase` once both are normalised as search normalises names. */
export function mentions(text: string, phrase: string): boolean {
  const needle = normalizeText(phrase);
  return needle.length > 0 && normalizeText(text).includes(needle);
}
