import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { PERSISTED_MODES, type PersistedMode } from './http/persisted.js';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_WRITE_TIMEOUT_MS } from './http/answer-limits.js';

/** Where the data lives, parsed from DATABASE_URL. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  /** In memory; started from a dump of another database's files when `loadDataDir` is given (tests). */
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string };

export const DEFAULT_DATA_DIR = './data/pglite';

const ACCEPTED_FORMS =
  'unset (PGlite in ./data/pglite), file:<dir> (PGlite in <dir>), memory:// (PGlite in memory) or postgresql://... (server PostgreSQL)';

export class ConfigError extends Error {}

export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  if (value === undefined || value.trim() === '') return { kind: 'pglite', dataDir: DEFAULT_DATA_DIR };
  const url = value.trim();
  if (url === 'memory://' || url === 'memory:') return { kind: 'pglite-memory' };
  if (url.startsWith('file:')) {
    const dir = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (dir !== '') return { kind: 'pglite', dataDir: dir };
  }
  if (/^postgres(ql)?:\/\/.+/.test(url)) return { kind: 'postgres', url };
  throw new ConfigError(`DATABASE_URL "${url}" is not accepted: use ${ACCEPTED_FORMS}.`);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseTarget;
  logLevel: (typeof logLevels)[number];
  /** Load the seed dataset into an empty database at start. */
  seedIfEmpty: boolean;
  /** How long start-up waits for an unreachable database, retrying with backoff (0: not at all). */
  dbWaitSeconds?: number;
  /** Longest a single SQL statement may run on a server PostgreSQL before it is cancelled. */
  statementTimeoutMs?: number;
  /** Server PostgreSQL: the most connections open at once (unset: defaultPoolSize()). */
  poolSize?: number;
  /** The most one operation may cost (src/http/cost.ts). */
  costLimit?: number;
  requestTimeoutMs?: number;
  /** Cost one client may spend per minute; 0 turns rate limiting off. */
  rateLimitPerMinute?: number;
  /** Cost a caller with no API key may spend a minute (its own, smaller budget). */
  anonymousRateLimitPerMinute?: number;
  /** Redis shared by every server for rate limits; unset: counted in this process. */
  redisUrl?: string;
  /** Single sign-on: JWTs from this identity provider are accepted beside API keys (src/auth/sso.ts). */
  sso?: { jwksUrl: string; issuer: string; audience: string; roleClaim: string };
  trustProxy?: boolean;
  responseCacheTtlSeconds?: number;
  persistedOperations?: PersistedMode;
  corsOrigins?: string[];
  introspection?: boolean;
  /** The most bytes one answer may have (src/http/answer-limits.ts). */
  maxResponseBytes?: number;
  /** GraphQL requests in flight at most. */
  maxConcurrentRequests?: number;
  /** Bytes of answers not yet read by their clients this process holds at most. */
  maxQueuedBytes?: number;
  /** Subscriptions (Server-Sent Events streams) open at most. */
  maxSubscriptions?: number;
  /** A connection that moves no byte this long is closed. */
  writeTimeoutMs?: number;
  /** Serve /metrics on this port instead of the API's. */
  metricsPort?: number;
  /** Require `Authorization: Bearer <token>` for /metrics. A secret: never logged. */
  metricsToken?: string;
  /** Operation names always given a metric series of their own. */
  metricsOperationNames?: string[];
  /** PGlite in a data directory: run it in a worker thread (unset: true). */
  pgliteThread?: boolean;
  persistedManifest?: string;
}

export const DEFAULT_DB_WAIT_SECONDS = 30;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_COST_LIMIT = 100_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1_000_000;

/**
 * Connections to a server PostgreSQL when DB_POOL_SIZE is unset: twice this machine's cores, 2 to 10.
 * PostgreSQL runs as many statements at once as it has cores; past that, more connections only make
 * statements share them, with more requests half-answered in memory. On 2 cores, with the database on
 * the same machine, 4 against the driver's 10 served 20% more 50-coalition requests a second.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(10, Math.max(2, 2 * cores));
}

/** Digits only: "1e3", "0x10", " 80" and "" are refused, where Number() would take them. */
const whole = (min: number, max: number, what: string) =>
  z.string().regex(/^\d+$/, `must be ${what}, ${min} to ${max}`).transform(Number).pipe(z.number().int().min(min, `must be ${what}, ${min} to ${max}`).max(max, `must be ${what}, ${min} to ${max}`));
const flag = z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1');

/**
 * Every variable the server reads, with its default and meaning: the one place they are defined.
 * `npm test` checks the README's configuration table against it.
 */
export const ENVIRONMENT = {
  PORT: { default: '4000', meaning: 'HTTP port (`0` picks a free one)', schema: whole(0, 65535, 'a port number') },
  HOST: { default: '0.0.0.0', meaning: 'interface to listen on', schema: z.string().min(1, 'must not be empty') },
  DATABASE_URL: {
    default: undefined,
    meaning: 'unset = PGlite in `./data/pglite`; `file:<dir>` = PGlite in `<dir>`; `memory://` = PGlite in memory (lost on exit); `postgresql://...` = a server PostgreSQL. Anything else stops the start with one line naming these forms (exit code 1).',
    schema: z.string().optional(),
  },
  PGLITE_THREAD: {
    default: 'true',
    meaning: 'PGlite in a directory (`DATABASE_URL` unset or `file:`): `true` runs it in a worker thread, reached through the pg driver as a server is (three connections taking turns at its one session), so the API answers while PostgreSQL works; `false` runs it in the server\'s thread',
    schema: flag,
  },
  SEED_IF_EMPTY: { default: 'true', meaning: 'load the curated dataset when the database holds no organization', schema: flag },
  LOG_FORMAT: {
    default: undefined,
    meaning: '`json` = one JSON object a line; `pretty` = a time of day, the level and the message, for a person; unset = `pretty` on a terminal, `json` elsewhere',
    schema: z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).optional(),
  },
  LOG_LEVEL: { default: 'info', meaning: '`debug`, `info`, `warn`, `error`, `silent`', schema: z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }) },
  DB_WAIT_SECONDS: {
    default: String(DEFAULT_DB_WAIT_SECONDS),
    meaning: 'server PostgreSQL: how long start-up waits for a database that does not answer, retrying with backoff (250 ms to 5 s) and logging what it waits for; `0` = not at all',
    schema: whole(0, 3_600, 'a whole number of seconds'),
  },
  DB_STATEMENT_TIMEOUT_MS: {
    default: String(DEFAULT_STATEMENT_TIMEOUT_MS),
    meaning: 'server PostgreSQL: a statement is cancelled after this long, and a server that stops answering is given up 2 s later (found by a check of every connection each tenth of that time, at most each second); PGlite in a worker thread: a statement is given up 2 s later (PGlite cannot cancel it, and finishes it). A cancelled statement is answered HTTP 504 `REQUEST_TIMEOUT` (ask for less); a server given up, 503 `SERVICE_UNAVAILABLE`',
    schema: whole(1, 600_000, 'a whole number of milliseconds'),
  },
  DB_POOL_SIZE: {
    default: undefined,
    meaning: 'server PostgreSQL: the most connections open at once (requests beyond them wait their turn); unset = twice this machine\'s cores, 2 to 10. Set it near twice the database server\'s cores, under its `max_connections` divided by the number of API servers',
    schema: whole(1, 1_000, 'a whole number of connections').optional(),
  },
  REQUEST_TIMEOUT_MS: {
    default: String(DEFAULT_REQUEST_TIMEOUT_MS),
    meaning: 'an operation still running after this long is answered HTTP 504 `REQUEST_TIMEOUT` (its statements end at `DB_STATEMENT_TIMEOUT_MS`)',
    schema: whole(100, 600_000, 'a whole number of milliseconds'),
  },
  COST_LIMIT: {
    default: String(DEFAULT_COST_LIMIT),
    meaning: 'the most one operation may cost (objects it may return, lists multiplied by their page size); over it: `QUERY_TOO_COSTLY` before anything runs',
    schema: whole(1, 100_000_000, 'a whole number'),
  },
  MAX_RESPONSE_BYTES: {
    default: String(DEFAULT_MAX_RESPONSE_BYTES),
    meaning: 'the most bytes one answer may have (before compression; an incremental answer\'s payloads together); past it: `RESPONSE_TOO_LARGE` in place of the data',
    schema: whole(1_000, 1_000_000_000, 'a whole number of bytes'),
  },
  MAX_CONCURRENT_REQUESTS: {
    default: String(DEFAULT_MAX_CONCURRENT_REQUESTS),
    meaning: 'GraphQL requests in flight at most, from arrival until their answer is handed to the system; past it: HTTP 503 `OVERLOADED` with `Retry-After`, before anything runs (`/health`, `/ready` and `/metrics` are always answered)',
    schema: whole(1, 100_000, 'a whole number of requests'),
  },
  MAX_SUBSCRIPTIONS: {
    default: String(DEFAULT_MAX_SUBSCRIPTIONS),
    meaning: 'subscriptions (Server-Sent Events streams) open at most, counted apart from `MAX_CONCURRENT_REQUESTS`; past it: HTTP 503 `OVERLOADED` with `Retry-After`',
    schema: whole(1, 1_000_000, 'a whole number of subscriptions'),
  },
  MAX_QUEUED_BYTES: {
    default: String(DEFAULT_MAX_QUEUED_BYTES),
    meaning: 'bytes of answers not yet read by their clients that this process holds at most; past it, new requests get HTTP 503 `OVERLOADED` until clients read or are disconnected',
    schema: whole(1_000_000, 100_000_000_000, 'a whole number of bytes'),
  },
  WRITE_TIMEOUT_MS: {
    default: String(DEFAULT_WRITE_TIMEOUT_MS),
    meaning: 'a connection that moves no byte, in or out, for this long is closed (a client that stopped reading its answer or sending its request; one that stops mid-answer within twice this); more than `REQUEST_TIMEOUT_MS`',
    schema: whole(1_000, 3_600_000, 'a whole number of milliseconds'),
  },
  RATE_LIMIT_COST_PER_MINUTE: {
    default: String(DEFAULT_RATE_LIMIT_PER_MINUTE),
    meaning: 'cost one client (its verified API key, else its IP address; an IPv6 host by its /64) may spend per minute; over it: HTTP 429 `RATE_LIMITED` with `Retry-After`; `0` = no rate limit',
    schema: whole(0, 1_000_000_000, 'a whole number'),
  },
  ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE: {
    default: undefined,
    meaning: 'cost a client that sends no API key (counted by its address) may spend per minute: its own, smaller budget; at least `COST_LIMIT` and at most `RATE_LIMIT_COST_PER_MINUTE`; unset = a quarter of `RATE_LIMIT_COST_PER_MINUTE`, at least `COST_LIMIT`',
    schema: whole(1, 1_000_000_000, 'a whole number').optional(),
  },
  RESPONSE_CACHE_TTL_SECONDS: {
    default: '60',
    meaning: 'how long an answer is served from the response cache (per operation and variables; a seed or import retires every answer within 5 s); GET answers carry `Cache-Control` and an `ETag` (304 on a match); `0` = no cache',
    schema: whole(0, 86_400, 'a whole number of seconds'),
  },
  TRUST_PROXY: {
    default: 'false',
    meaning: '`true` behind one reverse proxy: rate limits count a client by the last `X-Forwarded-For` address (the one the proxy added), not the proxy\'s own. Requires that clients reach the port only through that proxy: one that reaches it directly writes that address itself',
    schema: flag,
  },
  REDIS_URL: {
    default: undefined,
    meaning: 'unset = rate limits and the response cache kept in each process; `redis://host:port` = shared by every server through Redis',
    schema: z.string().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL').optional(),
  },
  AUTH_JWKS_URL: {
    default: undefined,
    meaning: 'unset = API keys only; an https URL of an identity provider\'s JSON Web Key Set = its JWTs are accepted as `Authorization: Bearer <token>` too (with `AUTH_ISSUER` and `AUTH_AUDIENCE`)',
    schema: z.url().optional(),
  },
  AUTH_ISSUER: {
    default: undefined,
    meaning: 'the `iss` a token must carry (required with `AUTH_JWKS_URL`)',
    schema: z.string().min(1).optional(),
  },
  AUTH_AUDIENCE: {
    default: undefined,
    meaning: 'the `aud` a token must carry (required with `AUTH_JWKS_URL`)',
    schema: z.string().min(1).optional(),
  },
  AUTH_ROLE_CLAIM: {
    default: 'role',
    meaning: 'the claim naming the caller\'s role (`reader`, `editor`, `reviewer`, `admin`, or a list of them: the highest counts); a token without one is refused',
    schema: z.string().min(1),
  },
  PERSISTED_OPERATIONS: {
    default: 'apq',
    meaning: '`apq` = automatic persisted queries (Apollo\'s protocol) beside ordinary queries; `only` = serve the manifest\'s operations and nothing else; `off`',
    schema: z.enum(PERSISTED_MODES, { message: `must be one of ${PERSISTED_MODES.join(', ')}` }),
  },
  PERSISTED_OPERATIONS_MANIFEST: {
    default: 'examples/sdk/persisted-operations.json',
    meaning: 'the manifest `only` serves (`{ "<sha256>": "<document>" }`, written by `npm run sdk:generate` from the SDK example\'s operations)',
    schema: z.string().min(1, 'must not be empty'),
  },
  CORS_ORIGINS: {
    default: undefined,
    meaning: 'comma-separated origins (`https://app.example.org`) answered with credentials allowed; unset = any origin may read, without credentials',
    schema: z.string().optional().transform((v) => (v ?? '').split(',').map((o) => o.trim()).filter(Boolean)).pipe(
      z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must list origins such as https://app.example.org, without paths'))),
  },
  INTROSPECTION: { default: 'true', meaning: 'answer introspection queries (GraphiQL\'s Docs, code generators); `false` turns them off', schema: flag },
  METRICS_PORT: {
    default: undefined,
    meaning: 'unset = Prometheus metrics at `/metrics` on the API\'s port; a port = served there instead (on `HOST`), and `/metrics` on the API\'s port is 404',
    schema: whole(1, 65535, 'a port number').optional(),
  },
  METRICS_TOKEN: {
    default: undefined,
    meaning: 'when set, `/metrics` answers only `Authorization: Bearer <token>` (401 otherwise); at least 16 characters. A secret: never logged',
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    secret: true,
  },
  METRICS_OPERATION_NAMES: {
    default: undefined,
    meaning: 'comma-separated operation names that always get a metric series of their own, beside the persisted manifest\'s and GraphiQL\'s example (other names: the first 100 seen, then `(other)`)',
    schema: z.string().optional().transform((v) => (v ?? '').split(',').map((n) => n.trim()).filter(Boolean)).pipe(z.array(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]{0,99}$/, 'must list GraphQL operation names'))),
  },
  LOADERS: {
    default: undefined,
    meaning: '`naive` turns DataLoader batching off (one statement per parent), and the root lists\' single statement with it: only `npm run bench:load` sets it, as the baseline batching is measured against',
    schema: z.enum(['naive'], { message: 'must be naive or unset' }).optional(),
  },
} as const;

type Environment = { [K in keyof typeof ENVIRONMENT]: z.output<(typeof ENVIRONMENT)[K]['schema']> };

/** Reads the environment once; every bad variable is named in one ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(ENVIRONMENT)) {
    const given = env[name];
    const parsed = (spec.schema as z.ZodType).safeParse(given ?? spec.default);
    if (parsed.success) values[name] = parsed.data;
    // A secret's value is never repeated, not even a wrong one.
    else problems.push(`${name} ${'secret' in spec ? '(value not shown)' : `"${given}"`} ${parsed.error.issues[0]?.message ?? 'is not accepted'}.`);
  }
  let database: DatabaseTarget | undefined;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message);
  }
  const v = values as Environment;
  if (problems.length === 0 && v.RATE_LIMIT_COST_PER_MINUTE !== 0 && v.RATE_LIMIT_COST_PER_MINUTE < v.COST_LIMIT) {
    problems.push(`RATE_LIMIT_COST_PER_MINUTE "${v.RATE_LIMIT_COST_PER_MINUTE}" must be 0 or at least COST_LIMIT (${v.COST_LIMIT}), or no operation at the limit could ever run.`);
  }
  const anonymous = v.ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE;
  if (problems.length === 0 && v.RATE_LIMIT_COST_PER_MINUTE !== 0 && anonymous !== undefined && (anonymous < v.COST_LIMIT || anonymous > v.RATE_LIMIT_COST_PER_MINUTE)) {
    problems.push(
      `ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE "${v.ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE}" must be at least COST_LIMIT (${v.COST_LIMIT}) and at most ` +
      `RATE_LIMIT_COST_PER_MINUTE (${v.RATE_LIMIT_COST_PER_MINUTE}): a caller without a key spends from a smaller budget, not a larger one.`,
    );
  }
  if (problems.length === 0 && v.WRITE_TIMEOUT_MS <= v.REQUEST_TIMEOUT_MS) {
    problems.push(`WRITE_TIMEOUT_MS "${v.WRITE_TIMEOUT_MS}" must be more than REQUEST_TIMEOUT_MS (${v.REQUEST_TIMEOUT_MS}), or a connection waiting for a running operation would be closed.`);
  }
  const sso = [v.AUTH_JWKS_URL, v.AUTH_ISSUER, v.AUTH_AUDIENCE];
  if (sso.some((x) => x !== undefined) && !sso.every((x) => x !== undefined)) {
    problems.push('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together: a token is checked against all three, or single sign-on is off.');
  }
  if (problems.length === 1) throw new ConfigError(problems[0]!);
  if (problems.length > 1) throw new ConfigError(`Configuration refused, ${problems.length} variables:\n  ${problems.join('\n  ')}`);
  return {
    port: v.PORT,
    host: v.HOST,
    database: database!,
    logLevel: v.LOG_LEVEL,
    seedIfEmpty: v.SEED_IF_EMPTY,
    dbWaitSeconds: v.DB_WAIT_SECONDS,
    statementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
    poolSize: v.DB_POOL_SIZE ?? defaultPoolSize(),
    costLimit: v.COST_LIMIT,
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    rateLimitPerMinute: v.RATE_LIMIT_COST_PER_MINUTE,
    anonymousRateLimitPerMinute: v.ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE ?? Math.min(v.RATE_LIMIT_COST_PER_MINUTE, Math.max(v.COST_LIMIT, Math.floor(v.RATE_LIMIT_COST_PER_MINUTE / 4))),
    ...(v.REDIS_URL ? { redisUrl: v.REDIS_URL } : {}),
    ...(v.AUTH_JWKS_URL && v.AUTH_ISSUER && v.AUTH_AUDIENCE
      ? { sso: { jwksUrl: v.AUTH_JWKS_URL, issuer: v.AUTH_ISSUER, audience: v.AUTH_AUDIENCE, roleClaim: v.AUTH_ROLE_CLAIM } }
      : {}),
    responseCacheTtlSeconds: v.RESPONSE_CACHE_TTL_SECONDS,
    trustProxy: v.TRUST_PROXY,
    persistedOperations: v.PERSISTED_OPERATIONS,
    persistedManifest: v.PERSISTED_OPERATIONS_MANIFEST,
    corsOrigins: v.CORS_ORIGINS,
    introspection: v.INTROSPECTION,
    pgliteThread: v.PGLITE_THREAD,
    maxResponseBytes: v.MAX_RESPONSE_BYTES,
    maxConcurrentRequests: v.MAX_CONCURRENT_REQUESTS,
    maxQueuedBytes: v.MAX_QUEUED_BYTES,
    maxSubscriptions: v.MAX_SUBSCRIPTIONS,
    writeTimeoutMs: v.WRITE_TIMEOUT_MS,
    ...(v.METRICS_PORT ? { metricsPort: v.METRICS_PORT } : {}),
    ...(v.METRICS_TOKEN ? { metricsToken: v.METRICS_TOKEN } : {}),
    metricsOperationNames: v.METRICS_OPERATION_NAMES,
  };
}
