// `npm run bench`: latency (p50/p95) and SQL statements per operation, through Yoga in process,
// on the seed plus a generated graph of 100 coalitions (500 organizations, 400 leaders); with
// BENCH_IMPORTED=1, also the whole files of ../shared/datasets imported (UN list, ACLED, MMP, GTD).
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { createApi } from '../src/http/yoga.js';
import { datasetsAvailable, importDatasets } from './datasets.js';
import { README_OPERATIONS } from './operations.js';
import { syntheticDataset } from './synthetic-graph.js';

const IMPORTED = process.env.BENCH_IMPORTED === '1';
if (IMPORTED && !datasetsAvailable()) throw new Error('BENCH_IMPORTED=1 needs the whole files in ../shared/datasets.');

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;

const operations = README_OPERATIONS;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Two identical databases: statement counting (Prisma query events) costs about 2 ms a query,
// so latency is measured on a database opened without it.
async function prepare(logQueries: boolean) {
  const db = await openDatabase({ kind: 'pglite-memory' }, { logQueries });
  await applyMigrations(db.scripts);
  await loadSeed(db.prisma, dataset);
  await loadSeed(db.prisma, syntheticDataset(100));
  if (IMPORTED) await importDatasets(db);
  return { db, api: createApi({ db, logging: 'error' }) };
}
const timed = await prepare(false);
const counted = await prepare(true);

async function run(query: string, api = timed.api) {
  const response = await api.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

console.log(`node ${process.version}, PGlite in memory${IMPORTED ? ', with the imported datasets' : ''}, ${ITERATIONS} runs per operation after ${WARMUP} warm-up runs\n`);
console.log('| operation | SQL statements | p50 ms | p95 ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, query] of Object.entries(operations)) {
  for (let i = 0; i < WARMUP; i++) await run(query);
  let statements = 0;
  const stop = counted.db.onQuery(() => statements++);
  await run(query, counted.api);
  stop();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await run(query);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${statements} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
}
await Promise.all([timed.db.close(), counted.db.close()]);
