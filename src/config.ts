import { z } from 'zod';

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

const portSchema = z.coerce.number().int().min(0).max(65535);
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
}

export const DEFAULT_DB_WAIT_SECONDS = 30;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

const wholeNumber = (max: number) => z.string().regex(/^\d+$/, 'a whole number').transform(Number).pipe(z.number().int().min(0).max(max));

/** Reads the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = portSchema.safeParse(env.PORT ?? 4000);
  if (!port.success) throw new ConfigError(`PORT "${env.PORT}" is not a port number (0-65535).`);
  const logLevel = z.enum(logLevels).safeParse(env.LOG_LEVEL ?? 'info');
  if (!logLevel.success) throw new ConfigError(`LOG_LEVEL "${env.LOG_LEVEL}" is not one of ${logLevels.join(', ')}.`);
  const seed = z.enum(['true', 'false', '1', '0']).safeParse(env.SEED_IF_EMPTY ?? 'true');
  if (!seed.success) throw new ConfigError(`SEED_IF_EMPTY "${env.SEED_IF_EMPTY}" must be true or false.`);
  const wait = wholeNumber(3_600).safeParse(env.DB_WAIT_SECONDS ?? String(DEFAULT_DB_WAIT_SECONDS));
  if (!wait.success) throw new ConfigError(`DB_WAIT_SECONDS "${env.DB_WAIT_SECONDS}" must be a whole number of seconds, 0 to 3600.`);
  const timeout = wholeNumber(600_000).safeParse(env.DB_STATEMENT_TIMEOUT_MS ?? String(DEFAULT_STATEMENT_TIMEOUT_MS));
  if (!timeout.success || timeout.data === 0) {
    throw new ConfigError(`DB_STATEMENT_TIMEOUT_MS "${env.DB_STATEMENT_TIMEOUT_MS}" must be a whole number of milliseconds, 1 to 600000.`);
  }
  return {
    port: port.data,
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL),
    logLevel: logLevel.data,
    seedIfEmpty: seed.data === 'true' || seed.data === '1',
    dbWaitSeconds: wait.data,
    statementTimeoutMs: timeout.data,
  };
}
