// `npm run seed:synthetic -- --scale S|M|L [--seed 42]`: migrates DATABASE_URL, loads the curated seed
// when the database is empty, then the synthetic graph of that scale (COPY, one transaction), and
// rebuilds the search index so the generated names are found. Exit 1 on a refusal, 2 on usage.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DatabaseLockedError } from '../db/lock.js';
import { applyMigrations } from '../db/migrate.js';
import { progress } from '../import/report.js';
import { rebuildSearchIndex } from '../search/indexer.js';
import { dataset } from './data/index.js';
import { loadSeed } from './load.js';
import { expectedRows, loadSynthetic, SCALES, SyntheticDataError, type Scale } from './synthetic.js';

const USAGE = 'Usage: npm run seed:synthetic -- --scale S|M|L [--seed 42] [--no-search-index]';

class UsageError extends Error {}

function options() {
  let values;
  try {
    ({ values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string', default: '42' }, 'no-search-index': { type: 'boolean', default: false } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const scale = values.scale?.toUpperCase();
  if (!scale || !(scale in SCALES)) throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')}.\n${USAGE}`);
  if (!/^\d{1,9}$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}".\n${USAGE}`);
  return { scale: scale as Scale, seed: Number(values.seed), searchIndex: !values['no-search-index'] };
}

async function main() {
  const args = options();
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await applyMigrations(db.scripts);
    const [held] = await db.scripts.query<{ n: number }>('SELECT count(*)::int AS n FROM "Organization"');
    if (held?.n === 0) await loadSeed(db.prisma, dataset);
    const bar = progress(`scale ${args.scale}, rows`, expectedRows(args.scale));
    let shown = 0;
    const summary = await loadSynthetic(db.scripts, {
      scale: args.scale,
      seed: args.seed,
      onProgress: (written) => {
        bar.tick(written - shown);
        shown = written;
      },
    });
    bar.done();
    const perTable = Object.entries(summary.rows).map(([t, c]) => `${t} ${c.toLocaleString('en')}`).join(', ');
    console.log(`Loaded ${summary.total.toLocaleString('en')} rows in ${summary.seconds.toFixed(1)} s (${Math.round(summary.total / summary.seconds).toLocaleString('en')} rows/s): ${perTable}.`);
    if (args.searchIndex) {
      const started = performance.now();
      const index = await rebuildSearchIndex(db.scripts);
      console.log(`Search index rebuilt: ${index.names.toLocaleString('en')} names, ${index.documents.toLocaleString('en')} texts in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    } else {
      console.log('Search index not rebuilt (--no-search-index): search and resolveEntity do not find the generated names.');
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error([SyntheticDataError, ConfigError, DatabaseLockedError].some((type) => error instanceof type) ? (error as Error).message : error);
  process.exit(1);
});
