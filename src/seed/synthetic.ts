// Deterministic synthetic data at scale, on top of the seed: coalitions several levels deep, leadership
// changing over time, aliases in transliteration variants, incidents over thirty years with skewed
// distributions (recent years, Mali and Burkina Faso, a few prolific groups), a citation on every
// record. The same scale and seed always give the same rows. Loaded set-based with COPY, in one
// transaction: all of it or nothing.
import type { ScriptRunner } from '../db/client.js';
import { copyLine, type CopyValue } from '../db/copy-text.js';
import { parsePartialDate } from '../values/partial-date.js';
import { seededRandom, type Random } from '../values/random.js';
import { countryName } from '../import/countries.js';
import { BUMP_DATA_VERSION } from '../db/data-version.js';
import { nameWriterStatement } from '../history/writer.js';
import {
  acronymOf, COUNTRIES, FAMILY, GIVEN, KUNYA, ORG_CORES, ORG_PREFIXES, PARTICLES, PLACES, slugPart, spellingVariants,
} from './synthetic-names.js';

/** Multiples of S; XS (a hundredth) is for tests and a first try. */
export const SCALES = { XS: 0.01, S: 1, M: 10, L: 100 } as const;
export type Scale = keyof typeof SCALES;

/** Entities per scale unit (S): the issue's S = 2,000 organizations, 10,000 persons, 50,000 incidents. */
const UNIT = { organizations: 2_000, persons: 10_000, incidents: 50_000, sources: 20 };
/** The last year incidents are generated for; the first is thirty years earlier. */
const LAST_YEAR = 2025;
const FIRST_YEAR = LAST_YEAR - 29;

export class SyntheticDataError extends Error {}


/** IDs from the seed, table and index: stable across runs, unique across tables, valid UUIDs. */
const TABLE_CODE = { Source: 1, Organization: 2, Alias: 3, OrganizationRelation: 4, Person: 5, Membership: 6, Incident: 7, IncidentPerpetrator: 8, Citation: 9 };
type Table = keyof typeof TABLE_CODE;
function idOf(seed: number, table: Table, index: number): string {
  const s = (seed >>> 0).toString(16).padStart(8, '0');
  return `${s}-5e00-4${TABLE_CODE[table].toString(16).padStart(3, '0')}-8000-${index.toString(16).padStart(12, '0')}`;
}

const COLUMNS: Record<Table, readonly string[]> = {
  Source: ['id', 'slug', 'title', 'publisher', 'kind', 'description', 'updatedAt'],
  Organization: ['id', 'slug', 'name', 'kind', 'status', 'foundedEarliest', 'foundedLatest', 'foundedPrecision', 'foundedQualifier',
    'dissolvedEarliest', 'dissolvedLatest', 'dissolvedPrecision', 'dissolvedQualifier', 'updatedAt'],
  Alias: ['id', 'name', 'kind', 'language', 'quality', 'organizationId', 'personId'],
  OrganizationRelation: ['id', 'type', 'fromId', 'toId', 'startEarliest', 'startLatest', 'startPrecision', 'startQualifier'],
  Person: ['id', 'slug', 'name', 'status', 'nationality', 'bornEarliest', 'bornLatest', 'bornPrecision', 'bornQualifier',
    'diedEarliest', 'diedLatest', 'diedPrecision', 'diedQualifier', 'updatedAt'],
  Membership: ['id', 'personId', 'organizationId', 'role', 'startEarliest', 'startLatest', 'startPrecision', 'startQualifier',
    'endEarliest', 'endLatest', 'endPrecision', 'endQualifier'],
  Incident: ['id', 'slug', 'title', 'kind', 'dateEarliest', 'dateLatest', 'datePrecision', 'dateQualifier', 'place', 'countryCode',
    'killedMin', 'killedMax', 'killedQualifier', 'targets', 'updatedAt'],
  IncidentPerpetrator: ['id', 'incidentId', 'organizationId', 'attribution'],
  Citation: ['id', 'sourceId', 'quote', 'supports', 'organizationId', 'personId', 'aliasId', 'relationId', 'membershipId', 'incidentId', 'perpetratorId'],
};
/** Parents before children, so a flush never writes a row before the row it refers to. */
const ORDER: Table[] = ['Source', 'Organization', 'Person', 'Alias', 'OrganizationRelation', 'Membership', 'Incident', 'IncidentPerpetrator', 'Citation'];
type CitedTable = 'Organization' | 'Person' | 'Alias' | 'OrganizationRelation' | 'Membership' | 'Incident' | 'IncidentPerpetrator';
const CITED_COLUMN: Record<CitedTable, number> = { Organization: 4, Person: 5, Alias: 6, OrganizationRelation: 7, Membership: 8, Incident: 9, IncidentPerpetrator: 10 };

/** Rows per COPY statement. */
const FLUSH_ROWS = 20_000;

/** The four stored columns of a partial date written as the seed writes it ("2017-03", "~1958"). */
function dateColumns(text: string | null): CopyValue[] {
  if (text === null) return [null, null, null, null];
  const d = parsePartialDate(text);
  return [d.earliest, d.latest, d.precision, d.qualifier];
}
const pad = (n: number) => String(n).padStart(2, '0');
/** A date in `year` at a random precision: mostly days, some months, a few years only. */
function someDate(r: Random, year: number, weights: [number, number, number] = [6, 3, 1]): string {
  const precision = r.weighted([['DAY', weights[0]], ['MONTH', weights[1]], ['YEAR', weights[2]]] as const);
  const month = r.int(1, 12);
  if (precision === 'YEAR') return String(year);
  if (precision === 'MONTH') return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(r.int(1, 28))}`;
}
/** How a date reads in a quote: the provenance linter looks for the year (and month) it states. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function spoken(text: string): string {
  const [year, month, day] = text.split('-');
  if (!month) return `in ${year}`;
  return day ? `on ${Number(day)} ${MONTHS[Number(month) - 1]} ${year}` : `in ${MONTHS[Number(month) - 1]} ${year}`;
}

export interface SyntheticSummary {
  scale: Scale;
  seed: number;
  rows: Record<Table, number>;
  total: number;
  seconds: number;
}

export interface SyntheticOptions {
  scale: Scale;
  seed: number;
  /** Called after each COPY with the rows written so far and the expected total. */
  onProgress?: (written: number, expected: number) => void;
}

/** The source every synthetic record cites: its slug names the scale and seed, so a second load is refused. */
export const syntheticSourceSlug = (scale: Scale, seed: number, n: number) => `synthetic-${scale.toLowerCase()}-${seed}-${n}`;

/** Rows expected at a scale (an estimate for the progress bar, within a few percent). */
export function expectedRows(scale: Scale): number {
  return Math.round(SCALES[scale] * 293_000);
}

export async function loadSynthetic(scripts: ScriptRunner, options: SyntheticOptions): Promise<SyntheticSummary> {
  const { scale, seed } = options;
  const started = performance.now();
  const existing = await scripts.query<{ slug: string }>(`SELECT slug FROM "Source" WHERE slug LIKE 'synthetic-%' LIMIT 1`);
  if (existing.length > 0) {
    throw new SyntheticDataError(`This database already holds synthetic data (source "${existing[0]!.slug}"): start from a new database.`);
  }
  const rows = Object.fromEntries(ORDER.map((t) => [t, 0])) as Record<Table, number>;
  const expected = expectedRows(scale);
  await scripts.bulkTransaction(async (tx) => {
    const writer = nameWriterStatement({ actor: 'synthetic', action: 'synthetic', reason: `scale ${scale}, seed ${seed}` });
    await tx.query(writer.sql, writer.params);
    const buffers = Object.fromEntries(ORDER.map((t) => [t, [] as string[]])) as Record<Table, string[]>;
    let written = 0;
    const flush = async () => {
      for (const table of ORDER) {
        const lines = buffers[table];
        if (lines.length === 0) continue;
        await tx.copy(table, COLUMNS[table], lines.join(''));
        written += lines.length;
        buffers[table] = [];
      }
      options.onProgress?.(written, expected);
    };
    const add = async (table: Table, values: CopyValue[]) => {
      buffers[table].push(copyLine(values));
      rows[table]++;
      if (buffers[table].length >= FLUSH_ROWS) await flush();
      return values[0] as string;
    };
    await generate(seed, SCALES[scale], scale, add);
    await flush();
    await tx.query(BUMP_DATA_VERSION);
  });
  await vacuum(scripts);
  const total = Object.values(rows).reduce((n, c) => n + c, 0);
  return { scale, seed, rows, total, seconds: (performance.now() - started) / 1000 };
}

/**
 * The planner needs the new sizes at once (PGlite has no autovacuum): index scans, not sequential ones. And
 * the visibility map: without it an index-only scan visits every row it counts (the filtered incidents
 * page's count, on PGlite at scale S: 28.6 ms before, 6.5 ms after; the VACUUM took 1.1 s). Outside the
 * load's transaction, where VACUUM cannot run.
 */
async function vacuum(scripts: ScriptRunner) {
  await scripts.query('VACUUM (ANALYZE)');
}

type Add = (table: Table, values: CopyValue[]) => Promise<string>;

interface Org { id: string; name: string; level: number; founded: number; dissolved: number | null; country: string }

async function generate(seed: number, factor: number, scale: Scale, add: Add) {
  const r = seededRandom(seed);
  const now = new Date();
  const counters = Object.fromEntries(ORDER.map((t) => [t, 0])) as Record<Table, number>;
  const next = (table: Table) => idOf(seed, table, counters[table]++);

  const sources: string[] = [];
  for (let n = 0; n < UNIT.sources; n++) {
    sources.push(await add('Source', [next('Source'), syntheticSourceSlug(scale, seed, n), `Synthetic report ${n + 1} (scale ${scale}, seed ${seed})`,
      'Generated', 'RESEARCH', 'Generated by npm run seed:synthetic for benchmarks and volume tests; not a real source.', now]));
  }
  const cite = (table: CitedTable, subject: string, quote: string, supports: string[] = []) => {
    const values: CopyValue[] = [next('Citation'), r.pick(sources), quote, supports, null, null, null, null, null, null, null];
    values[CITED_COLUMN[table]] = subject;
    return add('Citation', values);
  };

  // Organizations in four levels: coalitions, their groups, the groups' factions, the factions' branches.
  const total = Math.round(UNIT.organizations * factor);
  const levels = [Math.round(total * 0.05), Math.round(total * 0.3), Math.round(total * 0.4)];
  levels.push(total - levels[0]! - levels[1]! - levels[2]!);
  const kinds = ['COALITION', 'GROUP', 'FACTION', 'BRANCH'] as const;
  const orgs: Org[] = [];
  const byLevel: Org[][] = [[], [], [], []];
  for (const [level, count] of levels.entries()) {
    for (let n = 0; n < count; n++) {
      const parent = level === 0 ? null : r.pick(byLevel[level - 1]!);
      // Later years more likely: most groups of the region appeared after 2012.
      const founded = Math.max(parent?.founded ?? 0, FIRST_YEAR + Math.floor(Math.sqrt(r.next()) * 26));
      const dissolved = r.chance(0.15) ? Math.min(LAST_YEAR, founded + r.int(1, 10)) : null;
      const place = r.pick(PLACES);
      const name = level === 0 ? `${r.pick(ORG_PREFIXES)} ${r.pick(ORG_CORES)} wal-${r.pick(ORG_CORES).replace(/^al-/, '')}` : `${r.pick(ORG_PREFIXES)} ${r.pick(ORG_CORES)} fi ${place}`;
      const slug = `s${seed}-${kinds[level]!.toLowerCase()}-${orgs.length}`;
      const foundedText = someDate(r, founded, [1, 4, 5]);
      const dissolvedText = dissolved === null ? null : someDate(r, dissolved, [1, 4, 5]);
      const status = dissolved !== null ? r.pick(['DISSOLVED', 'MERGED'] as const) : r.weighted([['ACTIVE', 8], ['UNKNOWN', 2]] as const);
      const id = await add('Organization', [next('Organization'), slug, name, kinds[level], status,
        ...dateColumns(foundedText), ...dateColumns(dissolvedText), now]);
      const org: Org = { id, name, level, founded, dissolved, country: parent && r.chance(0.8) ? parent.country : r.weighted(COUNTRIES) };
      orgs.push(org);
      byLevel[level]!.push(org);
      const statusWords = { ACTIVE: 'remains active', UNKNOWN: 'has an unknown status', DISSOLVED: 'was dissolved', MERGED: 'merged into another group' }[status];
      await cite('Organization', id, `${name}, formed ${spoken(foundedText)}, ${statusWords}${dissolvedText ? ` ${spoken(dissolvedText)}` : ''}.`, status === 'UNKNOWN' ? [] : ['status']);
      // Aliases: its acronym, spelling variants as different sources write it, sometimes a French name.
      const aliases: [string, string, string | null][] = [];
      const acronym = acronymOf(name);
      if (acronym.length >= 3) aliases.push([acronym, 'ACRONYM', null]);
      for (const variant of spellingVariants(name).slice(0, r.int(1, 3))) aliases.push([variant, r.pick(['TRANSLITERATION', 'SPELLING_VARIANT'] as const), 'ar-Latn']);
      if (r.chance(0.25)) aliases.push([`Brigade ${r.pick(ORG_CORES)} du ${place}`, 'TRANSLATION', 'fr']);
      for (const [alias, kind, language] of aliases) {
        const aliasId = await add('Alias', [next('Alias'), alias, kind, language, kind === 'ACRONYM' && alias.length < 4 ? 'WEAK' : 'STRONG', id, null]);
        await cite('Alias', aliasId, `${name}, also written ${alias}.`);
      }
      if (parent) {
        const start = someDate(r, founded, [1, 5, 4]);
        const relation = await add('OrganizationRelation', [next('OrganizationRelation'), 'COMPONENT_OF', id, parent.id, ...dateColumns(start)]);
        await cite('OrganizationRelation', relation, `${name} joined ${parent.name} ${spoken(start)}.`);
      }
    }
  }
  // Ties across the tree: rivalries and alliances between groups.
  for (let n = 0; n < Math.round(total * 0.05); n++) {
    const [a, b] = [r.pick(byLevel[1]!), r.pick(byLevel[1]!)];
    if (a === b) continue;
    const type = r.pick(['RIVAL_OF', 'ALLIED_WITH', 'COOPERATES_WITH'] as const);
    const year = Math.max(a.founded, b.founded) + r.int(0, 3);
    const start = String(Math.min(year, LAST_YEAR));
    const relation = await add('OrganizationRelation', [next('OrganizationRelation'), type, a.id, b.id, ...dateColumns(start)]);
    await cite('OrganizationRelation', relation, `${a.name} and ${b.name}: ${type.toLowerCase().replace(/_/g, ' ')} ${spoken(start)}.`);
  }

  // Persons: every organization's successive leaders, then members; names with their kunya and variants.
  const persons = Math.round(UNIT.persons * factor);
  let personCount = 0;
  const person = async (status: string, died: string | null, country: string) => {
    const name = [r.pick(GIVEN), r.pick(PARTICLES), r.pick(FAMILY)].filter(Boolean).join(' ');
    const born = r.chance(0.4) ? (r.chance(0.5) ? `~${r.int(1955, 1995)}` : String(r.int(1955, 1995))) : null;
    const nationality = r.chance(0.7) ? country : null;
    const id = await add('Person', [next('Person'), `s${seed}-person-${personCount++}`, name, status, nationality,
      ...dateColumns(born), ...dateColumns(died), now]);
    const words = [`${name}${born ? `, born ${born.startsWith('~') ? `around ${born.slice(1)}` : `in ${born}`}` : ''}`];
    if (nationality) words.push(`a national of ${countryName(nationality)}`);
    if (status === 'DECEASED') words.push(died ? `was killed ${spoken(died)}` : 'is reported dead');
    else if (status === 'DETAINED') words.push('is detained');
    else if (status === 'ALIVE') words.push('is alive');
    await cite('Person', id, `${words.join(', ')}.`, status === 'UNKNOWN' ? [] : ['status']);
    const aliases: [string, string][] = [];
    if (r.chance(0.6)) aliases.push([`${r.pick(KUNYA)} al-${slugPart(r.pick(PLACES)).replace(/-/g, '').replace(/^./, (c) => c.toUpperCase())}i`, 'NOM_DE_GUERRE']);
    for (const variant of spellingVariants(name).slice(0, r.int(0, 2))) aliases.push([variant, 'SPELLING_VARIANT']);
    for (const [alias, kind] of aliases) {
      const aliasId = await add('Alias', [next('Alias'), alias, kind, null, kind === 'NOM_DE_GUERRE' ? 'WEAK' : 'STRONG', null, id]);
      await cite('Alias', aliasId, `${name}, known as ${alias}.`);
    }
    return { id, name };
  };
  const member = async (p: { id: string; name: string }, org: Org, role: string, start: string, end: string | null) => {
    const id = await add('Membership', [next('Membership'), p.id, org.id, role, ...dateColumns(start), ...dateColumns(end)]);
    const verb = role === 'LEADER' ? 'led' : `was ${role.toLowerCase().replace(/_/g, ' ')} of`;
    await cite('Membership', id, `${p.name} ${verb} ${org.name} from ${start.slice(0, 4)}${end ? ` until ${spoken(end)}` : ''}.`);
  };
  for (const org of orgs) {
    if (personCount >= persons) break;
    const until = org.dissolved ?? LAST_YEAR;
    const terms = Math.min(1 + Math.floor(r.next() * r.next() * 4), until - org.founded + 1);
    let start = org.founded;
    for (let t = 0; t < terms && personCount < persons; t++) {
      const last = t === terms - 1;
      const endYear = last ? org.dissolved : r.int(start, Math.max(start, until - (terms - t - 1)));
      const end = endYear === null ? null : someDate(r, endYear, [4, 4, 2]);
      // A leader who left: killed (the date he left), detained, or unknown; the current one alive or unknown.
      const status = end === null ? r.weighted([['ALIVE', 6], ['UNKNOWN', 4]] as const) : r.weighted([['DECEASED', 6], ['DETAINED', 2], ['UNKNOWN', 2]] as const);
      const leader = await person(status, status === 'DECEASED' ? end : null, org.country);
      await member(leader, org, 'LEADER', String(start), end);
      if (endYear !== null) start = Math.min(endYear + (r.chance(0.5) ? 1 : 0), until);
    }
  }
  const roles = [['MEMBER', 6], ['DEPUTY', 1], ['MILITARY_COMMANDER', 1], ['LIEUTENANT', 1], ['EXECUTIVE', 1]] as const;
  while (personCount < persons) {
    const org = r.pick(orgs);
    const p = await person(r.weighted([['UNKNOWN', 6], ['ALIVE', 2], ['DECEASED', 1], ['DETAINED', 1]] as const), null, org.country);
    const start = String(r.int(org.founded, org.dissolved ?? LAST_YEAR));
    await member(p, org, r.weighted(roles), start, null);
    if (r.chance(0.2)) {
      const other = r.pick(orgs);
      if (other !== org) await member(p, other, 'MEMBER', String(r.int(other.founded, other.dissolved ?? LAST_YEAR)), null);
    }
  }

  // Incidents: yearly counts growing about 15% a year; perpetrators drawn from a Zipf law (a few groups
  // commit most attacks), within their years of activity.
  const ranked = [...orgs].sort(() => r.next() - 0.5);
  const cumulative: number[] = [];
  ranked.reduce((sum, _, i) => (cumulative[i] = sum + 1 / (i + 1) ** 1.1), 0);
  const zipf = () => {
    const x = r.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo]!;
  };
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => [FIRST_YEAR + i, 1.15 ** i] as const);
  const kindsOfIncident = [['ARMED_ASSAULT', 40], ['ATTACK', 20], ['BOMBING', 12], ['KIDNAPPING', 8], ['TARGETED_KILLING', 8],
    ['VEHICLE_BOMB', 4], ['SUICIDE_BOMBING', 3], ['COORDINATED_ATTACK', 3], ['HOSTAGE_RELEASE', 1], ['MILITARY_OPERATION', 1]] as const;
  const targetKinds = [['MILITARY', 30], ['CIVILIANS', 35], ['POLICE', 10], ['GOVERNMENT', 8], ['PEACEKEEPERS', 5], ['FOREIGN_MILITARY', 4],
    ['BUSINESS', 3], ['MILITANTS', 3], ['FOREIGN_CIVILIANS', 2]] as const;
  for (let n = 0; n < Math.round(UNIT.incidents * factor); n++) {
    const perpetrators = r.chance(0.85) ? [zipf(), ...(r.chance(0.2) ? [zipf()] : [])] : [];
    const main = perpetrators[0];
    let year = r.weighted(years);
    if (main) year = Math.min(Math.max(year, main.founded), main.dissolved ?? LAST_YEAR);
    const dateText = r.chance(0.02) ? `../${year}-${pad(r.int(1, 12))}` : someDate(r, year, [7, 2, 1]);
    const kind = r.weighted(kindsOfIncident);
    const place = r.pick(PLACES);
    const country = main && r.chance(0.8) ? main.country : r.weighted(COUNTRIES);
    const killed = r.chance(0.15) ? null : r.chance(0.25) ? 0 : Math.floor(Math.exp(r.next() * r.next() * 6));
    const between = killed !== null && killed > 5 && r.chance(0.1);
    const qualifier = killed === null ? null : between ? 'BETWEEN' : r.chance(0.15) ? 'APPROXIMATE' : 'EXACT';
    const max = killed === null ? null : between ? killed + r.int(1, killed) : killed;
    const targets = [...new Set([r.weighted(targetKinds), ...(r.chance(0.3) ? [r.weighted(targetKinds)] : [])])];
    const title = `${kind.charAt(0)}${kind.slice(1).toLowerCase().replace(/_/g, ' ')} in ${place}`;
    const id = await add('Incident', [next('Incident'), `s${seed}-${n}-${slugPart(place)}`, title, kind, ...dateColumns(dateText), place, country,
      killed, max, qualifier, targets, now]);
    const when = dateText.startsWith('..') ? `on or before ${spoken(dateText.slice(3)).replace(/^(in|on) /, '')}` : spoken(dateText);
    const toll = killed === null ? '' : between ? `, killing between ${killed} and ${max}` : killed === 0 ? ', 0 killed' : `, killing ${qualifier === 'APPROXIMATE' ? 'about ' : ''}${killed}`;
    // The passage states every stored value: place and country, date, toll and who was targeted.
    const against = targets.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(' and ');
    await cite('Incident', id, `${title}, ${countryName(country)}, ${when}, against ${against}${toll}.`);
    for (const [i, org] of perpetrators.entries()) {
      if (i === 1 && org === main) continue;
      const attribution = r.weighted([['CLAIMED', 3], ['ATTRIBUTED', 5], ['SUSPECTED', 2]] as const);
      const link = await add('IncidentPerpetrator', [next('IncidentPerpetrator'), id, org.id, attribution]);
      await cite('IncidentPerpetrator', link, `${org.name} ${attribution === 'CLAIMED' ? 'claimed' : attribution === 'ATTRIBUTED' ? 'was held responsible for' : 'is suspected of'} the ${title.charAt(0).toLowerCase()}${title.slice(1)}.`, ['role']);
    }
  }
}
