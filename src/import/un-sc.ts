// The UN Security Council Consolidated List (XML), every regime: each INDIVIDUAL a person, each ENTITY
// an organization, with its names, aliases (Good/a.k.a. strong, Low weak, f.k.a. former), name in
// original script, designation (regime, reference, listed on), UN reference, every date and place of
// birth, nationality and address side by side (and `born`, `nationality` when the entry gives one),
// and its COMMENTS1 as a cited passage.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapse } from '../provenance/text.js';
import { parsePartialDate, PartialDateError } from '../values/partial-date.js';
import { countryCode } from './countries.js';
import { ImportFileError, type ImportFile } from './file.js';
import type { Cite, ImportedAttribute, ImportedEntity, ImportPlan, RowProblem } from './plan.js';
import { unEntityKind, UN_KIND_RULE } from './un-kinds.js';

const ARRAYS = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS', 'NATIONALITY', 'INDIVIDUAL_PLACE_OF_BIRTH',
]);

type Node = Record<string, unknown>;
const text = (value: unknown): string | null => {
  if (typeof value === 'string' || typeof value === 'number') {
    const t = String(value).replace(/\s+/g, ' ').trim();
    return t === '' ? null : t;
  }
  return null;
};
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value ? [value] : []).filter((v): v is Node => typeof v === 'object' && v !== null);

/** "ISLAMIC STATE IN THE GREATER SAHARA (ISGS)": the whole name, the name without its acronym, and the acronym. */
function nameVariants(name: string): string[] {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(name);
  return m ? [name, m[1]!, m[2]!] : [name];
}

/** The regimes' programmes, as the list's UN_LIST_TYPE names them. */
function program(listType: string | null): string {
  return listType ? `UN Security Council sanctions list: ${listType}` : 'UN Security Council Consolidated List';
}

/**
 * An xs:date as the list writes it, possibly with a time zone ("2015-04-14-04:00"): the day listed,
 * "2015-04-14". Null when it is not one.
 */
export function listDay(value: string): string | null {
  return /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value)?.[1] ?? null;
}

/** A date of birth in this API's notation, from the list's TYPE_OF_DATE with DATE, YEAR or FROM_YEAR/TO_YEAR. */
function birthDate(node: Node): { notation: string; quote: string } | null {
  const type = text(node.TYPE_OF_DATE);
  const date = text(node.DATE);
  const year = text(node.YEAR);
  const from = text(node.FROM_YEAR);
  const to = text(node.TO_YEAR);
  if (type === 'BETWEEN' && from && to) return { notation: from === to ? from : `${from}/${to}`, quote: `${from} ${to}` };
  const value = (date ? listDay(date) ?? date : null) ?? year;
  if (!value) return null;
  return { notation: type === 'APPROXIMATELY' ? `~${value}` : value, quote: date ?? value };
}

/** An address or place of birth element: the parts it gives, as written, and the passage (those parts in file order). */
function place(node: Node, kind: 'ADDRESS' | 'PLACE_OF_BIRTH', cite: (quote: string) => Cite): ImportedAttribute | null {
  const street = text(node.STREET);
  const city = text(node.CITY);
  const region = text(node.STATE_PROVINCE);
  const country = text(node.COUNTRY);
  const note = text(node.NOTE);
  const parts = [street, city, region, country, note].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  return { kind, street, city, region, country, countryCode: country ? countryCode(country) : null, note, citation: cite(parts.join('; ')) };
}

/** The same detail stated twice in one entry is one. */
function distinct(attributes: ImportedAttribute[]): ImportedAttribute[] {
  const seen = new Set<string>();
  return attributes.filter((a) => {
    const key = JSON.stringify({ ...a, citation: undefined });
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * The names one ALIAS_NAME holds. Most hold one; 21 of the 2020 list's hold several, separated by ";", often
 * after a first name with the rest in parentheses ("حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)"), lines
 * broken anywhere, the last parenthesis sometimes missing. A name followed by "(original script)" is one.
 */
export function packedNames(value: string): { name: string; originalScript: boolean }[] {
  const flat = collapse(value);
  if (!flat.includes(';')) return [{ name: flat, originalScript: false }];
  const parts: string[] = [];
  // A parenthesis opened and not closed before the first ";" opens the list: what precedes it is a name too.
  let depth = 0;
  let opened = -1;
  for (let i = 0; i < flat.length && flat[i] !== ';'; i++) {
    if (flat[i] === '(') {
      if (depth === 0) opened = i;
      depth++;
    } else if (flat[i] === ')') depth--;
  }
  let list = flat;
  if (depth > 0 && opened >= 0) {
    parts.push(flat.slice(0, opened));
    list = flat.slice(opened + 1).replace(/\)\s*$/, '');
  }
  parts.push(...list.split(';'));
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const script = /\s*\(original script\)$/i.exec(part);
      const name = script ? part.slice(0, script.index).trim() : part;
      return { name, originalScript: script !== null || /[\u0600-\u06FF]/.test(name) };
    })
    .filter((n) => n.name !== '');
}

export function planUnList(file: ImportFile): ImportPlan {
  const valid = XMLValidator.validate(file.text);
  if (valid !== true) {
    throw new ImportFileError(`${file.path}: not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}; the file is refused whole, nothing was written.`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const root = (parser.parse(file.text) as Node).CONSOLIDATED_LIST as Node | undefined;
  if (!root) throw new ImportFileError(`${file.path}: no CONSOLIDATED_LIST element: not a UN consolidated list; nothing was written.`);
  const generated = text(root['@_dateGenerated']);
  const generatedDay = generated?.slice(0, 10) ?? null;

  // Entry lines, for reports: where each REFERENCE_NUMBER stands in the file.
  const lineStarts = [0];
  for (let i = 0; i < file.text.length; i++) if (file.text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (needle: string) => {
    const at = file.text.indexOf(needle);
    if (at < 0) return 0;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const entities: ImportedEntity[] = [];
  const problems: RowProblem[] = [];
  const groups: [string, Node[]][] = [
    ['INDIVIDUAL', list((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL)],
    ['ENTITY', list((root.ENTITIES as Node | undefined)?.ENTITY)],
  ];
  for (const [tag, entries] of groups) {
    for (const entry of entries) {
      const reference = text(entry.REFERENCE_NUMBER);
      const dataId = text(entry.DATAID);
      const line = lineOf(reference ? `<REFERENCE_NUMBER>${reference}</REFERENCE_NUMBER>` : `<DATAID>${dataId}</DATAID>`);
      const at = `${tag} ${reference ?? dataId ?? '?'}`;
      const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(entry[k])).filter((p): p is string => p !== null);
      if (!reference || parts.length === 0) {
        problems.push({ line, message: `${at}: no ${reference ? 'name' : 'REFERENCE_NUMBER'}` });
        continue;
      }
      const cite = (quote: string, element: string): Cite => ({ quote, locator: `${at}, ${element}` });
      const name = parts.join(' ');
      const nameElements = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].slice(0, parts.length).join(' + ');

      const listedText = text(entry.LISTED_ON);
      const listed = listedText ? listDay(listedText) : null;
      if (listedText && !listed) {
        problems.push({ line, message: `${at}: LISTED_ON "${listedText.slice(0, 40)}" is not a date (YYYY-MM-DD)` });
        continue;
      }
      let born: ImportedEntity['born'];
      const dates = list(entry.INDIVIDUAL_DATE_OF_BIRTH).map(birthDate).filter((d): d is NonNullable<typeof d> => d !== null);
      try {
        for (const d of dates) parsePartialDate(d.notation);
      } catch (error) {
        if (!(error instanceof PartialDateError)) throw error;
        problems.push({ line, message: `${at}: INDIVIDUAL_DATE_OF_BIRTH: ${error.message}` });
        continue;
      }
      // Several dates of birth are alternatives the list keeps side by side; one field cannot hold them.
      if (dates.length === 1) born = { date: dates[0]!.notation, citation: cite(dates[0]!.quote, 'INDIVIDUAL_DATE_OF_BIRTH') };

      const nationalities = list(entry.NATIONALITY).flatMap((n) => (n.VALUE as unknown[] | undefined ?? []).map(text)).filter((v): v is string => v !== null);
      const codes = [...new Set(nationalities.map(countryCode).filter((c): c is string => c !== null))];
      const nationality = codes.length === 1 ? { code: codes[0]!, citation: cite(nationalities[0]!, 'NATIONALITY') } : undefined;

      const addresses = list(entry[`${tag}_ADDRESS`]).map((a) => text(a.COUNTRY)).filter((c): c is string => c !== null);
      const element = (name: string, i: number, count: number) => (count > 1 ? `${name} ${i + 1}` : name);
      const placesOf = (name: string, kind: 'ADDRESS' | 'PLACE_OF_BIRTH') => {
        const nodes = list(entry[name]);
        return nodes.map((n, i) => place(n, kind, (quote) => cite(quote, element(name, i, nodes.length))));
      };
      const attributes = distinct([
        ...dates.map((d, i): ImportedAttribute => ({ kind: 'DATE_OF_BIRTH', date: d.notation, citation: cite(d.quote, element('INDIVIDUAL_DATE_OF_BIRTH', i, dates.length)) })),
        ...nationalities.map((n): ImportedAttribute => ({ kind: 'NATIONALITY', country: n, countryCode: countryCode(n), citation: cite(n, 'NATIONALITY') })),
        ...placesOf('INDIVIDUAL_PLACE_OF_BIRTH', 'PLACE_OF_BIRTH'),
        ...placesOf(`${tag}_ADDRESS`, 'ADDRESS'),
      ].filter((a): a is ImportedAttribute => a !== null));
      const aliases: ImportedEntity['aliases'] = [];
      for (const alias of list(entry[`${tag}_ALIAS`])) {
        const aliasName = text(alias.ALIAS_NAME);
        if (!aliasName) continue;
        const quality = text(alias.QUALITY);
        // One alias element may hold several names ("جبهة النصرة (the Victory Front; Jabhat al-Nusrah; ...)"):
        // each is an alias of its own, cited with the element's whole text.
        for (const { name: one, originalScript } of packedNames(aliasName)) {
          aliases.push({
            name: one,
            kind: originalScript ? 'ORIGINAL_SCRIPT' : quality === 'f.k.a.' ? 'FORMER_NAME' : 'ALTERNATIVE_NAME',
            quality: quality === 'Low' ? 'WEAK' : 'STRONG',
            language: originalScript && /[\u0600-\u06FF]/.test(one) ? 'ar' : null,
            citation: cite(aliasName, `${tag}_ALIAS (${quality ?? 'no quality'})`),
          });
        }
      }
      // "MOUVEMENT ... (MUJAO)": the name element states the acronym and the name without it.
      const [, bare, acronym] = nameVariants(name);
      if (bare && acronym) {
        aliases.push({ name: bare, kind: 'ALTERNATIVE_NAME', quality: 'STRONG', language: null, citation: cite(name, nameElements) });
        aliases.push({ name: acronym, kind: 'ACRONYM', quality: 'STRONG', language: null, citation: cite(name, nameElements) });
      }
      const original = text(entry.NAME_ORIGINAL_SCRIPT);
      if (original) {
        aliases.push({
          name: original,
          kind: 'ORIGINAL_SCRIPT',
          quality: 'STRONG',
          language: /[\u0600-\u06FF]/.test(original) ? 'ar' : null,
          citation: cite(original, 'NAME_ORIGINAL_SCRIPT'),
        });
      }
      // A name element may hold two names too ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS
      // COMPANY"), and its variants with them: one alias a name.
      const unpacked = aliases.flatMap((a) => (a.name.includes(';') ? packedNames(a.name).map((n) => ({ ...a, name: n.name })) : [a]));
      aliases.splice(0, aliases.length, ...unpacked);
      const comments = text(entry.COMMENTS1);
      const listType = text(entry.UN_LIST_TYPE);
      // The list names an entity's regime, not its kind: a rule reads the kind from both (un-kinds.ts).
      const kind = tag === 'ENTITY' ? unEntityKind(listType, name) : null;
      entities.push({
        type: tag === 'INDIVIDUAL' ? 'PERSON' : 'ORGANIZATION',
        line,
        key: reference,
        name,
        citations: [cite(name, nameElements), ...(comments ? [cite(comments, 'COMMENTS1')] : [])],
        externalId: { scheme: 'UN_REFERENCE', value: reference, citation: cite(reference, 'REFERENCE_NUMBER') },
        aliases,
        designation: {
          authority: 'UN_SECURITY_COUNCIL',
          program: program(listType),
          reference,
          listed: listed ?? undefined,
          citations: [cite(reference, 'REFERENCE_NUMBER'), ...(listedText ? [cite(listedText, 'LISTED_ON')] : [])],
        },
        born,
        nationality,
        attributes,
        country: codes[0] ?? addresses.map(countryCode).find((c) => c !== null) ?? null,
        resolveBy: nameVariants(name),
        ...(kind ? { kind: { value: kind, inference: UN_KIND_RULE, citation: cite(`UN_LIST_TYPE=${listType ?? ''}; ${nameElements.replace(/ \+ /g, '+')}=${name}`, `UN_LIST_TYPE, ${nameElements}`) } } : {}),
        // "Founder and leader of Ansar Eddine (QDe.135)": a link to that entry, cited, its role left to the reader.
        mentions: [...new Set([...(comments ?? '').matchAll(/\(([A-Z]{2}[ei]\.\d{3})\)/g)].map((m) => m[1]!))]
          .filter((r) => r !== reference)
          .map((r) => ({ reference: r, citation: cite(comments!, 'COMMENTS1') })),
      });
    }
  }
  return {
    ...(generatedDay
      ? {
          listing: {
            authority: 'UN_SECURITY_COUNCIL' as const,
            generated: generatedDay,
            citation: { quote: `dateGenerated="${generated}"`, locator: 'CONSOLIDATED_LIST, dateGenerated' },
            references: entities.map((e) => e.key),
          },
        }
      : {}),
    source: {
      slug: `un-sc-consolidated-list-${generatedDay ?? file.sha256.slice(0, 12)}`,
      title: `United Nations Security Council Consolidated List${generatedDay ? ` (generated ${generatedDay})` : ''}`,
      publisher: 'United Nations Security Council',
      kind: 'UN',
      published: generatedDay ?? undefined,
      description: `The consolidated sanctions list as XML, every regime: ${entities.length} entries imported from ${file.name}.`,
    },
    entities,
    problems,
    distinctEntities: true,
  };
}
