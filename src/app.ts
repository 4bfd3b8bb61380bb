// Start-up: open the database, migrate it, seed it when empty, and serve the API.
import { keyVerifier } from './auth/api-keys.js';
import { callerVerifier, tokenVerifier } from './auth/sso.js';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { YogaLogger } from 'graphql-yoga';
import { bearerMatches, jsonLogger } from './http/observability.js';
import { Registry } from 'prom-client';
import { DEFAULT_DB_WAIT_SECONDS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, defaultPoolSize, type AppConfig } from './config.js';
import { DatabaseUnreachableError, describeTarget, waitForDatabase } from './db/availability.js';
import { openDatabase, type Database } from './db/client.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMigrated, migrationNames } from './db/migrate.js';
import { prepareDatabase, prepareInChildProcess, PrepareError } from './db/prepare.js';
import { NORMALIZATION_VERSION } from './search/normalize.js';
import { createRateLimit } from './http/rate-limit.js';
import { readManifest } from './http/persisted.js';
import { connectRedis, connectRedisSubscriber, redisReady } from './http/redis.js';
import { createChangeHub } from './history/events.js';
import { createResponseCache } from './http/response-cache.js';
import { READ_DATA_VERSION } from './db/data-version.js';
import { createApi } from './http/yoga.js';
import { admissionControl, closeStalledConnections, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_WRITE_TIMEOUT_MS } from './http/answer-limits.js';

/** A start-up failure with a one-line explanation for the operator (no stack trace needed). */
export class StartupError extends Error {}

/** How long in-flight requests get to finish after SIGTERM before their connections are closed. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** `/ready` reports not ready when the database takes longer than this to answer. */
const READY_TIMEOUT_MS = 2_000;

/** Reads the data version the response cache keys on. */
const readDataVersion = (db: Database) => async () => {
  const [row] = await db.scripts.query<{ version: number }>(READ_DATA_VERSION);
  return row?.version ?? 0;
};

/** The strict mode's manifest, or a one-line reason it cannot be read. */
function loadManifest(path: string): Map<string, string> {
  try {
    return readManifest(path);
  } catch (error) {
    throw new StartupError(`PERSISTED_OPERATIONS=only: the manifest ${path} cannot be used (${(error as Error).message}).`);
  }
}

/**
 * The manifest: required by the strict mode; with automatic persisted queries, served first when it can
 * be read, so that registrations never evict the SDK's operations.
 */
function persistedManifest(config: AppConfig, logger: YogaLogger): { manifest?: Map<string, string> } {
  if (config.persistedOperations === 'only') return { manifest: loadManifest(config.persistedManifest!) };
  if ((config.persistedOperations ?? 'apq') !== 'apq' || !config.persistedManifest) return {};
  try {
    return { manifest: readManifest(config.persistedManifest) };
  } catch (error) {
    logger.warn(`The persisted-operations manifest ${config.persistedManifest} cannot be used (${(error as Error).message}): automatic persisted queries only.`);
    return {};
  }
}

/** /metrics on a port of its own (METRICS_PORT), kept off the API's public port. */
async function serveMetrics(registry: Registry, port: number, host: string, token: string | undefined): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics.\n');
      return;
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization ?? null, token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new StartupError(`METRICS_PORT ${port} on ${host} is already in use: stop what holds it, or set another.`) : error));
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** Fails at once when the port is taken, before any migration or seeding is done for nothing. */
async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new StartupError(`Port ${port} on ${host} is already in use: stop what holds it, or set PORT.`) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Waits for a server PostgreSQL that does not answer yet, saying what it waits for. */
async function awaitDatabase(db: Database, config: AppConfig, logger: YogaLogger): Promise<void> {
  if (config.database.kind !== 'postgres') return;
  const target = describeTarget(config.database.url);
  const seconds = config.dbWaitSeconds ?? DEFAULT_DB_WAIT_SECONDS;
  try {
    await waitForDatabase(db.scripts, seconds, (reason, delay) =>
      logger.warn(`Waiting for the database at ${target} (${reason}); retrying in ${(delay / 1000).toFixed(2)} s, for up to ${seconds} s in all.`),
    );
  } catch (error) {
    if (!(error instanceof DatabaseUnreachableError)) throw error;
    throw new StartupError(
      `The database at ${target} did not answer within ${seconds} s (${error.message}). Start it, or set DB_WAIT_SECONDS to wait longer.`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RunningApp {
  url: string;
  /** Where /metrics is served when METRICS_PORT is set. */
  metricsUrl?: string;
  db: Database;
  server: Server;
  stop(): Promise<void>;
}

/** Whether a PGlite directory holds no database yet (absent, or empty). */
function isNewDirectory(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

export async function startApp(config: AppConfig): Promise<RunningApp> {
  const logger = jsonLogger(config.logLevel);
  await assertPortFree(config.port, config.host);
  const persisted = { mode: config.persistedOperations ?? 'apq', ...persistedManifest(config, logger) };
  const options = {
    statementTimeoutMs: config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    poolSize: config.poolSize ?? defaultPoolSize(),
    pgliteThread: config.pgliteThread ?? true,
  };
  // A new PGlite directory is migrated, seeded and indexed by a process of its own, which ends before the
  // server opens it: the memory that work takes (PGlite's WebAssembly memory, which never shrinks, Prisma's
  // engine, the seed's objects) is given back whole. The first start stayed at 1.1 GB resident, against
  // 540 MB for the next; in this process with a PGlite of its own, 690 MB.
  const prepared = config.database.kind === 'pglite' && options.pgliteThread && isNewDirectory(config.database.dataDir)
    ? await prepareInChildProcess(config.database.dataDir, config.seedIfEmpty).catch((error: unknown) => {
      throw error instanceof PrepareError ? new StartupError(error.message) : error;
    })
    : undefined;
  const db = await openDatabase(config.database, options);
  try {
    await awaitDatabase(db, config, logger);
    const { migrations, seeded, rebuilt } = prepared ?? (await prepareDatabase(db, config.seedIfEmpty));
    if (migrations.length > 0) logger.info(`Applied ${migrations.length} migration(s), ${migrations[0]} to ${migrations.at(-1)}`);
    if (rebuilt) logger.info(`Rebuilt the search index for normalisation version ${NORMALIZATION_VERSION}: ${rebuilt.names} names, ${rebuilt.documents} texts`);
    if (seeded) logger.info(`Seeded ${seeded.organizations} organizations, ${seeded.persons} persons, ${seeded.incidents} incidents, ${seeded.citations} citations`);
  } catch (error) {
    await db.close();
    throw error;
  }
  const expected = await migrationNames();
  let stopping = false;
  const ready = async () => !stopping && (await withTimeout(isMigrated(db.scripts, expected), READY_TIMEOUT_MS).catch(() => false));
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  if (redis && !(await redisReady(redis))) {
    logger.warn(`Redis at ${config.redisUrl} does not answer: rate limits are counted in this process, and the response cache misses, until it does.`);
  }
  const rateLimit = config.rateLimitPerMinute
    ? createRateLimit({
      costPerMinute: config.rateLimitPerMinute,
      anonymousCostPerMinute: Math.min(config.anonymousRateLimitPerMinute ?? config.rateLimitPerMinute, config.rateLimitPerMinute),
      trustProxy: config.trustProxy ?? false,
      ...(redis ? { redis } : {}),
    })
    : undefined;
  const responseCache = config.responseCacheTtlSeconds
    ? createResponseCache({ ttlSeconds: config.responseCacheTtlSeconds, readVersion: readDataVersion(db), ...(redis ? { redis } : {}) })
    : undefined;
  // Changes reach subscribers and response caches on every server through Redis; in this process without it.
  const changes = createChangeHub(redis ? { publish: redis, subscribe: connectRedisSubscriber(config.redisUrl!) } : undefined);
  if (responseCache) changes.onChange(() => responseCache.refresh());
  const registry = new Registry();
  const api = createApi({
    changes,
    db,
    logging: logger,
    ready,
    persisted,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    corsOrigins: config.corsOrigins ?? [],
    introspection: config.introspection ?? true,
    ...(config.costLimit ? { costLimit: config.costLimit } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    ...(responseCache ? { responseCache } : {}),
    ...(db.poolStats ? { poolStats: db.poolStats } : {}),
    trustProxy: config.trustProxy ?? false,
    metrics: { registry, onApiPort: config.metricsPort === undefined, ...(config.metricsToken ? { token: config.metricsToken } : {}), operationNames: config.metricsOperationNames ?? [] },
    maxResponseBytes: config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    identify: callerVerifier(keyVerifier(db.prisma), config.sso ? tokenVerifier(config.sso) : undefined),
  });
  const server = createServer(admissionControl(api, {
    maxConcurrent: config.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    maxQueuedBytes: config.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES,
    ...(config.maxSubscriptions ? { maxSubscriptions: config.maxSubscriptions } : {}),
  }));
  closeStalledConnections(server, config.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const metricsServer = config.metricsPort === undefined ? undefined : await serveMetrics(registry, config.metricsPort, config.host, config.metricsToken).catch(async (error: unknown) => {
    server.close();
    await db.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    ...(metricsServer ? { metricsUrl: `http://${host}:${(metricsServer.address() as AddressInfo).port}/metrics` } : {}),
    db,
    server,
    /** `/ready` turns 503, in-flight requests finish (for at most SHUTDOWN_GRACE_MS), then the database closes. */
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await rateLimit?.close();
      responseCache?.close();
      await changes.close();
      redis?.disconnect();
      await db.close();
    },
  };
}
