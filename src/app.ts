// Start-up: open the database, migrate it, seed it when empty, and serve the API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from 'graphql-yoga';
import type { AppConfig } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import { dataset } from './seed/data/index.js';
import { markSearchIndexCurrent, rebuildSearchIndex, searchIndexIsCurrent } from './search/indexer.js';
import { NORMALIZATION_VERSION } from './search/normalize.js';
import { loadSeed } from './seed/load.js';
import { createApi } from './yoga.js';

export interface RunningApp {
  url: string;
  db: Database;
  server: Server;
  stop(): Promise<void>;
}

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
  else if (!(await searchIndexIsCurrent(db.prisma))) rebuilt = await rebuildSearchIndex(db.prisma);
  return { migrations, seeded, rebuilt };
}

export async function startApp(config: AppConfig): Promise<RunningApp> {
  const logger = createLogger(config.logLevel === 'fatal' ? 'error' : config.logLevel);
  const db = await openDatabase(config.database);
  try {
    const { migrations, seeded, rebuilt } = await prepareDatabase(db, config.seedIfEmpty);
    if (migrations.length > 0) logger.info(`Applied migrations: ${migrations.join(', ')}`);
    if (rebuilt) logger.info(`Rebuilt the search index for normalisation version ${NORMALIZATION_VERSION}: ${rebuilt.names} names, ${rebuilt.documents} texts`);
    if (seeded) logger.info(`Seeded ${seeded.organizations} organizations, ${seeded.persons} persons, ${seeded.incidents} incidents, ${seeded.citations} citations`);
  } catch (error) {
    await db.close();
    throw error;
  }
  const api = createApi({ db, logging: logger });
  const server = createServer(api);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    db,
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
