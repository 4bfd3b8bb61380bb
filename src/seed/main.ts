// `npm run seed [file.json]`: migrates the database named by DATABASE_URL and loads the curated
// dataset (or a dataset in a JSON file of the same shape). Exits non-zero, writing nothing, on any problem
// (an invalid dataset, or a finding of the provenance linter).
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { dataset } from './data/index.js';
import { loadSeed } from './load.js';
import { DatabaseLockedError } from '../db/lock.js';
import { ProvenanceError } from '../provenance/lint.js';
import { SeedValidationError } from './validate.js';

async function main() {
  const config = loadConfig();
  const file = process.argv[2];
  const input: unknown = file ? JSON.parse(await readFile(file, 'utf8')) : dataset;
  const db = await openDatabase(config.database);
  try {
    await applyMigrations(db.scripts);
    const summary = await loadSeed(db.prisma, input);
    console.log(`Loaded ${summary.organizations} organizations, ${summary.persons} persons, ${summary.incidents} incidents, ${summary.fundingStreams} funding streams, ${summary.citations} citations.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error([SeedValidationError, ProvenanceError, ConfigError, DatabaseLockedError].some((type) => error instanceof type) ? (error as Error).message : error);
  process.exit(1);
});
