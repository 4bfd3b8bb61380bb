// Driver adapters for the Prisma CLI (migrate deploy/status/diff) only; the app uses src/db/client.ts.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from '../config.js';
import { lockDataDirectory } from './lock.js';
import { openPGlite } from './pglite.js';

// Catalog-only types the schema engine's introspection reads and @prisma/adapter-pg 6.19 cannot
// deserialize ("Column type 'name' could not be deserialized"): char, name, regproc, oidvector,
// pg_node_tree, aclitem. Reported as text, they read correctly.
const CATALOG_TYPE_OIDS = new Set([18, 19, 24, 30, 194, 1033]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function relabelCatalogTypes<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as QueryResultLike)?.fields ?? []) {
      if (CATALOG_TYPE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogTextPool extends pg.Pool {
  // pg's query() is heavily overloaded; the shim only post-processes promise results.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) return result.then(relabelCatalogTypes) as never;
    return result as never;
  }
}

const lockedByCli = new Set<string>();

export async function cliAdapterFor(target: DatabaseTarget) {
  if (target.kind === 'postgres') return new PrismaPg(new CatalogTextPool({ connectionString: target.url }));
  if (target.kind === 'pglite') {
    // The CLI must not open a directory a running server holds. It asks for an adapter more than once
    // in one run: the lock is taken once, and goes with the process.
    if (!lockedByCli.has(target.dataDir)) {
      await lockDataDirectory(target.dataDir);
      lockedByCli.add(target.dataDir);
    }
    return new PrismaPGlite(await openPGlite(target.dataDir));
  }
  throw new Error('The Prisma CLI needs a persistent database: set DATABASE_URL to file:<dir> or postgresql://...');
}
