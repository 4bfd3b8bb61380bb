// Response cache for a read-mostly API: results are kept per operation and variables (Yoga's plugin),
// in memory or in Redis when REDIS_URL is set (shared by every server). Keys carry the data version
// (src/db/data-version.ts), polled every few seconds, so a seed or import made by another process
// retires every cached answer within that time; an ETag from before the change is never answered 304.
// GET answers carry Cache-Control and an ETag; a matching If-None-Match gets 304 with no body.
import { createInMemoryCache, hashSHA256, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import { costOf } from './cost.js';
import { entityTag, noneMatchHits } from './etag.js';
import type { Redis } from 'ioredis';

export interface ResponseCacheOptions {
  ttlSeconds: number;
  /** The current data version (a cheap statement). */
  readVersion: () => Promise<number>;
  redis?: Redis;
  /** How often the data version is read. */
  checkEveryMs?: number;
  /** Answers holding more values than this are not kept (default MAX_CACHED_VALUES). */
  maxValues?: number;
}

export interface ResponseCache {
  plugins: Plugin[];
  /** Reads the data version now (tests; the poller does it every `checkEveryMs`). */
  refresh(): Promise<void>;
  close(): void;
}

export const DATA_VERSION_CHECK_MS = 5_000;

/** Every key this cache writes in Redis starts so: the database's other users and servers' keys stay apart. */
export const REDIS_CACHE_PREFIX = 'sahel:cache:';

/**
 * Answers in Redis, each under one key that expires with its TTL. The plugin's Redis store also keeps
 * sets from every entity to the answers holding it, for invalidation by entity, with no expiry and no
 * prefix: about 1.2 KB for every distinct document, forever. Answers here are retired by the data
 * version in their keys, so no such index is needed.
 */
function redisCache(redis: Redis): Cache {
  return {
    async set(responseId, result, _entities, ttl) {
      const value = JSON.stringify(result);
      // The plugin's TTL is in milliseconds; an unbounded one gets the data-version poll's bound times a hundred.
      await redis.set(`${REDIS_CACHE_PREFIX}${responseId}`, value, 'PX', Number.isFinite(ttl) ? Math.max(1, Math.round(ttl)) : DATA_VERSION_CHECK_MS * 100);
    },
    async get(responseId) {
      const value = await redis.get(`${REDIS_CACHE_PREFIX}${responseId}`);
      return value ? JSON.parse(value) : undefined;
    },
    invalidate: async () => {},
  } as Cache;
}

/**
 * The most values (objects, lists and scalars) a kept answer may hold: with 1,000 entries, the
 * in-memory cache stays within a few hundred megabytes whatever clients ask (the 50-coalition answer
 * holds about 3,000). Larger answers are computed each time, as the cost limit allows.
 */
export const MAX_CACHED_VALUES = 5_000;

/** Whether `data` holds at most `limit` values; stops counting as soon as it is over. */
function smallEnough(data: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (++count > limit) return false;
    if (value === null || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      stack.push(child);
      if (count + stack.length > limit) return false;
    }
  }
  return true;
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  let version: number | undefined;
  const prefix = () => `v${version}:`;
  const store: Cache = options.redis ? redisCache(options.redis) : createInMemoryCache({ max: 1_000 });
  // An entry of an older data version is never served, even when its key is presented as an ETag; a
  // Redis that fails is a miss (the operation runs), never a failed request.
  const cache: Cache = {
    ...store,
    get: async (key) => (version !== undefined && key.startsWith(prefix()) ? await Promise.resolve(store.get(key)).catch(() => undefined) : undefined),
    set: async (...args) => void (await Promise.resolve(store.set(...args)).catch(() => undefined)),
    invalidate: async (...args) => void (await Promise.resolve(store.invalidate(...args)).catch(() => undefined)),
  } as Cache;
  const refresh = async () => {
    try {
      version = await options.readVersion();
    } catch {
      // The database is unavailable: nothing is cached or served from the cache until it answers.
      version = undefined;
    }
  };
  const timer = setInterval(() => void refresh(), options.checkEveryMs ?? DATA_VERSION_CHECK_MS);
  timer.unref();
  void refresh();
  const keyOf = async (documentString: string, variables: unknown, operationName: string | null | undefined) =>
    `${prefix()}${await hashSHA256(`${documentString}|${JSON.stringify(variables ?? {})}|${operationName ?? ''}`)}`;
  const cacheControlOf = (request: Request) => {
    // An answer that carries its caller's budget (rate limiting), or was asked with a key, is that caller's
    // alone: no shared cache keeps it.
    const spent = costOf(request) as { remaining?: number } | undefined;
    const personal = spent?.remaining !== undefined || request.headers.has('authorization');
    return `${personal ? 'private' : 'public'}, max-age=${options.ttlSeconds}`;
  };
  const httpCaching: Plugin = {
    // A GET whose If-None-Match names this very operation's current answer (or `*` while it has one): 304,
    // with the headers a 200 would have had. The plugin's own check answered 304 to any cached key.
    onRequest({ request, endResponse, fetchAPI }) {
      const header = request.method === 'GET' ? request.headers.get('if-none-match') : null;
      if (!header || version === undefined) return;
      const url = new URL(request.url);
      const query = url.searchParams.get('query');
      if (!query) return;
      let variables: unknown;
      try {
        variables = JSON.parse(url.searchParams.get('variables') ?? 'null');
      } catch {
        return;
      }
      return keyOf(query, variables, url.searchParams.get('operationName')).then(async (key) => {
        if (!noneMatchHits(header, key) || !(await cache.get(key))) return;
        endResponse(new fetchAPI.Response(null, {
          status: 304,
          headers: { etag: entityTag(key, true), 'cache-control': `public, max-age=${options.ttlSeconds}`, vary: 'Accept-Encoding' },
        }));
      });
    },
    onResponse({ request, response }) {
      const key = response.headers.get('etag');
      if (!key) return;
      // The plugin writes its key bare; compression may change the bytes, not the meaning: a weak tag.
      if (!key.startsWith('"') && !key.startsWith('W/')) response.headers.set('etag', entityTag(key, true));
      if (request.method === 'GET' && response.status === 200) response.headers.set('cache-control', cacheControlOf(request));
    },
  };
  // The plugin's own conditional check is replaced by httpCaching's.
  const { onRequest: _, ...responseCache } = useResponseCache({
    session: () => null,
    cache,
    ttl: options.ttlSeconds * 1000,
    // Who the caller is, and what only some callers may see, differ from caller to caller: never cached.
    ttlPerSchemaCoordinate: { 'Query.viewer': 0, 'Query.apiKeys': 0 },
    includeExtensionMetadata: true,
    enabled: () => version !== undefined,
    shouldCacheResult: ({ result }) => !result.errors?.length && smallEnough(result.data, options.maxValues ?? MAX_CACHED_VALUES),
    buildResponseCacheKey: ({ documentString, variableValues, operationName }) => keyOf(documentString, variableValues, operationName),
  }) as Plugin;
  return {
    plugins: [httpCaching, responseCache],
    refresh,
    close: () => clearInterval(timer),
  };
}
