// Persisted operations, in Apollo's protocol (`extensions.persistedQuery.sha256Hash`):
// - `apq` (default): automatic persisted queries. A client sends the hash alone; an unknown hash gets
//   PERSISTED_QUERY_NOT_FOUND, the client sends the query with its hash once, and from then on the
//   hash alone is enough. Ordinary requests with a query keep working.
// - `only`: strict. Only the operations of a manifest (hash → document, built by `npm run sdk:generate`
//   from the SDK example's operations) are served; any other document is refused.
// - `off`: queries only.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

export type PersistedMode = 'apq' | 'only' | 'off';
export const PERSISTED_MODES = ['apq', 'only', 'off'] as const;

/**
 * Registered queries are kept per process, the oldest dropped first past either bound. Registration
 * happens before the token limit is checked, so a query longer than any operation the API runs is not
 * kept (it still runs, or is refused, as a plain query would be).
 */
export const APQ_ENTRIES = 5_000;
export const APQ_BYTES = 20 * 1024 * 1024;
export const APQ_MAX_QUERY_LENGTH = 50_000;
/**
 * Registrations one client may make a minute. Registering was free (no cost, no limit), and 20,000 junk
 * registrations from one client evicted everyone else's: now a query is registered only once it has run
 * (its cost spent from the client's budget like any operation's), and a client registers at most so many.
 */
export const APQ_PER_CLIENT_PER_MINUTE = 100;
const APQ_WINDOW_MS = 60_000;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads a manifest, `{ "<sha256>": "<document>" }`, checking every hash against its document. */
export function readManifest(path: string): Map<string, string> {
  const entries = Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  for (const [hash, document] of entries) {
    if (sha256(document) !== hash) throw new Error(`${path}: the entry ${hash.slice(0, 12)}… is not the hash of its document; regenerate it (npm run sdk:generate).`);
  }
  return new Map(entries);
}

function hashOf(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

const errors = {
  notFound: { message: 'PersistedQueryNotFound', extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND } },
  keyNotFound: { message: 'Send a query, or the sha256Hash of a persisted one in extensions.persistedQuery.', extensions: { code: ErrorCode.BAD_USER_INPUT } },
  // Refused, not answered: 403, as a cache or a client's retry logic must read it.
  persistedQueryOnly: { message: 'This server serves only persisted operations: send extensions.persistedQuery.sha256Hash of one of them.', extensions: { code: ErrorCode.PERSISTED_QUERY_ONLY, http: { status: 403 } } },
};

export function usePersistedQueries(mode: PersistedMode, manifest?: Map<string, string>, clientOf: (context: object) => string = () => 'all', maxEntries = APQ_ENTRIES): Plugin[] {
  if (mode === 'off') return [];
  if (mode === 'only') {
    if (!manifest) throw new Error('PERSISTED_OPERATIONS=only needs a manifest.');
    return [usePersistedOperations({ getPersistedOperation: (hash) => manifest.get(hash) ?? null, allowArbitraryOperations: false, customErrors: errors }) as Plugin];
  }
  const registered = new Map<string, string>();
  let bytes = 0;
  const forget = (hash: string) => {
    bytes -= registered.get(hash)?.length ?? 0;
    registered.delete(hash);
  };
  // Registrations by client in the current window (cleared each window: bounded by the clients of a minute).
  let window = { endsAt: 0, counts: new Map<string, number>() };
  const withinQuota = (client: string) => {
    const now = Date.now();
    if (now >= window.endsAt) window = { endsAt: now + APQ_WINDOW_MS, counts: new Map() };
    const count = (window.counts.get(client) ?? 0) + 1;
    if (count > APQ_PER_CLIENT_PER_MINUTE) return false;
    window.counts.set(client, count);
    return true;
  };
  // A query sent with its hash, registered once its operation has run: an operation refused (for its
  // cost, the client's budget, a bad argument) registers nothing.
  const pending = new WeakMap<object, { hash: string; query: string }>();
  const register: Plugin = {
    onParams({ params, request }) {
      const hash = hashOf(params.extensions);
      if (!hash || typeof params.query !== 'string') return;
      if (sha256(params.query) !== hash) {
        throw new GraphQLError('provided sha does not match query', { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
      }
      if (params.query.length > APQ_MAX_QUERY_LENGTH || registered.has(hash) || manifest?.has(hash)) return;
      pending.set(request, { hash, query: params.query });
    },
    onExecute: ({ args }) => {
      const context = args.contextValue as { request?: Request };
      const entry = context.request ? pending.get(context.request) : undefined;
      if (!entry) return;
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result) && result.data == null) return;
          if (!withinQuota(clientOf(context))) return;
          forget(entry.hash);
          registered.set(entry.hash, entry.query);
          bytes += entry.query.length;
          while (registered.size > maxEntries || bytes > APQ_BYTES) forget(registered.keys().next().value!);
        },
      };
    },
  };
  return [
    register,
    // The manifest's operations are served first and never evicted: registrations cannot crowd them out.
    usePersistedOperations({ getPersistedOperation: (hash) => manifest?.get(hash) ?? registered.get(hash) ?? null, allowArbitraryOperations: true, customErrors: errors }) as Plugin,
  ];
}
