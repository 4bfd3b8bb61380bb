// The response cache: repeated operations served without SQL, ETag and 304 on GET, retired by a data
// change made anywhere (the data version), shared through Redis between servers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUMP_DATA_VERSION, READ_DATA_VERSION } from '../src/db/data-version.js';
import { sha256 } from '../src/http/persisted.js';
import { connectRedis, redisReady } from '../src/http/redis.js';
import { createRateLimit } from '../src/http/rate-limit.js';
import { createResponseCache, type ResponseCache } from '../src/http/response-cache.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { countQueries, createTestDatabase, type TestDatabase } from './helpers.js';

let db: TestDatabase;
const caches: ResponseCache[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const c of caches) c.close();
  await db.close();
});

const readVersion = async () => (await db.scripts.query<{ version: number }>(READ_DATA_VERSION))[0]!.version;
async function cached(redisUrl?: string, maxValues?: number): Promise<{ api: Api; cache: ResponseCache }> {
  const cache = createResponseCache({ ttlSeconds: 60, readVersion, ...(redisUrl ? { redis: connectRedis(redisUrl) } : {}), ...(maxValues ? { maxValues } : {}) });
  caches.push(cache);
  await cache.refresh();
  return { api: createApi({ db, logging: 'error', responseCache: cache }), cache };
}

const QUERY = '{ organization(slug: "jnim") { name components { slug } } }';
const post = (api: Api, payload: object) => api.fetch('http://localhost/graphql', {
  method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(payload),
});
const get = (api: Api, query: string, headers: Record<string, string> = {}) =>
  api.fetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1', ...headers } });

describe('response cache', () => {
  it('serves a repeated operation without SQL, per variables, and never caches errors', async () => {
    const { api } = await cached();
    const first = await countQueries(db, async () => (await post(api, { query: QUERY })).json());
    expect(first.queries.length).toBeGreaterThan(0);
    const second = await countQueries(db, async () => (await post(api, { query: QUERY })).json());
    expect(second.queries).toEqual([]);
    expect(second.result.data).toEqual(first.result.data);
    expect(second.result.extensions.responseCache.hit).toBe(true);
    expect(second.result.extensions.cost).toEqual({ requested: 0, limit: 100_000, cached: true });
    const metrics = await (await api.fetch('http://localhost/metrics')).text();
    expect(metrics).toMatch(/sahel_response_cache_total\{result="hit"\} 1/);
    expect(metrics).toMatch(/sahel_response_cache_total\{result="miss"\} 1/);
    const byVariables = 'query($slug: String!) { organization(slug: $slug) { name } }';
    const aqim = await (await post(api, { query: byVariables, variables: { slug: 'aqim' } })).json();
    const jnim = await (await post(api, { query: byVariables, variables: { slug: 'jnim' } })).json();
    expect(aqim.data.organization.name).not.toBe(jnim.data.organization.name);
    const bad = '{ incidents(first: 500) { totalCount } }';
    await post(api, { query: bad });
    const again = await (await post(api, { query: bad })).json();
    expect(again.extensions?.responseCache?.hit).not.toBe(true);
  });

  it('does not keep answers larger than its bound: they are computed each time', async () => {
    const { api } = await cached(undefined, 10);
    await post(api, { query: QUERY });
    const again = await countQueries(db, async () => (await post(api, { query: QUERY })).json());
    expect(again.queries.length).toBeGreaterThan(0);
    expect(again.result.extensions.responseCache.didCache).toBe(false);
    const small = '{ organization(slug: "jnim") { slug } }';
    await post(api, { query: small });
    expect((await (await post(api, { query: small })).json()).extensions.responseCache.hit).toBe(true);
  });

  it('answers GET with Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    const { api } = await cached();
    const response = await get(api, QUERY);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"v\d+:[0-9a-f]+"$/);
    const revalidated = await get(api, QUERY, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  // RFC 9110: entity tags are quoted; If-None-Match is `*` or a list compared weakly (13.1.2); a 304 carries
  // the ETag, Cache-Control and Vary a 200 would (15.4.5); a shared cache stores nothing of one caller's.
  it('reads If-None-Match as the RFC does: lists, W/ and unweakened forms, *, and never another operation\'s tag', async () => {
    const { api } = await cached();
    const etag = (await get(api, QUERY)).headers.get('etag')!;
    const opaque = etag.slice(3, -1);
    for (const header of [etag, `"${opaque}"`, `"other", ${etag}`, `W/"x",W/"${opaque}"`, '*']) {
      const answer = await get(api, QUERY, { 'if-none-match': header });
      expect(answer.status, header).toBe(304);
      expect(answer.headers.get('etag')).toBe(etag);
      expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
      expect(answer.headers.get('vary')).toContain('Accept-Encoding');
    }
    for (const header of ['"other"', `${opaque}`, 'W/"v0:nothing"']) expect((await get(api, QUERY, { 'if-none-match': header })).status, header).toBe(200);
    // The tag of one operation does not make another's answer "not modified".
    const other = '{ organization(slug: "aqim") { name } }';
    expect((await get(api, other, { 'if-none-match': etag })).status).toBe(200);
    // `*` matches only a current answer: a query not answered yet runs.
    const fresh = `{ organization(slug: "jnim") { slug } f${Date.now()}: __typename }`;
    expect((await get(api, fresh, { 'if-none-match': '*' })).status).toBe(200);
  });

  it('marks an answer that carries its caller\'s budget private, and one from the cache (no budget in it) public', async () => {
    const cache = createResponseCache({ ttlSeconds: 60, readVersion });
    const limit = createRateLimit({ costPerMinute: 100_000 });
    try {
      await cache.refresh();
      const api = createApi({ db, logging: 'error', responseCache: cache, rateLimit: limit });
      const query = `{ organization(slug: "jnim") { name } p${Date.now()}: __typename }`;
      const first = await get(api, query);
      expect((await first.clone().json()).extensions.cost.remaining).toBeDefined();
      expect(first.headers.get('cache-control')).toBe('private, max-age=60');
      const hit = await get(api, query);
      const body = await hit.json();
      expect(body.extensions.cost).toEqual({ requested: 0, limit: 100_000, cached: true });
      expect(hit.headers.get('cache-control')).toBe('public, max-age=60');
    } finally {
      cache.close();
      await limit.close();
    }
  });

  it('retires every answer when the data changes (a seed or import bumps the data version), old ETags included', async () => {
    const { api, cache } = await cached();
    const etag = (await get(api, QUERY)).headers.get('etag')!;
    const before = await readVersion();
    await db.scripts.query(BUMP_DATA_VERSION);
    await cache.refresh();
    expect(await readVersion()).toBe(before + 1);
    const { queries } = await countQueries(db, async () => (await post(api, { query: QUERY })).json());
    expect(queries.length).toBeGreaterThan(0);
    expect((await get(api, QUERY, { 'if-none-match': etag })).status).toBe(200);
  });

  it('keys persisted queries by their document, not by the empty text of a hash-only request', async () => {
    const { api } = await cached();
    const a = '{ organization(slug: "jnim") { slug } }';
    const b = '{ organization(slug: "aqim") { slug } }';
    for (const q of [a, b]) await post(api, { query: q, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(q) } } });
    const answers = await Promise.all([a, b].map(async (q) => (await post(api, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(q) } } })).json()));
    expect(answers.map((r) => r.data.organization.slug)).toEqual(['jnim', 'aqim']);
  });

  // graphql-jit replaces the cache's execute function for compiled operations: the plugin warned on the
  // console at most cache misses (99 lines for 200 queries), though the answers were cached.
  it('caches compiled operations without a warning on the console', async () => {
    const { api } = await cached();
    const warn = vi.spyOn(console, 'warn');
    try {
      const query = `query($slug: String!) { organization(slug: $slug) { name } w${Date.now()}: __typename }`;
      for (const slug of ['jnim', 'aqim', 'ansar-al-din', 'katiba-macina']) {
        expect((await (await post(api, { query, variables: { slug } })).json()).extensions.responseCache).toMatchObject({ hit: false, didCache: true });
      }
      expect((await (await post(api, { query, variables: { slug: 'aqim' } })).json()).extensions.responseCache.hit).toBe(true);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('misses, never fails, while its Redis does not answer', async () => {
    const { api } = await cached('redis://127.0.0.1:1');
    for (let i = 0; i < 2; i++) {
      const { result, queries } = await countQueries(db, async () => (await post(api, { query: QUERY })).json());
      expect(result.errors).toBeUndefined();
      expect(result.data.organization.name).toBeTruthy();
      expect(queries.length).toBeGreaterThan(0);
    }
  });

  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  it('is shared by servers through Redis', async () => {
    const probe = connectRedis(redisUrl);
    const up = await redisReady(probe);
    probe.disconnect();
    if (!up && process.env.CI !== 'true') return;
    // A document of its own, so an earlier run's entry cannot answer it.
    const query = `{ organization(slug: "jnim") { name } r${Date.now()}: __typename }`;
    const one = await cached(redisUrl);
    const two = await cached(redisUrl);
    await new Promise((r) => setTimeout(r, 200));
    const redis = connectRedis(redisUrl);
    try {
      expect(await redisReady(redis)).toBe(true);
      const before = new Set(await redis.keys('*'));
      await (await post(one.api, { query })).json();
      const { result, queries } = await countQueries(db, async () => (await post(two.api, { query })).json());
      expect(queries).toEqual([]);
      expect(result.extensions.responseCache.hit).toBe(true);
      // What was written is under the API's prefix and expires: no unprefixed entity sets kept forever.
      const written = (await redis.keys('*')).filter((key) => !before.has(key));
      expect(written.length).toBeGreaterThan(0);
      for (const key of written) {
        expect(key).toMatch(/^sahel:cache:/);
        expect(await redis.pttl(key)).toBeGreaterThan(0);
      }
    } finally {
      redis.disconnect();
    }
  });
});
