// ACLED exports (CSV, monadic or dyadic, told apart by the header): one incident per event
// (`event_id_cnty`; the monadic form's rows of one event are one incident), dated with ACLED's
// time_precision, located, with fatalities (0 = none reported, apart from unknown), the notes as the
// cited passage, the `source` field cited as who reported it, and its armed actors as perpetrators.
import { parse } from 'csv-parse/sync';
import type { Attribution, IncidentKind } from '../generated/prisma/enums.js';
import { ASSOCIATED_TYPE_RULE, eventActors, isGeneric, kindOf, partiesOf, TARGETS_RULE, targetsOf, type EventActor } from './acled-roles.js';
import { escapeRegExp, twoDigitYear } from '../provenance/text.js';
import { countryCode, countryOfAlpha3 } from './countries.js';
import { ImportFileError, type ImportFile } from './file.js';
import type { Cite, ImportedEntity, ImportedIncident, ImportPlan, RowProblem } from './plan.js';
import { qualifierDropped } from './link.js';
import { slugify } from './slug.js';

const MONADIC = ['event_id_cnty', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'notes', 'fatalities', 'source'];
const DYADIC = [...MONADIC, 'actor2', 'assoc_actor_2', 'inter2'];

/** ACLED event and sub-event types as incident kinds; the others (protests, riots, most strategic developments) are out of scope. */
const KINDS: Record<string, IncidentKind> = {
  'Armed clash': 'ARMED_ASSAULT',
  'Non-state actor overtakes territory': 'ATTACK',
  'Government regains territory': 'MILITARY_OPERATION',
  Attack: 'ATTACK',
  'Abduction/forced disappearance': 'KIDNAPPING',
  'Sexual violence': 'ATTACK',
  'Remote explosive/landmine/IED': 'BOMBING',
  'Shelling/artillery/missile attack': 'ATTACK',
  'Air/drone strike': 'MILITARY_OPERATION',
  'Suicide bomb': 'SUICIDE_BOMBING',
  Grenade: 'BOMBING',
  'Looting/property destruction': 'ATTACK',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "29 December 2020" (monadic export) or "13-Aug-20" (dyadic): ISO day, or null. A two-digit year is the
 * `year` column's when the export has one ("29-Sep-18" with year 2018); without it, 1950-2049. A year
 * column that contradicts the date is no date.
 */
export function acledDay(value: string, yearColumn?: string): string | null {
  const m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2}|\d{4})$/.exec(value.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
  const stated = /^\d{4}$/.test(yearColumn?.trim() ?? '') ? Number(yearColumn!.trim()) : null;
  const year = m[3]!.length === 4 ? Number(m[3]) : stated !== null && stated % 100 === Number(m[3]) ? stated : stated === null ? twoDigitYear(Number(m[3])) : NaN;
  if (stated !== null && year !== stated) return null;
  const day = Number(m[1]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month === 0 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * An actor's names: "JNIM: Group for Support of Islam and Muslims" gives both parts; the qualifiers
 * ACLED appends, years "(2013-2020)" and a country "(Mali)", are dropped; any other parenthesis is part
 * of the name ("Islamic State (Greater Sahara)" is not "Islamic State").
 */
export function actorNames(actor: string): string[] {
  let bare = actor.trim();
  for (;;) {
    const m = /^(.*\S)\s*\(([^()]*)\)$/.exec(bare);
    if (!m || !(/^\d{4}-(\d{4})?$/.test(m[2]!) || countryCode(m[2]))) break;
    bare = m[1]!;
  }
  const colon = bare.indexOf(': ');
  return colon > 0 ? [bare.slice(0, colon), bare.slice(colon + 2)] : [bare];
}

/**
 * Spellings to resolve an actor by, beyond its names: without ACLED's other parentheses, dashes and a
 * trailing "Faction", "Battalion" or "Brigade" ("Islamic State (West Africa) - Greater Sahara Faction"
 * is also looked up as "Islamic State Greater Sahara"). Only looked up, never stored as names.
 */
export function actorSpellings(actor: string): string[] {
  const names = actorNames(actor);
  const simplified = names
    .map((n) => n.replace(/\s*\([^()]*\)/g, '').replace(/\s+-\s+/g, ' ').replace(/\s+(Faction|Battalion|Brigade)$/i, '').trim())
    // Never one that drops what qualifies the name: "Islamic State (Sahel)" is not "Islamic State".
    .filter((n, i) => n && !names.includes(n) && !qualifierDropped(names[i]!, [n]));
  return [...names, ...simplified];
}

/** The rules by which the notes' words set how firmly an actor is tied to the event. */
export const CLAIM_RULE = 'The event\'s notes say the actor claimed it ("<actor> claimed", "claimed by <actor>").';
export const SUSPICION_RULE = 'The event\'s notes qualify the actor as suspected, presumed, likely or alleged ("presumed JNIM militants").';

/**
 * How notes may write an actor: its spellings, and the initials of a spelling's capitalised words
 * ("Islamic State Greater Sahara": "ISGS"), as ACLED's notes abbreviate. Only read in the notes, never stored.
 */
function notesSpellings(actor: string): string[] {
  const spellings = actorSpellings(actor);
  const initials = spellings.map((n) => n.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('')).filter((i) => i.length >= 3);
  return [...new Set([...spellings, ...initials])];
}

/**
 * How firmly the notes tie an actor to its event, by the actor's spellings (its names, acronyms): CLAIMED
 * when they say it claimed the event, SUSPECTED when they call it suspected, presumed, likely or alleged,
 * else nothing (the dataset's own attribution stands). Only within one sentence, next to the name.
 */
export function attributionInNotes(notes: string | null, spellings: readonly string[]): 'CLAIMED' | 'SUSPECTED' | null {
  if (!notes) return null;
  const names = spellings.filter((n) => n.length >= 3).map(escapeRegExp).join('|');
  if (!names) return null;
  const name = `(?:the\\s+)?\\(?(?:${names})(?![\\w-])`;
  if (new RegExp(`(?<![\\w-])${name}[^.;]{0,40}?\\bclaim(?:ed|s)\\b|\\bclaimed\\s+by\\s+${name}`, 'i').test(notes)) return 'CLAIMED';
  if (new RegExp(`\\b(?:suspected|presumed|presumably|likely|alleged|allegedly)\\s+(?:[\\w-]+\\s+){0,2}?${name}`, 'i').test(notes)) return 'SUSPECTED';
  return null;
}

/** Where a file states an actor's type: the cells, quoted, and where they are. */
interface ActorTypeCell {
  type: string;
  quote: string;
  locator: string;
}

/**
 * The organization an actor names: its names, its ACLED identifier, and its kind from its type, cited by
 * the cells stating that type (an associated actor's by a row where it is an actor), or read from its name (a rule).
 */
function actorEntity(
  name: string, actor: EventActor, line: number, cite: (quote: string, field: string, supports?: string[]) => Cite, country: string | null, typed: ActorTypeCell | undefined,
): ImportedEntity {
  const names = actorNames(name);
  const key = serviceKey(name);
  // Stated by the type cells, unless a rule read the type (an associated actor's) or the name decided the kind.
  const read = actor.type ? kindOf(typed && !actor.typeRule ? typed.type : actor.type, name) : undefined;
  const kind = read
    ? typed && !actor.typeRule
      ? { value: read.kind, citation: { quote: typed.quote, locator: typed.locator, supports: ['kind'] }, ...(read.rule ? { inference: read.rule } : {}) }
      : { value: read.kind, citation: cite(name, actor.field), inference: [actor.typeRule ?? ASSOCIATED_TYPE_RULE, ...(read.rule ? [read.rule] : [])].join(' ') }
    : undefined;
  return {
    type: 'ORGANIZATION',
    line,
    key,
    name: key,
    citations: [cite(name, actor.field)],
    externalId: { scheme: 'ACLED_ACTOR', value: name, citation: cite(name, actor.field) },
    aliases: [...new Set([...(key !== name ? [name] : []), ...names])]
      .filter((n) => n !== key)
      .map((n) => ({
        name: n,
        kind: /^[A-Z0-9-]{2,10}$/.test(n) ? ('ACRONYM' as const) : ('ALTERNATIVE_NAME' as const),
        quality: 'STRONG' as const,
        language: null,
        citation: cite(name, actor.field),
      })),
    country,
    resolveBy: [...actorSpellings(name), ...forceSpellings(key)],
    ...(kind ? { kind } : {}),
  };
}

/**
 * One organization per state and service: ACLED names a state's force anew with each government's years
 * ("Military Forces of Mali (2013-2020)", "(2020-2021)"), and these were three organizations. The key
 * leaves the years out; every period's name stays an identifier and an alias of it.
 */
export function serviceKey(name: string): string {
  return STATE_FORCE_NAME.test(name) ? name.replace(/\s*\(\d{4}-(\d{4})?\)/g, '').replace(/\s+/g, ' ').trim() : name;
}
const STATE_FORCE_NAME = /^(Military|Police) Forces of /;

/** How other sources write a country's forces: adjectives of the states ACLED's Sahel exports name most. */
const DEMONYMS: Record<string, string[]> = {
  Mali: ['Malian'], Niger: ['Nigerien'], 'Burkina Faso': ['Burkinabe', 'Burkinabè'], France: ['French'], Chad: ['Chadian'],
  Mauritania: ['Mauritanian'], Algeria: ['Algerian'], Nigeria: ['Nigerian'], Senegal: ['Senegalese'], 'Ivory Coast': ['Ivorian'],
};

/** A state's military named as other sources name it ("Malian armed forces"): only looked up, never stored. */
function forceSpellings(key: string): string[] {
  const m = /^Military Forces of (?:the )?(.+)$/.exec(key);
  if (!m) return [];
  return (DEMONYMS[m[1]!] ?? []).flatMap((d) => [`${d} armed forces`, `${d} Armed Forces`]);
}

export function planAcled(file: ImportFile): ImportPlan {
  let rows: Record<string, string>[];
  try {
    rows = parse(file.text, { columns: true, skip_empty_lines: true, relax_column_count: false, info: false }) as Record<string, string>[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new ImportFileError(`${file.path}: not readable as CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}; nothing was written.`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const missing = MONADIC.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportFileError(`${file.path}: not an ACLED export: the header lacks ${missing.join(', ')}; nothing was written.`);
  const dyadic = DYADIC.every((c) => header.includes(c));

  const problems: RowProblem[] = [];
  const byEvent = new Map<string, { rows: Record<string, string>[]; line: number }>();
  rows.forEach((row, i) => {
    const id = row.event_id_cnty?.trim();
    const line = i + 2;
    if (!id) return void problems.push({ line, message: 'no event_id_cnty' });
    const event = byEvent.get(id) ?? { rows: [], line };
    event.rows.push(row);
    byEvent.set(id, event);
  });

  // Each principal actor's type (inter code) where the file first states it: an associated actor has none of its own.
  const typeInFile = new Map<string, ActorTypeCell>();
  for (const [id, { rows: eventRows }] of byEvent) {
    for (const row of eventRows) {
      for (const side of dyadic ? ['1', '2'] : ['1']) {
        const name = row[`actor${side}`]?.trim();
        const type = row[`inter${side}`]?.trim();
        if (name && type && !typeInFile.has(name)) typeInFile.set(name, { type, quote: `actor${side}=${name}; inter${side}=${type}`, locator: `event ${id}, inter${side}` });
      }
    }
  }
  const entities = new Map<string, ImportedEntity>();
  const incidents: ImportedIncident[] = [];
  let outOfScope = 0;
  for (const [id, { rows: eventRows, line }] of byEvent) {
    const first = eventRows[0]!;
    const at = `event ${id}`;
    const cite = (quote: string, field: string, supports?: string[]): Cite => ({ quote, locator: `${at}, ${field}`, ...(supports ? { supports } : {}) });
    const kind = KINDS[first.sub_event_type ?? ''];
    if (!kind) {
      outOfScope++;
      continue;
    }
    const day = acledDay(first.event_date ?? '', first.year);
    if (!day) {
      const year = first.year?.trim() ? ` of the year ${first.year.trim().slice(0, 6)}` : '';
      problems.push({ line, message: `${at}: event_date "${(first.event_date ?? '').slice(0, 40)}" is not a date${year}` });
      continue;
    }
    const precision = first.time_precision?.trim();
    let date = day;
    let dateInference: string | undefined;
    if (precision === '2') {
      date = `${shiftDays(day, -3)}/${shiftDays(day, 3)}`;
      dateInference = 'ACLED time_precision 2 (the event is dated to within a week): three days either side of event_date';
    } else if (precision === '3') {
      date = day.slice(0, 7);
    } else if (precision !== '1') {
      problems.push({ line, message: `${at}: time_precision "${precision}" is not 1, 2 or 3` });
      continue;
    }
    const fatalities = first.fatalities?.trim() ?? '';
    if (fatalities !== '' && !/^\d+$/.test(fatalities)) {
      problems.push({ line, message: `${at}: fatalities "${fatalities.slice(0, 20)}" is not a count` });
      continue;
    }

    // Every actor of the event with its side and part, as ACLED's codebook defines them (acled-roles.ts).
    const { actors, orderRule } = eventActors(eventRows, dyadic, (name) => typeInFile.get(name)?.type);
    const parties = partiesOf(first.event_type?.trim() ?? '', actors, orderRule);
    const eventCountry = countryOfAlpha3(first.iso3) ?? countryCode(first.country);
    const targets = targetsOf(parties, eventCountry);
    const perpetratorRefs: ImportedIncident['perpetrators'] = [];
    const notes = first.notes?.trim() || null;
    const eventCells = `event_type=${first.event_type?.trim() ?? ''}; sub_event_type=${first.sub_event_type?.trim() ?? ''}`;
    for (const { actor, role, rules } of parties) {
      if (isGeneric(actor.name)) continue;
      const alternatives = actor.name.split(' and/or ').map((n) => n.trim());
      for (const name of alternatives) {
        // "A and/or B" is ACLED's own doubt; otherwise the notes' words, a rule, may say claimed or suspected.
        const noted = alternatives.length > 1 ? null : attributionInNotes(notes, notesSpellings(name));
        const attribution: Attribution = alternatives.length > 1 ? 'SUSPECTED' : noted ?? 'ATTRIBUTED';
        const inferences: Record<string, string> = {};
        if (rules.length > 0) inferences.role = rules.join(' ');
        if (noted) inferences.attribution = noted === 'CLAIMED' ? CLAIM_RULE : SUSPICION_RULE;
        const key = serviceKey(name);
        const held = entities.get(key);
        if (!held) entities.set(key, actorEntity(name, actor, line, cite, countryOfAlpha3(first.iso3), typeInFile.get(actor.name)));
        else if (name !== held.externalId?.value && !held.otherIds?.some((x) => x.value === name)) {
          // Another period's name of the same force: one more identifier and alias of it.
          held.otherIds = [...(held.otherIds ?? []), { scheme: 'ACLED_ACTOR', value: name, citation: cite(name, actor.field) }];
          held.aliases.push({ name, kind: 'ALTERNATIVE_NAME', quality: 'STRONG', language: null, citation: cite(name, actor.field) });
        }
        // The cells that place it in the event: they state its part when no rule was needed (a party states none).
        const stated = rules.length === 0 && role !== 'PARTY';
        perpetratorRefs.push({
          entity: serviceKey(name), role, ...(actor.side ? { side: actor.side } : {}), attribution,
          ...(Object.keys(inferences).length > 0 ? { inferences } : {}),
          citation: cite(`${eventCells}; ${actor.cells}`, actor.field, stated ? ['role'] : undefined),
        });
      }
    }
    const latitude = Number(first.latitude);
    const longitude = Number(first.longitude);
    // Seconds since 1970, when ACLED last edited the event.
    const timestamp = /^\d{9,11}$/.test(first.timestamp?.trim() ?? '') ? first.timestamp!.trim() : null;
    incidents.push({
      line,
      slug: `acled-${slugify(id)}`,
      title: `${first.sub_event_type} in ${first.location || first.admin1 || first.country}`,
      kind,
      date,
      dateInference,
      place: first.location?.trim() || null,
      adminRegion: [first.admin1, first.admin2, first.admin3].map((a) => a?.trim()).filter(Boolean).join(', ') || null,
      country: eventCountry,
      coordinates: Number.isFinite(latitude) && Number.isFinite(longitude) && first.latitude !== '' ? { latitude, longitude } : null,
      killed: fatalities === '' ? null : { min: Number(fatalities), max: Number(fatalities), qualifier: 'EXACT' },
      summary: notes,
      targets,
      ...(targets.length > 0 ? { targetsInference: TARGETS_RULE } : {}),
      citations: [
        ...(notes ? [cite(notes, 'notes', ['summary'])] : []),
        // The date is stated by its cells: with the year column, a two-digit year is no guess.
        cite(first.year?.trim() ? `event_date=${first.event_date!.trim()}; year=${first.year.trim()}` : first.event_date!.trim(), first.year?.trim() ? 'event_date, year' : 'event_date'),
        ...(fatalities !== '' ? [cite(fatalities, 'fatalities')] : []),
        // Who reported it, as ACLED records: cited, not guessed into a speaker.
        ...(first.source?.trim() ? [cite(first.source.trim(), 'source')] : []),
        ...(timestamp ? [cite(timestamp, 'timestamp')] : []),
      ],
      ...(timestamp ? { revisedAt: new Date(Number(timestamp) * 1000) } : {}),
      perpetrators: perpetratorRefs,
    });
  }
  const name = file.name.replace(/\.csv$/i, '');
  return {
    source: {
      slug: `acled-${slugify(name)}`,
      title: `ACLED export ${name}`,
      publisher: 'Armed Conflict Location & Event Data Project (ACLED)',
      kind: 'RESEARCH',
      description: `ACLED ${dyadic ? 'dyadic' : 'monadic'} export: ${byEvent.size} events, ${incidents.length} imported as incidents.`,
    },
    entities: [...entities.values()],
    incidents,
    problems,
    notes: outOfScope > 0 ? [`${outOfScope} events out of scope (protests, riots and non-violent strategic developments) were not imported.`] : [],
  };
}
