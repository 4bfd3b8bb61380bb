import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * Every PGlite that opens our database must load the same extensions, or migrations that create
 * them (and queries that use them) fail: the CLI config, the app and the tests all come here.
 */
export function openPGlite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm, fuzzystrmatch, unaccent }, ...(loadDataDir ? { loadDataDir } : {}) });
}
