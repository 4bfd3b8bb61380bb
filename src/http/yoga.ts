// The HTTP/GraphQL layer: the schema, a per-request context, error masking and GraphiQL.
import type { Identity } from '../auth/api-keys.js';
import { useAuthentication } from './authentication.js';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import type { Registry } from 'prom-client';
import { createYoga, maskError as defaultMaskError, type LogLevel, type Plugin, type YogaLogger } from 'graphql-yoga';
import { isDatabaseUnavailable, isPoolWait, isStatementTimeout, unavailableReason } from '../db/availability.js';
import type { ChangeHub } from '../history/events.js';
import { contextFactory } from '../context.js';
import { ErrorCode } from '../errors.js';
import { useOperationLimits } from './limits.js';
import { useCostLimit } from './cost.js';
import { DEFAULT_COST_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS } from '../config.js';
import { clientKey, type RateLimit } from './rate-limit.js';
import { usePersistedQueries, type PersistedMode } from './persisted.js';
import { corsOptions, useHttpPolicy } from './http-policy.js';
import { jsonLogger, useObservability, type LevelledLogger } from './observability.js';
import { useRequestTimeout } from './request-timeout.js';
import { NO_URL_ENDS_WITH, useProbeEndpoints } from './readiness.js';
import { useCompression } from './compression.js';
import { DEFAULT_MAX_RESPONSE_BYTES, OVERLOAD_RETRY_SECONDS, useAnswerSizeLimit } from './answer-limits.js';
import { asksIncrementalDelivery, useIncrementalDelivery } from './incremental.js';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { ResponseCache } from './response-cache.js';
import type { Database } from '../db/client.js';
import { schema } from '../schema/index.js';

/** What GraphiQL shows on first open: JNIM's components and their leaders, with citations. */
export const EXAMPLE_QUERY = `# JNIM, the coalition formed in March 2017, its components and who leads them.
# Every fact carries its citations: the source and the passage that states it.
# Time is answered in three values: leaders(current: true) lists those who may still lead
# (never anyone reported dead), each with its certainty: CERTAIN when the dates say so,
# POSSIBLE when only unknown dates leave it open.
# To write (editors) or review (reviewers), open Headers below and send your key:
#   {"Authorization": "Bearer <key>"}   (keys: npm run keys -- create --name "..." --role editor)
query JnimComponents {
  organization(slug: "jnim") {
    name
    founded { iso precision }
    aliases { name kind language }
    leaders(current: true) {
      person { name }
      certainty
      citations { quote source { title } }
    }
    components {
      slug
      name
      kind
      leaders {
        role
        start { iso }
        end { iso }
        person { name status died { iso qualifier } }
      }
      citations { quote attributedTo source { title publisher } }
    }
  }
}
`;

/** Documents remembered, with how often they ran, to decide which are worth compiling. */
const JIT_SEEN = 1_000;

/**
 * Compiles a document (graphql-jit) from its second run on: compiling costs milliseconds, so one-off
 * documents (or a client sending a new one each time) run interpreted, while the operations clients
 * repeat are compiled once. Never for @defer or @stream, which graphql-jit does not run.
 */
function jitWorthIt() {
  const seen = new Map<DocumentNode, number>();
  // Documents already compiled answer at once; the count (kept in recency order) is for the others.
  const compiled = new WeakSet<DocumentNode>();
  return (args: { document: DocumentNode }) => {
    if (compiled.has(args.document)) return true;
    const runs = (seen.get(args.document) ?? 0) + 1;
    seen.delete(args.document);
    if (runs >= 2 && !asksIncrementalDelivery(args.document)) {
      compiled.add(args.document);
      return true;
    }
    seen.set(args.document, runs);
    if (seen.size > JIT_SEEN) seen.delete(seen.keys().next().value!);
    return false;
  };
}

/** Longest text one log argument may write: an error may quote a client's value, which may be megabytes. */
export const MAX_LOGGED_TEXT = 2_000;

function bounded(text: string): string {
  return text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}… [${text.length - MAX_LOGGED_TEXT} characters cut]` : text;
}

/** A logger whose every argument is cut to MAX_LOGGED_TEXT (errors keep their name, message and stack, each cut). */
export function boundedLogger(logger: LevelledLogger): LevelledLogger {
  const cut = (arg: unknown): unknown => {
    if (typeof arg === 'string') return bounded(arg);
    if (arg instanceof Error) {
      const copy = new Error(bounded(arg.message));
      copy.name = arg.name;
      copy.stack = arg.stack === undefined ? undefined : bounded(arg.stack);
      if (arg.cause !== undefined) copy.cause = cut(arg.cause);
      return copy;
    }
    return arg;
  };
  const wrap = (log: (...args: unknown[]) => void) => (...args: unknown[]) => log(...args.map(cut));
  return {
    debug: wrap(logger.debug), info: wrap(logger.info), warn: wrap(logger.warn), error: wrap(logger.error),
    ...(logger.isLevelEnabled ? { isLevelEnabled: logger.isLevelEnabled.bind(logger) } : {}),
  };
}

export interface YogaOptions {
  /** Verifies `Authorization: Bearer <key>` (src/auth/api-keys.ts); without it, every request is anonymous. */
  identify?: (authorization: string | null) => Promise<Identity>;
  db: Pick<Database, 'prisma' | 'scripts'>;
  logging?: LogLevel | YogaLogger;
  /** `/ready` answers 200 only when this resolves true (database reachable and migrated, not shutting down). */
  ready?: () => Promise<boolean>;
  /** The most one operation may cost (default DEFAULT_COST_LIMIT). */
  costLimit?: number;
  /** Spends each operation's cost from its client's budget; unset: no rate limit. */
  rateLimit?: RateLimit;
  /** Persisted operations: `apq` (default), `only` (the manifest's operations and nothing else) or `off`. */
  persisted?: { mode: PersistedMode; manifest?: Map<string, string>; /** Registered queries kept at most (default APQ_ENTRIES). */ maxEntries?: number };
  /** Origins answered with credentials allowed; none (default): any origin, without credentials. */
  corsOrigins?: readonly string[];
  /** Introspection on (default) or off. */
  introspection?: boolean;
  /** Database pool use for /metrics (server PostgreSQL). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** An operation running longer is answered REQUEST_TIMEOUT (default DEFAULT_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Serves repeated operations from a cache invalidated by data changes; unset: none (tests count SQL). */
  responseCache?: ResponseCache;
  /** The most bytes one answer may have (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Clients are counted by the address a trusted proxy forwarded (TRUST_PROXY): rate limits, registrations. */
  trustProxy?: boolean;
  /** Where /metrics lives and who may read it (src/http/observability.ts). */
  metrics?: { registry?: Registry; onApiPort?: boolean; token?: string; operationNames?: readonly string[] };
  /** Where writes announce their changes and subscriptions hear them (every server's, through Redis); default: this process's. */
  changes?: ChangeHub;
}

/** The names of the operations of a manifest and of GraphiQL's example: always a metric series of their own. */
function expectedOperationNames(manifest: Map<string, string> | undefined): string[] {
  const names: string[] = [];
  for (const document of [EXAMPLE_QUERY, ...(manifest?.values() ?? [])]) {
    try {
      for (const definition of parse(document).definitions) if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
    } catch {
      // A manifest's documents were checked against their hashes, not parsed: one that does not parse names nothing.
    }
  }
  return names;
}

/** Where GraphQL is served; the metrics time the requests made to it. */
const GRAPHQL_ENDPOINT = '/graphql';

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;
/** At most one log line per this many milliseconds about an unavailable database. */
const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * Reports an unavailable database once per interval with the number of requests refused, instead
 * of a stack trace per request (an outage would otherwise write megabytes of log).
 */
function outageReporter(logger: YogaLogger) {
  let last = 0;
  let refused = 0;
  return (error: unknown) => {
    refused++;
    const now = Date.now();
    if (now - last < OUTAGE_LOG_INTERVAL_MS) return;
    logger.warn(`Database unavailable (${unavailableReason(error)}): ${refused} request(s) answered SERVICE_UNAVAILABLE since the last report.`);
    last = now;
    refused = 0;
  };
}

/** Not our fault and not the client's: 503 with Retry-After. */
function unavailableError(error: GraphQLError): GraphQLError {
  return new GraphQLError('The database is unavailable; try again shortly.', {
    nodes: error.nodes ?? null,
    path: error.path ?? null,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}

/** The database cancelled a slow statement: the operation asked too much; the database is up (no Retry-After). */
function statementTimeoutError(error: GraphQLError): GraphQLError {
  return new GraphQLError('A database statement of this operation ran past its time limit and was stopped; ask for less (smaller pages, narrower filters, shorter search text).', {
    nodes: error.nodes ?? null,
    path: error.path ?? null,
    extensions: { code: ErrorCode.REQUEST_TIMEOUT, http: { status: 504 } },
  });
}

/** Every connection busy with other requests past the connect timeout: overloaded, the database is up. */
function overloadedError(error: GraphQLError): GraphQLError {
  return new GraphQLError(`The server is answering as many requests as its database connections allow; retry in ${OVERLOAD_RETRY_SECONDS} s.`, {
    nodes: error.nodes ?? null,
    path: error.path ?? null,
    extensions: { code: ErrorCode.OVERLOADED, http: { status: 503, headers: { 'Retry-After': String(OVERLOAD_RETRY_SECONDS) } } },
  });
}

/** Pothos reports bad relay arguments (malformed global IDs) so: the client's error, never echoing its value. */
function invalidArgumentError(error: GraphQLError): GraphQLError {
  const message = error.message.startsWith('Invalid global ID') ? 'Invalid global ID: not an ID this API hands out.' : error.message;
  return new GraphQLError(message, { nodes: error.nodes ?? null, path: error.path ?? null, extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT } });
}

/** Variables of the wrong type: graphql-js and graphql-jit refuse them without an error code. */
function variableError(error: GraphQLError): GraphQLError {
  // graphql-jit reports them as errors without extensions: each is rebuilt as a GraphQLError with the code.
  return new GraphQLError(error.message, { nodes: error.nodes ?? null, extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/**
 * Gives the errors the API knows their own codes before masking, which would log them as faults (Yoga
 * logs every error its masking replaces, and graphql-jit's errors cannot be edited in place): an
 * unavailable database (reported once per interval instead), a bad relay argument, and variables of
 * the wrong type, which get the BAD_USER_INPUT that invalid argument values get, so that clients rely
 * on one code. One hook for the three: each hook after execution is a step for every request.
 */
function useKnownErrors(reportOutage: (error: unknown) => void, busy: (error: unknown) => boolean): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors) return;
        const errors = result.errors.map((error) => {
          if (isStatementTimeout(error.originalError)) return statementTimeoutError(error);
          if (busy(error.originalError)) return overloadedError(error);
          if (isDatabaseUnavailable(error.originalError)) {
            reportOutage(error.originalError);
            return unavailableError(error);
          }
          if (error.originalError instanceof PothosValidationError) return invalidArgumentError(error);
          return error.extensions?.code === undefined && error.message.startsWith('Variable "$') ? variableError(error) : error;
        });
        setResult({ ...result, errors });
      },
    }),
  };
}

/**
 * Errors of a request Yoga could not read (a body that is not JSON) carry the parser's error in
 * `extensions.originalError`, whose message quotes the client's body: the client gets the message and
 * the code, never the internals.
 */
function useNoInternals(): Plugin {
  return {
    onResultProcess({ result }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
      for (const error of result.errors) {
        const extensions = error.extensions as Record<string, unknown> | undefined;
        // Yoga answers 400 (not 200) for an error whose original error is not a GraphQL error: one stays,
        // written as nothing.
        if (extensions?.originalError !== undefined) extensions.originalError = Object.assign(new Error('not shown'), { toJSON: () => undefined });
      }
    },
  };
}

export function createApi({ db, logging = 'info', ready, costLimit = DEFAULT_COST_LIMIT, rateLimit, persisted = { mode: 'apq' }, corsOrigins = [], introspection = true, poolStats, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, responseCache, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, trustProxy = false, metrics = {}, identify, changes }: YogaOptions) {
  const logger = boundedLogger(typeof logging === 'string' ? jsonLogger(logging) : logging);
  const reportOutage = outageReporter(logger);
  // A wait for a pool connection timed out while connections are open: they answer, and are all busy.
  const busy = (error: unknown) => poolStats !== undefined && isPoolWait(error) && poolStats().total > 0;
  return createYoga({
    schema,
    context: contextFactory(db, changes ? { changes } : {}),
    logging: logger,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    // GET /health (liveness) and GET /ready (readiness) are answered by their path (readiness.ts).
    healthCheckEndpoint: NO_URL_ENDS_WITH,
    landingPage: false,
    cors: corsOptions(corsOrigins),
    // useHttpPolicy limits bodies by their declared length; Yoga's limit streams every body through a counter.
    maxRequestBodySize: false,
    plugins: [
      ...useObservability({
        logger, graphqlEndpoint: GRAPHQL_ENDPOINT, ...(poolStats ? { poolStats } : {}),
        ...(metrics.registry ? { registry: metrics.registry } : {}),
        metricsOnApiPort: metrics.onApiPort ?? true,
        ...(metrics.token ? { metricsToken: metrics.token } : {}),
        operationNames: [...expectedOperationNames(persisted.manifest), ...(metrics.operationNames ?? [])],
      }),
      ...useHttpPolicy({ introspection }),
      ...(identify ? [useAuthentication(identify, GRAPHQL_ENDPOINT, trustProxy)] : []),
      ...usePersistedQueries(persisted.mode, persisted.manifest, (context) => clientKey(context as Parameters<typeof clientKey>[0], trustProxy), persisted.maxEntries),
      // After the persisted queries: the cache keys on the document they put in place of a hash.
      ...(responseCache?.plugins ?? []),
      ...useOperationLimits(),
      useIncrementalDelivery(),
      // Operations compiled to JavaScript once (graphql-jit), then run without graphql-js's interpretation:
      // the nested questions answered 37-40% more requests a second. Incremental delivery is graphql-js's alone.
      useGraphQlJit({}, { enableIf: jitWorthIt() }) as Plugin,
      useKnownErrors(reportOutage, busy),
      useRequestTimeout(requestTimeoutMs),
      useCostLimit({ limit: costLimit, cached: responseCache !== undefined, ...(rateLimit ? { admit: (cost, context) => rateLimit.admit(cost, context) } : {}) }),
      useProbeEndpoints({ live: '/health', ready: '/ready', check: async () => (ready ? ready() : true) }),
      useNoInternals(),
      // Before compression, which replaces the length it reads.
      useAnswerSizeLimit(maxResponseBytes),
      // Last: it replaces the response the other plugins have finished with.
      useCompression(),
    ],
    // The bundled GraphiQL page: the default one loads its code from a CDN, blank offline.
    renderGraphiQL,
    // GraphiQL sends the operations its user writes, which a server of persisted operations only refuses.
    graphiql: persisted.mode === 'only' ? false : { title: 'Sahel militant organizations — GraphQL API', defaultQuery: EXAMPLE_QUERY },
    maskedErrors: {
      // Yoga logs (for operators) every error this masks, i.e. returns as a different object.
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        // useKnownErrors has already rewritten these in single results; the payloads of @defer/@stream
        // (run by graphql-js, not graphql-jit) reach them here.
        if (error instanceof GraphQLError && isStatementTimeout(original)) return statementTimeoutError(error);
        if (error instanceof GraphQLError && busy(original)) return overloadedError(error);
        if (error instanceof GraphQLError && isDatabaseUnavailable(original)) {
          reportOutage(original);
          return unavailableError(error);
        }
        if (original instanceof PothosValidationError && error instanceof GraphQLError) return invalidArgumentError(error);
        return defaultMaskError(error, message, isDev);
      },
    },
  });
}

export type Api = ReturnType<typeof createApi>;
