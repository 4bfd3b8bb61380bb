// Entity resolution for import pipelines: is this name an entity we hold, and how sure are we?
import type { ScriptRunner } from '../db/client.js';
import type { SearchEntityType } from '../generated/prisma/enums.js';
import { readDateColumns, type ClosedDate, type PartialDate } from '../values/partial-date.js';
import { searchEntities, type Hit, type MatchKind } from './search.js';

export interface ResolveContext {
  /** ISO 3166-1 alpha-2 country the name was seen in. */
  country?: string | null;
  /** When the name was seen. */
  date?: ClosedDate | null;
}

export interface Candidate extends Hit {
  explanation: string;
  isConfident: boolean;
}

/** A match this good, this far ahead of the next, on a strong name, means "same entity". */
export const CONFIDENT_SCORE = 0.85;
export const CONFIDENT_MARGIN = 0.05;
const DECISIVE: MatchKind[] = ['EXACT', 'ALIAS', 'ACRONYM', 'PHONETIC'];

const describeMatch: Record<MatchKind, string> = {
  EXACT: 'is the canonical name',
  ALIAS: 'is a recorded alias',
  ACRONYM: 'is its acronym',
  PHONETIC: 'is a transliteration variant (same folded words)',
  FUZZY: 'is similar (trigram and word overlap)',
  PREFIX: 'starts with the query',
  FULL_TEXT: 'contains the query words',
};

interface Facts {
  countries: Set<string>;
  start: PartialDate | null;
  end: PartialDate | null;
}

/** Countries and lifespan of each candidate, for the context checks: two queries at most. */
/**
 * What resolution weighs besides the name: where each hit is known (an organization's areas, a
 * person's nationalities, every one stated) and when it existed. Raw SQL, one statement per entity
 * type: an import resolves a thousand names, and Prisma's per-statement cost would double the time.
 */
async function factsOf(sql: ScriptRunner, hits: Hit[]): Promise<Map<string, Facts>> {
  const facts = new Map<string, Facts>();
  const orgIds = hits.filter((h) => h.entity.type === 'ORGANIZATION').map((h) => h.entity.id);
  const personIds = hits.filter((h) => h.entity.type === 'PERSON').map((h) => h.entity.id);
  type Row = Record<string, unknown> & { id: string; countries: (string | null)[] };
  const [organizations, persons] = await Promise.all([
    orgIds.length === 0 ? [] : sql.query<Row>(
      `SELECT o.*, ARRAY(SELECT a."countryCode" FROM "OrganizationArea" a WHERE a."organizationId" = o.id) AS countries
       FROM "Organization" o WHERE o.id = ANY($1::uuid[])`, [orgIds]),
    personIds.length === 0 ? [] : sql.query<Row>(
      `SELECT p.*, ARRAY(SELECT a."countryCode" FROM "Attribute" a WHERE a."personId" = p.id AND a.kind = 'NATIONALITY' AND a."countryCode" IS NOT NULL) AS countries
       FROM "Person" p WHERE p.id = ANY($1::uuid[])`, [personIds]),
  ]);
  for (const o of organizations) {
    facts.set(o.id, { countries: new Set(o.countries.filter((c): c is string => c !== null)), start: readDateColumns(o, 'founded'), end: readDateColumns(o, 'dissolved') });
  }
  for (const p of persons) {
    const countries = [...(p.nationality ? [p.nationality as string] : []), ...p.countries.filter((c): c is string => c !== null)];
    facts.set(p.id, { countries: new Set(countries), start: readDateColumns(p, 'born'), end: readDateColumns(p, 'died') });
  }
  return facts;
}

export async function resolveEntity(
  sql: ScriptRunner,
  name: string,
  type: SearchEntityType | null | undefined,
  context: ResolveContext = {},
  limit = 5,
): Promise<Candidate[]> {
  const types: SearchEntityType[] = type ? [type] : ['ORGANIZATION', 'PERSON'];
  const hits = await searchEntities(sql, name, { types, limit: 20, fullText: false });
  const facts = (context.country || context.date) && hits.length > 0 ? await factsOf(sql, hits) : new Map<string, Facts>();
  const country = context.country?.toUpperCase();

  const adjusted = hits.map((hit) => {
    const reasons = [`"${hit.matchedText}" ${describeMatch[hit.matchKind]}${hit.nameKind && hit.nameKind !== 'CANONICAL' ? ` (${hit.nameKind.toLowerCase().replaceAll('_', ' ')}${hit.language ? `, ${hit.language}` : ''})` : ''}`];
    if (hit.quality === 'WEAK') reasons.push('a weak name: never decisive alone');
    let score = hit.score;
    const f = facts.get(hit.entity.id);
    if (f && country && f.countries.size > 0) {
      if (f.countries.has(country)) {
        score += 0.03;
        reasons.push(`known in ${country}`);
      } else {
        score -= 0.05;
        reasons.push(`not known in ${country}`);
      }
    }
    if (f && context.date) {
      if (f.start?.earliest && f.start.earliest > context.date.latest) {
        score -= 0.15;
        reasons.push('did not exist yet at that date');
      } else if (f.end?.latest && f.end.latest < context.date.earliest) {
        score -= 0.15;
        reasons.push('had ceased to exist by that date');
      }
    }
    return { ...hit, score: Math.max(0, Math.min(1, Math.round(score * 1000) / 1000)), explanation: reasons.join('; '), isConfident: false };
  });
  adjusted.sort((a, b) => b.score - a.score || a.matchedText.localeCompare(b.matchedText) || a.entity.id.localeCompare(b.entity.id));

  const [top, second] = adjusted;
  if (
    top &&
    top.score >= CONFIDENT_SCORE &&
    DECISIVE.includes(top.matchKind) &&
    top.quality === 'STRONG' &&
    (!second || top.score - second.score >= CONFIDENT_MARGIN)
  ) {
    top.isConfident = true;
  }
  return adjusted.slice(0, limit);
}
