// Giving up on a server PostgreSQL that no longer answers: one timer for the whole pool, not one a statement.
//
// pg's own `query_timeout` arms a timer for every statement and clears it when the answer comes. What that
// cost was not the timers: V8 began allocating some objects of each statement's path directly in its old
// generation (allocation-site pretenuring; `--no-allocation-site-pretenuring` undid it), and from there they
// held the statement's rows through every young-generation collection until the next full one. Measured with
// the pg driver alone (16 callers, a pool of 4, a 200-row statement, 5 s): 5.7 MB promoted per young
// collection against 0.01 MB without the timer, 30,000 against 38,000-43,000 statements. With this API under
// one coalition's question: 1.3 MB against 0.2-0.4 MB a collection, resident peak 317-362 against 224-231 MB.
import type pg from 'pg';
import { performance } from 'node:perf_hooks';

/** `_getActiveQuery` is how pg itself reads a connection's statement in progress (pg 8.23; not in its types). */
interface WatchedClient extends pg.PoolClient {
  _getActiveQuery?: () => unknown;
}

export interface SilentServerWatch {
  /** Leaves `client` alone until the returned function is called (a bulk load's statements run for minutes). */
  exempt(client: pg.PoolClient): () => void;
  stop(): void;
}

/** The message pg gives its own `query_timeout`; src/db/availability.ts reads it as an unavailable database. */
export const GIVE_UP_MESSAGE = 'Query read timeout';

/**
 * Watches `pool`'s connections: one whose statement has waited `afterMs` or more is closed (found by a check
 * every tenth of `afterMs`, at most every second: two checks late at worst), which fails that statement and any
 * queued behind it with GIVE_UP_MESSAGE; the pool replaces the connection.
 */
export function giveUpOnSilentServer(pool: pg.Pool, afterMs: number): SilentServerWatch {
  const clients = new Set<WatchedClient>();
  const exempt = new WeakSet<pg.PoolClient>();
  // When each statement was first seen in progress; weak, so a finished statement's rows are not held.
  const firstSeen = new WeakMap<object, number>();
  pool.on('connect', (client) => {
    // A connection closed here while lent out (a transaction) reports the error to its borrower's
    // statement; without a listener, its 'error' event would end the process.
    client.on('error', () => {});
    clients.add(client as WatchedClient);
  });
  pool.on('remove', (client) => clients.delete(client as WatchedClient));
  const every = Math.min(1_000, Math.max(10, Math.floor(afterMs / 10)));
  const timer = setInterval(() => {
    const now = performance.now();
    for (const client of clients) {
      if (exempt.has(client)) continue;
      const statement = client._getActiveQuery?.();
      if (typeof statement !== 'object' || statement === null) continue;
      const since = firstSeen.get(statement);
      if (since === undefined) firstSeen.set(statement, now);
      else if (now - since >= afterMs) client.connection.stream.destroy(new Error(GIVE_UP_MESSAGE));
    }
  }, every);
  timer.unref();
  return {
    exempt(client) {
      exempt.add(client);
      return () => exempt.delete(client);
    },
    stop: () => clearInterval(timer),
  };
}
