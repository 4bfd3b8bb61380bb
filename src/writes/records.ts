// The writes analysts make, in the seed's own notation and through the seed's writer (src/seed/load.ts): a
// fact written here is stored exactly as the same fact in the seed would be, with the same validation
// (src/seed/schema.ts) and the same stable IDs. References arrive as database IDs (decoded global IDs)
// and are turned into the slugs the notation uses.
import type { z } from 'zod';
import {
  incidentSchema, organizationSchema, personSchema, sourceSchema,
  type ParsedDataset,
} from '../seed/schema.js';
import { SeedWriter } from '../seed/load.js';
import { stableId } from '../seed/stable-id.js';
import { createHash } from 'node:crypto';
import { dateColumns, parsePartialDate } from '../values/partial-date.js';
import { impliedQualifier } from '../values/quantity.js';
import { latestRevisionIn } from '../history/revisions.js';
import { ConflictRefusal, InvalidInputRefusal, NotFoundRefusal } from './errors.js';
import type { Tx, WorkDone } from './transaction.js';
import type { LintScope } from '../provenance/lint.js';

type Data = ParsedDataset;
type Json = Record<string, unknown>;

/** A citation as a write gives it: the source by its database ID. */
export interface CitationInput {
  source: string;
  quote: string;
  locator?: string | null;
  attributedTo?: string | null;
  supports?: string[] | null;
}

/** Drops null and undefined members (GraphQL's "not given"), at every depth, so the seed's schemas read them as absent. */
function given(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(given);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, given(v)]));
}

/** Parses `value` with a seed schema; the first problem refuses the write, naming its field. */
function validated<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(given(value));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new InvalidInputRefusal(`${field}: ${issue.message}`, field);
}

/** `inferences` as the API takes them (a list of field and reasoning), as the seed holds them. */
export function inferencesOf(list: { field: string; reasoning: string }[] | null | undefined): Record<string, string> | undefined {
  return list ? Object.fromEntries(list.map((i) => [i.field, i.reasoning])) : undefined;
}

type Model = 'source' | 'organization' | 'person' | 'incident';
/** Records referenced, by kind, with their slugs: what the seed's writer needs to point at them. */
type Known = { [K in Model as `${K}s`]: { id: string; slug: string }[] };

/**
 * Resolves references by database ID to slugs, collecting them first so each table is read once. A
 * reference to nothing refuses the write with NOT_FOUND, naming the input field.
 */
class References {
  private readonly wanted = new Map<Model, Map<string, string>>();
  private readonly slugs = new Map<string, string>();

  /** Registers a reference; returns a thunk giving its slug once `resolve` ran. */
  ref(model: Model, id: string, field: string): () => string {
    if (!this.wanted.has(model)) this.wanted.set(model, new Map());
    this.wanted.get(model)!.set(id, field);
    return () => this.slugs.get(`${model}:${id}`)!;
  }

  citations(list: CitationInput[] | null | undefined, field: string) {
    return (list ?? []).map((c, i) => {
      const source = this.ref('source', c.source, `${field}[${i}].source`);
      return () => ({ ...c, source: source() });
    });
  }

  /** Reads the slugs of every reference; returns them by kind with their IDs, for the writer to know. */
  async resolve(tx: Tx): Promise<Known> {
    const out: Known = { sources: [], organizations: [], persons: [], incidents: [] };
    for (const [model, ids] of this.wanted) {
      const query = { where: { id: { in: [...ids.keys()] } }, select: { id: true, slug: true } as const };
      const rows: { id: string; slug: string }[] =
        model === 'source' ? await tx.source.findMany(query)
          : model === 'organization' ? await tx.organization.findMany(query)
            : model === 'person' ? await tx.person.findMany(query) : await tx.incident.findMany(query);
      for (const r of rows) this.slugs.set(`${model}:${r.id}`, r.slug);
      for (const [id, field] of ids) if (!this.slugs.has(`${model}:${id}`)) throw new NotFoundRefusal(`${field}: no ${model} has this ID.`, field);
      out[`${model}s`].push(...rows);
    }
    return out;
  }
}

/**
 * Facts of a list, each with its citations' sources (and `more` references) registered: a thunk per fact gives
 * it in the seed's notation once the references are resolved.
 */
const citedList = (refs: References) => <T extends Json>(items: T[] | null | undefined, field: string, more?: (item: T, i: number) => () => Json) =>
  (items ?? []).map((item, i) => {
    const citations = refs.citations(item.citations as CitationInput[], `${field}[${i}].citations`);
    const extra = more?.(item, i);
    return () => ({ ...item, ...(extra ? extra() : {}), citations: citations.map((c) => c()) });
  });

/** The parts of a facts input, in the seed's notation. */
const factsOf = (parts: Record<string, (() => Json)[]>) => () => Object.fromEntries(Object.entries(parts).map(([k, list]) => [k, list.map((f) => f())]));

const EMPTY_ORGANIZATION_FACTS = { aliases: [], areas: [], relations: [], designations: [], estimates: [], externalIds: [], assessments: [] };
const EMPTY_PERSON_FACTS = { aliases: [], memberships: [], designations: [], externalIds: [], assessments: [] };
const EMPTY_INCIDENT_FACTS = { perpetrators: [], participants: [], estimates: [] };

/** A dataset holding only `part`, for the writer's `facts`. */
const datasetOf = (part: Partial<Data>): Data => ({ sources: [], organizations: [], persons: [], incidents: [], fundingStreams: [], estimates: [], ...part });

const touchedBy = (writer: SeedWriter, also: LintScope = {}): LintScope => {
  const scope: LintScope = { ...also };
  for (const [table, ids] of writer.written) scope[table] = [...(scope[table] ?? []), ...ids];
  return scope;
};

async function slugFree(tx: Tx, model: 'organization' | 'person' | 'incident' | 'source', slug: string) {
  const query = { where: { slug }, select: { id: true } } as const;
  const taken = model === 'organization' ? await tx.organization.findUnique(query)
    : model === 'person' ? await tx.person.findUnique(query)
      : model === 'incident' ? await tx.incident.findUnique(query) : await tx.source.findUnique(query);
  if (taken) throw new InvalidInputRefusal(`slug: "${slug}" is taken by another ${model}.`, 'input.slug', 'SLUG_TAKEN');
}

async function checkRevision(tx: Tx, id: string, expected: number) {
  const current = await latestRevisionIn(tx, id);
  if (current !== expected) throw new ConflictRefusal(current, expected);
}

// ---- Sources ----

export interface SourceInput {
  slug: string; title: string; publisher?: string | null; url?: string | null; kind: string;
  published?: string | null; description?: string | null; text?: string | null;
}

export async function createSource(tx: Tx, input: SourceInput): Promise<WorkDone<string>> {
  const { text, ...fields } = input;
  const parsed = validated(sourceSchema, fields, 'input');
  await slugFree(tx, 'source', parsed.slug);
  const id = stableId('source', parsed.slug);
  await tx.source.create({
    data: {
      id, slug: parsed.slug, title: parsed.title, publisher: parsed.publisher ?? null, url: parsed.url ?? null, kind: parsed.kind,
      description: parsed.description ?? null, ...dateColumns('published', parsed.published ? parsePartialDate(parsed.published) : null),
    },
  });
  // The text, when given, is what every quote citing this source is checked against (QUOTE_NOT_IN_SOURCE).
  if (text) await tx.sourceDocument.create({ data: { sourceId: id, text, sha256: createHash('sha256').update(text).digest('hex') } });
  return { result: id, touched: {} };
}

// ---- Organizations ----

export interface OrganizationFactsInput {
  aliases?: Json[] | null;
  areas?: Json[] | null;
  relations?: (Json & { to: string })[] | null;
  designations?: Json[] | null;
  estimates?: Json[] | null;
}

function organizationFacts(refs: References, input: OrganizationFactsInput) {
  const cited = citedList(refs);
  const parts = {
    aliases: cited(input.aliases, 'input.aliases'),
    areas: cited(input.areas, 'input.areas'),
    relations: cited(input.relations, 'input.relations', (r, i) => {
      const to = refs.ref('organization', r.to, `input.relations[${i}].to`);
      return () => ({ to: to() });
    }),
    designations: cited(input.designations, 'input.designations'),
    estimates: cited(input.estimates, 'input.estimates'),
  };
  return factsOf(parts);
}

export interface OrganizationInput extends OrganizationFactsInput {
  slug: string; name: string; kind: string; status?: string | null; summary?: string | null; ideology?: string | null;
  founded?: string | null; dissolved?: string | null; inferences?: Record<string, string>; citations: CitationInput[];
}

export async function createOrganization(tx: Tx, input: OrganizationInput): Promise<WorkDone<string>> {
  const refs = new References();
  const citations = refs.citations(input.citations, 'input.citations');
  const facts = organizationFacts(refs, input);
  const known = await refs.resolve(tx);
  const { aliases: _a, areas: _ar, relations: _r, designations: _d, estimates: _e, ...fields } = input;
  const parsed = validated(organizationSchema, { ...fields, status: input.status ?? 'UNKNOWN', citations: citations.map((c) => c()), ...facts() }, 'input');
  await slugFree(tx, 'organization', parsed.slug);
  const writer = new SeedWriter(tx);
  writer.know(known);
  await writer.organizations([parsed]);
  writer.facts(datasetOf({ organizations: [parsed] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: stableId('organization', parsed.slug), touched: touchedBy(writer) };
}

export async function addOrganizationFacts(tx: Tx, id: string, input: OrganizationFactsInput): Promise<WorkDone<string>> {
  const refs = new References();
  const owner = refs.ref('organization', id, 'input.organization');
  const facts = organizationFacts(refs, input);
  const known = await refs.resolve(tx);
  const parts = validated(organizationSchema.pick({ aliases: true, areas: true, relations: true, designations: true, estimates: true }), facts(), 'input');
  if (Object.values(parts).every((list) => list.length === 0)) throw new InvalidInputRefusal('Nothing to add: give at least one fact.', 'input');
  const writer = new SeedWriter(tx);
  writer.know(known);
  writer.facts(datasetOf({ organizations: [{ slug: owner(), ...EMPTY_ORGANIZATION_FACTS, ...parts } as never] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: id, touched: touchedBy(writer) };
}

export interface EntityUpdate {
  id: string;
  revision: number;
  citations?: CitationInput[] | null;
  inferences?: Record<string, string>;
  [field: string]: unknown;
}

/** The columns an update sets: given values, dates as their four columns; a null clears an optional value. */
function updateColumns(input: EntityUpdate, plain: string[], dates: string[]): Json {
  const data: Json = {};
  for (const field of plain) if (field in input && input[field] !== undefined) data[field] = input[field];
  for (const field of dates) {
    if (!(field in input) || input[field] === undefined) continue;
    Object.assign(data, dateColumns(field, input[field] ? parsePartialDate(input[field] as string) : null));
  }
  if (input.inferences) data.inferences = input.inferences;
  return data;
}

const REQUIRED = new Set(['name', 'kind', 'status', 'title', 'targets']);

/**
 * Validates an update's given fields with the seed's rules (`schema` narrowed to them), refusing a null for
 * a value every record must have.
 */
function validatedUpdate(schema: z.ZodObject, input: EntityUpdate, fields: string[]) {
  const present = fields.filter((f) => input[f] !== undefined);
  for (const f of present) if (input[f] === null && REQUIRED.has(f)) throw new InvalidInputRefusal(`input.${f}: every record has one; it cannot be cleared.`, `input.${f}`);
  const shape = Object.fromEntries(present.filter((f) => input[f] !== null).map((f) => [f, true]));
  validated(schema.pick(shape as never), Object.fromEntries(present.map((f) => [f, input[f]])), 'input');
  if (present.length === 0 && !input.citations?.length) throw new InvalidInputRefusal('Nothing to change: give a field or a citation.', 'input');
}

interface UpdateSpec {
  model: 'organization' | 'person' | 'incident';
  subject: 'organizationId' | 'personId' | 'incidentId';
  schema: z.ZodObject;
  /** Columns written as given. */
  plain: string[];
  /** Partial dates, written as their four columns. */
  dates: string[];
  /** Fields validated here and written by `write` itself (an incident's counts and country). */
  own?: string[];
}

async function updateEntity(tx: Tx, input: EntityUpdate, spec: UpdateSpec, write: (data: Json) => Promise<unknown>): Promise<WorkDone<string>> {
  const refs = new References();
  refs.ref(spec.model, input.id, 'input.id');
  const citations = refs.citations(input.citations, 'input.citations');
  const known = await refs.resolve(tx);
  await checkRevision(tx, input.id, input.revision);
  const own = spec.own ?? [];
  validatedUpdate(spec.schema, input, [...spec.plain, ...spec.dates, ...own, ...(input.inferences ? ['inferences'] : [])]);
  const data = updateColumns(input, spec.plain, spec.dates);
  if (Object.keys(data).length > 0 || own.some((f) => input[f] !== undefined)) await write(data);
  const writer = new SeedWriter(tx);
  writer.know(known);
  // New passages are optional on an update: the values it sets may be stated by citations the record holds.
  const cited = citations.length > 0 ? validated(organizationSchema.shape.citations, citations.map((c) => c()), 'input.citations') : [];
  writer.citeExisting(spec.subject, input.id, cited);
  await writer.writeFacts();
  await writer.reindex();
  const model = spec.model[0]!.toUpperCase() + spec.model.slice(1);
  return { result: input.id, touched: touchedBy(writer, { [model]: [input.id] }) };
}

export function updateOrganization(tx: Tx, input: EntityUpdate) {
  return updateEntity(tx, input, {
    model: 'organization', subject: 'organizationId', schema: organizationSchema,
    plain: ['name', 'kind', 'status', 'summary', 'ideology'], dates: ['founded', 'dissolved'],
  }, (data) => tx.organization.update({ where: { id: input.id }, data }));
}

// ---- Persons ----

export interface PersonFactsInput {
  aliases?: Json[] | null;
  memberships?: (Json & { organization: string })[] | null;
  designations?: Json[] | null;
}

function personFacts(refs: References, input: PersonFactsInput) {
  const cited = citedList(refs);
  const parts = {
    aliases: cited(input.aliases, 'input.aliases'),
    memberships: cited(input.memberships, 'input.memberships', (m, i) => {
      const organization = refs.ref('organization', m.organization, `input.memberships[${i}].organization`);
      return () => ({ organization: organization() });
    }),
    designations: cited(input.designations, 'input.designations'),
  };
  return factsOf(parts);
}

export interface PersonInput extends PersonFactsInput {
  slug: string; name: string; status?: string | null; nationality?: string | null; biography?: string | null;
  born?: string | null; died?: string | null; inferences?: Record<string, string>; citations: CitationInput[];
}

export async function createPerson(tx: Tx, input: PersonInput): Promise<WorkDone<string>> {
  const refs = new References();
  const citations = refs.citations(input.citations, 'input.citations');
  const facts = personFacts(refs, input);
  const known = await refs.resolve(tx);
  const { aliases: _a, memberships: _m, designations: _d, ...fields } = input;
  const parsed = validated(personSchema, { ...fields, status: input.status ?? 'UNKNOWN', citations: citations.map((c) => c()), ...facts() }, 'input');
  await slugFree(tx, 'person', parsed.slug);
  const writer = new SeedWriter(tx);
  writer.know(known);
  await writer.persons([parsed]);
  writer.facts(datasetOf({ persons: [parsed] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: stableId('person', parsed.slug), touched: touchedBy(writer) };
}

export async function addPersonFacts(tx: Tx, id: string, input: PersonFactsInput): Promise<WorkDone<string>> {
  const refs = new References();
  const owner = refs.ref('person', id, 'input.person');
  const facts = personFacts(refs, input);
  const known = await refs.resolve(tx);
  const parts = validated(personSchema.pick({ aliases: true, memberships: true, designations: true }), facts(), 'input');
  if (Object.values(parts).every((list) => list.length === 0)) throw new InvalidInputRefusal('Nothing to add: give at least one fact.', 'input');
  const writer = new SeedWriter(tx);
  writer.know(known);
  writer.facts(datasetOf({ persons: [{ slug: owner(), ...EMPTY_PERSON_FACTS, ...parts } as never] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: id, touched: touchedBy(writer) };
}

export function updatePerson(tx: Tx, input: EntityUpdate) {
  return updateEntity(tx, input, {
    model: 'person', subject: 'personId', schema: personSchema,
    plain: ['name', 'status', 'nationality', 'biography'], dates: ['born', 'died'],
  }, (data) => tx.person.update({ where: { id: input.id }, data }));
}

// ---- Incidents ----

export interface IncidentFactsInput {
  perpetrators?: (Json & { organization: string })[] | null;
  participants?: (Json & { person: string })[] | null;
  estimates?: Json[] | null;
}

function incidentFacts(refs: References, input: IncidentFactsInput) {
  const cited = citedList(refs);
  const parts = {
    perpetrators: cited(input.perpetrators, 'input.perpetrators', (p, i) => {
      const organization = refs.ref('organization', p.organization, `input.perpetrators[${i}].organization`);
      return () => ({ organization: organization() });
    }),
    participants: cited(input.participants, 'input.participants', (p, i) => {
      const person = refs.ref('person', p.person, `input.participants[${i}].person`);
      return () => ({ person: person() });
    }),
    estimates: cited(input.estimates, 'input.estimates'),
  };
  return factsOf(parts);
}

export interface IncidentInput extends IncidentFactsInput {
  slug: string; title: string; kind: string; summary?: string | null; date?: string | null; place?: string | null;
  adminRegion?: string | null; country?: string | null; coordinates?: { latitude: number; longitude: number } | null;
  killed?: Json | null; injured?: Json | null; targets?: string[] | null; inferences?: Record<string, string>; citations: CitationInput[];
}

export async function createIncident(tx: Tx, input: IncidentInput): Promise<WorkDone<string>> {
  const refs = new References();
  const citations = refs.citations(input.citations, 'input.citations');
  const facts = incidentFacts(refs, input);
  const known = await refs.resolve(tx);
  const { perpetrators: _p, participants: _pa, estimates: _e, ...fields } = input;
  const parsed = validated(incidentSchema, { ...fields, citations: citations.map((c) => c()), ...facts() }, 'input');
  await slugFree(tx, 'incident', parsed.slug);
  const writer = new SeedWriter(tx);
  writer.know(known);
  await writer.incidents([parsed]);
  writer.facts(datasetOf({ incidents: [parsed] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: stableId('incident', parsed.slug), touched: touchedBy(writer) };
}

export async function addIncidentFacts(tx: Tx, id: string, input: IncidentFactsInput): Promise<WorkDone<string>> {
  const refs = new References();
  const owner = refs.ref('incident', id, 'input.incident');
  const facts = incidentFacts(refs, input);
  const known = await refs.resolve(tx);
  const parts = validated(incidentSchema.pick({ perpetrators: true, participants: true, estimates: true }), facts(), 'input');
  if (Object.values(parts).every((list) => list.length === 0)) throw new InvalidInputRefusal('Nothing to add: give at least one fact.', 'input');
  const writer = new SeedWriter(tx);
  writer.know(known);
  writer.facts(datasetOf({ incidents: [{ slug: owner(), ...EMPTY_INCIDENT_FACTS, ...parts } as never] }));
  await writer.writeFacts();
  await writer.reindex();
  return { result: id, touched: touchedBy(writer) };
}

/** Counts as the seed stores them: a lone bound gets the qualifier its bounds imply. */
function countColumns(prefix: 'killed' | 'injured', value: Json | null | undefined): Json {
  if (value === undefined) return {};
  const r = value as { min: number; max?: number | null; qualifier?: string | null } | null;
  return {
    [`${prefix}Min`]: r?.min ?? null,
    [`${prefix}Max`]: r ? (r.max ?? null) : null,
    [`${prefix}Qualifier`]: r ? (r.qualifier ?? impliedQualifier(r.min, r.max ?? null)) : null,
  };
}

export function updateIncident(tx: Tx, input: EntityUpdate) {
  return updateEntity(tx, input, {
    model: 'incident', subject: 'incidentId', schema: incidentSchema,
    plain: ['title', 'kind', 'summary', 'place', 'adminRegion', 'targets'], dates: ['date'], own: ['killed', 'injured', 'country'],
  }, (data) => {
    const counts = { ...countColumns('killed', input.killed as Json | null | undefined), ...countColumns('injured', input.injured as Json | null | undefined) };
    const country = input.country !== undefined ? { countryCode: input.country } : {};
    return tx.incident.update({ where: { id: input.id }, data: { ...data, ...counts, ...country } });
  });
}

