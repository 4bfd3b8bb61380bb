// Error paths over HTTP: missing records are null, bad input is BAD_USER_INPUT, faults are masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { MAX_ALIASES, MAX_DEPTH, MAX_TOKENS } from '../src/http/limits.js';
import { createApi } from '../src/http/yoga.js';
import { countQueries, createTestApi, createTestDatabase, postQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('errors', () => {
  it('a missing record is null, without errors', async () => {
    const { body } = await postQuery(createTestApi(db), '{ organization(slug: "nope") { name } person(slug: "nope") { name } source(slug: "nope") { title } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ organization: null, person: null, source: null });
  });

  it.each([
    ['a malformed date', '{ incidents(filter: { from: "June 2018" }) { totalCount } }', 'filter.from'],
    ['an impossible date', '{ organization(slug: "jnim") { leaders(asOf: "2019-02-30") { role } } }', 'asOf'],
    ['a period that ends before it starts', '{ incidents(filter: { from: "2019", to: "2018" }) { totalCount } }', 'filter.from'],
    ['a negative minimum', '{ incidentStats(groupBy: YEAR, filter: { minKilled: -1 }) { key } }', 'filter.minKilled'],
    ['too deep a component walk', '{ organization(slug: "jnim") { components(transitive: true, maxDepth: 50) { slug } } }', 'maxDepth'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_, query, argument) => {
    const { body } = await postQuery(createTestApi(db), query);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a query that does not fit the schema is rejected before execution', async () => {
    const { body } = await postQuery(createTestApi(db), '{ organization(slug: "jnim") { nonsense } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('operations too large to run are QUERY_TOO_COMPLEX, and nothing is queried', () => {
    const nested = (levels: number) => {
      let selection = 'slug';
      for (let i = 0; i < levels; i++) selection = `components { ${selection} }`;
      return `{ organization(slug: "jnim") { ${selection} } }`;
    };
    it.each([
      ['nesting beyond the depth limit', nested(MAX_DEPTH), /depth limit of 15 exceeded/],
      ['more aliases than the limit', `{ ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `s${i}: search(query: "jnim") { score }`).join(' ')} }`, /Aliases limit of 30/],
      ['a document over the token limit', `{ organization(slug: "jnim") { ${'slug '.repeat(MAX_TOKENS)} } }`, /Token limit of 5000/],
    ])('%s', async (_, query, message) => {
      const { result: response, queries } = await countQueries(db, () => postQuery(createTestApi(db), query));
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
      expect(response.body.errors?.[0]?.message).toMatch(message);
      expect(queries).toEqual([]);
    });

    it('operations within the limits run as before', async () => {
      // Thirteen nested lists would pass the depth limit but not the cost limit (test/cost-limits.test.ts).
      const { body } = await postQuery(createApi({ db, logging: 'error', costLimit: Number.MAX_SAFE_INTEGER }), nested(MAX_DEPTH - 2));
      expect(body.errors).toBeUndefined();
      expect(body.data?.organization).not.toBeNull();
      const aliased = await postQuery(createTestApi(db), `{ ${Array.from({ length: MAX_ALIASES }, (_, i) => `s${i}: search(query: "jnim", first: 1) { score }`).join(' ')} }`);
      expect(aliased.body.errors).toBeUndefined();
    });

    it('introspection, as GraphiQL and code generators send it, is not limited', async () => {
      const { body } = await postQuery(createTestApi(db), getIntrospectionQuery());
      expect(body.errors).toBeUndefined();
    });
  });

  it('a variable of the wrong type is BAD_USER_INPUT', async () => {
    const { body } = await postQuery(createTestApi(db), 'query($n: Int) { incidents(first: $n) { totalCount } }', { n: 'ten' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('$n');
  });

  it('an unexpected fault is masked for the client and logged for operators', async () => {
    const broken = await createTestDatabase({ seed: false });
    // A fault of ours, not of the database's availability: a table the code needs is missing.
    await broken.scripts.query('DROP TABLE "Organization" CASCADE');
    const logged: unknown[] = [];
    const { createApi } = await import('../src/http/yoga.js');
    const api = createApi({
      db: broken,
      logging: { debug: () => {}, info: () => {}, warn: () => {}, error: (...args: unknown[]) => logged.push(args) },
    });
    const { status, body } = await postQuery(api, '{ organizations { totalCount } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toMatch(/PGlite|prisma|stack|relation|does not exist/i);
    expect(logged.length).toBeGreaterThan(0);
    await broken.close();
  });

  it('a database that cannot be reached is SERVICE_UNAVAILABLE (503, Retry-After), logged as one line, not a stack per request', async () => {
    const closed = await createTestDatabase({ seed: false });
    await closed.close();
    const errors: unknown[] = [];
    const warnings: unknown[] = [];
    const { createApi } = await import('../src/http/yoga.js');
    const api = createApi({
      db: closed,
      logging: { debug: () => {}, info: () => {}, warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => errors.push(args) },
    });
    for (let i = 0; i < 5; i++) {
      const response = await api.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    }
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(String((warnings[0] as unknown[])[0])).toMatch(/^Database unavailable \(.*\): 1 request/);
  });

  it('an operation past the request timeout is answered REQUEST_TIMEOUT (504) at the timeout, not when the database answers', async () => {
    const slow = { prisma: db.prisma, scripts: { ...db.scripts, query: async <T,>(sql: string, params?: unknown[]) => {
      await new Promise((r) => setTimeout(r, 1_500));
      return db.scripts.query<T>(sql, params);
    } } };
    const started = performance.now();
    const response = await createApi({ db: slow, logging: 'error', requestTimeoutMs: 200 }).fetch('http://localhost/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }),
    });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(504);
    expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    expect(elapsed).toBeLessThan(1_200);
  });
});
