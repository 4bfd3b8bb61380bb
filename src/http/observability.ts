// What operators see: JSON log lines (pino), one per request with its id, operation, duration, cost
// and status (variables are never logged), and Prometheus metrics at /metrics.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { getOperationAST, type GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import { pino, type Level } from 'pino';
import pretty from 'pino-pretty';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { costOf } from './cost.js';
import { Histogram } from './histogram.js';
import { pathOf } from './url-path.js';

/** Yoga's logger interface, and whether a level is written: a line no one reads is not built. */
export type LevelledLogger = YogaLogger & { isLevelEnabled?(level: 'debug' | 'info' | 'warn' | 'error'): boolean };

/**
 * How lines are written to standard output: `pretty` (pino-pretty: a time of day, the level in words, the
 * message, then the fields) for a person at a terminal, `json` (one object a line) for everything else.
 * LOG_FORMAT (src/config.ts) chooses; unset, a terminal gets `pretty`.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env): 'json' | 'pretty' {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** A logger with Yoga's interface, JSON or pretty (logFormat): a message and, for errors, their name, message and stack. */
export function jsonLogger(level: Level | 'silent', destination?: { write(line: string): void }): LevelledLogger & { child(fields: object): YogaLogger } {
  const base = destination
    ? pino({ level }, destination)
    : logFormat() === 'pretty'
      // In this thread (a transport would start a worker for it), synchronously, as pino writes JSON.
      ? pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }))
      : pino({ level });
  const adapt = (logger: pino.Logger): LevelledLogger & { child(fields: object): YogaLogger } => {
    const write = (method: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
      if (!logger.isLevelEnabled(method)) return;
      const fields: Record<string, unknown> = {};
      const words: string[] = [];
      for (const arg of args) {
        if (arg instanceof Error) fields.err = arg;
        else if (arg !== null && typeof arg === 'object') Object.assign(fields, arg);
        else words.push(String(arg));
      }
      logger[method](fields, words.join(' ') || (fields.err as Error | undefined)?.message || '');
    };
    return {
      debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'),
      isLevelEnabled: (method) => logger.isLevelEnabled(method),
      child: (fields) => adapt(logger.child(fields)),
    };
  };
  return adapt(base);
}

/** A client's X-Request-Id is kept if it is a plain token; anything else is replaced, never echoed. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Where the metrics are served. */
const METRICS_PATH = '/metrics';

/** Endpoints probed every few seconds: logged at debug only. */
const QUIET = new Set(['/health', '/ready', METRICS_PATH]);

/**
 * Operation names with their own metric series; names seen after these are counted under OTHER_OPERATION.
 * A client chooses its operations' names: each new name would otherwise add a series to /metrics for
 * good (memory, and the scrape's size, growing with what clients send).
 */
export const MAX_OPERATION_NAMES = 100;
/** The label of an operation without a name, and of the names past MAX_OPERATION_NAMES (neither is a GraphQL name). */
export const ANONYMOUS_OPERATION = '(anonymous)';
export const OTHER_OPERATION = '(other)';
/** Longer names are counted under OTHER_OPERATION: a name is as long as a client makes it. */
const MAX_OPERATION_NAME_LENGTH = 100;

/**
 * The operation-name label: the names the operator expects (the manifest's, GraphiQL's example, those
 * configured) always as themselves, whatever clients send first; then the first MAX_OPERATION_NAMES other
 * names; the rest as one. 100 junk names sent first once left every real name "(other)".
 */
function operationLabel(reserved: ReadonlySet<string>) {
  const known = new Set<string>();
  return (name: string | undefined): string => {
    if (!name) return ANONYMOUS_OPERATION;
    if (reserved.has(name) || known.has(name)) return name;
    if (known.size >= MAX_OPERATION_NAMES || name.length > MAX_OPERATION_NAME_LENGTH) return OTHER_OPERATION;
    known.add(name);
    return name;
  };
}

/** The first operation of a document's text, as written: its type and name. */
const OPERATION_HEAD = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

interface RequestRecord { id: string; started: number; operation?: string; type?: string; codes: string[] }

/**
 * Each request's record is kept on the request, under this module's symbol. Not in a WeakMap keyed by
 * the request: each entry is an ephemeron, which every garbage collection traces apart. With two (this
 * record and the cost), `{ __typename }` took 0.178 and 0.183 ms of CPU a request against 0.166 and
 * 0.173 (fresh servers of both builds, alternating, twice).
 */
const RECORD = Symbol('request record');
type Recorded = Request & { [RECORD]?: RequestRecord };
const recordOf = (request: Request): RequestRecord | undefined => (request as Recorded)[RECORD];

export interface ObservabilityOptions {
  logger: LevelledLogger;
  /** The path GraphQL is served at: its requests are timed. */
  graphqlEndpoint: string;
  /** Database connection pool use, when there is a pool (server PostgreSQL). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** Where the metrics are kept, with the process's own (app.ts; it serves them on a port of their own with METRICS_PORT). */
  registry?: Registry;
  /** `/metrics` on the API's port: served (default), or not (another port serves them). */
  metricsOnApiPort?: boolean;
  /** When set, `/metrics` on the API's port answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Operation names always given a series of their own. */
  operationNames?: readonly string[];
}

/** Whether a request carries `Authorization: Bearer <token>`, compared in constant time. */
export function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Request ids (X-Request-Id in and out), a log line per request, and /metrics: requests by operation
 * and status with their durations, errors by code, cost and the database pool.
 *
 * Not `@graphql-yoga/plugin-prometheus`: with only its request histogram on, its hooks at every phase
 * cost about 30 µs a request, a third of the pipeline's under `{ __typename }`; this plugin already
 * holds each request's operation, status and start.
 */
export function useObservability({ logger, graphqlEndpoint, poolStats, registry: given, metricsOnApiPort = true, metricsToken, operationNames = [] }: ObservabilityOptions): Plugin[] {
  const registry = given ?? new Registry();
  const operationName = operationLabel(new Set(operationNames));
  // The process's own (CPU, resident memory, heap, event-loop lag, handles, garbage collections), in the
  // registry of a running server: each collection watches the process with timers and observers of its own.
  if (given) collectDefaultMetrics({ register: registry, prefix: 'sahel_' });
  const errors = new Counter({ name: 'sahel_graphql_errors_total', help: 'GraphQL errors returned, by extensions.code.', labelNames: ['code'], registers: [registry] });
  const cost = new Histogram('sahel_graphql_operation_cost', 'Cost of each executed operation (src/http/cost.ts).', [], registry, [1, 10, 100, 1_000, 10_000, 100_000]);
  const cacheAnswers = new Counter({ name: 'sahel_response_cache_total', help: 'Operations answered from the response cache (hit) or run (miss).', labelNames: ['result'], registers: [registry] });
  if (poolStats) {
    for (const [key, help] of [['total', 'open connections'], ['idle', 'idle connections'], ['waiting', 'requests waiting for a connection']] as const) {
      new Gauge({ name: `sahel_db_pool_${key}`, help: `Database pool: ${help}.`, registers: [registry], collect() {
        this.set(poolStats()[key]);
      } });
    }
  }
  const durations = new Histogram(
    'graphql_yoga_http_duration',
    `Time to answer a request to ${graphqlEndpoint}, in seconds, by operation name (the first ${MAX_OPERATION_NAMES} names seen; later ones as "${OTHER_OPERATION}"), type, method and status.`,
    ['operationName', 'operationType', 'method', 'statusCode'],
    registry,
  );
  const record: Plugin = {
    onRequest({ request, endResponse, fetchAPI }) {
      const given = request.headers.get('x-request-id');
      (request as Recorded)[RECORD] = { id: given && REQUEST_ID.test(given) ? given : randomUUID(), started: performance.now(), codes: [] };
      if (metricsOnApiPort && request.method === 'GET' && pathOf(request.url) === METRICS_PATH) {
        if (metricsToken !== undefined && !bearerMatches(request.headers.get('authorization'), metricsToken)) {
          return endResponse(new fetchAPI.Response('Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>.\n', { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' } }));
        }
        return registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })));
      }
    },
    // An answer from the response cache is found before the document is parsed: its operation is read
    // from the request (the name sent, else the text's first operation) so it is counted under its name.
    onParams({ params, request }) {
      const entry = recordOf(request);
      if (!entry || entry.operation !== undefined) return;
      const named = typeof params.query === 'string' ? OPERATION_HEAD.exec(params.query) : null;
      entry.operation = params.operationName ?? named?.[2];
      entry.type = named?.[1] ?? (typeof params.query === 'string' && params.query.trimStart().startsWith('{') ? 'query' : undefined);
    },
    // No onExecuteDone: every hook on the way out is a step for every request; the errors are read from
    // the result Yoga sends (onResultProcess), the cost when the response goes.
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && recordOf(request);
      if (!entry) return;
      const operation = getOperationAST(args.document, args.operationName);
      entry.operation = args.operationName ?? operation?.name?.value;
      entry.type = operation?.operation;
    },
    onResultProcess({ request, result }) {
      const entry = recordOf(request);
      if (!entry) return;
      // Every error the client receives, before execution (parse, validation, limits, persisted queries) or
      // during it; with @defer or @stream, those of the first payload.
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const cacheMeta = (r as { extensions?: { responseCache?: { hit?: boolean } } }).extensions?.responseCache;
        if (cacheMeta) cacheAnswers.inc({ result: cacheMeta.hit ? 'hit' : 'miss' });
        const list = (r as { errors?: readonly GraphQLError[] }).errors;
        if (list) for (const e of list) entry.codes.push(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
      }
    },
    onResponse({ request, response }) {
      const entry = recordOf(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      for (const code of entry.codes) errors.inc({ code });
      const path = pathOf(request.url);
      const durationMs = performance.now() - entry.started;
      if (path === graphqlEndpoint) {
        durations.observe([operationName(entry.operation), entry.type ?? 'unknown', request.method, response.status], durationMs / 1000);
      }
      const spent = costOf(request);
      if (spent) cost.observe([], spent.requested);
      const level = QUIET.has(path) ? 'debug' : 'info';
      if (logger.isLevelEnabled?.(level) === false) return;
      const line = {
        requestId: entry.id, method: request.method, path, status: response.status,
        durationMs: Math.round(durationMs * 10) / 10,
        ...(entry.operation ? { operation: entry.operation } : {}),
        ...(spent ? { cost: spent.requested } : {}),
        ...(entry.codes.length ? { errors: entry.codes } : {}),
      };
      logger[level](line, 'request');
    },
  };
  return [record];
}
