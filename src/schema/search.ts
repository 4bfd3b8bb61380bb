import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import type { Incident, Organization, Person, Source } from '../generated/prisma/client.js';
import type { SearchEntityType } from '../generated/prisma/enums.js';
import { dateArgument } from '../resolvers/filters.js';
import { boundedText } from '../search/text-limits.js';
import { resolveEntity, type Candidate } from '../search/resolve.js';
import { searchEntities, type EntityRef, type Hit } from '../search/search.js';
import { builder } from './builder.js';
import { IncidentRef, OrganizationRef, PersonRef } from './refs.js';
import { SourceRef } from './source.js';

export const MAX_SEARCH_RESULTS = 50;

const SearchTypeEnum = builder.enumType('SearchType', {
  description: 'Kinds of record that search covers.',
  values: {
    ORGANIZATION: { description: 'Organizations, by name and alias; summaries and ideology by full text.' },
    PERSON: { description: 'Persons, by name and alias; biographies by full text.' },
    INCIDENT: { description: 'Incidents, by title; accounts by full text.' },
    SOURCE: { description: 'Sources, by title and description.' },
  } as const,
});

const MatchKindEnum = builder.enumType('MatchKind', {
  description: 'Why a record matched, strongest first.',
  values: {
    EXACT: { description: 'The canonical name, after normalisation (case, diacritics, punctuation).' },
    ALIAS: { description: 'A recorded alias, after normalisation.' },
    ACRONYM: { description: 'An acronym: a recorded one, or the initials of a name ("G.S.I.M.").' },
    PHONETIC: { description: 'A transliteration variant: the same words once spelling variants are folded (ou/u, ee/i, q/k, dh/d, ...).' },
    FUZZY: { description: 'A similar name: typos, dropped or extra words (trigram similarity and word overlap).' },
    PREFIX: { description: 'A name starting with the query, or with a word starting with it (type-ahead).' },
    FULL_TEXT: { description: 'The query’s words in a summary, biography or account.' },
  } as const,
});

// Loaded entities remember their GraphQL type, for the SearchResult union.
const typeOfEntity = new WeakMap<object, string>();

type Entity = Organization | Person | Incident | Source;

async function loadEntity(ref: EntityRef, ctx: Context): Promise<Entity | null> {
  const loader = {
    ORGANIZATION: ctx.loaders.organizationLoader,
    PERSON: ctx.loaders.personLoader,
    INCIDENT: ctx.loaders.incidentLoader,
    SOURCE: ctx.loaders.sourceLoader,
  }[ref.type] as { load: (id: string) => Promise<Entity | null> };
  const entity = await loader.load(ref.id);
  if (entity) typeOfEntity.set(entity, { ORGANIZATION: 'Organization', PERSON: 'Person', INCIDENT: 'Incident', SOURCE: 'Source' }[ref.type]);
  return entity;
}

const SearchResultUnion = builder.unionType('SearchResult', {
  description: 'A record found by search.',
  types: [OrganizationRef, PersonRef, IncidentRef, SourceRef],
  resolveType: (entity) => typeOfEntity.get(entity)!,
});

const SearchHitRef = builder.objectRef<Hit>('SearchHit').implement({
  description: 'One record found, with how well and why it matched.',
  fields: (t) => ({
    score: t.float({ description: 'From 0 to 1: exact name 1, alias 0.97, transliteration variant 0.93, fuzzy and partial matches lower.', resolve: (h) => h.score }),
    matchedText: t.string({ description: 'The name, alias or passage that matched.', resolve: (h) => h.matchedText }),
    matchKind: t.field({ type: MatchKindEnum, description: 'Why it matched.', resolve: (h) => h.matchKind }),
    entity: t.field({
      type: SearchResultUnion,
      description: 'The record.',
      // Search reads the index in the same database; an entity deleted meanwhile is the only way to miss.
      resolve: async (h, _, ctx) => (await loadEntity(h.entity, ctx))!,
    }),
  }),
});

const CandidateRef = builder.objectRef<Candidate>('EntityCandidate').implement({
  description: 'A record that a name may refer to, with a score and the reasons.',
  fields: (t) => ({
    score: t.float({ description: 'From 0 to 1, after the context checks.', resolve: (c) => c.score }),
    matchKind: t.field({ type: MatchKindEnum, description: 'Why it matched.', resolve: (c) => c.matchKind }),
    matchedText: t.string({ description: 'The name or alias that matched.', resolve: (c) => c.matchedText }),
    explanation: t.string({ description: 'Why, in a line: the name matched, its kind and language, and the context checks.', resolve: (c) => c.explanation }),
    isConfident: t.boolean({
      description: 'True for the single candidate that is safe to treat as the same entity: a strong name, score at least 0.85, clearly ahead of the next.',
      resolve: (c) => c.isConfident,
    }),
    entity: t.field({ type: SearchResultUnion, description: 'The record.', resolve: async (c, _, ctx) => (await loadEntity(c.entity, ctx))! }),
  }),
});

const ResolutionRef = builder.objectRef<Candidate[]>('EntityResolution').implement({
  description: 'The answer to "is this name one we hold?"',
  fields: (t) => ({
    match: t.field({
      type: CandidateRef,
      nullable: true,
      description: 'The confident match, or null: then treat the name as a new entity or review the candidates.',
      resolve: (list) => list.find((c) => c.isConfident) ?? null,
    }),
    candidates: t.field({ type: [CandidateRef], description: 'The best candidates, best first.', resolve: (list) => list }),
  }),
});

const ResolveContextInput = builder.inputType('ResolveEntityContext', {
  description: 'Where and when the name was seen; it can tip the balance between candidates.',
  fields: (t) => ({
    country: t.string({ description: 'ISO 3166-1 alpha-2 country ("ML").' }),
    date: t.string({ description: 'When ("2018", "2018-06", "2018-06-15").' }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Ranked search across organizations, persons, incidents and sources, whatever the spelling: case, diacritics, ' +
      'transliterations, acronyms, translations, typos, partial names (from the third character).',
    args: {
      query: t.arg.string({ required: true, description: 'What the user typed.' }),
      types: t.arg({ type: [SearchTypeEnum], description: 'Only these kinds of record (default: all).' }),
      first: t.arg.int({ defaultValue: 10, description: `How many hits (1 to ${MAX_SEARCH_RESULTS}).` }),
    },
    resolve: (_, args, ctx) => {
      const first = args.first ?? 10;
      if (first < 1 || first > MAX_SEARCH_RESULTS) throw badUserInput(`"first" must be between 1 and ${MAX_SEARCH_RESULTS}.`, 'first');
      boundedText(args.query, 'query');
      return searchEntities(ctx.sql, args.query, { types: args.types as SearchEntityType[] | null, limit: first });
    },
  }),
  resolveEntity: t.field({
    type: ResolutionRef,
    description: 'The best candidates for one name, scored and explained; `match` is set only when one is a confident match.',
    args: {
      name: t.arg.string({ required: true, description: 'The name as the incoming record spells it.' }),
      type: t.arg({ type: SearchTypeEnum, description: 'The kind of record (default: organizations and persons).' }),
      context: t.arg({ type: ResolveContextInput, description: 'Where and when the name was seen.' }),
    },
    resolve: (_, args, ctx) => {
      boundedText(args.name, 'name');
      return resolveEntity(ctx.sql, args.name, args.type as SearchEntityType | null, {
        country: args.context?.country ?? null,
        date: dateArgument(args.context?.date, 'context.date'),
      });
    },
  }),
}));
