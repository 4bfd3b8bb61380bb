// Run by prepareInChildProcess (prepare.ts): prepares the PGlite directory PREPARE_DATA_DIR, prints what it
// did as one JSON line, and exits, giving back all the memory that took.
import { DatabaseLockedError } from './lock.js';
import { openDatabase } from './client.js';
import { prepareDatabase } from './prepare.js';

const dataDir = process.env.PREPARE_DATA_DIR;
if (!dataDir) throw new Error('PREPARE_DATA_DIR is not set');
try {
  const db = await openDatabase({ kind: 'pglite', dataDir }, { pgliteThread: true });
  try {
    process.stdout.write(`${JSON.stringify(await prepareDatabase(db, process.env.PREPARE_SEED_IF_EMPTY === 'true'))}\n`);
  } finally {
    await db.close();
  }
} catch (error) {
  // One line for the parent to report: the message, not a stack, for a refusal it can explain.
  console.error(error instanceof DatabaseLockedError ? error.message : `Preparing ${dataDir} failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
process.exit(0);
