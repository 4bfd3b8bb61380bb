// A database made ready to serve: migrated, seeded when empty, its search index current. A new PGlite
// directory is prepared by a child process (prepare-main.ts), whose memory is given back whole when it ends.
import { spawn } from 'node:child_process';
import { markSearchIndexCurrent, rebuildSearchIndex, searchIndexIsCurrent } from '../search/indexer.js';
import { dataset } from '../seed/data/index.js';
import { loadSeed } from '../seed/load.js';
import type { Database } from './client.js';
import { applyMigrations } from './migrate.js';

export type Prepared = Awaited<ReturnType<typeof prepareDatabase>>;

/**
 * Migrates, seeds an empty database, and rebuilds the search index when it was computed by another
 * version of the name normalisation; returns what happened, for the start-up log.
 */
export async function prepareDatabase(db: Database, seedIfEmpty: boolean) {
  const migrations = await applyMigrations(db.scripts);
  const empty = (await db.prisma.organization.count()) === 0;
  const seeded = seedIfEmpty && empty ? await loadSeed(db.prisma, dataset) : null;
  let rebuilt: Awaited<ReturnType<typeof rebuildSearchIndex>> | null = null;
  // The seed indexed every entity of what was an empty database, with this code.
  if (seeded) await markSearchIndexCurrent(db.prisma);
  else if (!(await searchIndexIsCurrent(db.prisma))) rebuilt = await rebuildSearchIndex(db.scripts);
  return { migrations, seeded, rebuilt };
}

export class PrepareError extends Error {}

/** Prepares the PGlite directory `dataDir` in a child process of this Node, with this process's loader (tsx or none). */
export function prepareInChildProcess(dataDir: string, seedIfEmpty: boolean): Promise<Prepared> {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = new URL(`./prepare-main.${fromSources ? 'ts' : 'js'}`, import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, script], {
    env: { ...process.env, PREPARE_DATA_DIR: dataDir, PREPARE_SEED_IF_EMPTY: String(seedIfEmpty) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) return resolve(JSON.parse(line) as Prepared);
      reject(new PrepareError(err.trim().split('\n')[0] || `Preparing ${dataDir} ended with code ${code}.`));
    });
  });
}
