// `npm run bench:import`: the whole public files of ../shared/datasets imported, in order, into a
// seeded database (PGlite in memory, or BENCH_DATABASE_URL's server PostgreSQL, which must be empty):
// seconds per file and what each import did. Says so and exits 0 when the datasets folder is absent.
import { parseDatabaseUrl } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { DATASETS, datasetsAvailable, importDatasets } from './datasets.js';

if (!datasetsAvailable()) {
  console.log(`bench:import skipped: the whole files are not in ${DATASETS}.`);
  process.exit(0);
}
const target = process.env.BENCH_DATABASE_URL ? parseDatabaseUrl(process.env.BENCH_DATABASE_URL) : ({ kind: 'pglite-memory' } as const);
const db = await openDatabase(target);
try {
  await applyMigrations(db.scripts);
  await loadSeed(db.prisma, dataset);
  console.log(`node ${process.version}, ${target.kind === 'postgres' ? 'server PostgreSQL' : 'PGlite in memory'}, seeded; each file in its own transaction, linted before commit\n`);
  console.log('| format | file | seconds | what it did |\n| --- | --- | ---: | --- |');
  await importDatasets(db, (format, name, seconds, summary) => {
    const done = summary.lines().filter((l) => /^(Organization|Person|Incident|OrganizationRelation):/.test(l)).join('; ');
    console.log(`| ${format} | ${name} | ${seconds.toFixed(1)} | ${done} |`);
  });
} finally {
  await db.close();
}
