import type { Database } from './db/client.js';
import { identityOf } from './http/authentication.js';
import { createLoaders } from './resolvers/loaders.js';
import { createChangeHub, type ChangeHub } from './history/events.js';

export interface ContextOptions {
  /**
   * Fetch the relations a root list's selection reaches in one statement (src/resolvers/prefetch.ts);
   * off: each level through its loader. LOADERS=naive (the benchmark's baseline) turns it off.
   */
  prefetch?: boolean;
  /** Where writes announce their changes and subscriptions hear them; default: one of this process alone. */
  changes?: ChangeHub;
}

/**
 * Builds the per-request context: the Prisma client, raw SQL for hand-tuned queries, fresh loaders, and who
 * sent the request (verified by useAuthentication; anonymous outside HTTP).
 */
export function contextFactory(database: Pick<Database, 'prisma' | 'scripts'>, { prefetch = process.env.LOADERS !== 'naive', changes = createChangeHub() }: ContextOptions = {}) {
  return function createContext(initial?: { request?: Request }) {
    return {
      db: database.prisma, sql: database.scripts, loaders: createLoaders(database.prisma, database.scripts), prefetch, identity: identityOf(initial?.request), changes,
    };
  };
}

export type Context = ReturnType<ReturnType<typeof contextFactory>>;
