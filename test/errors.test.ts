// Error paths over HTTP: missing records are null, bad input is BAD_USER_INPUT, faults are masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, postQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('errors', () => {
  it('a missing record is null, without errors', async () => {
    const { body } = await postQuery(createTestApi(db), '{ organization(slug: "nope") { name } person(slug: "nope") { name } source(slug: "nope") { title } }');
    expect(body).toEqual({ data: { organization: null, person: null, source: null } });
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

  it('a variable of the wrong type is BAD_USER_INPUT', async () => {
    const { body } = await postQuery(createTestApi(db), 'query($n: Int) { incidents(first: $n) { totalCount } }', { n: 'ten' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('$n');
  });

  it('an unexpected fault is masked for the client and logged for operators', async () => {
    const broken = await createTestDatabase({ seed: false });
    await broken.close();
    const logged: unknown[] = [];
    const { createApi } = await import('../src/yoga.js');
    const api = createApi({
      db: broken,
      logging: { debug: () => {}, info: () => {}, warn: () => {}, error: (...args: unknown[]) => logged.push(args) },
    });
    const { body } = await postQuery(api, '{ organizations { totalCount } }');
    expect(body.errors?.[0]).toMatchObject({ message: 'Unexpected error.' });
    expect(JSON.stringify(body)).not.toMatch(/PGlite|prisma|stack|closed/i);
    expect(logged.length).toBeGreaterThan(0);
  });
});
