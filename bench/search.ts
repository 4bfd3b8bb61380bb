// `npm run bench:search`: latency p50/p95 of `search` and `resolveEntity` through GraphQL, on the seed
// and on the seed plus a synthetic corpus of 100,000 aliases.
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { createApi } from '../src/yoga.js';
import { labelledQueries } from '../test/search-quality.fixture.js';
import { bulkLoad, random, searchCorpus } from './search-corpus.js';

// 11,112 organizations x 9 aliases = 100,008 aliases (111,120 names with the canonical ones).
const ORGANIZATIONS = Number(process.env.BENCH_CORPUS_ORGANIZATIONS ?? 11_112);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);

const SEARCH = `query($q: String!) { search(query: $q, first: 10) { score matchKind matchedText entity { __typename ... on Organization { slug } ... on Person { slug } } } }`;
const RESOLVE = `query($q: String!) { resolveEntity(name: $q) { match { score } candidates { score matchKind explanation entity { ... on Organization { slug } ... on Person { slug } } } } }`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Corpus names as users mistype them: a dropped letter, a swapped word, lower case, a prefix. */
function perturb(name: string, rnd: () => number): string {
  const r = rnd();
  if (r < 0.25) return name.toLowerCase();
  if (r < 0.5) {
    const at = 1 + Math.floor(rnd() * (name.length - 2));
    return name.slice(0, at) + name.slice(at + 1);
  }
  if (r < 0.75) return name.split(' ').reverse().join(' ');
  return name.slice(0, Math.max(3, Math.floor(name.length / 2)));
}

async function measure(db: Database, label: string, queries: string[]) {
  const api = createApi({ db, logging: 'error' });
  const run = async (query: string, q: string) => {
    const response = await api.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { q } }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  for (const [name, operation] of [['search', SEARCH], ['resolveEntity', RESOLVE]] as const) {
    for (const q of queries.slice(0, 30)) await run(operation, q);
    const times: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      await run(operation, q);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${name} | ${queries.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
}

// BENCH_DATABASE_URL=postgresql://... measures a server PostgreSQL instead (an empty database: it is filled).
const serverUrl = process.env.BENCH_DATABASE_URL;
const db = await openDatabase(serverUrl ? { kind: 'postgres', url: serverUrl } : { kind: 'pglite-memory' });
await applyMigrations(db.scripts);
await loadSeed(db.prisma, dataset);
const seedQueries = labelledQueries.map((q) => q.query);

console.log(`node ${process.version}, ${serverUrl ? 'server PostgreSQL' : 'PGlite in memory'}, one query at a time; queries through Yoga in process\n`);
console.log('| corpus | operation | queries | p50 ms | p95 ms |');
console.log('| --- | --- | ---: | ---: | ---: |');
await measure(db, 'seed', seedQueries);

const started = performance.now();
const corpus = searchCorpus(ORGANIZATIONS);
await bulkLoad(db, corpus);
await db.scripts.query('VACUUM ANALYZE');
const names = await db.prisma.searchName.count();
const rnd = random(7);
const corpusQueries = Array.from({ length: QUERIES }, (_, i) => (i % 3 === 0 ? seedQueries[i % seedQueries.length]! : perturb(corpus.names[Math.floor(rnd() * corpus.names.length)]!, rnd)));
await measure(db, `seed + ${corpus.aliases.length.toLocaleString('en')} aliases (${names.toLocaleString('en')} names indexed)`, corpusQueries);
console.log(`\ncorpus built and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await db.close();
