// Mapping Militant Organizations (Stanford): the group key (group_id, name) and the relationships file
// (type, the two groups, a date, a description), told apart by their headers. Groups become
// organizations with an MMP_GROUP identifier (none for the key's -99, "no id"); relationships become
// dated ties: merger, split, affiliation, alliance, rivalry, the description as the cited passage.
// The codebook names the two groups of a row "first" and "second" and says nothing of a split's direction:
// a split is stored as the splinter SPLIT_FROM the parent, read from the description where it says which
// split from which ("MUJAO split from AQIM"), else by the file's convention (the parent first: 21 of the 23
// split rows whose description says which split from which), marked as inferred, with the rule. An affiliation
// likewise: the affiliate as the description states it, else the first group, marked inferred.
import { parse } from 'csv-parse/sync';
import type { RelationType } from '../generated/prisma/enums.js';
import { escapeRegExp, twoDigitYear } from '../provenance/text.js';
import { ImportFileError, type ImportFile } from './file.js';
import type { Cite, ImportedEntity, ImportedRelation, ImportPlan, RowProblem } from './plan.js';
import { slugify } from './slug.js';

const TYPES: Record<string, RelationType> = { mer: 'MERGED_WITH', spl: 'SPLIT_FROM', aff: 'AFFILIATE_OF', all: 'ALLIED_WITH', riv: 'RIVAL_OF' };
const NO_ID = '-99';

// Windows-1252 punctuation that was decoded as Latin-1: C1 control characters standing for what was meant.
const CP1252: Record<string, string> = {
  '\u0091': '‘', '\u0092': '’', '\u0093': '“', '\u0094': '”', '\u0096': '–', '\u0097': '—', '\u0085': '…', '\u0095': '•',
};

/** The text as its authors wrote it: C1 controls back to the punctuation meant, spaces trimmed. */
export function repairText(text: string): string {
  return text.replace(/[\u0085\u0091-\u0097]/g, (c) => CP1252[c] ?? c).replace(/\s+/g, ' ').trim();
}

/** "2/18/10" (a day), "2014-02-00" (a month), "2006-00-00" (a year): this API's notation, or null. */
export function mmpDate(value: string): string | null {
  const v = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (us) {
    const year = us[3]!.length === 2 ? twoDigitYear(Number(us[3])) : Number(us[3]);
    const month = Number(us[1]);
    const day = Number(us[2]);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.toISOString().slice(0, 10) : null;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!iso) return null;
  if (iso[2] === '00') return iso[3] === '00' ? iso[1]! : null;
  if (iso[3] === '00') return `${iso[1]}-${iso[2]}`;
  return v;
}

function rowsOf(file: ImportFile): Record<string, string>[] {
  try {
    return parse(file.text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new ImportFileError(`${file.path}: not readable as CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}; nothing was written.`);
  }
}

/** "Mouvement ... (MUJAO)": the acronym in the closing parenthesis, stated in the name. */
function acronymOf(name: string): string[] {
  const m = /\(([A-Z][A-Z0-9-]{1,9})\)$/.exec(name);
  return m ? [m[1]!] : [];
}

/** The name, without a leading "The" and without its parenthesised acronym, and the acronym: spellings to resolve by. */
function nameSpellings(name: string): string[] {
  const bare = name.replace(/\s*\([^()]*\)$/, '').replace(/^The\s+/, '');
  return [...new Set([name, bare, ...acronymOf(name), ...slashNames(name)])];
}

/** "Bewegung 2. Juni/Movement 2 June": the key's two names of one group, each a name of it. */
function slashNames(name: string): string[] {
  const parts = name.split('/').map((p) => p.trim());
  return parts.length === 2 && parts.every((p) => /\p{L}{2,}.*\s/u.test(p)) ? parts : [];
}

/** The rule a split's direction follows when its description does not state it. */
export const SPLIT_CONVENTION =
  'MMP split row: its description does not say which group split from which; the second group is taken as the splinter of the first, ' +
  'as in 21 of the 23 split rows of the 2019 file whose description says which split from which.';

/** Apostrophes and quotes as one, spaces as one: "l’Unification" and "l'Unification" alike. */
const plain = (text: string) => text.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').toLowerCase();

/** How a description says one group split from another, or is the other's affiliate: the words between the two names. */
const SPLIT_WORDS = '\\b(?:split|splits|splintered|splinters|broke away|breaks away|separated|defected)\\b[^.]{0,60}?\\bfrom';
const AFFILIATE_WORDS = '\\b(?:affiliate (?:of|to)|(?:pledged|pledges|swore|swears|sworn) (?:its |their )?(?:allegiance|loyalty|bay\'ah) to|takes orders from|took orders from)';

/** Whether `text` says, in one sentence, that a group spelt `subject` stands to one spelt `object` as `words` say. */
function says(text: string, words: string, subject: readonly string[], object: readonly string[]): boolean {
  const any = (names: readonly string[]) => names.map((n) => escapeRegExp(plain(n))).join('|');
  const pattern = new RegExp(`(?:^|[^a-z0-9])(?:${any(subject)})(?![a-z0-9])[^.]{0,120}?${words}\\s+(?:the\\s+)?(?:[a-z]+\\s+){0,3}?(?:${any(object)})(?![a-z0-9])`);
  return pattern.test(plain(text));
}

/** Which of a row's two groups its description names first in the tie `words` describe; null when it says neither or both. */
function statedFirst(words: string, first: string, second: string, description: string | null): 'first' | 'second' | null {
  if (!description) return null;
  // A spelling of one or two letters ("IS") would be read in ordinary words. Descriptions abbreviate a name
  // by the initials of its capitalised words ("Al Qaeda in the Islamic Maghreb": "AQIM"); read, never stored.
  const spellings = (name: string) => {
    const initials = name.replace(/\s*\([^()]*\)$/, '').split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
    return [...nameSpellings(name), initials].filter((n) => n.length >= 3);
  };
  const firstOfSecond = says(description, words, spellings(first), spellings(second));
  const secondOfFirst = says(description, words, spellings(second), spellings(first));
  return firstOfSecond === secondOfFirst ? null : firstOfSecond ? 'first' : 'second';
}

/**
 * Which of a split row's two groups is the splinter: the one its description says split from the other;
 * else the second (SPLIT_CONVENTION, inferred).
 */
export function splitDirection(first: string, second: string, description: string | null): { splinter: 'first' | 'second'; stated: boolean } {
  const stated = statedFirst(SPLIT_WORDS, first, second, description);
  return stated ? { splinter: stated, stated: true } : { splinter: 'second', stated: false };
}

/** The rule an affiliation's direction follows when its description does not state it. */
export const AFFILIATE_CONVENTION =
  'MMP affiliation row: its codebook gives the two groups no order, and its description does not say which is the other\'s affiliate; ' +
  'the first group is taken as the affiliate of the second, as the row orders them.';

/**
 * Which of an affiliation row's two groups is the affiliate: the one its description calls an affiliate
 * of the other, or says pledged allegiance to or takes orders from it; else the first (AFFILIATE_CONVENTION, inferred).
 */
export function affiliateDirection(first: string, second: string, description: string | null): { affiliate: 'first' | 'second'; stated: boolean } {
  const stated = statedFirst(AFFILIATE_WORDS, first, second, description);
  return stated ? { affiliate: stated, stated: true } : { affiliate: 'first', stated: false };
}

export function planMmp(file: ImportFile): ImportPlan {
  const rows = rowsOf(file);
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const isKey = header.includes('group_id') && header.includes('name');
  const isRelationships = ['type', 'group1_id', 'group2_id', 'date', 'description', 'group1_name', 'group2_name'].every((c) => header.includes(c));
  if (!isKey && !isRelationships) {
    throw new ImportFileError(`${file.path}: neither the MMP group key (group_id, name) nor its relationships file (type, group1_id, ...); nothing was written.`);
  }
  const entities = new Map<string, ImportedEntity>();
  const problems: RowProblem[] = [];
  const relations: ImportedRelation[] = [];
  /** Rows whose description states the direction against the convention applied when it does not. */
  const contradicting: string[] = [];
  const group = (id: string, rawName: string, line: number, cite: Cite) => {
    const name = repairText(rawName);
    // -99 is the key's "no id": such a group is known by its name alone.
    const key = id === NO_ID || id === '' ? `name:${name}` : id;
    if (!entities.has(key)) {
      entities.set(key, {
        type: 'ORGANIZATION',
        line,
        key,
        name,
        citations: [cite],
        ...(key === id ? { externalId: { scheme: 'MMP_GROUP' as const, value: id, citation: cite } } : {}),
        aliases: [
          ...acronymOf(name).map((acronym) => ({ name: acronym, kind: 'ACRONYM' as const, quality: 'STRONG' as const, language: null, citation: cite })),
          ...slashNames(name).map((part) => ({ name: part, kind: 'ALTERNATIVE_NAME' as const, quality: 'STRONG' as const, language: null, citation: cite })),
        ],
        country: null,
        resolveBy: nameSpellings(name),
      });
    }
    return key;
  };

  rows.forEach((row, i) => {
    const line = i + 2;
    if (isKey) {
      const id = row.group_id?.trim() ?? '';
      const name = row.name ?? '';
      if (!name.trim()) return void problems.push({ line, message: `group ${id}: no name` });
      group(id, name, line, { quote: `${id},${repairText(name)}`, locator: `group key, line ${line}` });
      return;
    }
    const id = row.unique_id?.trim() ?? '';
    const at = `relationship ${id}`;
    const type = TYPES[row.type?.trim() ?? ''];
    if (!type) return void problems.push({ line, message: `${at}: type "${(row.type ?? '').slice(0, 10)}" is not mer, spl, aff, all or riv` });
    const date = row.date?.trim() ? mmpDate(row.date) : null;
    if (row.date?.trim() && !date) return void problems.push({ line, message: `${at}: date "${row.date.slice(0, 20)}" is not a date` });
    const description = row.description ? repairText(row.description) : null;
    const cite = (quote: string, field: string): Cite => ({ quote, locator: `${at}, ${field}` });
    const from = group(row.group1_id?.trim() ?? '', row.group1_name ?? '', line, cite(`${row.group1_id?.trim()},${repairText(row.group1_name ?? '')}`, 'group1_id, group1_name'));
    const to = group(row.group2_id?.trim() ?? '', row.group2_name ?? '', line, cite(`${row.group2_id?.trim()},${repairText(row.group2_name ?? '')}`, 'group2_id, group2_name'));
    // A split: the splinter SPLIT_FROM its parent, as the description states it or by the convention.
    const names = [repairText(row.group1_name ?? ''), repairText(row.group2_name ?? '')] as const;
    const split = type === 'SPLIT_FROM' ? splitDirection(...names, description) : null;
    if (split?.stated && split.splinter === 'first') contradicting.push(`${id} (split)`);
    // An affiliation: the affiliate AFFILIATE_OF the other, as the description states it or by the row's order.
    const affiliation = type === 'AFFILIATE_OF' ? affiliateDirection(...names, description) : null;
    if (affiliation?.stated && affiliation.affiliate === 'second') contradicting.push(`${id} (affiliation)`);
    const reversed = (split && split.splinter === 'second') || (affiliation && affiliation.affiliate === 'second');
    const [tieFrom, tieTo] = reversed ? [to, from] : [from, to];
    const directionInference = split && !split.stated ? SPLIT_CONVENTION : affiliation && !affiliation.stated ? AFFILIATE_CONVENTION : null;
    relations.push({
      line,
      from: tieFrom,
      to: tieTo,
      ...(directionInference ? { directionInference } : {}),
      type,
      start: date ?? undefined,
      description,
      citations: [...(description ? [cite(description, 'description')] : []), ...(date ? [cite(row.date!.trim(), 'date')] : [])],
    });
  });
  const name = file.name.replace(/\.csv$/i, '');
  return {
    source: {
      slug: `mmp-${slugify(name)}`,
      title: `Mapping Militant Organizations: ${isKey ? 'group key' : 'relationships'} (${name})`,
      publisher: 'Mapping Militant Organizations, Stanford University',
      kind: 'RESEARCH',
      description: isKey ? `MMP group key: ${entities.size} groups.` : `MMP relationships: ${relations.length} dated ties between ${entities.size} groups.`,
    },
    entities: [...entities.values()],
    relations,
    problems,
    // Group ids name distinct groups; a group the key gives no id is known by its name alone.
    distinctEntities: true,
    ...(contradicting.length > 0
      ? { notes: [`${contradicting.length} row(s) whose description states a direction against the convention used where none is stated: stored as the description says (relationship ${contradicting.join(', ')}).`] }
      : {}),
  };
}
