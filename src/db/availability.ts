// Whether a failure is the database being unreachable (down, restarting, frozen past its timeout)
// rather than a fault of ours, and waiting for it at start-up.
import type { ScriptRunner } from './client.js';

// Prisma: can't reach the server, timed out, connection closed, no pooled connection in time.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Sockets and name lookup.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// PostgreSQL: connection exceptions (class 08), shutting down or starting up, too many connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// PostgreSQL: a statement cancelled (by statement_timeout): the database answered, this statement was slow.
const CANCELLED = '57014';

/** The codes of `error` and of its causes, outermost first. */
function* codes(error: unknown): Generator<string> {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    const candidate = e as { code?: unknown; originalCode?: unknown; cause?: unknown };
    for (const code of [candidate.code, candidate.originalCode]) if (typeof code === 'string') yield code;
    e = candidate.cause;
  }
}

/**
 * True when the database cancelled a statement for running past DB_STATEMENT_TIMEOUT_MS: that operation
 * asked too much, and the database is fine. Not an outage: retrying the same operation would fail again.
 */
export function isStatementTimeout(error: unknown): boolean {
  for (const code of codes(error)) if (code === CANCELLED) return true;
  return false;
}
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|PGlite is closed/i;

/** True when `error` (or anything in its cause chain) says the database cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    const candidate = e as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };
    for (const code of [candidate.code, candidate.originalCode]) {
      if (typeof code !== 'string') continue;
      if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return true;
    }
    if (typeof candidate.message === 'string' && MESSAGES.test(candidate.message)) return true;
    e = candidate.cause;
  }
  return false;
}

const POOL_WAIT = /timeout exceeded when trying to connect/i;

/**
 * True when a statement gave up waiting for a connection of the pool. With connections open, the database
 * answers and they are all busy: the server is overloaded, not the database down.
 */
export function isPoolWait(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    const candidate = e as { message?: unknown; cause?: unknown };
    if (typeof candidate.message === 'string' && POOL_WAIT.test(candidate.message)) return true;
    e = candidate.cause;
  }
  return false;
}

/** A one-line reason for an unavailable database, for logs: "ECONNREFUSED", "P1001: ...". */
export function unavailableReason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message.split('\n').find((line) => line.trim() !== '') ?? '' : String(error);
  return (typeof e.code === 'string' ? `${e.code}: ${message}` : message).slice(0, 200);
}

/** The database's address without credentials, for messages. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the configured database';
  }
}

export class DatabaseUnreachableError extends Error {}

/**
 * Runs `SELECT 1` until it answers, backing off from 250 ms to 5 s between attempts, for at most
 * `seconds`; reports each failed attempt through `onRetry`. Other errors are thrown at once.
 */
export async function waitForDatabase(
  scripts: ScriptRunner,
  seconds: number,
  onRetry: (reason: string, delayMs: number) => void,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let delay = 250;
  for (;;) {
    try {
      await scripts.query('SELECT 1');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const reason = unavailableReason(error);
      if (Date.now() + delay > deadline) throw new DatabaseUnreachableError(reason);
      onRetry(reason, delay);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
