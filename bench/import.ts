// `npm run bench:import`: the whole public files of ../shared/datasets imported, in order, into a
// seeded database (PGlite in memory, or BENCH_DATABASE_URL's server PostgreSQL, which must be empty):
// seconds per file and what each import did. Says so and exits 0 when the datasets folder is absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDatabaseUrl } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { planAcled } from '../src/import/acled.js';
import { readImportFile } from '../src/import/file.js';
import { planGtd } from '../src/import/gtd.js';
import { planMmp } from '../src/import/mmp.js';
import { planUnList } from '../src/import/un-sc.js';
import { writePlan } from '../src/import/write.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';

const DATASETS = fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const FILES = [
  ['un-sc', 'un_sc_consolidated_2020-11-30.xml', planUnList, 'utf-8'],
  ['acled', 'acled_mali_2017-01-01_2020-12-31_monadic.csv', planAcled, 'utf-8'],
  ['mmp', 'mmp_group_key.csv', planMmp, 'utf-8'],
  ['mmp', 'mmp_relationships.csv', planMmp, 'utf-8'],
  ['gtd', 'gtd_0718dist_1970-1972_first_1209_events.csv', planGtd, 'latin1'],
] as const;

if (!FILES.every(([, name]) => existsSync(join(DATASETS, name)))) {
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
  for (const [format, name, plan, encoding] of FILES) {
    const started = performance.now();
    const file = readImportFile(join(DATASETS, name), encoding);
    const summary = await writePlan(db, file, format, plan(file), { progressTo: null });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`| ${format} | ${name} | ${seconds} | ${summary.lines().filter((l) => /^(Organization|Person|Incident|OrganizationRelation):/.test(l)).join('; ')} |`);
  }
} finally {
  await db.close();
}
