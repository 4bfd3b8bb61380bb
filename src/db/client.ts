// The one place that knows whether the database is PGlite or a server PostgreSQL.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { PrismaClient } from '../generated/prisma/client.js';
import type { DatabaseTarget } from '../config.js';
import { giveUpOnSilentServer, type SilentServerWatch } from './give-up.js';
import { lockDataDirectory } from './lock.js';
import { openPGlite } from './pglite.js';
import { startPGliteThread, type PGliteThread } from './pglite-threaded.js';

/** A statement the client sent, as reported by the driver; used to count round trips. */
export type QueryListener = (sql: string, params: unknown[]) => void;

export interface QueryOptions {
  /**
   * Server PostgreSQL: run it as a prepared statement of each connection (named by its text's hash), so
   * the server plans it once per connection instead of at every run: the nested statements of
   * src/resolvers/prefetch.ts took about as long to plan as to run. At most PREPARED_MAX texts a process.
   */
  prepare?: boolean;
}

/** A SQL session outside Prisma for scripts Prisma cannot run (multi-statement migrations). */
export interface ScriptRunner {
  /** Runs `sql` (several statements allowed) then `after` in one transaction. */
  runScriptInTransaction(sql: string, after: { sql: string; params: unknown[] }): Promise<void>;
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs `work` in one transaction whose writer can COPY rows in: all of it is written, or none. */
  bulkTransaction<T>(work: (tx: BulkWriter) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the database-wide lock `name`: one holder at a time in this process and, on
   * a server PostgreSQL, across every process (a session advisory lock; a PGlite directory has one process
   * already). `onWait` is called once when another holds it, before waiting for it.
   */
  exclusive<T>(name: string, onWait: () => void, work: () => Promise<T>): Promise<T>;
}

type Driver = Omit<ScriptRunner, 'exclusive'>;

/** A transaction for loading many rows: COPY, the fastest way into PostgreSQL, on PGlite and a server alike. */
export interface BulkWriter {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Writes `text` (COPY text format: one line per row, tab-separated, `\N` for NULL) into `columns`
   * of `table`; columns left out get their defaults. `table` and `columns` come from code, never input.
   */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
}

const copyStatement = (table: string, columns: readonly string[], from: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${from}`;

export interface Database {
  target: DatabaseTarget;
  prisma: PrismaClient;
  scripts: ScriptRunner;
  /** Subscribes to every SQL statement sent, by Prisma or raw (needs `logQueries`); returns the unsubscribe function. */
  onQuery(listener: QueryListener): () => void;
  /** Server PostgreSQL: connections of the pool, open, idle, and requests waiting for one. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** PGlite only: its files as a tarball, to start another in-memory database from (test fixtures). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

/** Work chained per lock name: the in-process half of Database.exclusive. */
function inProcessExclusive() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(name: string, onWait: () => void, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(name);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = (before ?? Promise.resolve()).then(() => mine);
    tails.set(name, tail);
    try {
      if (before) {
        onWait();
        await before;
      }
      return await work();
    } finally {
      done();
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}

/**
 * A session advisory lock held for the duration of `work` on a connection of its own, outside the pool:
 * the work takes the pool's connections, and a pool of one would otherwise wait for itself.
 */
async function advisoryExclusive<T>(config: pg.ClientConfig, name: string, onWait: () => void, work: () => Promise<T>): Promise<T> {
  // Waiting for another import is no slow statement.
  const client = new pg.Client({ ...config, statement_timeout: 0 });
  client.on('error', () => {});
  await client.connect();
  try {
    const [tried] = (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [name])).rows;
    if (!tried?.got) {
      onWait();
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    }
    // Released with the session.
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}

function pgliteScripts(db: PGlite): Driver {
  return {
    async runScriptInTransaction(sql, after) {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query(after.sql, after.params);
      });
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    bulkTransaction(work) {
      return db.transaction((tx) =>
        work({
          query: async (sql, params = []) => (await tx.query<never>(sql, params)).rows,
          // PGlite reads COPY input from a Blob handed to the statement as '/dev/blob'.
          copy: async (table, columns, text) => void (await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([text]) })),
        }),
      );
    },
  };
}

/** Distinct statements prepared by one process: each costs memory in every connection's server process. */
const PREPARED_MAX = 500;
const preparedNames = new Map<string, string>();

/** The prepared statement name of a text, or undefined once PREPARED_MAX texts have one. */
function statementName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < PREPARED_MAX) {
    name = `s_${createHash('sha1').update(sql).digest('base64url')}`;
    preparedNames.set(sql, name);
  }
  return name;
}

function poolScripts(pool: pg.Pool, watch: SilentServerWatch | undefined): Driver {
  return {
    async runScriptInTransaction(sql, after) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(after.sql, after.params);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
      const name = options.prepare ? statementName(sql) : undefined;
      return (await (name ? pool.query({ name, text: sql, values: params }) : pool.query(sql, params))).rows as T[];
    },
    async bulkTransaction(work) {
      const client = await pool.connect();
      const watched = watch?.exempt(client);
      try {
        // A bulk load's statements run as long as they need: the requests' statement timeout would stop a
        // search index being built over millions of names (a rebuild at start-up would then never end).
        await client.query('BEGIN; SET LOCAL statement_timeout = 0');
        const result = await work({
          query: async (sql, params = []) => (await client.query(sql, params)).rows,
          copy: (table, columns, text) => pipeline(Readable.from([text]), client.query(copyFrom(copyStatement(table, columns, 'STDIN')))),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        watched?.();
        client.release();
      }
    },
  };
}

/**
 * Settings of every session this API opens (startup parameters on a server, SET on PGlite).
 * - pg_trgm's similarity threshold: the default (0.3) makes the `%` operator return so many near-miss
 *   words that spelling lookups in search cost tens of milliseconds; 0.45 still matches one-letter
 *   typos in words of five letters or more.
 * - The cost of a random page read: the default (4) prices a disk seek, while the pages this API reads
 *   are in memory (always on PGlite). Priced as a sequential read, the nested statements of
 *   src/resolvers/prefetch.ts probe their indexes directly instead of building a bitmap for the one or
 *   two rows of each parent: 12-17% less time for fifty coalitions on PGlite, 8-17% on a server.
 */
const SESSION_SETTINGS = [
  ['pg_trgm.similarity_threshold', '0.45'],
  ['random_page_cost', '1.1'],
] as const;
const SESSION_OPTIONS = SESSION_SETTINGS.map(([name, value]) => `-c ${name}=${value}`).join(' ');
const SESSION_SETUP = SESSION_SETTINGS.map(([name, value]) => `SET ${name} = ${value};`).join(' ');

const DATE_OID = 1082;

/** "2017-03-02" as UTC midnight; read digit by digit (a string-parsing Date was a twentieth of the CPU of a nested query). */
export function parseDate(value: string): Date {
  const year = Number(value.slice(0, 4));
  // Years before 100 (Date.UTC would read them as 19xx), past 9999 or BC: rare, parsed the slow way.
  if (value.length !== 10 || year < 100) return new Date(`${value}T00:00:00Z`);
  return new Date(Date.UTC(year, Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
}

/**
 * Parsers for raw statements on a server PostgreSQL. A DATE becomes UTC midnight, as Prisma and
 * PGlite read it; node-postgres would read it in the process's local time zone, shifting partial
 * dates a day west of Greenwich. Prisma's adapter passes its own parsers with every query.
 */
function rawTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === DATE_OID && format !== 'binary') return parseDate;
  return format ? pg.types.getTypeParser(oid, format) : pg.types.getTypeParser(oid);
}

/** Prisma reports a statement's parameters as JSON text. */
function parseParams(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export interface OpenOptions {
  /** Report every statement to `onQuery` listeners (tests, benchmarks). It costs Prisma about 2 ms a query. */
  logQueries?: boolean;
  /**
   * Server PostgreSQL: cancel a statement after this long (server side), and give up waiting for its
   * answer 2 s later (client side, for a server that no longer answers at all). Unset: no limit.
   */
  statementTimeoutMs?: number;
  /** Server PostgreSQL: the most connections open at once (unset: the driver's 10). */
  poolSize?: number;
  /**
   * PGlite in a data directory: run it in a worker thread (pglite-threaded.ts), reached through the pg
   * driver as a server is, so the event loop is free while PostgreSQL works. In-process otherwise.
   */
  pgliteThread?: boolean;
}

/**
 * Connections to PGlite's thread, which takes their statements in turns (pglite-thread.ts). Three
 * against one, alternating at scale S: fifty coalitions 72 against 62 req/s, the incidents page
 * 237-370 against 185-270, one coalition 1,517-1,847 against 1,110-1,497.
 */
const PGLITE_THREAD_CONNECTIONS = 3;

/** How long after the statement timeout a statement's answer is waited for before its server is given up. */
const GIVE_UP_AFTER_TIMEOUT_MS = 2_000;

/** How long to wait for a new server connection before reporting the database unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const listeners = new Set<QueryListener>();

  let adapter!: PrismaPg | PrismaPGlite;
  let scripts!: Driver;
  let closeDriver!: () => Promise<void>;
  let dumpDataDir: (() => Promise<Blob>) | undefined;
  let poolStats: Database['poolStats'];
  let serverExclusive: ((name: string, onWait: () => void, work: () => Promise<unknown>) => Promise<unknown>) | undefined;
  const openPool = (config: pg.PoolConfig, closeMore = async () => {}) => {
    const timeout = options.statementTimeoutMs;
    const pool = new pg.Pool({
      types: { getTypeParser: rawTypeParser },
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(timeout ? { statement_timeout: timeout } : {}),
      ...config,
    });
    // Not pg's `query_timeout`, a timer a statement: see give-up.ts.
    const watch = timeout ? giveUpOnSilentServer(pool, timeout + GIVE_UP_AFTER_TIMEOUT_MS) : undefined;
    // An idle connection dropped by the server (restart, outage) is reported here; unhandled, it
    // would end the process. The pool replaces it on the next query.
    pool.on('error', () => {});
    adapter = new PrismaPg(pool);
    scripts = poolScripts(pool, watch);
    closeDriver = async () => {
      watch?.stop();
      await pool.end();
      await closeMore();
    };
    poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    // PGlite's thread has one session for all its connections: its directory lock serialises processes.
    if (target.kind === 'postgres') serverExclusive = (name, onWait, work) => advisoryExclusive({ connectionString: target.url, options: SESSION_OPTIONS, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }, name, onWait, work);
  };
  if (target.kind === 'postgres') {
    // A startup parameter, so every pooled connection has it before its first statement (a SET sent
    // on 'connect' raced the pool's first query).
    openPool({ connectionString: target.url, options: SESSION_OPTIONS, ...(options.poolSize ? { max: options.poolSize } : {}) });
  } else if (target.kind === 'pglite' && options.pgliteThread) {
    mkdirSync(target.dataDir, { recursive: true });
    const unlock = await lockDataDirectory(target.dataDir);
    let thread: PGliteThread;
    try {
      thread = await startPGliteThread(target.dataDir, SESSION_SETUP);
    } catch (error) {
      await unlock();
      throw error;
    }
    // Connections kept open, sharing PGlite's one session (its settings are the session's): while PGlite
    // runs one statement, the next waits in its thread rather than a round trip away. PGlite ignores the
    // startup parameters (statement_timeout among them): only the driver's give-up applies.
    openPool({ connectionString: thread.url, max: PGLITE_THREAD_CONNECTIONS, idleTimeoutMillis: 0 }, async () => {
      await thread.close();
      await unlock();
    });
  } else {
    let unlock = async () => {};
    if (target.kind === 'pglite') {
      mkdirSync(target.dataDir, { recursive: true });
      unlock = await lockDataDirectory(target.dataDir);
    }
    let pglite: PGlite;
    try {
      pglite = await openPGlite(target.kind === 'pglite' ? target.dataDir : undefined, target.kind === 'pglite-memory' ? target.loadDataDir : undefined);
      await pglite.exec(SESSION_SETUP);
    } catch (error) {
      await unlock();
      throw error;
    }
    adapter = new PrismaPGlite(pglite);
    scripts = pgliteScripts(pglite);
    dumpDataDir = () => pglite.dumpDataDir('none');
    closeDriver = async () => {
      await pglite.close();
      await unlock();
    };
  }

  const prisma = options.logQueries
    ? new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter });
  if (options.logQueries) {
    (prisma as PrismaClient<'query'>).$on('query', (event) => {
      for (const listener of listeners) listener(event.query, parseParams(event.params));
    });
  }

  if (options.logQueries) {
    // Raw statements count too: a test counting round trips must see every one.
    const run = scripts.query;
    scripts = {
      ...scripts,
      query(sql, params, queryOptions) {
        for (const listener of listeners) listener(sql, params ?? []);
        return run(sql, params, queryOptions);
      },
    };
  }

  const local = inProcessExclusive();
  const exclusive = <T>(name: string, onWait: () => void, work: () => Promise<T>): Promise<T> => {
    let told = false;
    const tell = () => {
      if (!told) onWait();
      told = true;
    };
    return local(name, tell, () => (serverExclusive ? (serverExclusive(name, tell, work) as Promise<T>) : work()));
  };
  return {
    target,
    prisma,
    scripts: { ...scripts, exclusive },
    onQuery(listener) {
      if (!options.logQueries) throw new Error('Open the database with { logQueries: true } to observe its queries.');
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...(dumpDataDir ? { dumpDataDir } : {}),
    ...(poolStats ? { poolStats } : {}),
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
