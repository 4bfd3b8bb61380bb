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
  if (named.name === 'Int') return '1';
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
