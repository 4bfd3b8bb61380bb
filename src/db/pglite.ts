import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * PostgreSQL's default 128 MB of shared buffers is resident in PGlite's WebAssembly memory from the
 * moment it opens (240 MB of RSS at scale S, against 120 MB with 32 MB); the operating system's page
 * cache holds the rest of the files.
 */
const SHARED_BUFFERS = '32MB';

/**
 * Every PGlite that opens our database must load the same extensions, or migrations that create
 * them (and queries that use them) fail: the CLI config, the app and the tests all come here.
 */
export function openPGlite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create(dataDir, {
    extensions: { pg_trgm, fuzzystrmatch, unaccent },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}
