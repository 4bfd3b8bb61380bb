// `npm run bench:write`: writes, the change feed and subscriptions on PGlite in memory, with the four public
// datasets imported when ../shared/datasets holds them (seed only otherwise, said in the output):
//   - a cited write (an alias with its passage, linted in its transaction) over HTTP: p50 and p95 of 200;
//   - a page of 100 changes from a random place in the feed: p50 and p95 of 200;
//   - SUBSCRIBERS open subscriptions (Server-Sent Events) on one server: each of 5 writes delivered to all,
//     p50/p95/max from the write's start to each arrival, and the memory each subscription takes.
// Clients run in the same process as the server (2 cores in all): delivery times include the clients' work.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApiKey, keyVerifier } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createChangeHub } from '../src/history/events.js';
import { admissionControl } from '../src/http/answer-limits.js';
import { createApi } from '../src/http/yoga.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { datasetsAvailable, importDatasets } from './datasets.js';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 1000);
const WRITES = 200;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const db = await openDatabase({ kind: 'pglite-memory' });
await applyMigrations(db.scripts);
await loadSeed(db.prisma, dataset);
const imported = datasetsAvailable();
if (imported) await importDatasets(db);
const revisions = (await db.scripts.query<{ n: number }>('SELECT count(*)::int AS n FROM "Revision"'))[0]!.n;
const key = (await createApiKey(db.prisma, 'bench', 'EDITOR')).key;
const api = createApi({ db, logging: 'error', identify: keyVerifier(db.prisma), changes: createChangeHub() });
const server = createServer(admissionControl(api, { maxConcurrent: 256, maxQueuedBytes: 256e6, maxSubscriptions: SUBSCRIBERS + 10 }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

// One source whose text states every alias the writes add.
const names = Array.from({ length: WRITES + 20 }, (_, i) => `Bench Katiba ${i}`);
const source = await post(`mutation($input: CreateSourceInput!) { createSource(input: $input) { ... on CreateSourcePayload { source { id } } } }`, {
  input: { slug: 'bench-report', title: 'Bench report', kind: 'RESEARCH', text: names.map((n) => `Villagers also call JNIM ${n}.`).join(' ') },
});
const sourceId = source.createSource.source.id;
const jnim = (await post('{ organization(slug: "jnim") { id } }')).organization.id;
const WRITE = `mutation($input: AddOrganizationFactsInput!) { addOrganizationFacts(input: $input) { __typename ... on WriteError { code message } } }`;
const write = async (i: number) => {
  const data = await post(WRITE, { input: { organization: jnim, aliases: [{ name: names[i], kind: 'ALTERNATIVE_NAME', citations: [{ source: sourceId, quote: `Villagers also call JNIM ${names[i]}.` }] }] } });
  if (data.addOrganizationFacts.__typename !== 'OrganizationPayload') throw new Error(JSON.stringify(data));
};

for (let i = 0; i < 10; i++) await write(WRITES + i);
const writeTimes: number[] = [];
for (let i = 0; i < WRITES; i++) {
  const started = performance.now();
  await write(i);
  writeTimes.push(performance.now() - started);
}

const max = (await db.scripts.query<{ max: number }>('SELECT max(sequence)::float8 AS max FROM "Revision"'))[0]!.max;
const pageTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const after = String(Math.floor(Math.random() * Math.max(1, max - 100)));
  const started = performance.now();
  const page = await post('query($after: String) { changes(first: 100, after: $after) { edges { cursor node { sequence recordType operation after } } } }', { after });
  pageTimes.push(performance.now() - started);
  if (page.changes.edges.length === 0) throw new Error('empty page');
}

// Subscriptions.
globalThis.gc?.();
const before = process.memoryUsage();
const arrivals: number[][] = [];
const controllers: AbortController[] = [];
let current = -1;
let pending = 0;
let allIn: () => void = () => {};
const streams = Array.from({ length: SUBSCRIBERS }, async () => {
  const controller = new AbortController();
  controllers.push(controller);
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription { changes(types: ["Alias"]) { sequence } }' }), signal: controller.signal,
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (current >= 0 && decoder.decode(chunk).includes('"sequence"')) {
      arrivals[current]!.push(performance.now());
      if (--pending === 0) allIn();
    }
  }
});
await new Promise((r) => setTimeout(r, 3_000 + SUBSCRIBERS * 3));
globalThis.gc?.();
const after = process.memoryUsage();
const delivery: number[] = [];
for (let w = 0; w < 5; w++) {
  arrivals[w] = [];
  pending = SUBSCRIBERS;
  const done = new Promise<void>((resolve) => (allIn = resolve));
  current = w;
  const started = performance.now();
  await write(WRITES + 10 + w);
  await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
  delivery.push(...arrivals[w]!.map((t) => t - started));
  if (arrivals[w]!.length < SUBSCRIBERS) console.log(`write ${w}: only ${arrivals[w]!.length} of ${SUBSCRIBERS} subscribers heard it within 10 s`);
  current = -1;
}
for (const c of controllers) c.abort();
await Promise.allSettled(streams);

console.log(`node ${process.version}, PGlite in memory, ${imported ? 'seed and the four datasets imported' : 'seed only (no ../shared/datasets)'}, ${revisions} revisions held`);
console.log('| measure | p50 | p95 | aim |\n| --- | ---: | ---: | --- |');
console.log(`| cited write (alias + citation, linted, over HTTP), ${WRITES} | ${ms(quantile(writeTimes, 0.5))} | ${ms(quantile(writeTimes, 0.95))} | p95 < 50 ms |`);
console.log(`| page of 100 changes, 200 | ${ms(quantile(pageTimes, 0.5))} | ${ms(quantile(pageTimes, 0.95))} | < 20 ms |`);
console.log(`| event to ${SUBSCRIBERS} subscribers, 5 writes (max ${ms(Math.max(...delivery))}) | ${ms(quantile(delivery, 0.5))} | ${ms(quantile(delivery, 0.95))} | p95 < 1 s |`);
console.log(`memory per subscription (server and client in one process): ${((after.rss - before.rss) / SUBSCRIBERS / 1024).toFixed(1)} KB resident, ${((after.heapUsed - before.heapUsed) / SUBSCRIBERS / 1024).toFixed(1)} KB heap`);
const result = {
  date: new Date().toISOString(), node: process.version, database: 'pglite-memory', imported, revisions, subscribers: SUBSCRIBERS,
  writeMs: { p50: quantile(writeTimes, 0.5), p95: quantile(writeTimes, 0.95) },
  changesPageMs: { p50: quantile(pageTimes, 0.5), p95: quantile(pageTimes, 0.95) },
  deliveryMs: { p50: quantile(delivery, 0.5), p95: quantile(delivery, 0.95), max: Math.max(...delivery), delivered: delivery.length, expected: 5 * SUBSCRIBERS },
  perSubscriptionKB: { rss: (after.rss - before.rss) / SUBSCRIBERS / 1024, heap: (after.heapUsed - before.heapUsed) / SUBSCRIBERS / 1024 },
};
const file = `bench/results/${result.date.slice(0, 10)}-pglite-write.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`(${file})`);
server.closeAllConnections();
server.close();
await db.close();
