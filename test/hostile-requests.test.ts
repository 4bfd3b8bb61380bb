// The hostile-input table: requests built to break or exhaust the server, each with the status and
// code it must get. None may be a 5xx, a crash, or an answer that runs SQL for a refused operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, countQueries, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const json = { 'content-type': 'application/json', accept: 'application/json' };
const csrf = { 'x-graphql-yoga-csrf': '1', accept: 'application/json' };
const body = (query: string, extra: object = {}) => JSON.stringify({ query, ...extra });
const nest = (levels: number) => `{ organization(slug: "jnim") { ${'components { '.repeat(levels)}slug${' }'.repeat(levels)} } }`;

interface Case {
  name: string;
  init: { method?: string; headers: Record<string, string>; body?: string | FormData };
  path?: string;
  status: number;
  /** The code of the first error; undefined: an answer with data and no error. */
  code?: string;
  /** SQL may run (an answer, or a resolver's own refusal). */
  runsSql?: boolean;
}

const CASES: Case[] = [
  { name: 'malformed JSON', init: { method: 'POST', headers: json, body: '{"query": "{ __typename }"' }, status: 400, code: undefined },
  { name: 'a JSON body that is not an object', init: { method: 'POST', headers: json, body: '"{ __typename }"' }, status: 400 },
  { name: 'batched operations (an array)', init: { method: 'POST', headers: json, body: `[${body('{ __typename }')},${body('{ __typename }')}]` }, status: 400 },
  { name: 'GET with a mutation', path: `/graphql?query=${encodeURIComponent('mutation { x }')}`, init: { headers: csrf }, status: 405 },
  { name: 'an unknown field', init: { method: 'POST', headers: json, body: body('{ organization(slug: "jnim") { nonsense } }') }, status: 200, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a variable of the wrong type', init: { method: 'POST', headers: json, body: body('query($n: Int) { incidents(first: $n) { totalCount } }', { variables: { n: 'ten' } }) }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a 10 MB body', init: { method: 'POST', headers: { ...json, 'content-length': String(10_000_040) }, body: body(`{ search(query: "${'a'.repeat(10_000_000)}") { score } }`) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: '50-deep nesting', init: { method: 'POST', headers: json, body: body(nest(50)) }, status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: 'first: 100 nested four times', init: { method: 'POST', headers: json, body: body(`{ organizations(first: 100) { edges { node { incidents(first: 100) { edges { node { perpetrators { organization {
      incidents(first: 100) { edges { node { perpetrators { organization { members(first: 100) { totalCount } } } } } } } } } } } } } } }`) }, status: 200, code: 'QUERY_TOO_COSTLY' },
  { name: '1,000 aliases', init: { method: 'POST', headers: json, body: body(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: organization(slug: "jnim") { name }`).join(' ')} }`) }, status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: 'a fragment cycle', init: { method: 'POST', headers: json, body: body('{ organization(slug: "jnim") { ...A } } fragment A on Organization { components { ...B } } fragment B on Organization { components { ...A } }') }, status: 200, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: '1,000 directives', init: { method: 'POST', headers: json, body: body(`{ __typename ${'@include(if: true) '.repeat(1000)}}`) }, status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: 'a NUL byte in an argument', init: { method: 'POST', headers: json, body: body('{ organization(slug: "jn\\u0000im") { name } }') }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an invalid cursor', init: { method: 'POST', headers: json, body: body('{ incidents(first: 1, after: "not-a-cursor") { totalCount } }') }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an invalid global ID', init: { method: 'POST', headers: json, body: body('{ node(id: "bm90LWFuLWlk") { id } }') }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a text/plain body (a form could send it)', init: { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'application/json' }, body: body('{ __typename }') }, status: 403, code: 'CSRF_HEADER_REQUIRED' },
  { name: 'a multipart body with a CSRF header (read as the GraphQL multipart request it is)', init: { method: 'POST', headers: { ...csrf }, body: (() => { const f = new FormData(); f.set('operations', body('{ __typename }')); f.set('map', '{}'); return f; })() }, status: 200 },
  { name: 'a multipart body without one (a form could send it)', init: { method: 'POST', headers: { accept: 'application/json' }, body: (() => { const f = new FormData(); f.set('operations', body('{ __typename }')); return f; })() }, status: 403, code: 'CSRF_HEADER_REQUIRED' },
  { name: 'an unknown operation name', init: { method: 'POST', headers: json, body: body('query A { __typename }', { operationName: 'B' }) }, status: 400 },
  { name: 'an empty query', init: { method: 'POST', headers: json, body: body('') }, status: 200, code: 'BAD_USER_INPUT' },
];

describe('hostile requests', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const api = createTestApi(db);
    const { result: response, queries } = await countQueries(db, async () => api.fetch(`http://localhost${c.path ?? '/graphql'}`, c.init as RequestInit));
    expect(response.status).toBe(c.status);
    const text = await response.text();
    expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|at .*\.ts:\d+/);
    // No parser's or library's internals (the parser's message quoted the client's body).
    expect(text).not.toContain('originalError');
    if (c.code) expect(JSON.parse(text).errors[0].extensions.code).toBe(c.code);
    if (!c.runsSql && c.code !== 'BAD_USER_INPUT') expect(queries).toEqual([]);
  });
});
