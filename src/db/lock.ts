// One process at a time on a PGlite data directory: two would each run their own PostgreSQL over
// the same files and corrupt them. The lock (proper-lockfile: a directory beside the data, kept fresh
// while held, taken over only once stale) is released on close, or goes stale 10 s after a crash.
import lockfile from 'proper-lockfile';
import { resolve } from 'node:path';

export class DatabaseLockedError extends Error {}

/** Locks `dataDir` for this process; returns the release function. */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${resolve(dataDir)}.lock`;
  try {
    return await lockfile.lock(dataDir, {
      realpath: false,
      lockfilePath: lockPath,
      stale: 10_000,
      update: 5_000,
      retries: 0,
      // The lock went stale under us (the event loop was blocked for 10 s): say so rather than crash.
      onCompromised: (error) => console.error(`The lock on ${dataDir} was lost: ${error.message}`),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new DatabaseLockedError(
        `The PGlite database in ${dataDir} is already open in another process (lock ${lockPath}). ` +
          'Stop that process, or point DATABASE_URL at another directory.',
      );
    }
    throw error;
  }
}
