// `npm run soak -- --db pglite|postgres [--seconds 60] [--connections 64] [--unread 200]`: the built server under a
// steady mix of operations (GraphiQL's example, nested coalitions, incident pages, search, stats) from
// 64 concurrent clients on loopback for 60 s. Passes when no answer is a 5xx and resident memory at the
// end is within 20% of that at 10 s; prints requests/s and p50/p95/p99. No response cache, no rate
// limit: every request reaches the database. With --unread N, N more clients send a large @defer
// operation and never read the answer (each replaced when the server closes it): the other clients may
// then get 503 OVERLOADED, never another 5xx, and the peak resident memory is reported.
// Needs `npm ci --prefix bench/peer` (autocannon).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { EXAMPLE_QUERY } from '../src/http/yoga.js';

const ROOT = new URL('..', import.meta.url).pathname;
const PEER = join(ROOT, 'bench', 'peer');
if (!existsSync(join(PEER, 'node_modules', 'autocannon'))) {
  console.error('soak needs the load generator: run `npm ci --prefix bench/peer` first.');
  process.exit(2);
}
const autocannon = createRequire(join(PEER, 'package.json'))('autocannon') as (o: object) => Promise<Result> & { on(e: 'response', f: (c: unknown, status: number) => void): void };
interface Result { requests: { total: number; average: number }; latency: { p50: number; p90: number; p99: number; p97_5: number; max: number }; non2xx: number; errors: number; timeouts: number }

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '64' }, unread: { type: 'string', default: '0' } } });
const UNREAD = Number(args.unread);
/** About half a megabyte of JSON from the seed, in @defer payloads. */
const UNREAD_OPERATION = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: organizations(first: 100) { edges { node { name ... @defer { summary ideology citations { quote locator source { title publisher description } } } } } }`).join(' ')} }`;
const SECONDS = Number(args.seconds);
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

const OPERATIONS = [
  EXAMPLE_QUERY,
  '{ organizations(first: 20, orderBy: NAME_ASC) { edges { node { name aliases { name } components { slug leaders { person { name } } } } } } }',
  '{ incidents(first: 50, orderBy: DATE_DESC) { totalCount edges { node { slug date { iso } perpetrators { organization { name } } citations { quote } } } } }',
  '{ search(query: "Jamaat Nosrat al-Islam", first: 5) { score entity { ... on Organization { slug } } } }',
  '{ incidentStats(groupBy: YEAR) { key count } }',
  '{ organization(slug: "jnim") { timeline(first: 50) { kind date { iso } } } }',
];

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

let databaseUrl: string;
let cleanup = async () => {};
if (args.db === 'postgres') {
  const name = `sahel_soak_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databaseUrl = `${SERVER_URL}/${name}`;
  cleanup = async () => {
    const a = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'sahel-soak-'));
  databaseUrl = `file:${dir}`;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

if (spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
const port = 4200 + Math.floor(Math.random() * 500);
const server = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/main.js'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'error',
    RATE_LIMIT_COST_PER_MINUTE: '0', RESPONSE_CACHE_TTL_SECONDS: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (let i = 0; !(await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)); i++) {
    if (server.exitCode !== null || i > 480) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  const requests = OPERATIONS.map((query) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }));
  const statuses = new Map<number, number>();
  let at10 = NaN;
  const sampler = setTimeout(() => (at10 = rssMb(server.pid!)), 10_000);
  // Clients that never read: each sends its operation, then nothing; replaced once the server closes it.
  const unread = new Set<Socket>();
  let unreadOpened = 0;
  let stopUnread = false;
  let peak = 0;
  const openUnread = () => {
    if (stopUnread) return;
    const body = JSON.stringify({ query: UNREAD_OPERATION });
    const socket = connect(port, '127.0.0.1', () => {
      socket.pause();
      socket.write(`POST /graphql HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\nAccept: multipart/mixed\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    unreadOpened++;
    unread.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      unread.delete(socket);
      openUnread();
    });
  };
  for (let i = 0; i < UNREAD; i++) openUnread();
  // A paused socket sees no close: each is read from once in a while, so that a closed one is noticed.
  const poll = setInterval(() => {
    peak = Math.max(peak, rssMb(server.pid!));
    for (const socket of unread) if (socket.readableLength === 0) socket.read(0);
  }, 1_000);
  const run = autocannon({ url: `http://127.0.0.1:${port}/graphql`, connections: Number(args.connections), duration: SECONDS, requests });
  run.on('response', (_c, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  const result = await run;
  clearTimeout(sampler);
  clearInterval(poll);
  stopUnread = true;
  for (const socket of unread) socket.destroy();
  const atEnd = rssMb(server.pid!);
  // With clients that never read, 503 OVERLOADED is the answer the server owes the others past its limits.
  const errors5xx = [...statuses].filter(([s]) => s >= 500 && !(UNREAD > 0 && s === 503)).reduce((n, [, c]) => n + c, 0);
  const alive = server.exitCode === null && (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false));
  console.log(`soak on ${args.db === 'postgres' ? 'server PostgreSQL' : 'PGlite'}, ${args.connections} connections, ${SECONDS} s, ${OPERATIONS.length} operations in turn (${new Date().toISOString().slice(0, 10)}):`);
  console.log(`  ${(result.requests.total / SECONDS).toFixed(0)} req/s, p50 ${result.latency.p50} / p90 ${result.latency.p90} / p99 ${result.latency.p99} / max ${result.latency.max} ms`);
  console.log(`  statuses: ${[...statuses].map(([s, c]) => `${s} × ${c}`).join(', ')}; connection errors ${result.errors}, timeouts ${result.timeouts}`);
  console.log(`  resident memory: ${at10} MB at 10 s, ${atEnd} MB at the end (${((atEnd / at10 - 1) * 100).toFixed(1)}%)`);
  if (UNREAD > 0) console.log(`  clients that never read: ${UNREAD} at a time, ${unreadOpened} opened in all (one is replaced when it notices the server closed it); peak resident memory ${peak} MB`);
  const ok = errors5xx === 0 && result.errors === 0 && result.timeouts === 0 && alive && atEnd <= at10 * 1.2;
  console.log(ok ? 'passed: no 5xx, the server stayed up, memory within 20%.' : 'FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await cleanup();
}
