// Every string argument is data: NUL bytes, unpaired surrogates, megabyte strings, SQL and regex
// metacharacters and odd Unicode get a normal answer or BAD_USER_INPUT, never an internal error.
// The sweep is built from the schema, so an argument added later is covered without editing this file.
import {
  getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NORMALIZED_TEXT } from '../src/search/text-limits.js';
import { schema } from '../src/schema/index.js';
import { createTestApi, createTestDatabase, postQuery, type TestDatabase } from './helpers.js';
import { boundedLogger, MAX_LOGGED_TEXT, type Api } from '../src/http/yoga.js';

let db: TestDatabase;
let api: Api;
beforeAll(async () => {
  db = await createTestDatabase();
  api = createTestApi(db);
});
afterAll(() => db.close());

const HOSTILE = [
  'a\u0000b',
  '\ud800',
  'x'.repeat(1_000_000),
  `'; DROP TABLE "Organization"; --`,
  '.*(?:[',
  '%_\\',
  '\u3300'.repeat(200),
  '𝔍𝔑𝔌𝔐 ﷺ \u202e',
  '',
];

/** Where each type's fields can be reached with a record to call them on. */
const ENTRY: Record<string, string> = {
  Query: '',
  Organization: 'organization(slug: "jnim")',
  Person: 'person(slug: "iyad-ag-ghali")',
  Incident: 'incident(slug: "killing-of-bah-ag-moussa")',
};

/** A valid literal for a required argument that is not under test. */
function literal(type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return `[${literal(inner.ofType)}]`;
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (named.name === 'Int' || named.name === 'SafeInt') return '1';
  if (named.name === 'DateTime') return '"2020-01-01T00:00:00Z"';
  if (named.name === 'Boolean') return 'true';
  return '"jnim"';
}

/** Paths to the string inputs of an argument: the argument itself, or fields of its input object. */
function stringPaths(type: GraphQLInputType): string[][] {
  const named = getNamedType(type);
  if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) return [[]];
  if (!isInputObjectType(named)) return [];
  return Object.values(named.getFields()).flatMap((f) => stringPaths(f.type).map((p) => [f.name, ...p]));
}

interface Case {
  label: string;
  query: string;
  variables: (value: string) => Record<string, unknown>;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [typeName, entry] of Object.entries(ENTRY)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      for (const arg of field.args as GraphQLArgument[]) {
        for (const path of stringPaths(arg.type)) {
          const others = field.args.filter((a) => a !== arg && isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type)}`);
          const named = getNamedType(field.type);
          const selection = isCompositeType(named) ? ' { __typename }' : '';
          const call = `${field.name}(${[`${arg.name}: $v`, ...others].join(', ')})${selection}`;
          const body = entry ? `${entry} { ${call} }` : call;
          const isList = (t: GraphQLInputType): boolean => isListType(isNonNullType(t) ? t.ofType : t);
          out.push({
            label: `${typeName}.${field.name}(${[arg.name, ...path].join('.')})`,
            query: `query($v: ${arg.type.toString()}) { ${body} }`,
            variables: (value) => {
              let v: unknown = isList(arg.type) && path.length === 0 ? [value] : value;
              for (const key of [...path].reverse()) v = { [key]: v };
              return { v };
            },
          });
        }
      }
    }
  }
  return out;
}

describe('hostile strings in every string argument', () => {
  const all = cases();

  it('covers the string arguments of the entry points and of organizations, persons and incidents', () => {
    const labels = all.map((c) => c.label);
    for (const expected of ['Query.search(query)', 'Query.organizations(filter.nameContains)', 'Query.nodes(ids)', 'Query.incidents(after)', 'Organization.leaders(asOf)', 'Query.estimates(filter.subject)']) {
      expect(labels).toContain(expected);
    }
    expect(all.length).toBeGreaterThan(40);
  });

  it('get an answer or BAD_USER_INPUT naming the argument, never an internal error or an echo of the value', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const c of all) {
      for (const value of HOSTILE) {
        const { status, body } = await postQuery(api, c.query, c.variables(value));
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        const echoed = value.length > 100 && JSON.stringify(body).includes(value.slice(0, 100));
        if (status !== 200 || codes.some((code) => code !== 'BAD_USER_INPUT') || echoed) {
          failures.push(`${c.label} <- ${JSON.stringify(value.slice(0, 20))}: ${status} ${codes.join(',')}${echoed ? ' (echoed)' : ''} ${body.errors?.[0]?.message ?? ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A valid input for each write, into which one hostile string at a time is put. */
function baseInputs(ids: { source: string; organization: string; person: string; incident: string }): Record<string, Record<string, unknown>> {
  const citations = [{ source: ids.source, quote: 'JNIM' }];
  return {
    createSource: { slug: 'hostile-source', title: 'T', kind: 'NEWS' },
    createOrganization: { slug: 'hostile-org', name: 'N', kind: 'GROUP', citations },
    updateOrganization: { id: ids.organization, revision: 0, name: 'N' },
    addOrganizationFacts: { organization: ids.organization, aliases: [{ name: 'N', kind: 'ACRONYM', citations }] },
    createPerson: { slug: 'hostile-person', name: 'N', citations },
    updatePerson: { id: ids.person, revision: 0, name: 'N' },
    addPersonFacts: { person: ids.person, aliases: [{ name: 'N', kind: 'ACRONYM', citations }] },
    createIncident: { slug: 'hostile-incident', title: 'T', kind: 'ATTACK', citations },
    updateIncident: { id: ids.incident, revision: 0, title: 'T' },
    addIncidentFacts: { incident: ids.incident, perpetrators: [{ organization: ids.organization, attribution: 'CLAIMED', citations }] },
    retract: { id: ids.organization, reason: 'r' },
    revert: { revision: 1, reason: 'r' },
    unmerge: { revision: 1, reason: 'r' },
    mergeEntities: { keep: ids.organization, merge: ids.organization, reason: 'r' },
    resolveMergeCandidate: { id: ids.organization, decision: 'DIFFERENT', reason: 'r' },
  };
}

/** Puts `value` at `path` of a copy of `input`, into the first item of any list on the way. */
function withValue(input: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
  const copy = structuredClone(input);
  let at: Record<string, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    const next = at[key];
    const item = Array.isArray(next) ? (next[0] ??= {}) : next;
    at = (item ?? (at[key] = {})) as Record<string, unknown>;
    if (Array.isArray(next) && next.length === 0) next.push(at);
  });
  return copy;
}

describe('hostile strings in every string field of every write', () => {
  it('get a typed refusal, a written record or BAD_USER_INPUT, never an internal error; a refusal writes nothing', { timeout: 240_000 }, async () => {
    const { createApiKey, keyVerifier } = await import('../src/auth/api-keys.js');
    const { createApi } = await import('../src/http/yoga.js');
    const key = (await createApiKey(db.prisma, 'hostile reviewer', 'REVIEWER')).key;
    const writer = createApi({ db, logging: 'error', identify: keyVerifier(db.prisma) });
    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await writer.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as { data?: Record<string, { __typename: string } | null>; errors?: { message: string; extensions?: { code?: string } }[] } };
    };
    const ids = (await post('{ s: sources(first: 1) { edges { node { id } } } o: organization(slug: "jnim") { id } p: person(slug: "iyad-ag-ghali") { id } i: incident(slug: "killing-of-bah-ag-moussa") { id } }', {})).body.data as never as Record<string, any>;
    const bases = baseInputs({ source: ids.s.edges[0].node.id, organization: ids.o.id, person: ids.p.id, incident: ids.i.id });
    const mutation = schema.getMutationType()!;
    expect(Object.keys(bases).sort()).toEqual(Object.keys(mutation.getFields()).sort());
    const latest = async () => Number((await db.scripts.query<{ n: string | null }>('SELECT max(sequence) AS n FROM "Revision"'))[0]!.n ?? 0);
    const failures: string[] = [];
    let sent = 0;
    for (const field of Object.values(mutation.getFields())) {
      const input = field.args.find((a) => a.name === 'input')!;
      // Paths two deep at most: a fact's fields, not its citations' (the citation's own are swept at the top).
      // The fields of the valid input, and of the facts it holds (a fact left out would be refused as incomplete).
      const base = bases[field.name]!;
      for (const path of stringPaths(input.type).filter((p) => p.length === 1 || (p.length === 2 && p[0]! in base))) {
        for (const value of HOSTILE.slice(0, 5)) {
          const before = await latest();
          const { status, body } = await post(`mutation($input: ${input.type.toString()}) { ${field.name}(input: $input) { __typename } }`, { input: withValue(base, path, value) });
          sent++;
          const codes = (body.errors ?? []).map((e) => e.extensions?.code);
          const outcome = body.data?.[field.name]?.__typename ?? null;
          const refused = outcome === null || outcome.endsWith('Refusal');
          const label = `${field.name}(input.${path.join('.')}) <- ${JSON.stringify(value.slice(0, 20))}`;
          if (status !== 200 || codes.some((code) => code !== 'BAD_USER_INPUT')) failures.push(`${label}: ${status} ${codes.join(',')} ${body.errors?.[0]?.message ?? ''}`);
          if (value.length > 100 && JSON.stringify(body).includes(value.slice(0, 100))) failures.push(`${label}: echoed`);
          if (refused && (await latest()) !== before) failures.push(`${label}: refused (${outcome ?? codes.join(',')}) yet wrote revisions`);
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});

describe('bounded work', () => {
  it('search bounds the normalised query: 200 characters that expand to 740 letters are refused at once', async () => {
    const started = Date.now();
    const { body } = await postQuery(api, 'query($q: String!) { search(query: $q) { score } }', { q: '\u3300'.repeat(200) });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
    expect(body.errors?.[0]?.message).toContain(`${MAX_NORMALIZED_TEXT} characters once normalised`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a word too long to be a typo of any name gets no spelling lookups', async () => {
    const { body } = await postQuery(api, 'query($q: String!) { search(query: $q) { score } }', { q: `jnim ${'q'.repeat(150)}` });
    expect(body.errors).toBeUndefined();
  });

  it('nodes(ids:) takes at most a page of IDs', async () => {
    const ids = Array.from({ length: 101 }, () => 'T3JnYW5pemF0aW9uOjA=');
    const { body } = await postQuery(api, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
  });

  it('a well-formed cursor of another list is BAD_USER_INPUT, not a database error', async () => {
    const { body: page } = await postQuery(api, '{ incidents(first: 1) { pageInfo { endCursor } } }');
    const cursor = (page.data as { incidents: { pageInfo: { endCursor: string } } }).incidents.pageInfo.endCursor;
    for (const list of ['organizations', 'persons', 'estimates', 'sources', 'fundingStreams']) {
      const { body } = await postQuery(api, `query($c: String) { ${list}(first: 1, after: $c) { totalCount } }`, { c: cursor });
      expect(body.errors?.[0]?.extensions, list).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
    const forged = Buffer.from(JSON.stringify([{ gt: 1 }, 'x'])).toString('base64url');
    const { body } = await postQuery(api, 'query($c: String) { incidents(first: 1, after: $c) { totalCount } }', { c: forged });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('logs', () => {
  it('cut every argument, so an error quoting a megabyte value writes kilobytes', () => {
    const written: unknown[][] = [];
    const sink = (...args: unknown[]) => void written.push(args);
    const logger = boundedLogger({ debug: sink, info: sink, warn: sink, error: sink });
    const error = new Error(`Invalid value: ${'x'.repeat(1_000_000)}`);
    logger.error(error, 'y'.repeat(1_000_000));
    const [loggedError, loggedText] = written[0] as [Error, string];
    expect(loggedError).toBeInstanceOf(Error);
    expect(loggedError.message.length).toBeLessThan(MAX_LOGGED_TEXT + 100);
    expect(loggedError.stack!.length).toBeLessThan(MAX_LOGGED_TEXT + 100);
    expect(loggedText.length).toBeLessThan(MAX_LOGGED_TEXT + 100);
    expect(loggedText).toContain('characters cut');
  });
});
