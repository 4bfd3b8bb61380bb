// Cost limits and rate limits, through HTTP as clients meet them: every answer says what it cost, an
// operation over the limit is refused before any SQL, a client over its budget gets 429 with Retry-After.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRateLimit, type RateLimit } from '../src/http/rate-limit.js';
import { createApi, EXAMPLE_QUERY, type Api } from '../src/http/yoga.js';
import { countQueries, createTestApi, createTestDatabase, redisAnswers, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** Sends as a client at `from` (an address: without a socket, every request is the same local client). */
async function post(api: Api, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>, from?: string) {
  const response = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  }, from ? { req: { socket: { remoteAddress: from } } } : {});
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const PAGE = `query Page($n: Int) { organizations(first: $n) { edges { node { slug aliases { name } } } } }`;
/** `first: 100` nested four times: 100 organizations, 100 incidents each, their perpetrators' 100 incidents, 100 members. */
const member = 'members(first: 100) { totalCount }';
const incidents = (inner: string) => `incidents(first: 100) { edges { node { perpetrators { organization { ${inner} } } } } }`;
const NESTED = `{ organizations(first: 100) { edges { node { ${incidents(incidents(member))} } } } }`;

describe('cost', () => {
  it('is reported in every executed response, growing with the page size asked for', async () => {
    const api = createTestApi(db);
    const example = await post(api, EXAMPLE_QUERY);
    expect(example.body.errors).toBeUndefined();
    expect(example.body.extensions.cost).toMatchObject({ limit: 100_000 });
    expect(example.body.extensions.cost.requested).toBeGreaterThan(100);
    const small = (await post(api, PAGE, {}, { n: 5 })).body.extensions.cost.requested;
    const large = (await post(api, PAGE, {}, { n: 50 })).body.extensions.cost.requested;
    // A page costs its nodes and each node's aliases (estimated at 10): ten times the page, ten times the cost.
    expect(large).toBe(small * 10 - 9);
    expect((await post(api, '{ __typename }')).body.extensions.cost.requested).toBe(1);
  });

  it('is the same when an operation is asked again, per operation and variables', async () => {
    const api = createTestApi(db);
    const twoOperations = `query Small { organizations(first: 2) { edges { node { slug } } } } query Large { organizations(first: 40) { edges { node { slug } } } }`;
    const cost = async (query: string, variables?: Record<string, unknown>, operationName?: string) => {
      const response = await api.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables, operationName }),
      });
      return ((await response.json()) as Record<string, any>).extensions.cost.requested as number;
    };
    // Remembered costs are keyed by variables and operation: a repeat of one never answers for another.
    for (let run = 0; run < 2; run++) {
      expect([await cost(PAGE, { n: 5 }), await cost(PAGE, { n: 50 }), await cost(PAGE, { n: 5 })]).toEqual([56, 551, 56]);
      expect([await cost(twoOperations, undefined, 'Small'), await cost(twoOperations, undefined, 'Large')]).toEqual([3, 41]);
    }
    // Over the limit on the first ask, and on the next.
    for (let run = 0; run < 2; run++) expect((await post(api, NESTED)).body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses an operation over the limit before any SQL runs, saying what it would cost', async () => {
    const api = createTestApi(db);
    const { result, queries } = await countQueries(db, () => post(api, NESTED));
    expect(queries).toEqual([]);
    expect(result.status).toBe(200);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(result.body.errors[0].extensions.cost.requested).toBeGreaterThan(1e8);
    expect(result.body.extensions.cost.limit).toBe(100_000);
  });

  it('does not run an operation whose cost cannot be read: a bad ID cannot carry an expensive selection past the limit', async () => {
    const api = createTestApi(db);
    const { result, queries } = await countQueries(db, () => post(api, `{ node(id: "bm90LWFuLWlk") { id } ${NESTED.slice(1)}`));
    expect(queries).toEqual([]);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  // A page size below zero once subtracted from the cost: beside a nullable field that alone became null,
  // it carried any operation under the limit and credited the client's budget.
  it.each([
    ['a negative timeline page inside a list', `{ organizations(first: 1) { edges { node { timeline(first: -500) { description } } } } }`, 'first'],
    ['a negative search', `{ search(query: "jnim", first: -50) { score } }`, 'first'],
    ['a zero search', `{ search(query: "jnim", first: 0) { score } }`, 'first'],
    ['negative buckets', `{ incidentStats(groupBy: YEAR, first: -1000) { key } }`, 'first'],
    ['a huge page', `{ organizations(first: 2147483647) { totalCount } }`, 'first'],
    ['a negative count in a filter', `{ incidents(filter: { minKilled: -5 }) { totalCount } }`, 'filter.minKilled'],
    ['a depth of zero', `{ organization(slug: "jnim") { components(transitive: true, maxDepth: 0) { slug } } }`, 'maxDepth'],
    ['a score past 1', `{ mergeCandidates(minScore: 2.5) { totalCount } }`, 'minScore'],
  ])('refuses the whole operation for %s, before its cost and before any SQL', async (_, decoy, argument) => {
    const limit = createRateLimit({ costPerMinute: 300 });
    try {
      const api = createApi({ db, logging: 'error', rateLimit: limit });
      // Alone, the expensive part is refused for its cost; with the decoy beside it, for the decoy.
      const expensive = `organizations(first: 100) { edges { node { ${incidents('slug')} } } }`;
      expect((await post(api, `{ ${expensive} }`)).body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
      const { result, queries } = await countQueries(db, () => post(api, `{ ${expensive} decoy: ${decoy.slice(2)}`, {}, undefined, '192.0.2.77'));
      expect(queries).toEqual([]);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toHaveLength(1);
      expect(result.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      // Nothing was spent or credited: the same client's next operation has its whole budget.
      const next = await post(api, PAGE, {}, { n: 1 }, '192.0.2.77');
      expect(next.body.extensions.cost).toMatchObject({ requested: 12, remaining: 288 });
    } finally {
      await limit.close();
    }
  });

  it('refuses a range through variables as through literals', async () => {
    const api = createTestApi(db);
    const refused = await post(api, PAGE, {}, { n: -1 });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(refused.body.data).toBeUndefined();
    const fragment = `query Q($n: Int) { ...F } fragment F on Query { organization(slug: "jnim") { timeline(last: $n) { description } } }`;
    expect((await post(api, fragment, {}, { n: 501 })).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
    expect((await post(api, fragment, {}, { n: 500 })).body.errors).toBeUndefined();
  });

  it('takes its limit from the configuration', async () => {
    const api = createApi({ db, logging: 'error', costLimit: 50 });
    const over = await post(api, PAGE, {}, { n: 10 });
    expect(over.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    const under = await post(api, PAGE, {}, { n: 2 });
    expect(under.body.errors).toBeUndefined();
    // The connection, then each of the 2 nodes and its aliases (estimated at 10).
    expect(under.body.extensions.cost).toEqual({ requested: 23, limit: 50 });
  });
});

async function exhaust(limit: RateLimit) {
  const api = createApi({ db, logging: 'error', rateLimit: limit });
  const key = randomAddress();
  const first = await post(api, PAGE, {}, { n: 10 }, key);
  expect(first.body.extensions.cost).toMatchObject({ requested: 111, budget: 300, remaining: 189 });
  const second = await post(api, PAGE, {}, { n: 10 }, key);
  expect(second.body.extensions.cost.remaining).toBe(78);
  const { result: refused, queries } = await countQueries(db, () => post(api, PAGE, {}, { n: 10 }, key));
  expect(queries).toEqual([]);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(refused.body.extensions.cost).toMatchObject({ requested: 111, budget: 300, remaining: 0 });
  // Another client has its own budget.
  const other = await post(api, PAGE, {}, { n: 10 }, randomAddress());
  expect(other.status).toBe(200);
  expect(other.body.extensions.cost.remaining).toBe(189);
  return key;
}

const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** CI starts Redis and must run the shared-budget test; elsewhere it is skipped when none answers. */
const redisUp = process.env.CI === 'true' || (await redisAnswers(redisUrl));

describe('rate limit', () => {
  it('spends each operation\'s cost from its client\'s budget per minute, then answers 429 with Retry-After', async () => {
    const limit = createRateLimit({ costPerMinute: 300 });
    try {
      await exhaust(limit);
    } finally {
      await limit.close();
    }
  });

  it('gives a client its whole budget again when its minute is over, and counts the next minute from its next operation', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const limit = createRateLimit({ costPerMinute: 300 });
    try {
      const key = await exhaust(limit);
      const api = createApi({ db, logging: 'error', rateLimit: limit });
      vi.setSystemTime(Date.now() + 59_000);
      const late = await post(api, PAGE, {}, { n: 10 }, key);
      expect(late.status).toBe(429);
      expect(late.body.errors[0].extensions.cost.resetInSeconds).toBeLessThanOrEqual(1);
      vi.setSystemTime(Date.now() + 1_000);
      const next = await post(api, PAGE, {}, { n: 10 }, key);
      expect(next.status).toBe(200);
      expect(next.body.extensions.cost).toMatchObject({ remaining: 189, resetInSeconds: 60 });
    } finally {
      vi.useRealTimers();
      await limit.close();
    }
  });

  // In memory, and in memory while Redis does not answer.
  it.each([{}, { redisUrl: 'redis://127.0.0.1:1' }])('counts at most maxClients apart in memory: past them, new clients share one budget until windows close (%o)', async (store) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const limit = createRateLimit({ costPerMinute: 300, maxClients: 2, ...store });
    try {
      const api = createApi({ db, logging: 'error', rateLimit: limit });
      const spend = async (key: string) => {
        const answer = await post(api, PAGE, {}, { n: 10 }, key);
        return answer.status === 200 ? answer.body.extensions.cost.remaining : answer.status;
      };
      // Two clients counted apart, each with its own budget.
      expect(await spend('192.0.2.1')).toBe(189);
      expect(await spend('192.0.2.2')).toBe(189);
      // Every client after them, whatever its address, spends from one shared budget.
      expect(await spend(randomAddress())).toBe(189);
      expect(await spend(randomAddress())).toBe(78);
      expect(await spend(randomAddress())).toBe(429);
      // Those counted apart keep theirs.
      expect(await spend('192.0.2.1')).toBe(78);
      // Once the windows have closed, a new client is counted apart again.
      vi.setSystemTime(Date.now() + 60_000);
      expect(await spend(randomAddress())).toBe(189);
    } finally {
      vi.useRealTimers();
      await limit.close();
    }
  });

  it('counts a client by its address, and behind a trusted proxy by the address the proxy forwarded', async () => {
    const direct = createRateLimit({ costPerMinute: 200 });
    const proxied = createRateLimit({ costPerMinute: 200, trustProxy: true });
    try {
      const send = (limit: RateLimit, forwardedFor: string) =>
        post(createApi({ db, logging: 'error', rateLimit: limit }), PAGE, { 'x-forwarded-for': forwardedFor }, { n: 10 });
      // Not trusted: every request comes from the same (local) address, whatever the header says.
      expect((await send(direct, '203.0.113.1')).status).toBe(200);
      expect((await send(direct, '203.0.113.2')).status).toBe(429);
      // Trusted: the last forwarded address is the client; a spoofed first entry changes nothing.
      expect((await send(proxied, '203.0.113.1')).status).toBe(200);
      expect((await send(proxied, '203.0.113.2')).status).toBe(200);
      expect((await send(proxied, '198.51.100.9, 203.0.113.2')).status).toBe(429);
    } finally {
      await Promise.all([direct.close(), proxied.close()]);
    }
  });

  it('never credits a budget: a cost below nothing spends nothing, in memory and through Redis', async () => {
    for (const limit of [createRateLimit({ costPerMinute: 300 }), ...(redisUp ? [createRateLimit({ costPerMinute: 300, redisUrl })] : [])]) {
      try {
        const context = { req: { socket: { remoteAddress: randomAddress() } } };
        const credited = await limit.admit({ requested: -500_000, limit: 100_000 }, context);
        expect(credited).toMatchObject({ remaining: 300 });
        expect(await limit.admit({ requested: 200, limit: 100_000 }, context)).toMatchObject({ remaining: 100 });
      } finally {
        await limit.close();
      }
    }
  });

  it('does not take a key header for an identity: an invented X-API-Key buys no fresh budget', async () => {
    const limit = createRateLimit({ costPerMinute: 200 });
    try {
      const api = createApi({ db, logging: 'error', rateLimit: limit });
      const from = randomAddress();
      expect((await post(api, PAGE, {}, { n: 10 }, from)).status).toBe(200);
      expect((await post(api, PAGE, {}, { n: 10 }, from)).status).toBe(429);
      expect((await post(api, PAGE, { 'x-api-key': 'anything-new' }, { n: 10 }, from)).status).toBe(429);
      expect((await post(api, PAGE, { authorization: 'Bearer invented' }, { n: 10 }, from)).status).toBe(429);
    } finally {
      await limit.close();
    }
  });

  it('counts an IPv6 host by its /64, in which it may pick any address', async () => {
    const limit = createRateLimit({ costPerMinute: 200 });
    try {
      const api = createApi({ db, logging: 'error', rateLimit: limit });
      expect((await post(api, PAGE, {}, { n: 10 }, '2001:db8:1:2::1')).status).toBe(200);
      expect((await post(api, PAGE, {}, { n: 10 }, '2001:db8:1:2:ffff::9')).status).toBe(429);
      expect((await post(api, PAGE, {}, { n: 10 }, '2001:db8:1:3::1')).status).toBe(200);
    } finally {
      await limit.close();
    }
  });

  it('keeps counting in memory while Redis does not answer: neither refusing nor admitting everyone', async () => {
    const limit = createRateLimit({ costPerMinute: 300, redisUrl: 'redis://127.0.0.1:1' });
    try {
      expect(await limit.connected()).toBe(false);
      await exhaust(limit);
    } finally {
      await limit.close();
    }
  });

  it.runIf(redisUp)('shares one budget between servers through Redis', async () => {
    const [a, b] = [createRateLimit({ costPerMinute: 300, redisUrl }), createRateLimit({ costPerMinute: 300, redisUrl })];
    try {
      expect(await Promise.all([a.connected(), b.connected()])).toEqual([true, true]);
      const key = await exhaust(a);
      // The second server sees the budget the first spent.
      const api = createApi({ db, logging: 'error', rateLimit: b });
      const refused = await post(api, PAGE, {}, { n: 10 }, key);
      expect(refused.status).toBe(429);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
