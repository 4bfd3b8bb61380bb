import type { PrismaClient } from './generated/prisma/client.js';
import { createLoaders } from './resolvers/loaders.js';

/** Builds the per-request context: the database handle and a fresh set of loaders. */
export function contextFactory(db: PrismaClient) {
  return function createContext() {
    return { db, loaders: createLoaders(db) };
  };
}

export type Context = ReturnType<ReturnType<typeof contextFactory>>;
