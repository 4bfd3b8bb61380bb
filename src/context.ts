import type { Database } from './db/client.js';
import { createLoaders } from './resolvers/loaders.js';

/** Builds the per-request context: the Prisma client, raw SQL for hand-tuned queries, fresh loaders. */
export function contextFactory(database: Pick<Database, 'prisma' | 'scripts'>) {
  return function createContext() {
    return { db: database.prisma, sql: database.scripts, loaders: createLoaders(database.prisma, database.scripts) };
  };
}

export type Context = ReturnType<ReturnType<typeof contextFactory>>;
